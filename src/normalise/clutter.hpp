// Site clutter ("Read more", share prompts, adverts) recognised by lexicons/boilerplate, and
// paragraphs printed twice (a standfirst repeated as the first paragraph).
#pragma once

#include <string_view>

#include "lexicon/lexicons.hpp"

namespace sendscan {

// Paragraphs longer than this are never clutter: they carry sentences, and testing them would
// cost most of normalise's time.
inline constexpr std::size_t kMaxClutterBytes = 200;
// Nor are paragraphs longer than this that end like a sentence (clutter is mostly labels,
// links and prompts without a final full stop), nor paragraphs of more words than this.
inline constexpr std::size_t kMaxSentenceClutterBytes = 100;
inline constexpr std::size_t kMaxClutterWords = 16;

// True when the whole paragraph matches a boilerplate pattern.
bool IsClutter(std::string_view paragraph, const Lexicons& lexicons);

}  // namespace sendscan
