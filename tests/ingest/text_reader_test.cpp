#include <gtest/gtest.h>

#include "ingest/readers.hpp"

namespace sendscan {
namespace {

RawDocument ReadText(std::string_view text) {
  RawDocument doc;
  EXPECT_TRUE(ReadTextBlocks(text, doc).ok());
  return doc;
}

TEST(TextReader, NewsCrawlDatePrefixBecomesAHint) {
  RawDocument doc = ReadText(" date 2020-01-16 A new report on services was published.\n\nMore.");
  EXPECT_EQ(doc.hints.published, "2020-01-16");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].text, "A new report on services was published.");
}

TEST(TextReader, BlankLinesSeparateBlocksAndSingleBreaksStayInside) {
  RawDocument doc = ReadText("Title line\nsecond line\n\n  \nNext block\r\n");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].text, "Title line\nsecond line");
  EXPECT_EQ(doc.blocks[1].text, "Next block\r");
}

TEST(TextReader, AWordDateIsNotACrawlPrefix) {
  RawDocument doc = ReadText("date night at the council");
  EXPECT_EQ(doc.hints.published, "");
  EXPECT_EQ(doc.blocks[0].text, "date night at the council");
}

}  // namespace
}  // namespace sendscan
