// One vocabulary for every phrase lexicon: each word of every phrase gets an id once, so a
// document's tokens are looked up once (TokenizeWith) and every matcher walks the same ids.
// Known misspellings (lexicons/terms) get the id of the word they stand for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/tokens.hpp"

namespace sendscan {

class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;
  // Set on an id found through a misspelling.
  static constexpr std::uint32_t kMisspelt = 0x80000000u;

  // The id of `key` (a token key: lowercase), added when new.
  std::uint32_t Intern(std::string_view key);
  // Lets the key `misspelt` stand for the known word `word`; false when `word` is unknown or
  // `misspelt` is itself a word.
  bool AddSpelling(std::string_view misspelt, std::string_view word);

  // The id of `key`, with kMisspelt set when found through a misspelling; kUnknown if absent.
  std::uint32_t Find(std::string_view key) const;
  const std::string& Word(std::uint32_t id) const { return words_[id & ~kMisspelt]; }
  std::size_t size() const { return words_.size(); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t value = kUnknown;  // id, perhaps with kMisspelt
    std::uint32_t key = kUnknown;    // index into keys_
  };
  static std::uint64_t Hash(std::string_view key);
  const Slot* Lookup(std::string_view key, std::uint64_t hash) const;
  void Insert(std::string_view key, std::uint32_t value);
  void Grow();

  std::vector<std::string> words_;  // by id
  std::vector<std::string> keys_;   // every key in the table: words and misspellings
  std::vector<Slot> slots_ = std::vector<Slot>(1024);  // open addressing, size a power of two
};

// A text's tokens with their vocabulary ids (kUnknown for words no lexicon uses).
struct TokenizedText {
  TokenList tokens;
  std::vector<std::uint32_t> ids;
  std::string text_first_bytes;  // each token's first byte as written (its case)
};

TokenizedText TokenizeWith(const Vocabulary& vocabulary, std::string_view text);

}  // namespace sendscan
