#include "lexicon/phrase_matcher.hpp"

#include <algorithm>

namespace sendscan {
namespace {

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const std::size_t n = a.size(), m = b.size();
  if (n + 1 < m || m + 1 < n) return false;
  std::size_t i = 0;
  while (i < n && i < m && a[i] == b[i]) ++i;
  if (n == m) {
    if (a.compare(i + 1, std::string::npos, b, i + 1, std::string::npos) == 0) return true;
    return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.compare(i + 2, std::string::npos, b, i + 2, std::string::npos) == 0;
  }
  std::string_view longer = n > m ? a : b;
  std::string_view shorter = n > m ? b : a;
  return longer.compare(i + 1, std::string::npos, shorter, i, std::string::npos) == 0;
}

bool DiffersOnlyByPlural(std::string_view a, std::string_view b) {
  std::string_view longer = a.size() > b.size() ? a : b;
  std::string_view shorter = a.size() > b.size() ? b : a;
  return longer.size() == shorter.size() + 1 && longer.back() == 's' &&
         longer.compare(0, shorter.size(), shorter) == 0;
}

std::uint32_t BucketKey(unsigned char first, std::size_t length) {
  return (std::uint32_t{first} << 16) | static_cast<std::uint32_t>(length & 0xFFFF);
}

}  // namespace

bool PhraseMatcher::Add(std::string_view phrase, std::uint32_t payload, Vocabulary& vocabulary) {
  TokenList tokens = Tokenize(phrase);
  if (tokens.empty()) return false;
  std::uint32_t node = 0;
  for (const Token& t : tokens) {
    std::uint32_t word = vocabulary.Intern(t.key);
    if (std::find(own_words_.begin(), own_words_.end(), word) == own_words_.end()) {
      own_words_.push_back(word);
    }
    std::uint64_t edge = (std::uint64_t{node} << 32) | word;
    auto [e, fresh] = edges_.emplace(edge, static_cast<std::uint32_t>(payloads_.size()));
    if (fresh) payloads_.emplace_back();
    if (node == 0) {
      if (root_children_.size() <= word) root_children_.resize(word + 1, kNone);
      root_children_[word] = e->second;
    }
    node = e->second;
  }
  auto& at = payloads_[node];
  if (std::find(at.begin(), at.end(), payload) == at.end()) at.push_back(payload);
  return true;
}

void PhraseMatcher::TolerateTypos(const Vocabulary& vocabulary, std::size_t min_length,
                                  bool capitalised_only) {
  typo_min_length_ = min_length;
  typo_capitalised_only_ = capitalised_only;
  typo_buckets_.clear();
  for (std::uint32_t id : own_words_) {
    const std::string& w = vocabulary.Word(id);
    if (w.size() < min_length) continue;
    typo_buckets_[BucketKey(static_cast<unsigned char>(w[0]), w.size())].emplace_back(id, w);
  }
}

std::uint32_t PhraseMatcher::TypoWordId(std::string_view key) const {
  if (typo_min_length_ == 0 || key.size() + 1 < typo_min_length_) return kNone;
  const auto first = static_cast<unsigned char>(key[0]);
  for (std::size_t length : {key.size(), key.size() + 1, key.size() - 1}) {
    auto it = typo_buckets_.find(BucketKey(first, length));
    if (it == typo_buckets_.end()) continue;
    for (const auto& [id, word] : it->second) {
      if (WithinOneEdit(key, word) && !DiffersOnlyByPlural(key, word)) return id;
    }
  }
  return kNone;
}

std::uint32_t PhraseMatcher::Child(std::uint32_t node, std::uint32_t word) const {
  if (node == 0) return word < root_children_.size() ? root_children_[word] : kNone;
  auto it = edges_.find((std::uint64_t{node} << 32) | word);
  return it == edges_.end() ? kNone : it->second;
}

std::vector<PhraseHit> PhraseMatcher::FindAll(const TokenizedText& text) const {
  std::vector<PhraseHit> hits;
  if (empty()) return hits;
  const TokenList& tokens = text.tokens;
  // The word at token j, as this matcher sees it; typos are checked only where a phrase could
  // go on, and only once per token.
  std::vector<std::uint32_t> typo(typo_min_length_ ? tokens.size() : 0, kNone - 1);
  auto word_at = [&](std::size_t j, bool& tolerated) -> std::uint32_t {
    std::uint32_t id = text.ids[j];
    tolerated = id != kNone && (id & Vocabulary::kMisspelt);
    if (id != kNone) return id & ~Vocabulary::kMisspelt;
    if (typo.empty()) return kNone;
    if (typo_capitalised_only_) {
      char first = text.text_first_bytes.empty() ? 'A' : text.text_first_bytes[j];
      if (first < 'A' || first > 'Z') return kNone;
    }
    if (typo[j] == kNone - 1) typo[j] = TypoWordId(tokens[j].key);
    tolerated = typo[j] != kNone;
    return typo[j];
  };
  std::size_t i = 0;
  while (i < tokens.size()) {
    std::uint32_t node = 0;
    std::size_t best_end = 0;
    std::uint32_t best_node = 0;
    bool tolerated = false, best_tolerated = false;
    for (std::size_t j = i; j < tokens.size(); ++j) {
      bool t = false;
      std::uint32_t word = word_at(j, t);
      node = word == kNone ? kNone : Child(node, word);
      if (node == kNone) break;
      tolerated = tolerated || t;
      if (!payloads_[node].empty()) {
        best_end = j + 1;
        best_node = node;
        best_tolerated = tolerated;
      }
    }
    if (best_end == 0) {
      ++i;
      continue;
    }
    hits.push_back({i, best_end, tokens[i].start, tokens[best_end - 1].end, &payloads_[best_node],
                    best_tolerated});
    i = best_end;
  }
  return hits;
}

}  // namespace sendscan
