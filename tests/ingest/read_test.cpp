#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sendscan/ingest.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

class ReadFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sendscan_read_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  fs::path dir_;
};

TEST_F(ReadFileTest, MissingPathIsNotFoundAndNamesThePath) {
  Result<RawDocument> r = ReadFile((dir_ / "nope.txt").string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("nope.txt: no such file"), std::string::npos);
}

TEST_F(ReadFileTest, DirectoryIsRefused) {
  Result<RawDocument> r = ReadFile(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("is a directory"), std::string::npos);
}

TEST_F(ReadFileTest, EmptyFileIsRefused) {
  Result<RawDocument> r = ReadFile(Write("empty.txt", ""));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("empty file"), std::string::npos);
}

TEST_F(ReadFileTest, BinaryFileIsRefused) {
  Result<RawDocument> r = ReadFile(Write("x.bin", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("binary data"), std::string::npos);
}

TEST_F(ReadFileTest, TooLargeForTheLimitIsRefused) {
  ReadOptions small;
  small.max_bytes = 10;
  Result<RawDocument> r = ReadFile(Write("big.txt", std::string(11, 'a')), small);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too large"), std::string::npos);
}

TEST_F(ReadFileTest, HashIsOfTheBytesAsRead) {
  Result<RawDocument> r = ReadFile(Write("a.txt", "abc"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(r->input_bytes, 3u);
  EXPECT_EQ(r->format, Format::kText);
}

TEST_F(ReadFileTest, InvalidUtf8IsDecodedNotRefused) {
  Result<RawDocument> r = ReadFile(Write("latin.txt", "Caf\xE9 owners said the council\x92s plan"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->encoding, "windows-1252");
  EXPECT_EQ(r->blocks.at(0).text, "Caf\u00E9 owners said the council\u2019s plan");
}

TEST_F(ReadFileTest, HtmlIsSniffedFromBytesNotName) {
  Result<RawDocument> r = ReadFile(Write("page.txt", "<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->format, Format::kHtml);
}

TEST(ReadBytes, SourceNameAppearsInErrors) {
  Result<RawDocument> r = ReadBytes("", "stdin-doc");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "stdin-doc: empty file");
}

}  // namespace
}  // namespace sendscan
