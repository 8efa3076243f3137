// MinHash signatures and LSH band keys over 5-word shingles (contract in minhash.hpp). Words are
// hashed while the text is scanned, so a document costs one pass and no allocation but the result.
#include "store/minhash.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "sendscan/store.hpp"

namespace sendscan {
namespace {

constexpr int kBandRows = kMinHashValues / kMinHashBands;
static_assert(kBandRows * kMinHashBands == kMinHashValues, "bands must split the signature");

constexpr std::size_t kValueBytes = sizeof(std::uint32_t);

// splitmix64's finaliser: a fixed, well-tested 64-bit mix. Our own code rather than std::hash,
// whose results may differ between standard libraries and would break stored signatures.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// The kMinHashValues hash functions are h_i(x) = (mul_i * x + add_i) >> 32 over a 32-bit x
// (Dietzfelbinger's multiply-add-shift, 2-universal): one multiply each, and the loop over i
// vectorises. Parameters come from a fixed splitmix64 stream, so they are the same in every
// build; changing the seed or the scheme invalidates every stored signature and band key.
struct HashFamily {
  std::array<std::uint64_t, kMinHashValues> mul{};
  std::array<std::uint64_t, kMinHashValues> add{};
};

constexpr HashFamily MakeHashFamily() {
  HashFamily family;
  std::uint64_t state = 0x5E4D5CA4F0C1A7E5ULL;  // arbitrary, fixed forever
  auto next = [&state] { return Mix64(state += 0x9E3779B97F4A7C15ULL); };
  for (int i = 0; i < kMinHashValues; ++i) {
    family.mul[i] = next() | 1;  // odd, so no multiplier discards key bits
    family.add[i] = next();
  }
  return family;
}

constexpr HashFamily kFamily = MakeHashFamily();

// Lowercased value of each ASCII word byte, 0 for ASCII separators; bytes >= 0x80 map to
// themselves (see NonAsciiPunctuationLength for the ones that still separate words).
constexpr std::array<unsigned char, 256> MakeWordBytes() {
  std::array<unsigned char, 256> table{};
  for (int b = 0; b < 256; ++b) {
    const bool digit = b >= '0' && b <= '9';
    const bool lower = b >= 'a' && b <= 'z';
    const bool upper = b >= 'A' && b <= 'Z';
    if (digit || lower || b >= 0x80) table[b] = static_cast<unsigned char>(b);
    if (upper) table[b] = static_cast<unsigned char>(b - 'A' + 'a');
  }
  return table;
}

constexpr std::array<unsigned char, 256> kWordBytes = MakeWordBytes();

// Bytes of the UTF-8 punctuation or space starting at text[i], 0 if it is not one. Outlets differ
// in house style (curly or straight quotes, "--" or an em dash, no-break spaces), and the
// normaliser keeps curly quotes and dashes, so without this one copy's “Quoted words” would
// never match another's "quoted words". Covers U+00A0..U+00BF except the letter- and number-like
// ª ² ³ µ ¹ º ¼ ½ ¾, and the General Punctuation block U+2000..U+206F.
std::size_t NonAsciiPunctuationLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (byte(0) == 0xC2 && i + 1 < text.size()) {
    const unsigned char second = byte(1);
    constexpr std::string_view kWordLike = "\xAA\xB2\xB3\xB5\xB9\xBA\xBC\xBD\xBE";
    const bool latin1_symbol = second >= 0xA0 && second <= 0xBF;
    return latin1_symbol && kWordLike.find(static_cast<char>(second)) == kWordLike.npos ? 2 : 0;
  }
  if (byte(0) == 0xE2 && i + 2 < text.size()) {
    const bool continuation = byte(2) >= 0x80 && byte(2) <= 0xBF;
    const bool general_punctuation = byte(1) == 0x80 || (byte(1) == 0x81 && byte(2) <= 0xAF);
    return continuation && general_punctuation ? 3 : 0;
  }
  return 0;
}

// Yields the words of a text as 64-bit hashes (FNV-1a over the lowercased bytes, then mixed),
// scanning in place without copying any word.
class WordHasher {
 public:
  explicit WordHasher(std::string_view text) : text_(text) {}

  // Stores the next word's hash in `hash`; false once the text is exhausted.
  bool Next(std::uint64_t& hash) {
    SkipSeparators();
    if (pos_ == text_.size()) return false;
    std::uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a offset basis
    while (pos_ < text_.size() && IsWordByte(pos_)) {
      h = (h ^ kWordBytes[static_cast<unsigned char>(text_[pos_])]) * 0x100000001B3ULL;
      ++pos_;
    }
    hash = Mix64(h);  // FNV's low bits are weak; the shingle hash relies on all 64
    return true;
  }

 private:
  bool IsWordByte(std::size_t i) const {
    const auto b = static_cast<unsigned char>(text_[i]);
    if (b < 0x80) return kWordBytes[b] != 0;
    return NonAsciiPunctuationLength(text_, i) == 0;
  }

  void SkipSeparators() {
    while (pos_ < text_.size() && !IsWordByte(pos_)) {
      pos_ += std::max<std::size_t>(1, NonAsciiPunctuationLength(text_, pos_));
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// Calls on_shingle(hash) for every run of kShingleWords consecutive words, in text order; the
// hash depends on word order. Returns the number of shingles.
template <typename OnShingle>
std::size_t ForEachShingle(std::string_view text, OnShingle on_shingle) {
  std::array<std::uint64_t, kShingleWords> window{};  // last words, oldest first
  std::size_t words = 0;
  WordHasher hasher(text);
  std::uint64_t word = 0;
  while (hasher.Next(word)) {
    std::copy(window.begin() + 1, window.end(), window.begin());
    window.back() = word;
    if (++words < kShingleWords) continue;
    std::uint64_t shingle = 0;
    for (std::uint64_t w : window) shingle = shingle * 0x9E3779B97F4A7C15ULL + w;
    on_shingle(Mix64(shingle));
  }
  return words < kShingleWords ? 0 : words - kShingleWords + 1;
}

// Nearly all of ComputeMinHash's time goes into LowerMinimums' 64-bit multiplies, which baseline
// x86-64 (SSE2) can only emulate; clones for AVX2 and AVX-512, chosen once at load time, are
// about 1.6x and 3-4x faster. The arithmetic is integer, so every clone gives the same values.
#if defined(__x86_64__) && defined(__GNUC__) && defined(__ELF__)
#define SENDSCAN_MINHASH_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define SENDSCAN_MINHASH_CLONES
#endif

// Lowers each running minimum to h_i(shingle) where that is smaller. The hot loop: kept free of
// branches so the compiler vectorises it.
SENDSCAN_MINHASH_CLONES void LowerMinimums(std::array<std::uint32_t, kMinHashValues>& minimums,
                                           std::uint64_t shingle) {
  const std::uint64_t key = static_cast<std::uint32_t>(shingle ^ (shingle >> 32));
  for (int i = 0; i < kMinHashValues; ++i) {
    const auto h = static_cast<std::uint32_t>((kFamily.mul[i] * key + kFamily.add[i]) >> 32);
    minimums[i] = std::min(minimums[i], h);
  }
}

}  // namespace

MinHashSignature ComputeMinHash(std::string_view text) {
  std::array<std::uint32_t, kMinHashValues> minimums;
  minimums.fill(std::numeric_limits<std::uint32_t>::max());
  const std::size_t shingles =
      ForEachShingle(text, [&](std::uint64_t shingle) { LowerMinimums(minimums, shingle); });
  if (shingles == 0) return {};
  return {std::vector<std::uint32_t>(minimums.begin(), minimums.end())};
}

std::vector<std::uint32_t> StorySignature(std::string_view text) {
  return ComputeMinHash(text).values;
}

double EstimatedJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  if (a.values.empty() || a.values.size() != b.values.size()) return 0.0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) equal += a.values[i] == b.values[i];
  return static_cast<double>(equal) / static_cast<double>(a.values.size());
}

std::vector<std::uint64_t> BandKeys(const MinHashSignature& signature) {
  // A signature of the wrong length (hand-built, or from a foreign store) has no meaningful
  // bands; no keys means it is simply never a candidate.
  if (signature.values.size() != static_cast<std::size_t>(kMinHashValues)) return {};
  std::vector<std::uint64_t> keys;
  keys.reserve(kMinHashBands);
  for (int band = 0; band < kMinHashBands; ++band) {
    // The band index goes in first so equal rows in different bands do not share a key.
    std::uint64_t key = Mix64(0xB5AD4ECEDA1CE2A9ULL + static_cast<std::uint64_t>(band));
    for (int row = 0; row < kBandRows; ++row) {
      key = Mix64(key ^ signature.values[band * kBandRows + row]);
    }
    keys.push_back(key);
  }
  return keys;
}

std::vector<unsigned char> SignatureBytes(const MinHashSignature& signature) {
  std::vector<unsigned char> bytes;
  bytes.reserve(signature.values.size() * kValueBytes);
  for (std::uint32_t value : signature.values) {
    for (std::size_t k = 0; k < kValueBytes; ++k) {
      bytes.push_back(static_cast<unsigned char>(value >> (8 * k)));
    }
  }
  return bytes;
}

MinHashSignature SignatureFromBytes(const void* data, std::size_t size) {
  // Anything but a full signature (including a truncated BLOB) reads as "no signature".
  if (data == nullptr || size != kMinHashValues * kValueBytes) return {};
  const auto* bytes = static_cast<const unsigned char*>(data);
  MinHashSignature signature;
  signature.values.resize(kMinHashValues);
  for (std::size_t i = 0; i < signature.values.size(); ++i) {
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < kValueBytes; ++k) {
      value |= static_cast<std::uint32_t>(bytes[i * kValueBytes + k]) << (8 * k);
    }
    signature.values[i] = value;
  }
  return signature;
}

}  // namespace sendscan
