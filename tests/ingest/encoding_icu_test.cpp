#include <gtest/gtest.h>

#include <string>

#include "ingest/encoding.hpp"

namespace sendscan {
namespace {

TEST(Encoding, Utf8IsKeptAndItsByteOrderMarkDropped) {
  Result<Decoded> d = DecodeToUtf8("\xEF\xBB\xBF\u201CYes\u201D");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, "\u201CYes\u201D");
  EXPECT_EQ(d->encoding, "UTF-8");
}

TEST(Encoding, Windows1252CurlyQuotesAndPoundSignConverted) {
  std::string cp1252 =
      "The council said the \x93significant weaknesses\x94 would cost \xA3" "2m to fix, and "
      "parents\x92 views were ignored. Inspectors found delays in every area of the service.";
  Result<Decoded> d = DecodeToUtf8(cp1252);
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d->utf8.find("\u201Csignificant weaknesses\u201D"), std::string::npos) << d->utf8;
  EXPECT_NE(d->utf8.find("\u00A3" "2m"), std::string::npos);
  EXPECT_NE(d->utf8.find("parents\u2019 views"), std::string::npos);
}

TEST(Encoding, Utf16LittleEndianWithByteOrderMark) {
  std::string bytes("\xFF\xFE" "S\0E\0N\0D\0", 10);
  Result<Decoded> d = DecodeToUtf8(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, "SEND");
  EXPECT_EQ(d->encoding, "UTF-16LE");
}

TEST(Encoding, DeclaredCharsetIsUsedForInvalidUtf8) {
  Result<Decoded> d = DecodeToUtf8("caf\xE9", "windows-1252");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, "caf\u00E9");
}

TEST(Encoding, Utf8WithAStrayByteStaysUtf8) {
  Result<Decoded> d = DecodeToUtf8("The council\u2019s \u201Cplan\u201D cost \xA3" "5m");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_EQ(d->utf8, "The council\u2019s \u201Cplan\u201D cost \uFFFD" "5m");
}

TEST(Encoding, DeclaredHtmlCharsetFromMetaTags) {
  EXPECT_EQ(DeclaredHtmlCharset("<meta charset=\"Windows-1252\">"), "windows-1252");
  EXPECT_EQ(DeclaredHtmlCharset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"),
            "iso-8859-1");
  EXPECT_EQ(DeclaredHtmlCharset("<p>no declaration</p>"), "");
}

}  // namespace
}  // namespace sendscan
