#include "lexicon/vocabulary.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

TEST(Vocabulary, InternGivesEachWordOneId) {
  Vocabulary v;
  std::uint32_t kent = v.Intern("kent");
  EXPECT_EQ(v.Intern("kent"), kent);
  EXPECT_NE(v.Intern("essex"), kent);
  EXPECT_EQ(v.Find("kent"), kent);
  EXPECT_EQ(v.Word(kent), "kent");
  EXPECT_EQ(v.Find("surrey"), Vocabulary::kUnknown);
}

TEST(Vocabulary, MisspellingFindsTheWordAndSaysSo) {
  Vocabulary v;
  std::uint32_t significant = v.Intern("significant");
  EXPECT_TRUE(v.AddSpelling("sognificant", "significant"));
  EXPECT_EQ(v.Find("sognificant"), significant | Vocabulary::kMisspelt);
  EXPECT_FALSE(v.AddSpelling("x", "unknownword"));
  EXPECT_FALSE(v.AddSpelling("significant", "significant"));
}

std::string Numbered(int i) { return std::to_string(i) + "w"; }

TEST(Vocabulary, GrowsPastItsFirstTable) {
  Vocabulary v;
  for (int i = 0; i < 5000; ++i) v.Intern(Numbered(i));
  EXPECT_EQ(v.size(), 5000u);
  for (int i = 0; i < 5000; i += 499) EXPECT_EQ(v.Word(v.Find(Numbered(i))), Numbered(i));
}

TEST(Vocabulary, TokenizeWithLooksUpEveryToken) {
  Vocabulary v;
  std::uint32_t ofsted = v.Intern("ofsted");
  TokenizedText t = TokenizeWith(v, "OFSTED and CQC");
  ASSERT_EQ(t.ids.size(), 3u);
  EXPECT_EQ(t.ids[0], ofsted);
  EXPECT_EQ(t.ids[1], Vocabulary::kUnknown);
}

}  // namespace
}  // namespace sendscan
