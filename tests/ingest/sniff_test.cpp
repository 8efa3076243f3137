#include "ingest/sniff.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sendscan {
namespace {

TEST(Sniff, PdfByItsMagicNumberWhateverTheName) {
  EXPECT_EQ(SniffBytes("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"), Sniffed::kPdf);
}

TEST(Sniff, HtmlByDoctypeOrTags) {
  EXPECT_EQ(SniffBytes("<!DOCTYPE html><html><body><p>x</p></body></html>"), Sniffed::kHtml);
  EXPECT_EQ(SniffBytes("\n  <html lang=\"en\"><head>"), Sniffed::kHtml);
  EXPECT_EQ(SniffBytes("<div>a</div><div>b</div><p>c</p><p>d</p>"), Sniffed::kHtml);
}

TEST(Sniff, PlainTextEvenWithAStrayAngleBracket) {
  EXPECT_EQ(SniffBytes("Councillors said waiting times were <20 weeks.\n"), Sniffed::kText);
}

TEST(Sniff, NulBytesMeanBinary) {
  EXPECT_EQ(SniffBytes(std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10)), Sniffed::kBinary);
}

TEST(Sniff, Utf16ByteOrderMark) {
  EXPECT_EQ(SniffBytes(std::string("\xFF\xFEh\0i\0", 6)), Sniffed::kUtf16Text);
}

}  // namespace
}  // namespace sendscan
