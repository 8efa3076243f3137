#include "lexicon/phrase_matcher.hpp"

#include <algorithm>

namespace sendscan {
namespace {

std::uint32_t BucketKey(unsigned char first, std::size_t length) {
  return (std::uint32_t{first} << 16) | static_cast<std::uint32_t>(length & 0xFFFF);
}

bool WithinOneEdit(const std::string& a, const std::string& b) {
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
  const std::string& longer = n > m ? a : b;
  const std::string& shorter = n > m ? b : a;
  return longer.compare(i + 1, std::string::npos, shorter, i, std::string::npos) == 0;
}

bool DiffersOnlyByPlural(const std::string& a, const std::string& b) {
  const std::string& longer = a.size() > b.size() ? a : b;
  const std::string& shorter = a.size() > b.size() ? b : a;
  return longer.size() == shorter.size() + 1 && longer.back() == 's' &&
         longer.compare(0, shorter.size(), shorter) == 0;
}

}  // namespace

void PhraseMatcher::MarkShape(const std::string& word, bool with_neighbours) {
  const auto first = static_cast<unsigned char>(word[0]);
  shapes_[Shape(first, word.size())] = true;
  if (with_neighbours) {  // one edit changes the length by at most one
    shapes_[Shape(first, word.size() + 1)] = true;
    shapes_[Shape(first, word.size() - 1)] = true;
  }
}

bool PhraseMatcher::MayKnow(const std::string& key) const {
  return !key.empty() && shapes_[Shape(static_cast<unsigned char>(key[0]), key.size())];
}

bool PhraseMatcher::Add(std::string_view phrase, std::uint32_t payload) {
  std::vector<Token> tokens = Tokenize(phrase);
  if (tokens.empty()) return false;
  std::uint32_t node = 0;
  for (const Token& t : tokens) {
    auto [it, added] = vocabulary_.emplace(t.key, static_cast<std::uint32_t>(words_.size()));
    if (added) {
      words_.push_back(t.key);
      MarkShape(t.key, false);
    }
    std::uint64_t edge = (std::uint64_t{node} << 32) | it->second;
    auto [e, fresh] = edges_.emplace(edge, static_cast<std::uint32_t>(payloads_.size()));
    if (fresh) payloads_.emplace_back();
    node = e->second;
  }
  auto& at = payloads_[node];
  if (std::find(at.begin(), at.end(), payload) == at.end()) at.push_back(payload);
  return true;
}

void PhraseMatcher::AddSpelling(std::string_view misspelt, std::string_view word) {
  std::string wrong = TokenKeyString(misspelt), right = TokenKeyString(word);
  auto it = vocabulary_.find(right);
  if (it == vocabulary_.end() || vocabulary_.count(wrong) || wrong.empty()) return;
  spellings_[wrong] = it->second;
  MarkShape(wrong, false);
}

void PhraseMatcher::TolerateTypos(std::size_t min_length) {
  typo_min_length_ = min_length;
  typo_buckets_.clear();
  for (std::uint32_t id = 0; id < words_.size(); ++id) {
    const std::string& w = words_[id];
    if (w.size() < min_length) continue;
    typo_buckets_[BucketKey(static_cast<unsigned char>(w[0]), w.size())].push_back(id);
    MarkShape(w, true);
  }
}

std::uint32_t PhraseMatcher::TypoWordId(const std::string& key) const {
  if (typo_min_length_ == 0 || key.size() + 1 < typo_min_length_) return kNone;
  const auto first = static_cast<unsigned char>(key[0]);
  for (std::size_t length : {key.size(), key.size() + 1, key.size() - 1}) {
    auto it = typo_buckets_.find(BucketKey(first, length));
    if (it == typo_buckets_.end()) continue;
    for (std::uint32_t id : it->second) {
      const std::string& w = words_[id];
      if (WithinOneEdit(key, w) && !DiffersOnlyByPlural(key, w)) return id;
    }
  }
  return kNone;
}

std::uint32_t PhraseMatcher::WordId(const std::string& key, bool& tolerated) const {
  tolerated = false;
  if (!MayKnow(key)) return kNone;
  if (auto it = vocabulary_.find(key); it != vocabulary_.end()) return it->second;
  tolerated = true;
  if (auto it = spellings_.find(key); it != spellings_.end()) return it->second;
  std::uint32_t id = TypoWordId(key);
  if (id == kNone) tolerated = false;
  return id;
}

std::uint32_t PhraseMatcher::Child(std::uint32_t node, std::uint32_t word) const {
  auto it = edges_.find((std::uint64_t{node} << 32) | word);
  return it == edges_.end() ? kNone : it->second;
}

std::vector<PhraseHit> PhraseMatcher::FindAll(const std::vector<Token>& tokens) const {
  std::vector<PhraseHit> hits;
  if (empty()) return hits;
  std::vector<std::uint32_t> ids(tokens.size());
  std::vector<bool> tolerated(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    bool t = false;
    ids[i] = WordId(tokens[i].key, t);
    tolerated[i] = t;
  }
  std::size_t i = 0;
  while (i < tokens.size()) {
    std::uint32_t node = 0;
    std::size_t best_end = 0;
    std::uint32_t best_node = 0;
    for (std::size_t j = i; j < tokens.size() && ids[j] != kNone; ++j) {
      node = Child(node, ids[j]);
      if (node == kNone) break;
      if (!payloads_[node].empty()) { best_end = j + 1; best_node = node; }
    }
    if (best_end == 0) { ++i; continue; }
    PhraseHit hit{i, best_end, tokens[i].start, tokens[best_end - 1].end, &payloads_[best_node],
                  false};
    for (std::size_t k = i; k < best_end; ++k) hit.tolerated = hit.tolerated || tolerated[k];
    hits.push_back(hit);
    i = best_end;
  }
  return hits;
}

}  // namespace sendscan
