#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sendscan/ingest.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sendscan_manifest_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "manifest.csv").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<Manifest> Read(const std::string& csv) {
    std::ofstream(path_, std::ios::binary) << csv;
    return ReadManifest(path_);
  }
  // The error message after "FILE:".
  std::string ErrorOf(const std::string& csv) {
    Result<Manifest> m = Read(csv);
    if (m.ok()) return "(no error)";
    EXPECT_EQ(m.status().code(), StatusCode::kCorruption);
    std::string msg = m.status().message();
    std::string prefix = path_ + ":";
    if (msg.compare(0, prefix.size(), prefix) != 0) return "(no file name) " + msg;
    return msg.substr(prefix.size());
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(ManifestTest, ReadsColumnsInAnyOrder) {
  auto m =
      Read("title,published,path,outlet,url\nA title,2021-03-04,a.txt,The Echo,https://e.org/a\n");
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->count("a.txt"), 1u);
  const ManifestEntry& e = m->at("a.txt");
  EXPECT_EQ(e.title, "A title");
  EXPECT_EQ(e.published, "2021-03-04");
  EXPECT_EQ(e.outlet, "The Echo");
  EXPECT_EQ(e.url, "https://e.org/a");
}

TEST_F(ManifestTest, EmptyCellsAndMissingColumnsAreUnset) {
  auto m = Read("path,outlet,published\na.txt,,\nb.txt,  ,2020-01-02\n");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_FALSE(m->at("a.txt").outlet);
  EXPECT_FALSE(m->at("a.txt").published);
  EXPECT_FALSE(m->at("b.txt").outlet);
  EXPECT_FALSE(m->at("b.txt").title);
  EXPECT_FALSE(m->at("b.txt").url);
}

TEST_F(ManifestTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto m = Read("path,title\n\"dir, with comma/a.txt\",\"She said \"\"no\"\",\nthen left\"\n");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->at("dir, with comma/a.txt").title, "She said \"no\",\nthen left");
}

TEST_F(ManifestTest, AcceptsCrlfBomBlankLinesAndOtherColumns) {
  auto m = Read("\xEF\xBB\xBFPath,Notes,Outlet\r\na.txt,checked,BBC\r\n\r\nb.txt,,ITV\r\n");
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ(m->at("a.txt").outlet, "BBC");
  EXPECT_EQ(m->at("b.txt").outlet, "ITV");
}

TEST_F(ManifestTest, BadDateNamesFileAndLine) {
  EXPECT_EQ(ErrorOf("path,published\na.txt,2021-03-04\nb.txt,2021-02-30\n"),
            "3: bad published date \"2021-02-30\" (expected YYYY-MM-DD)");
  EXPECT_EQ(ErrorOf("path,published\na.txt,04/03/2021\n"),
            "2: bad published date \"04/03/2021\" (expected YYYY-MM-DD)");
}

TEST_F(ManifestTest, LineNumbersCountLineBreaksInsideQuotes) {
  EXPECT_EQ(ErrorOf("path,title,published\na.txt,\"two\nlines\",2020-01-01\nb.txt,x,soon\n"),
            "4: bad published date \"soon\" (expected YYYY-MM-DD)");
}

TEST_F(ManifestTest, MalformedRowsAreRefused) {
  EXPECT_EQ(ErrorOf("url,title\nx,y\n"), "1: the header has no \"path\" column");
  EXPECT_EQ(ErrorOf("path,url\na.txt\n"), "2: expected 2 fields as in the header, found 1");
  EXPECT_EQ(ErrorOf("path,url\n,https://x\n"), "2: empty path");
  EXPECT_EQ(ErrorOf("path,title\na.txt,\"open\n"), "2: quoted field is never closed");
  EXPECT_EQ(ErrorOf("path,title\na.txt,\"x\"y\n"), "2: text after a closing quote");
  EXPECT_EQ(ErrorOf("path,title\na.txt,x\"y\n"), "2: quote inside an unquoted field");
  EXPECT_EQ(ErrorOf("path\na.txt\nb.txt\na.txt\n"), "4: path \"a.txt\" already listed on line 2");
  EXPECT_EQ(ErrorOf(""), "1: empty file, expected a header row");
}

TEST_F(ManifestTest, HeaderOnlyIsAnEmptyManifest) {
  auto m = Read("path,url,outlet,published,title\n");
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->empty());
}

TEST_F(ManifestTest, MissingFileIsNotFound) {
  auto m = ReadManifest((dir_ / "nope.csv").string());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_NE(m.status().message().find("nope.csv: no such file"), std::string::npos);
}

}  // namespace
}  // namespace sendscan
