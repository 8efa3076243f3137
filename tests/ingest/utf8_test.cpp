#include "ingest/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sendscan {
namespace {

TEST(Utf8, AcceptsAsciiAndMultibyteText) {
  EXPECT_TRUE(IsValidUtf8("Care Quality Commission"));
  EXPECT_TRUE(IsValidUtf8("\u201Csignificant weaknesses\u201D \u00A3250 caf\u00E9 \U0001F600"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8, RejectsWindows1252Bytes) {
  EXPECT_FALSE(IsValidUtf8("the \x93report\x94 said \xA3" "5m"));
}

TEST(Utf8, RejectsOverlongsSurrogatesAndTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x80"));       // cut short
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Utf8, CensusCountsSequencesAndStrayBytes) {
  Utf8Census c = CountUtf8("caf\u00E9 \u2019 \x93x\x94");
  EXPECT_EQ(c.multibyte, 2u);
  EXPECT_EQ(c.invalid, 2u);
}

TEST(Utf8, CutPointNeverSplitsACharacter) {
  std::string s = "ab\u2019cd";  // ’ is 3 bytes at [2, 5)
  EXPECT_EQ(Utf8CutPoint(s, 3), 2u);
  EXPECT_EQ(Utf8CutPoint(s, 5), 5u);
  EXPECT_EQ(Utf8CutPoint(s, 100), s.size());
}

}  // namespace
}  // namespace sendscan
