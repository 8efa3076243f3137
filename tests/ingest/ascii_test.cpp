#include "ingest/ascii.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

TEST(AsciiTest, LowersAsciiLettersOnly) {
  EXPECT_EQ(AsciiLowerCopy("Charset=UTF-8; <META>"), "charset=utf-8; <meta>");
}

TEST(AsciiTest, LeavesEveryByteOfUtf8SequencesAlone) {
  // "ÉCOLE Ünïcode": the multi-byte letters keep their bytes, only ASCII ones change case.
  EXPECT_EQ(AsciiLowerCopy("\xC3\x89"
                           "COLE \xC3\x9Cn\xC3\xAF"
                           "CODE"),
            "\xC3\x89"
            "cole \xC3\x9Cn\xC3\xAF"
            "code");
}

TEST(AsciiTest, ClassesAreAsciiOnly) {
  EXPECT_TRUE(IsAsciiUpper('Q'));
  EXPECT_FALSE(IsAsciiUpper('q'));
  EXPECT_TRUE(IsAsciiAlpha('z'));
  EXPECT_FALSE(IsAsciiAlpha('@'));  // '@' | 0x20 is '`', just below 'a'
  EXPECT_FALSE(IsAsciiAlpha('['));
  EXPECT_FALSE(IsAsciiAlpha('\xC3'));
  EXPECT_TRUE(IsAsciiDigit('7'));
  EXPECT_FALSE(IsAsciiDigit('a'));
}

}  // namespace
}  // namespace sendscan
