// Rebuilds running text from the lines of PDF pages as poppler's physical layout prints them:
// drops running headers, footers and page numbers, repairs hyphenation at line ends and regroups
// lines into paragraph, heading and list-item blocks. Pure C++ over UTF-8 strings (no poppler), so
// every rule can be tested on hand-written pages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sendscan/document.hpp"

namespace sendscan::pdf {

// One page's lines, top to bottom, UTF-8, without line terminators. An empty (or all-space) line
// is a vertical gap: poppler's physical layout prints one where the space between two lines is
// taller than a line, which is how paragraphs are set apart.
using PageLines = std::vector<std::string>;

// Lowercase words seen in a document ("families", "twenty-week"): the document's own evidence
// on whether a word broken at a line end is a compound.
using WordSet = std::unordered_set<std::string>;

// How many non-blank lines at the top and at the bottom of a page may hold a running header,
// footer or page number.
inline constexpr std::size_t kHeaderFooterZone = 3;

// Cuts one page's text into lines at "\n": "\r" and form feeds dropped, trailing spaces trimmed,
// leading spaces kept (they separate footer parts in physical layout). Never fails.
PageLines SplitPageLines(std::string_view page_text);

// True when the whole (trimmed) line is a page number: "3", "Page 3", "page 3 of 7", "3 of 7",
// "3/7", "- 3 -", "– 3 –". At most four digits, so a year with text around it is not one.
bool IsPageNumber(std::string_view line);

// `line` without a page number set apart from the rest by a wide gap (two or more spaces, as
// physical layout prints a right-aligned "Page 2 of 5" next to footer text) or a trailing
// "Page N" / "Page N of M"; unchanged when it has none.
std::string StripPageNumberPart(std::string_view line);

// The form under which lines are compared across pages: ASCII lowercased, each run of digits
// "#", whitespace runs a single space, trimmed. "Page 3 of 7" and "Page 4 of 7" share a key.
std::string RunningLineKey(std::string_view line);

// Removes page numbers and running lines from the first and last kHeaderFooterZone non-blank
// lines of every page. A line is running when its key occurs in those zones on at least half of
// the pages, and on at least 2 (a one-page document has none). Each running key is removed at
// most once per page, so a letterhead that repeats the header text under it is kept. Lines that
// were only a page number may be left blank rather than removed.
void DropRunningLines(std::vector<PageLines>& pages);

// Every word on `pages` (letters, digits, apostrophes and inner hyphens), ASCII-lowercased.
WordSet CollectWords(const std::vector<PageLines>& pages);

// Whether the hyphen of a line ending in "...`head`-" stays when the next line starts with
// the word `tail`. Kept when `tail` does not start with a lowercase letter ("non-" / "English"),
// when the document spells "head-tail" elsewhere, when `head` has at most 2 letters or is a
// common compound prefix ("co-" / "production", "self-" / "evaluation"); dropped when the
// document spells "headtail" elsewhere and otherwise ("inspec-" / "tion").
bool KeepLineEndHyphen(std::string_view head, std::string_view tail, const WordSet& words);

// Appends line `next` to paragraph text `text`, which ends at a line end: a hyphenated word is
// rejoined (see KeepLineEndHyphen) and a soft hyphen dropped; otherwise `separator` goes between.
void AppendLine(std::string& text, std::string_view next, char separator, const WordSet& words);

// Groups the lines of all pages, in order, into blocks; empty pages give none. A new block starts
// after a vertical gap, at a list item (kListItem: a bullet "•", "▪", "-", "*" is dropped from the
// text, a number "1." or "(a)" kept; "-", "*" and numbers count only where a block could end), and
// after a short line (under 60% of the typical line length) that ends a sentence when the next
// line starts uppercase. Lines of a block are joined by a space, or by "\n" after a short line
// that does not end the block (an address or signature keeps its lines). A block runs on across a
// page break when the page's last line does not end a sentence and the next page's first line
// starts lowercase (or the last line is full width). A single short line starting with a capital,
// without final punctuation or a year ("Main findings"), that is followed by running text or a
// list becomes a kHeading; "Dear ..." and "Yours ..." never do.
std::vector<Block> BuildBlocks(const std::vector<PageLines>& pages);

// DropRunningLines, then BuildBlocks: the blocks of a document from its pages' text lines.
std::vector<Block> PagesToBlocks(std::vector<PageLines> pages);

}  // namespace sendscan::pdf
