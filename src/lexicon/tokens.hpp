// Word tokens over normalised UTF-8 text, the unit every phrase lexicon is matched in.
// A token is a run of letters and digits; its key is lowercased, so "Bury's", "BURY" and
// "bury" share the key "bury". "&" is the token "and", so "Bath & North East Somerset"
// matches "Bath and North East Somerset"; apostrophes and hyphens separate tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sendscan {

struct Token {
  std::size_t start = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string key;        // lowercased form used for lookups
};

// Every token of `text`, in order.
std::vector<Token> Tokenize(std::string_view text);

// The keys alone, joined by single spaces: a phrase's canonical form ("Stoke-on-Trent" ->
// "stoke on trent").
std::string TokenKeyString(std::string_view text);

// True when the code point starting at text[i] is a letter or digit; sets `length` to its
// UTF-8 byte length either way.
bool IsWordCharAt(std::string_view text, std::size_t i, std::size_t& length);

}  // namespace sendscan
