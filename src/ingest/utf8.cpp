#include "ingest/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace sendscan {
namespace {

// Bytes of one sequence starting at p (lead byte b), or 0 when malformed.
std::size_t SequenceLength(const unsigned char* p, std::size_t avail) {
  unsigned char b = p[0];
  auto cont = [&](std::size_t k) { return k < avail && (p[k] & 0xC0) == 0x80; };
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (b == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (b == 0xED && p[1] >= 0xA0) return 0; // surrogate
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (b == 0xF0 && p[1] < 0x90) return 0;
    if (b == 0xF4 && p[1] >= 0x90) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size(), i = 0;
  while (i < n) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) { i += 8; continue; }
    }
    std::size_t len = SequenceLength(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

Utf8Census CountUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  Utf8Census census;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t len = SequenceLength(p + i, bytes.size() - i);
    if (len == 0) {
      ++census.invalid;
      len = 1;
    } else if (len > 1) {
      ++census.multibyte;
    }
    i += len;
  }
  return census;
}

std::size_t Utf8CutPoint(std::string_view bytes, std::size_t limit) {
  if (limit >= bytes.size()) return bytes.size();
  std::size_t i = limit;
  while (i > 0 && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace sendscan
