#include "normalise/clutter.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sendscan {
namespace {

using testing::SourceLexicons;

TEST(Clutter, SiteFurnitureIsClutter) {
  for (const char* line : {"Read more", "Related Articles", "Share this article", "Share:",
                           "LEAVE A REPLY", "Sign up to our daily newsletter for the latest news",
                           "Watch more of our videos on Shots!", "Advertisement",
                           "and live on Freeview channel 276", "Facebook Twitter WhatsApp Email",
                           "0", "Skip to main content"}) {
    EXPECT_TRUE(IsClutter(line, SourceLexicons())) << line;
  }
}

TEST(Clutter, SentencesThatMentionTheSameWordsAreNot) {
  for (const char* line : {"Parents said they wanted to read more about the plans.",
                           "Inspectors will share their findings with the council.",
                           "The council said 70 comments were received.",
                           "Home to school transport was criticised."}) {
    EXPECT_FALSE(IsClutter(line, SourceLexicons())) << line;
  }
}

TEST(Clutter, EveryShippedPatternHasAKnownBeginningSoTheQuickTestApplies) {
  EXPECT_FALSE(SourceLexicons().boilerplate_starts.empty());
}

TEST(Clutter, LongParagraphsAreNeverClutter) {
  std::string long_line = "Read more " + std::string(400, 'x');
  EXPECT_FALSE(IsClutter(long_line, SourceLexicons()));
}

}  // namespace
}  // namespace sendscan
