// Near-duplicate detection for syndicated copies of one story: MinHash signatures over 5-word
// shingles, and locality-sensitive hashing bands so a new document is compared only with the
// few stored ones that share a band.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sendscan {

inline constexpr int kMinHashValues = 128;  // signature length
inline constexpr int kMinHashBands = 32;    // LSH bands of kMinHashValues / kMinHashBands rows
inline constexpr int kShingleWords = 5;

struct MinHashSignature {
  std::vector<std::uint32_t> values;  // kMinHashValues values; empty for a text under 5 words
};

// The signature of `text` over its 5-word shingles (words lowercased, punctuation ignored).
// Deterministic across runs and machines.
MinHashSignature ComputeMinHash(std::string_view text);

// Estimated Jaccard similarity of the two shingle sets (share of equal values); 0 if either
// signature is empty.
double EstimatedJaccard(const MinHashSignature& a, const MinHashSignature& b);

// One key per band (band index mixed in): documents sharing a key are candidates to compare.
std::vector<std::uint64_t> BandKeys(const MinHashSignature& signature);

// Signature <-> bytes, for storing it in a BLOB (little-endian).
std::vector<unsigned char> SignatureBytes(const MinHashSignature& signature);
MinHashSignature SignatureFromBytes(const void* data, std::size_t size);

}  // namespace sendscan
