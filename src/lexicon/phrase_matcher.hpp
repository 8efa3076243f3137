// A token trie over lexicon phrases (area names, cues, inspectorates), matched in one pass over
// a document's tokens: the fast alternative to one big regex alternation (DESIGN.md, Speed).
// Misspellings are tolerated only against the matcher's own vocabulary: an explicit list
// (lexicons/terms) and, when enabled, one edit on words of at least six letters.
#pragma once

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/tokens.hpp"

namespace sendscan {

struct PhraseHit {
  std::size_t first_token = 0;  // index into the token vector
  std::size_t end_token = 0;    // one past the last token
  std::size_t start = 0;        // byte offsets into the text
  std::size_t end = 0;
  const std::vector<std::uint32_t>* payloads = nullptr;  // every phrase added with these words
  bool tolerated = false;  // some word matched through a misspelling or an edit
};

class PhraseMatcher {
 public:
  // Adds `phrase` (tokenised like the text) carrying `payload`. Returns false for a phrase with
  // no word in it.
  bool Add(std::string_view phrase, std::uint32_t payload);

  // Lets `misspelt` stand for `word` in every phrase ("sognificant" -> "significant").
  void AddSpelling(std::string_view misspelt, std::string_view word);

  // Also accept one edit (insertion, deletion, substitution, swap) in vocabulary words of at
  // least `min_length` bytes, except a plural "s" and except in the first letter (rarely
  // mistyped; keying on it keeps the check to a handful of words per token). Call after
  // every Add.
  void TolerateTypos(std::size_t min_length = 6);

  // Leftmost-longest, non-overlapping matches over `tokens` (from Tokenize of the text).
  std::vector<PhraseHit> FindAll(const std::vector<Token>& tokens) const;

  bool empty() const { return payloads_.size() <= 1; }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::uint32_t WordId(const std::string& key, bool& tolerated) const;
  std::uint32_t TypoWordId(const std::string& key) const;
  std::uint32_t Child(std::uint32_t node, std::uint32_t word) const;

  // A word's first byte and length (capped) -> whether some vocabulary word, spelling or
  // typo-tolerant word has them: most text words fail this test and skip every hash lookup.
  static constexpr std::size_t kMaxShapeLength = 31;
  static std::size_t Shape(unsigned char first, std::size_t length) {
    return std::size_t{first} * (kMaxShapeLength + 1) + std::min(length, kMaxShapeLength);
  }
  void MarkShape(const std::string& word, bool with_neighbours);
  bool MayKnow(const std::string& key) const;

  std::vector<bool> shapes_ = std::vector<bool>(256 * (kMaxShapeLength + 1), false);
  std::unordered_map<std::string, std::uint32_t> vocabulary_;
  std::vector<std::string> words_;
  std::unordered_map<std::string, std::uint32_t> spellings_;
  // Vocabulary words open to one edit, by (first byte, length).
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> typo_buckets_;
  std::size_t typo_min_length_ = 0;  // 0: typos not tolerated
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  std::vector<std::vector<std::uint32_t>> payloads_{1};  // node 0 is the root
};

}  // namespace sendscan
