// Sentence splitting: ICU's sentence BreakIterator over the normalised text, with breaks after
// listed abbreviations ("Cllr.", "Dr.", "No.") and single initials taken back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sendscan/document.hpp"

namespace sendscan {

// Sentence spans of `text`, each inside one paragraph and trimmed of spaces; paragraphs
// without a sentence break are one sentence. `abbreviations` are lowercase, without the dot.
std::vector<Span> SplitSentences(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                 const std::vector<std::string>& abbreviations);

}  // namespace sendscan
