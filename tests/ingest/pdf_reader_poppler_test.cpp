// The PDF reader on the PDFs tests/tests.cmake generates into SENDSCAN_FIXTURES_DIR:
// letter.pdf (tests/fixtures/letter.txt set as a two-page letter by scripts/render_pdf.py, with a
// running header, a footer with "Page N of M" and hyphenated line ends) and bad/*.pdf
// (scripts/make_bad_pdfs.py: a valid letter, and truncated, corrupt and encrypted copies).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/readers.hpp"

namespace sendscan {
namespace {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Fixture(const std::string& name) {
  return ReadWhole(std::string(SENDSCAN_FIXTURES_DIR) + "/" + name);
}

// Reads a PDF's bytes and returns the status with the document.
struct ReadResult {
  Status status;
  RawDocument doc;
};

ReadResult ReadPdf(const std::string& bytes) {
  ReadResult r;
  r.status = ReadPdfBlocks(bytes, r.doc);
  return r;
}

std::vector<std::string> Texts(const RawDocument& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) out.push_back(b.text);
  return out;
}

std::string AllText(const RawDocument& doc) {
  std::string all;
  for (const Block& b : doc.blocks) all += b.text + "\n\n";
  return all;
}

// The letter as written: render_pdf.py sets each non-empty line as a paragraph.
std::vector<std::string> LetterParagraphs() {
  std::istringstream in(ReadWhole(std::string(SENDSCAN_SOURCE_DIR) + "/tests/fixtures/letter.txt"));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

TEST(PdfReader, LetterGivesItsParagraphsInOrder) {
  const ReadResult r = ReadPdf(Fixture("letter.pdf"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Texts(r.doc), LetterParagraphs());
}

TEST(PdfReader, DropsRunningHeadersFootersAndPageNumbers) {
  const ReadResult r = ReadPdf(Fixture("letter.pdf"));
  const std::string all = AllText(r.doc);
  EXPECT_EQ(all.find("Page 1"), std::string::npos);
  EXPECT_EQ(all.find("Page 2"), std::string::npos);
  EXPECT_EQ(all.find("joint local area SEND inspection"), std::string::npos);  // the footer
  // The header repeats the letterhead "Ofsted" on both pages; only the letterhead stays.
  const std::vector<std::string> texts = Texts(r.doc);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "Ofsted"), 1);
}

TEST(PdfReader, RejoinsWordsHyphenatedAtLineEnds) {
  // render_pdf.py breaks "fami-" / "lies" and "plann-" / "ing" in this letter (pdftotext -layout
  // shows them); the real hyphen of "self-evaluation" and "twenty-week" stays.
  const std::string all = AllText(ReadPdf(Fixture("letter.pdf")).doc);
  EXPECT_NE(all.find("and families wait too long"), std::string::npos);
  EXPECT_NE(all.find("contribute to strategic planning and"), std::string::npos);
  EXPECT_NE(all.find("Their self-evaluation is candid"), std::string::npos);
  EXPECT_NE(all.find("statutory twenty-week timescale"), std::string::npos);
  EXPECT_EQ(all.find("fami-"), std::string::npos);
}

TEST(PdfReader, MarksMainFindingsAsHeading) {
  const ReadResult r = ReadPdf(Fixture("letter.pdf"));
  std::vector<std::string> headings;
  for (const Block& b : r.doc.blocks) {
    if (b.type == Block::Type::kHeading) headings.push_back(b.text);
  }
  EXPECT_EQ(headings, (std::vector<std::string>{"Joint area SEND inspection in Northshire",
                                                "Main findings"}));
}

TEST(PdfReader, CountsPagesAndTakesTitleFromInfo) {
  const ReadResult r = ReadPdf(Fixture("letter.pdf"));
  EXPECT_EQ(r.doc.pages, 2);
  EXPECT_EQ(r.doc.hints.title, "Ofsted");  // render_pdf.py's default: the letter's first line
}

TEST(PdfReader, ValidSampleReadsWithSectionHeadings) {
  const ReadResult r = ReadPdf(Fixture("bad/valid.pdf"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.doc.pages, 2);
  EXPECT_EQ(r.doc.hints.title, "Joint area SEND inspection in Northvale");
  const std::string all = AllText(r.doc);
  EXPECT_NE(all.find("Co-production with the parent carer forum is a strength."),
            std::string::npos);
  EXPECT_EQ(all.find("Page "), std::string::npos);
}

TEST(PdfReader, TruncatedPdfIsCorruption) {
  const ReadResult r = ReadPdf(Fixture("bad/truncated.pdf"));
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_TRUE(r.doc.blocks.empty());
}

TEST(PdfReader, PdfCutAfterItsFirstPageIsCorruptionNotPartialText) {
  // Poppler rebuilds a file cut late enough and reads the pages that survive.
  const std::string valid = Fixture("bad/valid.pdf");
  EXPECT_EQ(ReadPdf(valid.substr(0, valid.size() * 3 / 4)).status.code(), StatusCode::kCorruption);
}

TEST(PdfReader, CorruptPdfIsCorruption) {
  const ReadResult r = ReadPdf(Fixture("bad/corrupt.pdf"));
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_EQ(r.status.message(), "not a readable PDF (truncated or corrupt)");
}

TEST(PdfReader, EncryptedPdfIsUnsupported) {
  const ReadResult r = ReadPdf(Fixture("bad/encrypted.pdf"));
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupported);
  EXPECT_EQ(r.status.message(), "encrypted PDF (password required)");
}

TEST(PdfReader, EmptyAndRandomBytesAreErrors) {
  EXPECT_EQ(ReadPdf("").status.code(), StatusCode::kCorruption);
  EXPECT_FALSE(ReadPdf("%PDF-1.4\n").status.ok());
  std::string random(4096, '\0');
  unsigned state = 12345;
  for (char& c : random) c = static_cast<char>((state = state * 1103515245u + 12345u) >> 16);
  EXPECT_FALSE(ReadPdf(random).status.ok());
  EXPECT_FALSE(ReadPdf(random + "%%EOF\n").status.ok());
}

TEST(PdfReader, ZeroPagePdfIsOkWithoutBlocks) {
  const std::string pdf =
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
      "trailer << /Root 1 0 R >>\n%%EOF\n";
  const ReadResult r = ReadPdf(pdf);
  EXPECT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.doc.pages, 0);
  EXPECT_TRUE(r.doc.blocks.empty());
}

TEST(PdfReader, NeverCrashesOnDamagedCopies) {
  // Cuts and overwritten bytes at many places: any status will do, as long as it returns.
  const std::string valid = Fixture("bad/valid.pdf");
  ASSERT_FALSE(valid.empty());
  for (std::size_t i = 1; i < 40; ++i) {
    const std::size_t at = valid.size() * i / 40;
    std::string damaged = valid;
    damaged.replace(at, std::min<std::size_t>(16, valid.size() - at), 16, '\x7f');
    RawDocument doc;
    (void)ReadPdfBlocks(damaged, doc);
    (void)ReadPdfBlocks(valid.substr(0, at) + "\n%%EOF\n", doc);
  }
}

}  // namespace
}  // namespace sendscan
