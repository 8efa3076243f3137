// Plain-text reader: blocks between blank lines; the news-crawl " date YYYY-MM-DD " prefix
// becomes a published-date hint.
#include <cctype>

#include "ingest/readers.hpp"

namespace sendscan {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// " date 2020-01-16 First words..." -> hint "2020-01-16", text "First words...".
std::string_view TakeCrawlDatePrefix(std::string_view text, MetadataHints& hints) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.substr(i, 5) != "date ") return text;
  std::string_view date = text.substr(i + 5, 10);
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !IsDigit(date[0]) ||
      !IsDigit(date[9])) {
    return text;
  }
  hints.published = std::string(date);
  text.remove_prefix(std::min(text.size(), i + 15));
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

bool IsBlankLine(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f') return false;
  }
  return true;
}

}  // namespace

Status ReadTextBlocks(std::string_view utf8, RawDocument& doc) {
  std::string_view text = TakeCrawlDatePrefix(utf8, doc.hints);
  std::string block;
  auto flush = [&] {
    if (!block.empty()) doc.blocks.push_back({Block::Type::kParagraph, std::move(block)});
    block.clear();
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    if (IsBlankLine(line)) {
      flush();
    } else {
      if (!block.empty()) block.push_back('\n');
      block.append(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return Status::Ok();
}

}  // namespace sendscan
