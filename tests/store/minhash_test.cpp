// MinHash near-duplicate detection: syndicated copies of one story must land in one group
// (Jaccard >= 0.8 over 5-word shingles), independent reports of the same event must not.
#include "store/minhash.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

#include "sendscan/store.hpp"

namespace sendscan {
namespace {

// A local news story (332 words).
constexpr const char* kStory = R"(Council backs flood barrier for Riverside after winter of damage

Riverside's city council voted on Tuesday night to build a permanent flood barrier along the
lower river, ending two years of argument over how to protect the streets that flooded three
times last winter. The scheme, which will cost 4.2 million pounds, was approved by eleven votes
to four after a debate that ran for almost three hours.

Councillor Maria Okafor, who chairs the environment committee, told the meeting that the town
could not afford another season of sandbags and emergency pumps. "Families on Mill Lane have
been out of their homes since January," she said. "We owe them more than promises."

The barrier will run for 800 metres from the old railway bridge to the boat club, and will be
built from steel piles topped with glass panels so that residents keep their view of the water.
Engineers expect work to begin in the spring and to finish before the end of next year, weather
permitting.

Opponents argued that the money would be better spent upstream, on planting trees and restoring
wetlands that slow the water before it reaches the town. Councillor Dennis Hale said the barrier
would simply push the problem downstream to the villages of Ashby and Cole Green, whose
residents were not consulted. The council promised to commission a separate study of the upper
catchment and to report back within six months.

Half of the cost will come from a national flood defence grant, and the rest from council
reserves and a contribution from the water company. Council tax will not rise to pay for the
scheme, the finance director confirmed.

Local businesses welcomed the decision. The owner of the Riverside Bakery, which closed for five
weeks after the December flood, said insurers had refused to renew her policy and that the
barrier was the only thing that might change their minds. A public exhibition of the final
design will open at the library next month.
)";

// kStory as a partner outlet reprints it: its own headline, "11" for "eleven", curly quotes and a
// credit line. Exact Jaccard of the shingle sets: 0.867.
constexpr const char* kSyndicatedCopy =
    R"(Riverside votes for £4.2m river wall to end years of flooding

Riverside's city council voted on Tuesday night to build a permanent flood barrier along the
lower river, ending two years of argument over how to protect the streets that flooded three
times last winter. The scheme, which will cost 4.2 million pounds, was approved by 11 votes to
four after a debate that ran for almost three hours.

Councillor Maria Okafor, who chairs the environment committee, told the meeting that the town
could not afford another season of sandbags and emergency pumps. ‘Families on Mill Lane have
been out of their homes since January,’ she said. ‘We owe them more than promises.’

The barrier will run for 800 metres from the old railway bridge to the boat club, and will be
built from steel piles topped with glass panels so that residents keep their view of the water.
Engineers expect work to begin in the spring and to finish before the end of next year, weather
permitting.

Opponents argued that the money would be better spent upstream, on planting trees and restoring
wetlands that slow the water before it reaches the town. Councillor Dennis Hale said the barrier
would simply push the problem downstream to the villages of Ashby and Cole Green, whose
residents were not consulted. The council promised to commission a separate study of the upper
catchment and to report back within six months.

Half of the cost will come from a national flood defence grant, and the rest from council
reserves and a contribution from the water company. Council tax will not rise to pay for the
scheme, the finance director confirmed.

Local businesses welcomed the decision. The owner of the Riverside Bakery, which closed for five
weeks after the December flood, said insurers had refused to renew her policy and that the
barrier was the only thing that might change their minds. A public exhibition of the final
design will open at the library next month.

This story first appeared in the Riverside Gazette and is republished through a regional news
partnership.
)";

// The same council vote reported independently by another outlet: same names, numbers and
// places, different sentences. Exact Jaccard with kStory: 0.
constexpr const char* kOtherReport = R"(Flood wall plan passes despite fears for villages downstream

A steel and glass flood wall will be built along the river in Riverside after councillors
narrowly overcame objections from members who wanted money spent on natural flood management
instead. The vote, held late on Tuesday, followed months of campaigning by householders whose
homes were flooded in November, December and January.

Supporters of the wall said there was no realistic alternative. Maria Okafor, the councillor in
charge of environmental policy, described months of pumping out cellars and living in rented
rooms, and said people on Mill Lane had waited long enough. She called the decision a turning
point for the riverside neighbourhoods.

Critics were unconvinced. Dennis Hale warned colleagues that a wall in the town centre would
send floodwater towards Ashby and Cole Green, and asked why nobody had knocked on doors in those
villages before the plan was drawn up. Other members said the council should have waited for the
results of a study of the hills above the town, where farmers have offered land for new ponds
and woodland.

The total bill is put at 4.2 million pounds. Roughly half is expected from central government,
with the water company and the council's own savings covering the remainder. Officials insisted
that households would not see a bigger council tax bill as a result.

Construction is due to start next spring. The finished wall will stretch about 800 metres
between the railway bridge and the boat club, and designers say the glass upper section will
keep the river in sight for people walking along the embankment.

Shopkeepers in the lower town, several of whom lost stock in the floods, said they were
relieved. One cafe owner said her insurer had told her that cover would only be offered again
once permanent defences were in place. Plans will be on display at the library from next month.
)";

bool SharesBandKey(const MinHashSignature& a, const MinHashSignature& b) {
  std::vector<std::uint64_t> keys_a = BandKeys(a);
  std::vector<std::uint64_t> keys_b = BandKeys(b);
  std::sort(keys_a.begin(), keys_a.end());
  std::sort(keys_b.begin(), keys_b.end());
  std::vector<std::uint64_t> shared;
  std::set_intersection(keys_a.begin(), keys_a.end(), keys_b.begin(), keys_b.end(),
                        std::back_inserter(shared));
  return !shared.empty();
}

TEST(MinHash, IdenticalTextsHaveEqualSignaturesAndBandKeys) {
  const MinHashSignature a = ComputeMinHash(kStory);
  const MinHashSignature b = ComputeMinHash(kStory);
  ASSERT_EQ(a.values.size(), static_cast<std::size_t>(kMinHashValues));
  EXPECT_EQ(EstimatedJaccard(a, b), 1.0);
  EXPECT_EQ(BandKeys(a), BandKeys(b));
  EXPECT_EQ(BandKeys(a).size(), static_cast<std::size_t>(kMinHashBands));
}

TEST(MinHash, StorySignatureIsTheStoresMinHash) {
  // What ingest's workers compute for Put is exactly what Put would compute itself.
  EXPECT_EQ(StorySignature(kStory), ComputeMinHash(kStory).values);
  EXPECT_TRUE(StorySignature("Too short.").empty());
}

TEST(MinHash, SyndicatedCopyIsNearDuplicateAndCandidate) {
  const MinHashSignature story = ComputeMinHash(kStory);
  const MinHashSignature copy = ComputeMinHash(kSyndicatedCopy);
  EXPECT_GE(EstimatedJaccard(story, copy), 0.8);
  EXPECT_TRUE(SharesBandKey(story, copy));
}

TEST(MinHash, IndependentReportOfSameEventIsNotNearDuplicate) {
  const MinHashSignature story = ComputeMinHash(kStory);
  const MinHashSignature other = ComputeMinHash(kOtherReport);
  EXPECT_LT(EstimatedJaccard(story, other), 0.3);
  // With a true Jaccard near 0, sharing all 4 rows of any of the 32 bands is vanishingly rare.
  EXPECT_FALSE(SharesBandKey(story, other));
}

TEST(MinHash, PunctuationCaseAndQuoteStyleAreIgnored) {
  const MinHashSignature plain =
      ComputeMinHash("the mayor said it is a good day for the town and its people");
  const char* variants[] = {
      "The Mayor said: \"It is a good day for the town -- and its people!\"",
      "THE MAYOR SAID IT IS A GOOD DAY FOR THE TOWN AND ITS PEOPLE",
      "The mayor said, \u201CIt is a good day for the town \u2013 and its people.\u201D",
      "The\u00A0mayor said \u00ABit is a good day\u00BB for the town\u2026 and its people",
  };
  for (const char* text : variants) {
    EXPECT_EQ(EstimatedJaccard(plain, ComputeMinHash(text)), 1.0) << text;
  }
}

TEST(MinHash, AccentedLettersStayInsideWords) {
  // Non-ASCII bytes are word bytes: "café" is not "caf" followed by a separator.
  EXPECT_LT(EstimatedJaccard(ComputeMinHash("we met at the café by the river"),
                             ComputeMinHash("we met at the caf by the river")),
            1.0);
}

TEST(MinHash, WordOrderMatters) {
  EXPECT_LT(EstimatedJaccard(ComputeMinHash("one two three four five six"),
                             ComputeMinHash("six five four three two one")),
            0.3);
}

TEST(MinHash, TextUnderFiveWordsHasEmptySignature) {
  EXPECT_TRUE(ComputeMinHash("").values.empty());
  EXPECT_TRUE(ComputeMinHash(" ... -- !! ").values.empty());
  EXPECT_TRUE(ComputeMinHash("Only four words here.").values.empty());
  EXPECT_EQ(ComputeMinHash("Exactly five words are here.").values.size(),
            static_cast<std::size_t>(kMinHashValues));
}

TEST(MinHash, EmptySignatureMatchesNothingAndHasNoBands) {
  const MinHashSignature empty;
  EXPECT_EQ(EstimatedJaccard(empty, empty), 0.0);
  EXPECT_EQ(EstimatedJaccard(empty, ComputeMinHash(kStory)), 0.0);
  EXPECT_TRUE(BandKeys(empty).empty());
}

TEST(MinHash, SignatureIsPinnedAcrossRunsAndBuilds) {
  // Stored signatures and band keys are compared with new ones for ever: if this fails, the
  // hashing changed and every stored signature must be recomputed.
  const MinHashSignature s = ComputeMinHash("The quick brown fox jumps over the lazy dog.");
  const std::vector<std::uint32_t> first(s.values.begin(), s.values.begin() + 4);
  EXPECT_EQ(first,
            (std::vector<std::uint32_t>{0x5263D878u, 0x00072614u, 0x89AF7955u, 0x5F5043CAu}));
  EXPECT_EQ(BandKeys(s).front(), 0xB18C61A213108ED3ull);
}

TEST(MinHashBytes, FourBytesPerValueLowestFirst) {
  MinHashSignature s;
  s.values.assign(kMinHashValues, 0);
  s.values.front() = 0x04030201u;
  s.values.back() = 0xA0B0C0D0u;
  const std::vector<unsigned char> bytes = SignatureBytes(s);
  ASSERT_EQ(bytes.size(), 4u * kMinHashValues);
  EXPECT_EQ(std::vector<unsigned char>(bytes.begin(), bytes.begin() + 4),
            (std::vector<unsigned char>{0x01, 0x02, 0x03, 0x04}));
  EXPECT_EQ(std::vector<unsigned char>(bytes.end() - 4, bytes.end()),
            (std::vector<unsigned char>{0xD0, 0xC0, 0xB0, 0xA0}));
}

TEST(MinHashBytes, RoundTrip) {
  const MinHashSignature s = ComputeMinHash(kStory);
  const std::vector<unsigned char> bytes = SignatureBytes(s);
  EXPECT_EQ(SignatureFromBytes(bytes.data(), bytes.size()).values, s.values);
}

TEST(MinHashBytes, WrongSizeGivesEmptySignature) {
  const std::vector<unsigned char> bytes = SignatureBytes(ComputeMinHash(kStory));
  EXPECT_TRUE(SignatureFromBytes(bytes.data(), bytes.size() - 1).values.empty());
  EXPECT_TRUE(SignatureFromBytes(bytes.data(), bytes.size() - 4).values.empty());
  EXPECT_TRUE(SignatureFromBytes(bytes.data(), 0).values.empty());
  EXPECT_TRUE(SignatureFromBytes(nullptr, bytes.size()).values.empty());
  EXPECT_TRUE(SignatureBytes(MinHashSignature{}).empty());
}

}  // namespace
}  // namespace sendscan
