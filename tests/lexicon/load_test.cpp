#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "lexicon/lexicons.hpp"
#include "test_support.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

// A copy of the source lexicons in a temporary folder, for breaking one file.
class LexiconCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sendscan_lex_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(std::string(SENDSCAN_SOURCE_DIR) + "/lexicons", dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Append(const std::string& file, const std::string& line) {
    std::ofstream(dir_ / file, std::ios::app) << line << "\n";
  }
  std::size_t Lines(const std::string& file) {
    std::ifstream in(dir_ / file);
    return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in),
                                               std::istreambuf_iterator<char>(), '\n'));
  }
  fs::path dir_;
};

TEST_F(LexiconCopy, SourceLexiconsLoadWithADigest) {
  auto lex = LoadLexicons(dir_.string());
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_EQ(LexiconDigest(**lex).size(), 64u);
  EXPECT_FALSE((*lex)->areas.empty());
}

TEST_F(LexiconCopy, BrokenRegexIsReportedWithFileAndLine) {
  Append("boilerplate", "read (more");
  std::size_t line = Lines("boilerplate");
  auto lex = LoadLexicons(dir_.string());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("boilerplate:" + std::to_string(line) + ": bad pattern"),
            std::string::npos)
      << lex.status().message();
}

TEST_F(LexiconCopy, WrongNumberOfColumnsIsReported) {
  Append("kinds.tsv", "letter\t3\tDear");
  auto lex = LoadLexicons(dir_.string());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("kinds.tsv:"), std::string::npos);
  EXPECT_NE(lex.status().message().find("expected 4 TAB-separated fields"), std::string::npos);
}

TEST_F(LexiconCopy, UnknownAreaInAnNhsBodyIsReported) {
  Append("nhs_bodies.tsv", "NHS Atlantis CCG\tAtlantis\t\t");
  auto lex = LoadLexicons(dir_.string());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("unknown area 'Atlantis'"), std::string::npos);
}

TEST_F(LexiconCopy, EditingALexiconChangesTheDigest) {
  auto before = LoadLexicons(dir_.string());
  Append("abbreviations", "Approx");
  auto after = LoadLexicons(dir_.string());
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_NE(LexiconDigest(**before), LexiconDigest(**after));
}

TEST_F(LexiconCopy, MissingFileIsNotFound) {
  fs::remove(dir_ / "terms");
  auto lex = LoadLexicons(dir_.string());
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), StatusCode::kNotFound);
}

TEST(LoadLexicons, MissingFolderIsNotFound) {
  auto lex = LoadLexicons("/nonexistent/lexicons");
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sendscan
