#include "normalise/sentences.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<Paragraph> paragraphs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    paragraphs.push_back({{start, end}, false});
    start = end + 2;
  }
  std::vector<std::string> out;
  for (Span s : SplitSentences(text, paragraphs, {"cllr", "dr", "mr", "no"})) {
    out.push_back(text.substr(s.start, s.size()));
  }
  return out;
}

TEST(Sentences, SplitsAtSentenceEnds) {
  EXPECT_EQ(Sentences("Inspectors found delays. Parents were angry! Was it fair?"),
            (std::vector<std::string>{"Inspectors found delays.", "Parents were angry!",
                                      "Was it fair?"}));
}

TEST(Sentences, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(Sentences("Cllr. Jones and Dr. Patel spoke. Mr. Smith agreed."),
            (std::vector<std::string>{"Cllr. Jones and Dr. Patel spoke.", "Mr. Smith agreed."}));
}

TEST(Sentences, InitialsDoNotEndSentences) {
  EXPECT_EQ(Sentences("The report by J. Smith was published."),
            (std::vector<std::string>{"The report by J. Smith was published."}));
}

TEST(Sentences, NeverCrossParagraphs) {
  EXPECT_EQ(Sentences("Main findings\n\nThe area has improved"),
            (std::vector<std::string>{"Main findings", "The area has improved"}));
}

TEST(Sentences, OffsetsAreBytesInUtf8) {
  std::string text = "“Good,” she said. Café owners agreed.";
  std::vector<std::string> s = Sentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "Café owners agreed.");
}

}  // namespace
}  // namespace sendscan
