#include <gtest/gtest.h>

#include "cli/progress.hpp"

namespace sendscan::cli {
namespace {

Progress At(std::size_t done, std::size_t total, std::uint64_t bytes, std::uint64_t total_bytes,
            double seconds) {
  return Progress{done, total, bytes, total_bytes, seconds};
}

TEST(FormatProgress, ShowsFilesMegabytesRateAndTimeLeft) {
  // 46 MB left at 2 MB/s; the bar is at most 30 wide.
  EXPECT_EQ(FormatProgress(At(120, 5000, 2'000'000, 48'000'000, 1.0), 200),
            "[=>" + std::string(26, ' ') + "] 120/5000 files  2.0/48.0 MB  2.0 MB/s  ETA 0:23");
}

TEST(FormatProgress, BarFillsWithTheShareOfBytesDone) {
  // 34 columns: 21 of text, a space, a bar of 10 between brackets.
  EXPECT_EQ(FormatProgress(At(1, 2, 50, 100, 0), 34), "[=====>    ] 1/2 files  0.0/0.0 MB");
  EXPECT_EQ(FormatProgress(At(2, 2, 100, 100, 0), 34), "[==========] 2/2 files  0.0/0.0 MB");
}

TEST(FormatProgress, NoRateOrTimeLeftBeforeAnythingIsMeasured) {
  EXPECT_EQ(FormatProgress(At(0, 10, 0, 10'000'000, 0.0), 33), "0/10 files  0.0/10.0 MB");
}

TEST(FormatProgress, FallsBackToFilesWhenSizesAreUnknown) {
  EXPECT_EQ(FormatProgress(At(3, 4, 0, 0, 0), 34), "[=======>  ] 3/4 files  0.0/0.0 MB");
}

TEST(FormatProgress, NarrowTerminalDropsTheBarThenCutsTheText) {
  EXPECT_EQ(FormatProgress(At(1, 2, 0, 0, 0), 25), "1/2 files  0.0/0.0 MB");
  EXPECT_EQ(FormatProgress(At(1, 2, 0, 0, 0), 9), "1/2 files");
  EXPECT_EQ(FormatProgress(At(1, 2, 0, 0, 0), 0), "");
}

TEST(FormatProgress, NeverWiderThanAsked) {
  for (std::size_t width = 0; width < 120; ++width) {
    EXPECT_LE(FormatProgress(At(77, 5000, 3'300'000, 48'000'000, 2.5), width).size(), width);
  }
}

TEST(FormatDuration, MinutesThenHours) {
  EXPECT_EQ(FormatDuration(0), "0:00");
  EXPECT_EQ(FormatDuration(-3), "0:00");
  EXPECT_EQ(FormatDuration(65.4), "1:05");
  EXPECT_EQ(FormatDuration(3600 + 2 * 60 + 3), "1:02:03");
}

TEST(ProgressBar, DisabledBarDrawsNothing) {
  testing::internal::CaptureStderr();
  {
    ProgressBar bar(false);
    bar.Update(At(1, 1, 1, 1, 1));
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace sendscan::cli
