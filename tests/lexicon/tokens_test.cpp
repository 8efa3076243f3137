#include "lexicon/tokens.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

TEST(Tokens, KeysAreLowercaseWordsWithByteOffsets) {
  TokenList t = Tokenize("Bury’s SEND, 2019");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].key, "bury");
  EXPECT_EQ(t[1].key, "s");  // the apostrophe separates
  EXPECT_EQ(t[2].key, "send");
  EXPECT_EQ(t[2].start, 9u);  // ’ is three bytes
  EXPECT_EQ(t[3].key, "2019");
}

TEST(Tokens, AmpersandIsAnd) {
  EXPECT_EQ(TokenKeyString("Hammersmith & Fulham"), "hammersmith and fulham");
}

TEST(Tokens, HyphensAndDashesSeparateAccentedLettersDoNot) {
  EXPECT_EQ(TokenKeyString("Stoke-on-Trent – café"), "stoke on trent café");
}

}  // namespace
}  // namespace sendscan
