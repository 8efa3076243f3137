#include "sendscan/normalise.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sendscan {
namespace {

using testing::NormaliseBytes;

TEST(Normalise, RepeatedStandfirstIsKeptOnce) {
  Document d = NormaliseBytes("Headline\n\nURGENT action is needed, inspectors say.\n\n"
                              "URGENT action is needed, inspectors say.\n\nCouncil leaders have "
                              "70 days.");
  EXPECT_EQ(d.text, "Headline\n\nURGENT action is needed, inspectors say.\n\nCouncil leaders "
                    "have 70 days.");
}

TEST(Normalise, ClutterLinesAreDropped) {
  Document d = NormaliseBytes("The report was damning.\n\nRead more\n\nRelated Articles\n\n"
                              "Parents were angry.");
  EXPECT_EQ(d.text, "The report was damning.\n\nParents were angry.");
}

TEST(Normalise, ParagraphSpansCoverTheText) {
  Document d = NormaliseBytes("First para.\n\nSecond para.");
  ASSERT_EQ(d.paragraphs.size(), 2u);
  EXPECT_EQ(d.Slice(d.paragraphs[1].span), "Second para.");
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.Slice(d.sentences[0]), "First para.");
}

TEST(Normalise, UnicodeIsComposedAndMarksUnified) {
  Document d = NormaliseBytes("Cafe\xCC\x81 \xE2\x80\x9EQuote\xE2\x80\x9C\xC2\xA0here");
  EXPECT_EQ(d.text, "Caf\u00E9 \u201CQuote\u201C here");
}

TEST(Normalise, MisspeltWordsStayAsWritten) {
  Document d = NormaliseBytes("Their sognificant areas of weakness were listed.");
  EXPECT_EQ(d.text, "Their sognificant areas of weakness were listed.");
}

TEST(Normalise, NothingLeftIsAnError) {
  Result<RawDocument> raw = ReadBytes("Read more\n\nShare\n", "clutter.txt");
  ASSERT_TRUE(raw.ok());
  Result<Document> doc = Normalise(*raw, testing::SourceLexicons());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "clutter.txt: no text found");
}

TEST(Normalise, AFiveMegabyteLineBecomesBoundedParagraphs) {
  std::string line;
  for (int i = 0; line.size() < 5'000'000; ++i) line += "word" + std::to_string(i) + " ";
  Document d = NormaliseBytes(line);
  EXPECT_GT(d.paragraphs.size(), 200u);
  for (const Paragraph& p : d.paragraphs) EXPECT_LE(p.span.size(), 20000u);
}

}  // namespace
}  // namespace sendscan
