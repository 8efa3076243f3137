#include "store/band_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace sendscan::sqlite {
namespace {

std::vector<std::int64_t> IdsUnder(const BandIndex& index, std::uint64_t key) {
  std::vector<std::int64_t> ids;
  index.ForEach(key, [&](std::int64_t id) { ids.push_back(id); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(BandIndexTest, AnEmptyIndexFindsNothing) {
  BandIndex index;
  EXPECT_TRUE(IdsUnder(index, 42).empty());
  EXPECT_EQ(index.size(), 0u);
}

TEST(BandIndexTest, FindsEveryDocumentAddedUnderAKeyAndNoOther) {
  BandIndex index;
  index.Add(7, 1);
  index.Add(7, 3);
  index.Add(8, 2);
  EXPECT_EQ(IdsUnder(index, 7), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(IdsUnder(index, 8), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(IdsUnder(index, 9).empty());
  EXPECT_EQ(index.size(), 3u);
}

TEST(BandIndexTest, KeysThatCollideInTheTableStayApart) {
  // Keys equal in their low bits land on the same slot; each still finds only its own ids.
  BandIndex index;
  const std::uint64_t a = 5;
  const std::uint64_t b = 5 + (std::uint64_t{1} << 40);
  index.Add(a, 10);
  index.Add(b, 20);
  index.Add(a, 30);
  EXPECT_EQ(IdsUnder(index, a), (std::vector<std::int64_t>{10, 30}));
  EXPECT_EQ(IdsUnder(index, b), (std::vector<std::int64_t>{20}));
}

TEST(BandIndexTest, KeepsEveryPairAsItGrows) {
  BandIndex index;
  constexpr std::int64_t kDocuments = 5000;
  for (std::int64_t id = 1; id <= kDocuments; ++id) {
    for (std::uint64_t band = 0; band < 4; ++band) {
      index.Add(band * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(id % 100), id);
    }
  }
  EXPECT_EQ(index.size(), 4u * kDocuments);
  // Every 100th document shares its keys: key (band, 7) holds ids 7, 107, 207, ...
  const std::vector<std::int64_t> ids = IdsUnder(index, 0x9E3779B97F4A7C15ULL + 7);
  ASSERT_EQ(ids.size(), 50u);
  EXPECT_EQ(ids.front(), 7);
  EXPECT_EQ(ids.back(), 4907);
}

TEST(BandIndexTest, AgreesWithAMultimapOnManyCollidingKeys) {
  // Keys drawn from a small range, so many share a slot and many repeat.
  std::mt19937_64 random(7);
  std::multimap<std::uint64_t, std::int64_t> expected;
  BandIndex index;
  for (std::int64_t id = 1; id <= 20000; ++id) {
    const std::uint64_t key = (random() % 3000) << (random() % 2 == 0 ? 0 : 33);
    index.Add(key, id);
    expected.emplace(key, id);
  }
  for (std::uint64_t key = 0; key < 3000; ++key) {
    for (std::uint64_t probe : {key, key << 33}) {
      std::vector<std::int64_t> want;
      for (auto [it, end] = expected.equal_range(probe); it != end; ++it)
        want.push_back(it->second);
      std::sort(want.begin(), want.end());
      ASSERT_EQ(IdsUnder(index, probe), want) << probe;
    }
  }
}

TEST(BandIndexTest, APairAddedTwiceIsFoundTwice) {
  BandIndex index;
  index.Add(1, 4);
  index.Add(1, 4);
  EXPECT_EQ(IdsUnder(index, 1), (std::vector<std::int64_t>{4, 4}));
}

TEST(BandIndexTest, ClearForgetsEverything) {
  BandIndex index;
  index.Add(1, 4);
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(IdsUnder(index, 1).empty());
  index.Add(1, 5);
  EXPECT_EQ(IdsUnder(index, 1), (std::vector<std::int64_t>{5}));
}

}  // namespace
}  // namespace sendscan::sqlite
