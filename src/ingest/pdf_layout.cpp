// Layout rules for text taken from PDF pages: running lines, hyphenation at line ends, paragraphs,
// headings and list items. Works on UTF-8 bytes; the character classes it needs (spaces, dashes,
// bullets, quotes, Latin letters) are recognised by their byte sequences.
#include "ingest/pdf_layout.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <utility>

#include "ingest/ascii.hpp"

namespace sendscan::pdf {
namespace {

// Word parts before a hyphen that usually make a real compound in SEND letters ("co-production",
// "non-verbal", "self-evaluation", "multi-agency", "well-being", "year-long"): a line-end hyphen
// after one of them is kept unless the document spells the joined word elsewhere. The price is a
// typesetter's "sub-" / "ject" kept hyphenated when "subject" occurs nowhere else in the text.
constexpr std::array<std::string_view, 24> kCompoundPrefixes = {
    "co",    "non",   "pre",  "post",  "re",   "self",  "multi", "anti",
    "cross", "well",  "long", "short", "full", "part",  "high",  "low",
    "sub",   "inter", "over", "under", "year", "month", "week",  "day"};

// Openings and closings of a letter: short, capitalised and unpunctuated like a heading, but
// never one.
constexpr std::array<std::string_view, 6> kLetterFormulas = {
    "dear ", "yours ", "kind regards", "best wishes", "regards", "with best wishes"};

// List markers that are never running text, so they start an item wherever they stand: bullet
// glyphs, and the private-use Symbol-font bullets Word PDFs often carry (U+F0B7, U+F0A7).
constexpr std::array<std::string_view, 12> kBulletGlyphs = {"\u2022", "\u25FC", "\u25AA", "\u25CF",
                                                            "\u25E6", "\u25A0", "\u2023", "\u25CB",
                                                            "\u2043", "\u27A2", "\uF0B7", "\uF0A7"};

// Dashes that may frame a page number ("- 3 -", "– 3 –").
constexpr std::array<std::string_view, 3> kDashes = {"-", "\u2013", "\u2014"};

// Closing and opening punctuation skipped when looking at how a line ends or starts.
constexpr std::array<std::string_view, 6> kClosers = {"\"", "'", ")", "]", "\u201D", "\u2019"};
constexpr std::array<std::string_view, 6> kOpeners = {"\"", "'", "(", "[", "\u201C", "\u2018"};

constexpr std::string_view kSoftHyphen = "\u00AD";
constexpr std::string_view kNoBreakSpace = "\u00A0";
constexpr std::string_view kEllipsis = "\u2026";
constexpr std::string_view kEnDash = "\u2013";

// A line shorter than this share of the typical line length did not wrap: the writer ended it.
constexpr double kShortLineRatio = 0.6;
// Headings are short phrases, not sentences that happen to lack a full stop.
constexpr std::size_t kMaxHeadingWords = 12;

// ---- small string helpers ----

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Case-insensitive `word` at the start of `s`, not followed by a letter.
bool StartsWithWord(std::string_view s, std::string_view word) {
  if (s.size() < word.size() || AsciiLowerCopy(s.substr(0, word.size())) != word) return false;
  return s.size() == word.size() || !IsAsciiAlpha(s[word.size()]);
}

// Characters, not bytes: line lengths are compared, and a line of curly quotes is no longer.
std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Trimmed, with every run of spaces, tabs and no-break spaces made one space: physical layout
// pads justified and indented text with spaces that mean nothing once lines are joined.
std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, kNoBreakSpace.size()) == kNoBreakSpace) {
      i += kNoBreakSpace.size() - 1;
      pending_space = true;
      continue;
    }
    if (IsSpace(s[i])) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += s[i];
  }
  return out;
}

std::size_t CountDigits(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && IsAsciiDigit(s[n])) ++n;
  return n;
}

// `s` without one of `marks` at its start (or end); unchanged when none is there.
template <std::size_t N>
std::string_view DropLeading(std::string_view s, const std::array<std::string_view, N>& marks) {
  for (std::string_view m : marks) {
    if (StartsWith(s, m)) return s.substr(m.size());
  }
  return s;
}
template <std::size_t N>
std::string_view DropTrailing(std::string_view s, const std::array<std::string_view, N>& marks) {
  for (std::string_view m : marks) {
    if (EndsWith(s, m)) return s.substr(0, s.size() - m.size());
  }
  return s;
}

// ---- letter case and punctuation at line edges ----

enum class Case { kUpper, kLower, kOther };

// The case of the first letter-or-other character after opening quotes and brackets. Knows
// ASCII and the Latin-1 letters (U+00C0..U+00FF), which covers English and names in it.
Case FirstCase(std::string_view line) {
  std::string_view s = line;
  for (std::string_view before; before != s;) {
    before = s;
    s = DropLeading(s, kOpeners);
  }
  if (s.empty()) return Case::kOther;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) {
    if (std::isupper(c)) return Case::kUpper;
    return std::islower(c) ? Case::kLower : Case::kOther;
  }
  if (c != 0xC3 || s.size() < 2) return Case::kOther;
  const auto d = static_cast<unsigned char>(s[1]);
  if (d >= 0x80 && d <= 0x9E && d != 0x97) return Case::kUpper;
  if (d >= 0x9F && d <= 0xBF && d != 0xB7) return Case::kLower;
  return Case::kOther;
}

bool StartsUpper(std::string_view line) { return FirstCase(line) == Case::kUpper; }
bool StartsLower(std::string_view line) { return FirstCase(line) == Case::kLower; }

// `line` without closing quotes and brackets at its end.
std::string_view WithoutClosers(std::string_view line) {
  std::string_view s = line;
  for (std::string_view before; before != s;) {
    before = s;
    s = DropTrailing(s, kClosers);
  }
  return s;
}

bool EndsSentence(std::string_view line) {
  const std::string_view s = WithoutClosers(line);
  if (s.empty()) return false;
  return s.back() == '.' || s.back() == '!' || s.back() == '?' || EndsWith(s, kEllipsis);
}

bool EndsWithAnyOf(std::string_view line, std::string_view chars) {
  return !line.empty() && chars.find(line.back()) != std::string_view::npos;
}

std::size_t WordCount(std::string_view line) {
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
}

// A run of four digits: a date line ("Tuesday, 14 May 2024") sits where headings do.
bool HasYear(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (CountDigits(line.substr(i)) == 4 && (i == 0 || !IsAsciiDigit(line[i - 1]))) return true;
  }
  return false;
}

bool StartsWithLetterFormula(std::string_view line) {
  const std::string low = AsciiLowerCopy(line.substr(0, 20));
  return std::any_of(kLetterFormulas.begin(), kLetterFormulas.end(),
                     [&](std::string_view f) { return StartsWith(low, f); });
}

// ---- list markers ----

// Byte length of a bullet glyph and the spaces after it at the start of `line`, or 0.
std::size_t GlyphMarkerLength(std::string_view line) {
  for (std::string_view g : kBulletGlyphs) {
    if (StartsWith(line, g)) {
      std::size_t n = g.size();
      while (n < line.size() && line[n] == ' ') ++n;
      return n;
    }
  }
  return 0;
}

// Byte length of a marker that can also be running text ("-", "*", "o", "1.", "12)", "(a)",
// "b)") plus the space that must follow it, or 0.
std::size_t PlainMarkerLength(std::string_view line) {
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const std::size_t digits = CountDigits(line);
  std::size_t n = 0;
  if (line[0] == '-' || line[0] == '*' || line[0] == 'o') {
    n = 1;
  } else if (StartsWith(line, kEnDash)) {
    n = kEnDash.size();
  } else if (digits >= 1 && digits <= 2 && digits < line.size()) {
    n = line[digits] == '.' || line[digits] == ')' ? digits + 1 : 0;
  } else if (line.size() > 2 && lower(line[0]) && line[1] == ')') {
    n = 2;
  } else if (line.size() > 3 && line[0] == '(' && line[2] == ')' &&
             (IsAsciiDigit(line[1]) || lower(line[1]))) {
    n = 3;
  }
  if (n == 0 || n >= line.size() || line[n] != ' ') return 0;
  return n + 1;
}

// Whether `line` starts with a bullet rather than a number or letter.
bool IsBulletMarker(std::string_view line) {
  return GlyphMarkerLength(line) > 0 || line[0] == '-' || line[0] == '*' || line[0] == 'o' ||
         StartsWith(line, kEnDash);
}

// Byte length of the list marker (and following space) that starts `line`, or 0.
// `plain_allowed` says whether an ambiguous marker may start an item here: "- the" in the middle
// of a wrapped sentence is a dash, not a bullet.
std::size_t ListMarkerLength(std::string_view line, bool plain_allowed) {
  if (line.empty()) return 0;
  if (const std::size_t n = GlyphMarkerLength(line); n > 0) return n;
  return plain_allowed ? PlainMarkerLength(line) : 0;
}

// ---- running headers and footers ----

// Indices of the first (top, downwards) and last (bottom, upwards) non-blank lines of a page.
struct Zones {
  std::vector<std::size_t> top;
  std::vector<std::size_t> bottom;
};

Zones FindZones(const PageLines& page) {
  std::vector<std::size_t> filled;
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (!Trim(page[i]).empty()) filled.push_back(i);
  }
  const std::size_t n = std::min(kHeaderFooterZone, filled.size());
  Zones z;
  z.top.assign(filled.begin(), filled.begin() + static_cast<std::ptrdiff_t>(n));
  z.bottom.assign(filled.rbegin(), filled.rbegin() + static_cast<std::ptrdiff_t>(n));
  return z;
}

// A page number standing beside footer or header text is cut off the page's edge lines only:
// further in, "... Act  2014" may be a body line that happens to end in a number.
void StripEdgePageNumbers(PageLines& page) {
  const Zones z = FindZones(page);
  if (z.top.empty()) return;
  page[z.top.front()] = StripPageNumberPart(page[z.top.front()]);
  page[z.bottom.front()] = StripPageNumberPart(page[z.bottom.front()]);
}

// How many pages have each key in their header/footer zones (once per page).
std::map<std::string, std::size_t> CountZoneKeys(const std::vector<PageLines>& pages,
                                                 const std::vector<Zones>& zones) {
  std::map<std::string, std::size_t> counts;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<std::string> keys;
    for (const auto* list : {&zones[p].top, &zones[p].bottom}) {
      for (std::size_t i : *list) keys.push_back(RunningLineKey(pages[p][i]));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const std::string& k : keys) ++counts[k];
  }
  return counts;
}

// Marks the lines of one zone to drop: page numbers, and the first line of each running key
// not yet dropped on this page (`dropped_keys`; on a short page the zones overlap).
void MarkZone(const PageLines& page, const std::vector<std::size_t>& zone,
              const std::map<std::string, std::size_t>& counts, std::size_t min_pages,
              std::vector<bool>& drop, std::vector<std::string>& dropped_keys) {
  for (std::size_t i : zone) {
    if (drop[i]) continue;
    if (IsPageNumber(page[i])) {
      drop[i] = true;
      continue;
    }
    std::string key = RunningLineKey(page[i]);
    const auto it = counts.find(key);
    const bool running = it != counts.end() && it->second >= min_pages;
    if (running && std::find(dropped_keys.begin(), dropped_keys.end(), key) == dropped_keys.end()) {
      drop[i] = true;
      dropped_keys.push_back(std::move(key));
    }
  }
}

// ---- hyphenation ----

// Number of ASCII letters before a final '-' of `text` ("...fami-" -> 4), or 0 when `text` does
// not end in a hyphen after a letter.
std::size_t HyphenatedHeadLength(std::string_view text) {
  if (text.size() < 2 || text.back() != '-') return 0;
  std::size_t n = 0;
  while (n + 1 < text.size() && IsAsciiAlpha(text[text.size() - 2 - n])) ++n;
  return n;
}

std::string_view LeadingLetters(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && IsAsciiAlpha(s[n])) ++n;
  return s.substr(0, n);
}

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}

void AddWords(std::string_view line, WordSet& words) {
  std::string word;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    const bool inner_hyphen = i < line.size() && line[i] == '-' && !word.empty() &&
                              i + 1 < line.size() && IsWordByte(line[i + 1]);
    if (i < line.size() && (IsWordByte(line[i]) || inner_hyphen)) {
      word += AsciiLower(line[i]);
    } else if (!word.empty()) {
      words.insert(std::move(word));
      word.clear();
    }
  }
}

// ---- paragraphs ----

// A non-blank line of the document with what came before it.
struct Line {
  std::string text;         // spaces collapsed
  bool gap_before = false;  // a vertical gap on the same page above it
  bool page_start = false;  // the first line of a page after the first page with text
};

std::vector<Line> FlattenLines(const std::vector<PageLines>& pages) {
  std::vector<Line> out;
  for (const PageLines& page : pages) {
    bool gap = false;
    bool first_on_page = true;
    for (const std::string& raw : page) {
      std::string text = CollapseSpaces(raw);
      if (text.empty()) {
        gap = true;
        continue;
      }
      out.push_back({std::move(text), gap && !first_on_page, first_on_page && !out.empty()});
      gap = false;
      first_on_page = false;
    }
  }
  return out;
}

// The length (in characters) of a full line: the 80th percentile, because the last line of each
// paragraph and every address line is short, while outliers sit above it.
std::size_t TypicalLength(const std::vector<Line>& lines) {
  std::vector<std::size_t> lengths;
  for (const Line& l : lines) lengths.push_back(CodePoints(l.text));
  std::sort(lengths.begin(), lengths.end());
  return lengths.empty() ? 0 : lengths[std::min(lengths.size() - 1, lengths.size() * 8 / 10)];
}

// What the paragraph rules need to know about the document as a whole.
struct Context {
  std::size_t typical = 0;
  WordSet words;

  bool IsShort(std::string_view line) const {
    return static_cast<double>(CodePoints(line)) < kShortLineRatio * static_cast<double>(typical);
  }

  bool LooksLikeHeading(std::string_view line) const {
    // Starting with a capital letter itself: a line opening with a quote mark is speech.
    const bool opens_with_quote = DropLeading(line, kOpeners).size() != line.size();
    return IsShort(line) && StartsUpper(line) && !opens_with_quote &&
           !EndsWithAnyOf(line, ".,;:!?-") && !EndsWith(line, kEllipsis) &&
           WordCount(line) <= kMaxHeadingWords && !StartsWithLetterFormula(line) && !HasYear(line);
  }
};

// A block being built, with what the rules need to know about its lines.
struct Draft {
  Block block;
  std::string first_line;  // as read, marker included
  std::string last_line;
  std::size_t lines = 0;
};

// Whether a paragraph cut by a page break goes on with `next`, the next page's first line.
bool ContinuesAcrossPage(std::string_view last, std::string_view next, const Context& ctx) {
  if (EndsSentence(last)) return false;
  if (StartsLower(next)) return true;
  // A full-width line that ends mid-sentence wrapped; "Care Quality" / "Commission" still goes on.
  return !ctx.IsShort(last) && !ctx.LooksLikeHeading(next);
}

// Whether `line` (not a list item) starts a new block rather than continuing `draft`.
bool StartsNewBlock(const Draft& draft, const Line& line, const Context& ctx) {
  const std::string& prev = draft.last_line;
  if (draft.block.text.empty()) return false;  // a bullet alone on its line takes the next one
  if (line.page_start) return !ContinuesAcrossPage(prev, line.text, ctx);
  if (line.gap_before) return true;
  if (!ctx.IsShort(prev)) return false;  // the previous line wrapped
  if (draft.block.type == Block::Type::kListItem) return true;
  if (EndsSentence(prev) && StartsUpper(line.text)) return true;
  // A heading set directly above its text, without a gap.
  return draft.lines == 1 && ctx.LooksLikeHeading(prev) && !ctx.IsShort(line.text) &&
         StartsUpper(line.text);
}

// Whether an ambiguous list marker ("-", "1.") at the start of `line` may open an item: only
// where a new block could start anyway, or inside a list.
bool PlainMarkerAllowed(const Draft* draft, const Line& line, const Context& ctx) {
  if (draft == nullptr || line.gap_before || line.page_start) return true;
  const std::string& prev = draft->last_line;
  return draft->block.type == Block::Type::kListItem || ctx.IsShort(prev) || EndsSentence(prev) ||
         EndsWithAnyOf(prev, ":;");
}

// Starts a block at `line`; `marker` is the length of its list marker, or 0. A bullet is
// decoration and goes; a number ("3.") may be cited ("see paragraph 3") and stays.
void StartDraft(std::vector<Draft>& drafts, const Line& line, std::size_t marker) {
  Draft d;
  d.block.type = marker > 0 ? Block::Type::kListItem : Block::Type::kParagraph;
  const bool numbered = marker > 0 && !IsBulletMarker(line.text);
  d.block.text = std::string(Trim(std::string_view(line.text).substr(numbered ? 0 : marker)));
  d.first_line = line.text;
  d.last_line = line.text;
  d.lines = 1;
  drafts.push_back(std::move(d));
}

void ContinueDraft(Draft& draft, const Line& line, const Context& ctx) {
  const char separator = ctx.IsShort(draft.last_line) ? '\n' : ' ';
  AppendLine(draft.block.text, line.text, separator, ctx.words);
  draft.last_line = line.text;
  ++draft.lines;
}

// Whether `d` is running text or a list: what follows a heading. A long line of an address
// ("Director of Children's Services, Stockport Metropolitan Borough Council") is neither: running
// text wraps or ends a sentence.
bool IsBody(const Draft& d, const Context& ctx) {
  if (d.block.type == Block::Type::kListItem) return true;
  if (ctx.IsShort(d.first_line)) return false;
  return d.lines >= 2 || EndsSentence(d.block.text) || EndsWithAnyOf(d.block.text, ":");
}

// A one-line paragraph that looks like a heading is one when running text or a list follows it;
// a run of short lines (an address, a signature) is not a heading each.
void MarkHeadings(std::vector<Draft>& drafts, const Context& ctx) {
  for (std::size_t i = 0; i + 1 < drafts.size(); ++i) {
    Draft& d = drafts[i];
    if (d.block.type == Block::Type::kParagraph && d.lines == 1 &&
        ctx.LooksLikeHeading(d.block.text) && IsBody(drafts[i + 1], ctx)) {
      d.block.type = Block::Type::kHeading;
    }
  }
}

}  // namespace

PageLines SplitPageLines(std::string_view page_text) {
  PageLines lines;
  std::string current;
  for (const char c : page_text) {
    if (c == '\n') {
      lines.push_back(std::move(current));
      current.clear();
    } else if (c != '\r' && c != '\f') {
      current += c;
    }
  }
  if (!current.empty()) lines.push_back(std::move(current));
  for (std::string& line : lines) {
    while (!line.empty() && IsSpace(line.back())) line.pop_back();
  }
  return lines;
}

bool IsPageNumber(std::string_view line) {
  std::string_view s = Trim(line);
  const std::string_view undashed = DropTrailing(DropLeading(s, kDashes), kDashes);
  if (undashed.size() + 2 <= s.size()) s = Trim(undashed);  // both dashes were there
  if (StartsWithWord(s, "page")) s = Trim(s.substr(4));
  std::size_t n = CountDigits(s);
  if (n == 0 || n > 4) return false;
  s = Trim(s.substr(n));
  if (s.empty()) return true;
  if (s.front() == '/') {
    s = Trim(s.substr(1));
  } else if (StartsWithWord(s, "of")) {
    s = Trim(s.substr(2));
  } else {
    return false;
  }
  n = CountDigits(s);
  return n > 0 && n <= 4 && n == s.size();
}

std::string StripPageNumberPart(std::string_view line) {
  const std::string_view s = Trim(line);
  if (IsPageNumber(s)) return {};
  // A part set apart by a wide gap: physical layout keeps the horizontal space between them.
  constexpr std::string_view kGap = "   ";
  if (const std::size_t last_gap = s.rfind(kGap);
      last_gap != std::string_view::npos && IsPageNumber(s.substr(last_gap))) {
    return std::string(Trim(s.substr(0, last_gap)));
  }
  if (const std::size_t first_gap = s.find(kGap);
      first_gap != std::string_view::npos && IsPageNumber(s.substr(0, first_gap))) {
    return std::string(Trim(s.substr(first_gap)));
  }
  // "... inspection Page 2 of 5": the word "Page" marks the number even after a single space.
  const std::string low = AsciiLowerCopy(s);
  for (std::size_t p = low.rfind(" page"); p != std::string::npos && p > 0;
       p = low.rfind(" page", p - 1)) {
    if (IsPageNumber(s.substr(p))) return std::string(Trim(s.substr(0, p)));
  }
  return std::string(s);
}

std::string RunningLineKey(std::string_view line) {
  std::string key;
  for (const char c : CollapseSpaces(line)) {
    if (IsAsciiDigit(c)) {
      if (key.empty() || key.back() != '#') key += '#';
    } else {
      key += AsciiLower(c);
    }
  }
  return key;
}

void DropRunningLines(std::vector<PageLines>& pages) {
  for (PageLines& page : pages) StripEdgePageNumbers(page);
  std::vector<Zones> zones;
  for (const PageLines& page : pages) zones.push_back(FindZones(page));
  const auto counts = CountZoneKeys(pages, zones);
  // At least half of the pages, and at least 2: a line on one page only is never "running".
  const std::size_t min_pages =
      pages.size() < 2 ? SIZE_MAX : std::max<std::size_t>(2, (pages.size() + 1) / 2);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<bool> drop(pages[p].size(), false);
    std::vector<std::string> dropped_keys;
    MarkZone(pages[p], zones[p].top, counts, min_pages, drop, dropped_keys);
    MarkZone(pages[p], zones[p].bottom, counts, min_pages, drop, dropped_keys);
    PageLines kept;
    for (std::size_t i = 0; i < pages[p].size(); ++i) {
      if (!drop[i]) kept.push_back(std::move(pages[p][i]));
    }
    pages[p] = std::move(kept);
  }
}

WordSet CollectWords(const std::vector<PageLines>& pages) {
  WordSet words;
  for (const PageLines& page : pages) {
    for (const std::string& line : page) AddWords(line, words);
  }
  return words;
}

bool KeepLineEndHyphen(std::string_view head, std::string_view tail, const WordSet& words) {
  if (tail.empty() || !std::islower(static_cast<unsigned char>(tail[0]))) return true;
  const std::string h = AsciiLowerCopy(head);
  const std::string t = AsciiLowerCopy(tail);
  if (words.count(h + "-" + t) > 0) return true;
  if (words.count(h + t) > 0) return false;
  if (h.size() <= 2) return true;
  return std::find(kCompoundPrefixes.begin(), kCompoundPrefixes.end(), h) !=
         kCompoundPrefixes.end();
}

void AppendLine(std::string& text, std::string_view next, char separator, const WordSet& words) {
  if (text.empty()) {
    text.assign(next);
    return;
  }
  if (EndsWith(text, kSoftHyphen)) {  // a hyphen the typesetter marked as its own
    text.resize(text.size() - kSoftHyphen.size());
    text += next;
    return;
  }
  if (const std::size_t head_len = HyphenatedHeadLength(text); head_len > 0) {
    const std::string_view head(text.data() + text.size() - 1 - head_len, head_len);
    if (!KeepLineEndHyphen(head, LeadingLetters(next), words)) text.pop_back();
    text += next;
    return;
  }
  text += separator;
  text += next;
}

std::vector<Block> BuildBlocks(const std::vector<PageLines>& pages) {
  const std::vector<Line> lines = FlattenLines(pages);
  Context ctx;
  ctx.typical = TypicalLength(lines);
  ctx.words = CollectWords(pages);
  std::vector<Draft> drafts;
  for (const Line& line : lines) {
    Draft* current = drafts.empty() ? nullptr : &drafts.back();
    const std::size_t marker = ListMarkerLength(line.text, PlainMarkerAllowed(current, line, ctx));
    if (current == nullptr || marker > 0 || StartsNewBlock(*current, line, ctx)) {
      StartDraft(drafts, line, marker);
    } else {
      ContinueDraft(*current, line, ctx);
    }
  }
  MarkHeadings(drafts, ctx);
  std::vector<Block> blocks;
  for (Draft& d : drafts) {
    if (!d.block.text.empty()) blocks.push_back(std::move(d.block));
  }
  return blocks;
}

std::vector<Block> PagesToBlocks(std::vector<PageLines> pages) {
  DropRunningLines(pages);
  return BuildBlocks(pages);
}

}  // namespace sendscan::pdf
