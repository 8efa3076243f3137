// Tokenizer for phrase matching. Non-ASCII code points count as word characters unless they
// are punctuation, symbols or spaces in the ranges normalised text uses (quotes, dashes,
// bullets, currency), which keeps it fast without a full Unicode property lookup.
#include "lexicon/tokens.hpp"

#include <cstdint>

namespace sendscan {
namespace {

char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t& length) {
  auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) -> char32_t {
    return i + k < s.size() ? (static_cast<unsigned char>(s[i + k]) & 0x3F) : 0;
  };
  if (b < 0x80) { length = 1; return b; }
  if ((b >> 5) == 0x6 && i + 1 < s.size()) { length = 2; return ((b & 0x1F) << 6) | cont(1); }
  if ((b >> 4) == 0xE && i + 2 < s.size()) {
    length = 3;
    return ((b & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  }
  if ((b >> 3) == 0x1E && i + 3 < s.size()) {
    length = 4;
    return ((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  }
  length = 1;
  return 0xFFFD;
}

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  if (c < 0xC0) return false;                 // Latin-1 punctuation and symbols (£, ·, «)
  if (c == 0xD7 || c == 0xF7) return false;   // × ÷
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, symbols, arrows, boxes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE00 && c <= 0xFE6F) return false;  // variation selectors, small forms
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // fullwidth punctuation
  if (c == 0xFEFF || c == 0xFFFD) return false;
  return true;
}

// For each byte: 0 if not an ASCII letter or digit, else its lowercase form.
struct AsciiWordTable {
  unsigned char lower[256] = {};
  constexpr AsciiWordTable() {
    for (int c = '0'; c <= '9'; ++c) lower[c] = static_cast<unsigned char>(c);
    for (int c = 'a'; c <= 'z'; ++c) lower[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) lower[c] = static_cast<unsigned char>(c - 'A' + 'a');
  }
};
constexpr AsciiWordTable kAsciiWord;

bool IsAsciiWordByte(unsigned char c) { return kAsciiWord.lower[c] != 0; }

}  // namespace

bool IsWordCharAt(std::string_view text, std::size_t i, std::size_t& length) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {  // fast path: nearly every byte of English text
    length = 1;
    return IsAsciiWordByte(c);
  }
  return IsWordCodePoint(DecodeAt(text, i, length));
}

// The end of the word starting at `i`: ASCII letters and digits at table speed, other code
// points decoded.
std::size_t WordEnd(std::string_view text, std::size_t i) {
  std::size_t length = 1;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!IsAsciiWordByte(c)) break;
      ++i;
    } else if (IsWordCharAt(text, i, length)) {
      i += length;
    } else {
      break;
    }
  }
  return i;
}

TokenList::TokenList(std::string_view text) : lowered_(new char[text.size() + 1]) {
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t k = 0; k < n; ++k) {  // ASCII lowercase, branch-free; other bytes as written
    unsigned char c = in[k];
    bool upper = static_cast<unsigned>(c - 'A') < 26u;
    lowered_[k] = static_cast<char>(c + (upper ? 32 : 0));
  }
  tokens_.reserve(n / 6);
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = in[i];
    if (c < 0x80 && !IsAsciiWordByte(c)) {  // the common non-word byte: space, punctuation
      if (c == '&') tokens_.push_back({i, i + 1, "and"});
      ++i;
      continue;
    }
    std::size_t length = 1;
    if (c >= 0x80 && !IsWordCharAt(text, i, length)) {
      i += length;
      continue;
    }
    std::size_t end = WordEnd(text, i);
    tokens_.push_back({i, end, std::string_view(lowered_.get() + i, end - i)});
    i = end;
  }
}

TokenList Tokenize(std::string_view text) { return TokenList(text); }

std::string TokenKeyString(std::string_view text) {
  std::string out;
  for (const Token& t : Tokenize(text)) {
    if (!out.empty()) out.push_back(' ');
    out += t.key;
  }
  return out;
}

}  // namespace sendscan
