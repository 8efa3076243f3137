// Word tokens over normalised UTF-8 text, the unit every phrase lexicon is matched in.
// A token is a run of letters and digits; its key is lowercased, so "Bury's", "BURY" and
// "bury" share the key "bury". "&" is the token "and", so "Bath & North East Somerset"
// matches "Bath and North East Somerset"; apostrophes and hyphens separate tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

namespace sendscan {

struct Token {
  std::size_t start = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string_view key;   // lowercased form used for lookups; lives as long as its TokenList
};

// The tokens of one text, owning the lowercased copy their keys point into (keys are views, so
// tokenising allocates twice per text instead of once per word). Movable, not copyable.
class TokenList {
 public:
  TokenList() = default;
  explicit TokenList(std::string_view text);

  std::size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }
  const Token& operator[](std::size_t i) const { return tokens_[i]; }
  std::vector<Token>::const_iterator begin() const { return tokens_.begin(); }
  std::vector<Token>::const_iterator end() const { return tokens_.end(); }

 private:
  std::unique_ptr<char[]> lowered_;  // stable across moves, unlike a short std::string
  std::vector<Token> tokens_;
};

// Every token of `text`, in order.
TokenList Tokenize(std::string_view text);

// The keys alone, joined by single spaces: a phrase's canonical form ("Stoke-on-Trent" ->
// "stoke on trent").
std::string TokenKeyString(std::string_view text);

// True when the code point starting at text[i] is a letter or digit; sets `length` to its
// UTF-8 byte length either way.
bool IsWordCharAt(std::string_view text, std::size_t i, std::size_t& length);

}  // namespace sendscan
