#include "normalise/paragraphs.hpp"

#include "ingest/utf8.hpp"

namespace sendscan {
namespace {

// Lines at least this long that stop without a sentence end were wrapped by the writer.
constexpr std::size_t kWrappedLineBytes = 60;

bool EndsSentence(std::string_view line) {
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty()) return true;
  char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ')' || last == '"') {
    return true;
  }
  // Closing curly quotes end a quoted sentence: ” (E2 80 9D) and ’ (E2 80 99).
  return line.size() >= 3 && line.substr(line.size() - 3, 2) == "\xE2\x80" &&
         (line.back() == '\x9D' || line.back() == '\x99');
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

bool StartsList(std::string_view line) {
  line = TrimLeft(line);
  if (line.empty()) return false;
  for (std::string_view bullet : {"\xE2\x80\xA2", "\xE2\x97\xBC", "\xE2\x96\xAA", "\xE2\x97\x8F",
                                  "\xC2\xB7", "- ", "* ", "\xE2\x80\x93 "}) {
    if (line.substr(0, bullet.size()) == bullet) return true;
  }
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits < 3 && digits + 1 < line.size() &&
         (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ';
}

bool StartsLowercase(std::string_view line) {
  line = TrimLeft(line);
  return !line.empty() && line.front() >= 'a' && line.front() <= 'z';
}

// Cuts `text` into pieces of at most `max_bytes`, preferring ". " then " " as cut points.
void AppendCut(std::string text, bool heading, std::size_t max_bytes,
               std::vector<ParagraphText>& out) {
  std::string_view rest = text;
  while (rest.size() > max_bytes) {
    std::size_t cut = rest.rfind(". ", max_bytes);
    if (cut == std::string_view::npos || cut < max_bytes / 2) cut = rest.rfind(' ', max_bytes);
    else cut += 1;
    if (cut == std::string_view::npos || cut == 0) cut = Utf8CutPoint(rest, max_bytes);
    if (cut == 0) cut = max_bytes;
    out.push_back({CollapseSpaces(rest.substr(0, cut)), heading});
    rest.remove_prefix(cut);
  }
  std::string last = CollapseSpaces(rest);
  if (!last.empty()) out.push_back({std::move(last), heading});
}

}  // namespace

std::string CollapseSpaces(std::string_view text) {
  bool clean = !text.empty() && text.front() != ' ' && text.back() != ' ' &&
               text.find('\n') == std::string_view::npos &&
               text.find("  ") == std::string_view::npos;
  if (clean) return std::string(text);  // the usual case, at memchr speed
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool IsWrappedLine(std::string_view before, std::string_view after) {
  if (StartsList(after) || EndsSentence(before)) return false;
  return StartsLowercase(after) || TrimLeft(before).size() >= kWrappedLineBytes;
}

std::vector<ParagraphText> SplitBlock(const Block& block, std::size_t max_bytes,
                                      bool hard_breaks) {
  std::vector<ParagraphText> out;
  const bool heading = block.type == Block::Type::kHeading;
  std::string_view text = block.text;
  std::string current;
  std::string_view previous;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    bool blank = line.find_first_not_of(' ') == std::string_view::npos;
    if (blank || (!current.empty() && (hard_breaks || !IsWrappedLine(previous, line)))) {
      AppendCut(std::move(current), heading, max_bytes, out);
      current.clear();
    }
    if (!blank) {
      if (!current.empty()) current.push_back(' ');
      current.append(line);
      previous = line;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  AppendCut(std::move(current), heading, max_bytes, out);
  return out;
}

}  // namespace sendscan
