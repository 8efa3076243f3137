#include "lexicon/pattern_starts.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

using Starts = std::optional<std::vector<std::string>>;

TEST(PatternStarts, LiteralTextAndGroupsOfLiteralAlternatives) {
  EXPECT_EQ(PatternStarts("read more\\W*"), Starts({"read more"}));
  EXPECT_EQ(PatternStarts("(skip|jump) to (main )?content\\W*"),
            Starts({"skip to content", "jump to content", "skip to main content",
                    "jump to main content"}));
  EXPECT_EQ(PatternStarts("comments?\\W*"), Starts({"comment"}));
}

TEST(PatternStarts, NestedGroupsAreFollowedIn) {
  EXPECT_EQ(PatternStarts("(was this page (useful|helpful)\\??|is there)"),
            Starts({"was this page useful", "was this page helpful", "is there"}));
}

TEST(PatternStarts, OptionalGroupsAddWhatFollows) {
  EXPECT_EQ(PatternStarts("(and )?live on freeview"),
            Starts({"live on freeview", "and live on freeview"}));
  EXPECT_EQ(PatternStarts("(post a |add a |\\d+ )?comments?\\W*"),
            Starts({"post a ", "add a ", "#", "comment"}));
}

TEST(PatternStarts, DigitsAndNonAsciiLiterals) {
  EXPECT_EQ(PatternStarts("\\d+\\W*"), Starts({"#"}));
  EXPECT_EQ(PatternStarts("(copyright|\u00A9) .*"), Starts({"copyright ", "\u00A9 "}));
}

TEST(PatternStarts, AnythingElseMeansTryEveryText) {
  EXPECT_EQ(PatternStarts(".*newsletter"), std::nullopt);
  EXPECT_EQ(PatternStarts("[a-z]+ said"), std::nullopt);
  EXPECT_EQ(PatternStarts("(?:read) more"), std::nullopt);
}

TEST(PatternStarts, StartSetIgnoresCase) {
  StartSet starts;
  EXPECT_TRUE(starts.empty());
  starts.Add({"read", "#", "\u00A9"});
  EXPECT_TRUE(starts.Matches("READ MORE"));
  EXPECT_TRUE(starts.Matches("12 comments"));
  EXPECT_TRUE(starts.Matches("\u00A9 Newsquest"));
  EXPECT_FALSE(starts.Matches("Parents read the report"));
  EXPECT_FALSE(starts.Matches("rea"));
}

}  // namespace
}  // namespace sendscan
