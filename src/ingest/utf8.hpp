// UTF-8 validity, the test that decides whether the (slow) charset detector must run.
#pragma once

#include <cstddef>
#include <string_view>

namespace sendscan {

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past
// U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// How much of `bytes` reads as UTF-8: whole multi-byte sequences and bytes that fit no sequence.
struct Utf8Census {
  std::size_t multibyte = 0;  // well-formed sequences of two to four bytes
  std::size_t invalid = 0;    // bytes that start or continue no well-formed sequence
};
Utf8Census CountUtf8(std::string_view bytes);

// Length of the longest prefix of `bytes` that ends on a whole UTF-8 sequence boundary and
// is no longer than `limit`: where a long string may be cut without splitting a character.
std::size_t Utf8CutPoint(std::string_view bytes, std::size_t limit);

}  // namespace sendscan
