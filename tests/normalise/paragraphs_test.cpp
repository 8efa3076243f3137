#include "normalise/paragraphs.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

std::vector<std::string> Split(const std::string& text, std::size_t max = 20000) {
  std::vector<std::string> out;
  for (auto& p : SplitBlock({Block::Type::kParagraph, text}, max)) out.push_back(p.text);
  return out;
}

TEST(Paragraphs, HardWrappedLinesAreJoined) {
  EXPECT_EQ(Split("Council and health leaders have been told they must draft a written statement\n"
                  "of action for the inspectors."),
            (std::vector<std::string>{"Council and health leaders have been told they must draft "
                                      "a written statement of action for the inspectors."}));
}

TEST(Paragraphs, LinesEndingSentencesStaySeparate) {
  EXPECT_EQ(Split("Services were warned.\nInspectors will return."),
            (std::vector<std::string>{"Services were warned.", "Inspectors will return."}));
}

TEST(Paragraphs, ShortHeadingLinesStaySeparate) {
  EXPECT_EQ(Split("Agenda item\nLocal Authority SEND Report"),
            (std::vector<std::string>{"Agenda item", "Local Authority SEND Report"}));
}

TEST(Paragraphs, ALowercaseContinuationIsJoined) {
  EXPECT_EQ(Split("the waiting times for\nassessments"),
            (std::vector<std::string>{"the waiting times for assessments"}));
}

TEST(Paragraphs, BulletsStartNewParagraphs) {
  EXPECT_EQ(Split("areas of significant weakness including the following areas\n"
                  "\u2022 waiting times\n\u2022 the local offer"),
            (std::vector<std::string>{"areas of significant weakness including the following areas",
                                      "\u2022 waiting times", "\u2022 the local offer"}));
}

TEST(Paragraphs, HardBreaksFromHtmlAndPdfAlwaysEndAParagraph) {
  std::vector<ParagraphText> parts =
      SplitBlock({Block::Type::kParagraph,
                  "A long headline about special educational needs services in the county\n"
                  "Published Wednesday, 16th May 2018"},
                 20000, true);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].text, "Published Wednesday, 16th May 2018");
}

TEST(Paragraphs, SpacesCollapsed) {
  EXPECT_EQ(CollapseSpaces("  two   spaces \n here "), "two spaces here");
}

TEST(Paragraphs, OverlongParagraphIsCutAtSentenceEnds) {
  std::string sentence = "Inspectors found delays. ";
  std::string text;
  for (int i = 0; i < 100; ++i) text += sentence;
  std::vector<std::string> parts = Split(text, 200);
  ASSERT_GT(parts.size(), 10u);
  for (const auto& p : parts) {
    EXPECT_LE(p.size(), 200u);
    EXPECT_EQ(p.back(), '.');
  }
}

TEST(Paragraphs, OverlongParagraphWithoutSpacesIsCutAnyway) {
  std::vector<std::string> parts = Split(std::string(1000, 'x'), 300);
  EXPECT_EQ(parts.size(), 4u);
}

}  // namespace
}  // namespace sendscan
