// Rebuilding paragraphs from reader blocks: a block's lines are one hard-wrapped paragraph or
// several short ones; spaces are collapsed; overlong paragraphs are cut.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sendscan/document.hpp"

namespace sendscan {

struct ParagraphText {
  std::string text;  // one line, single spaces, trimmed
  bool heading = false;
};

// Splits `block` (characters already unified, so line ends are "\n") at blank lines and at
// line breaks that end a paragraph, joins hard-wrapped lines with a space, and cuts a
// paragraph longer than `max_bytes` at sentence ends (else spaces) into pieces. With
// `hard_breaks` every line break ends a paragraph: an HTML <br> or a PDF reader's line is
// meant, never a writer's wrap.
std::vector<ParagraphText> SplitBlock(const Block& block, std::size_t max_bytes,
                                      bool hard_breaks = false);

// True when the break between line `before` and line `after` only wraps one paragraph.
bool IsWrappedLine(std::string_view before, std::string_view after);

// Collapses runs of spaces to one and trims both ends.
std::string CollapseSpaces(std::string_view text);

}  // namespace sendscan
