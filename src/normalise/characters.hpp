// Character-level normalisation that needs no Unicode tables: one form for quote marks,
// apostrophes, dashes, spaces and ligatures; invisible characters dropped; line ends unified.
#pragma once

#include <string>
#include <string_view>

namespace sendscan {

// Maps, in one pass over UTF-8:
//   low-9 and reversed quotes, primes, guillemets -> the curly quote of the same direction
//   (‘ ’ “ ”); straight quotes stay straight; hyphens U+2010/U+2011 -> '-'; every dash and the
//   minus sign -> '–' (U+2013); no-break and typographic spaces, tabs -> ' '; zero-width
//   characters, soft hyphens, byte-order marks and control characters -> removed; CR LF and
//   CR -> LF; form feed -> blank line; ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ, ﬆ) -> their letters.
// Letters and words are never changed.
std::string UnifyCharacters(std::string_view utf8);

}  // namespace sendscan
