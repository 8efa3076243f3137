// A token trie over lexicon phrases (area names, cues, inspectorates), matched in one pass over
// a document's token ids: the fast alternative to one big regex alternation (DESIGN.md, Speed).
// Words are ids of a Vocabulary shared by every matcher, so a document is looked up once.
// Misspellings are tolerated through the vocabulary's list (lexicons/terms) and, when enabled,
// by one edit on the matcher's own words of at least six letters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/vocabulary.hpp"

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
  // Adds `phrase` (tokenised like the text, its words interned in `vocabulary`) carrying
  // `payload`. Returns false for a phrase with no word in it.
  bool Add(std::string_view phrase, std::uint32_t payload, Vocabulary& vocabulary);

  // Also accept one edit (insertion, deletion, substitution, swap) in this matcher's words of at
  // least `min_length` bytes, except a plural "s" and except in the first letter (rarely
  // mistyped; keying on it keeps the check to a handful of words per token). Call after
  // every Add. With `capitalised_only`, only words written with a capital are tried (names
  // such as "Ofstead"), which spares the check on most words of a text.
  void TolerateTypos(const Vocabulary& vocabulary, std::size_t min_length = 6,
                     bool capitalised_only = false);

  // Leftmost-longest, non-overlapping matches over a text read with the same vocabulary.
  std::vector<PhraseHit> FindAll(const TokenizedText& text) const;

  bool empty() const { return payloads_.size() <= 1; }

 private:
  static constexpr std::uint32_t kNone = Vocabulary::kUnknown;

  std::uint32_t TypoWordId(std::string_view key) const;
  std::uint32_t Child(std::uint32_t node, std::uint32_t word) const;

  // Words open to one edit, by (first byte, length), with their text.
  std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, std::string>>>
      typo_buckets_;
  std::size_t typo_min_length_ = 0;  // 0: typos not tolerated
  bool typo_capitalised_only_ = false;
  std::vector<std::uint32_t> own_words_;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  // The root's children by word id, so the test every token takes is an array read.
  std::vector<std::uint32_t> root_children_;
  std::vector<std::vector<std::uint32_t>> payloads_{1};  // node 0 is the root
};

}  // namespace sendscan
