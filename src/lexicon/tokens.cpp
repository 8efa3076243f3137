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

void AppendLower(std::string& key, std::string_view text, std::size_t i, std::size_t length) {
  if (length == 1) {
    char c = text[i];
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  } else {
    key.append(text.substr(i, length));  // non-ASCII letters are rare in keys; kept as written
  }
}

bool IsAsciiWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool IsWordCharAt(std::string_view text, std::size_t i, std::size_t& length) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {  // fast path: nearly every byte of English text
    length = 1;
    return IsAsciiWordByte(c);
  }
  return IsWordCodePoint(DecodeAt(text, i, length));
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    if (text[i] == '&') {
      tokens.push_back({i, i + 1, "and"});
      ++i;
      continue;
    }
    if (!IsWordCharAt(text, i, length)) {
      i += length;
      continue;
    }
    Token token{i, i, {}};
    while (i < text.size() && IsWordCharAt(text, i, length)) {
      AppendLower(token.key, text, i, length);
      i += length;
    }
    token.end = i;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string TokenKeyString(std::string_view text) {
  std::string out;
  for (const Token& t : Tokenize(text)) {
    if (!out.empty()) out.push_back(' ');
    out += t.key;
  }
  return out;
}

}  // namespace sendscan
