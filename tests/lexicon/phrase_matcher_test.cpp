#include "lexicon/phrase_matcher.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

std::vector<std::string> Found(const PhraseMatcher& m, std::string_view text) {
  std::vector<std::string> out;
  for (const PhraseHit& h : m.FindAll(Tokenize(text))) {
    out.emplace_back(text.substr(h.start, h.end - h.start));
  }
  return out;
}

TEST(PhraseMatcher, LongestPhraseWins) {
  PhraseMatcher m;
  m.Add("North Somerset", 1);
  m.Add("Somerset", 2);
  EXPECT_EQ(Found(m, "North Somerset and Somerset councils"),
            (std::vector<std::string>{"North Somerset", "Somerset"}));
}

TEST(PhraseMatcher, MatchesAcrossCaseAmpersandAndHyphens) {
  PhraseMatcher m;
  m.Add("Brighton and Hove", 7);
  m.Add("Stoke-on-Trent", 8);
  EXPECT_EQ(Found(m, "BRIGHTON & HOVE and Stoke on Trent"),
            (std::vector<std::string>{"BRIGHTON & HOVE", "Stoke on Trent"}));
}

TEST(PhraseMatcher, PayloadsOfTheSamePhraseAreAllKept) {
  PhraseMatcher m;
  m.Add("Richmond", 1);
  m.Add("Richmond", 2);
  auto hits = m.FindAll(Tokenize("in Richmond"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(*hits[0].payloads, (std::vector<std::uint32_t>{1, 2}));
}

TEST(PhraseMatcher, ListedMisspellingIsTolerated) {
  PhraseMatcher m;
  m.Add("Care Quality Commission", 1);
  m.AddSpelling("Cre", "Care");
  auto hits = m.FindAll(Tokenize("the Cre Quality Commission said"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].tolerated);
}

TEST(PhraseMatcher, OneEditInALongDomainWordWhenEnabled) {
  PhraseMatcher m;
  m.Add("significant weakness", 1);
  EXPECT_TRUE(Found(m, "a sognificant weakness").empty());
  m.TolerateTypos();
  EXPECT_EQ(Found(m, "a sognificant weakness"), (std::vector<std::string>{"sognificant weakness"}));
}

TEST(PhraseMatcher, PluralIsNotATypo) {
  PhraseMatcher m;
  m.Add("Reading", 1);
  m.TolerateTypos();
  EXPECT_TRUE(Found(m, "the readings were taken").empty());
}

TEST(PhraseMatcher, ShortWordsNeedAnExactMatch) {
  PhraseMatcher m;
  m.Add("Bury", 1);
  m.TolerateTypos();
  EXPECT_TRUE(Found(m, "to bure it").empty());
}

}  // namespace
}  // namespace sendscan
