#include "lexicon/vocabulary.hpp"

namespace sendscan {

std::uint64_t Vocabulary::Hash(std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: short keys, no allocation
  for (char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

const Vocabulary::Slot* Vocabulary::Lookup(std::string_view key, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == kUnknown || (s.hash == hash && keys_[s.key] == key)) return &s;
  }
}

void Vocabulary::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == kUnknown) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].key != kUnknown) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void Vocabulary::Insert(std::string_view key, std::uint32_t value) {
  if (2 * (keys_.size() + 1) > slots_.size()) Grow();  // keep the load at most one half
  std::uint64_t hash = Hash(key);
  auto* slot = const_cast<Slot*>(Lookup(key, hash));
  slot->hash = hash;
  slot->value = value;
  slot->key = static_cast<std::uint32_t>(keys_.size());
  keys_.emplace_back(key);
}

std::uint32_t Vocabulary::Intern(std::string_view key) {
  if (const Slot* s = Lookup(key, Hash(key)); s->key != kUnknown && !(s->value & kMisspelt)) {
    return s->value;
  }
  auto id = static_cast<std::uint32_t>(words_.size());
  words_.emplace_back(key);
  Insert(key, id);
  return id;
}

bool Vocabulary::AddSpelling(std::string_view misspelt, std::string_view word) {
  std::uint32_t id = Find(word);
  if (id == kUnknown || (id & kMisspelt) || Find(misspelt) != kUnknown) return false;
  Insert(misspelt, id | kMisspelt);
  return true;
}

std::uint32_t Vocabulary::Find(std::string_view key) const {
  const Slot* s = Lookup(key, Hash(key));
  return s->key == kUnknown ? kUnknown : s->value;
}

TokenizedText TokenizeWith(const Vocabulary& vocabulary, std::string_view text) {
  TokenizedText out{TokenList(text), {}, {}};
  out.ids.reserve(out.tokens.size());
  out.text_first_bytes.reserve(out.tokens.size());
  for (const Token& t : out.tokens) {
    out.ids.push_back(vocabulary.Find(t.key));
    out.text_first_bytes.push_back(text[t.start]);
  }
  return out;
}

}  // namespace sendscan
