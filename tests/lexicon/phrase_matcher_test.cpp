#include "lexicon/phrase_matcher.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

// A matcher with its own vocabulary, as the lexicon loader builds them.
struct Matcher {
  Vocabulary vocabulary;
  PhraseMatcher matcher;

  void Add(std::string_view phrase, std::uint32_t payload) {
    matcher.Add(phrase, payload, vocabulary);
  }
  std::vector<PhraseHit> Hits(std::string_view text) const {
    return matcher.FindAll(TokenizeWith(vocabulary, text));
  }
  std::vector<std::string> Found(std::string_view text) const {
    std::vector<std::string> out;
    for (const PhraseHit& h : Hits(text)) out.emplace_back(text.substr(h.start, h.end - h.start));
    return out;
  }
};

using Strings = std::vector<std::string>;

TEST(PhraseMatcher, LongestPhraseWins) {
  Matcher m;
  m.Add("North Somerset", 1);
  m.Add("Somerset", 2);
  EXPECT_EQ(m.Found("North Somerset and Somerset councils"), (Strings{"North Somerset", "Somerset"}));
}

TEST(PhraseMatcher, MatchesAcrossCaseAmpersandAndHyphens) {
  Matcher m;
  m.Add("Brighton and Hove", 7);
  m.Add("Stoke-on-Trent", 8);
  EXPECT_EQ(m.Found("BRIGHTON & HOVE and Stoke on Trent"),
            (Strings{"BRIGHTON & HOVE", "Stoke on Trent"}));
}

TEST(PhraseMatcher, PayloadsOfTheSamePhraseAreAllKept) {
  Matcher m;
  m.Add("Richmond", 1);
  m.Add("Richmond", 2);
  auto hits = m.Hits("in Richmond");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(*hits[0].payloads, (std::vector<std::uint32_t>{1, 2}));
}

TEST(PhraseMatcher, ListedMisspellingIsTolerated) {
  Matcher m;
  m.Add("Care Quality Commission", 1);
  ASSERT_TRUE(m.vocabulary.AddSpelling("cre", "care"));
  auto hits = m.Hits("the Cre Quality Commission said");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].tolerated);
}

TEST(PhraseMatcher, OneEditInALongWordWhenEnabled) {
  Matcher m;
  m.Add("significant weakness", 1);
  EXPECT_TRUE(m.Found("a signficant weakness").empty());
  m.matcher.TolerateTypos(m.vocabulary);
  EXPECT_EQ(m.Found("a signficant weakness"), (Strings{"signficant weakness"}));
  EXPECT_TRUE(m.Hits("a signficant weakness")[0].tolerated);
}

TEST(PhraseMatcher, PluralIsNotATypo) {
  Matcher m;
  m.Add("Reading", 1);
  m.matcher.TolerateTypos(m.vocabulary);
  EXPECT_TRUE(m.Found("the readings were taken").empty());
}

TEST(PhraseMatcher, ShortWordsAndFirstLettersNeedAnExactMatch) {
  Matcher m;
  m.Add("Bury", 1);
  m.Add("Ofsted", 2);
  m.matcher.TolerateTypos(m.vocabulary);
  EXPECT_TRUE(m.Found("to bure it").empty());
  EXPECT_TRUE(m.Found("Pfsted said").empty());
  EXPECT_EQ(m.Found("Ofstead said"), (Strings{"Ofstead"}));
}

TEST(PhraseMatcher, MatchersSharingAVocabularyKeepTheirOwnPhrases) {
  Vocabulary vocabulary;
  PhraseMatcher areas, cues;
  areas.Add("Kent", 1, vocabulary);
  cues.Add("Kent County Council", 2, vocabulary);
  TokenizedText text = TokenizeWith(vocabulary, "Kent County Council said");
  EXPECT_EQ(areas.FindAll(text).at(0).end_token, 1u);
  EXPECT_EQ(cues.FindAll(text).at(0).end_token, 3u);
}

}  // namespace
}  // namespace sendscan
