// The PDF layout rules on hand-written page lines: page numbers, running headers and footers,
// hyphenation at line ends, paragraphs, headings, list items and page breaks.
#include "ingest/pdf_layout.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sendscan::pdf {
namespace {

// Full-width body lines (about 80 characters, like a letter's), so shorter lines count as short.
const std::string kLong1 =
    "Leaders have an accurate understanding of the strengths and weaknesses of the";
const std::string kLong2 =
    "local area and the improvement priorities that follow from it are the right";
const std::string kLong3 =
    "ones, although the timeliness of education, health and care plans has declined";

// A distinct full-width line: running-line detection compares lines, so bodies must differ.
std::string Body(const std::string& first_word) { return first_word + " " + kLong2; }

// The lines of a page that are not blank.
PageLines NonBlank(const PageLines& page) {
  PageLines out;
  for (const std::string& line : page) {
    if (line.find_first_not_of(' ') != std::string::npos) out.push_back(line);
  }
  return out;
}

std::vector<std::string> Texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const Block& b : blocks) out.push_back(b.text);
  return out;
}

std::vector<Block::Type> Types(const std::vector<Block>& blocks) {
  std::vector<Block::Type> out;
  for (const Block& b : blocks) out.push_back(b.type);
  return out;
}

using Type = Block::Type;

// ---- page numbers and running lines ----

TEST(PdfLayout, SplitsPageTextIntoTrimmedLines) {
  EXPECT_EQ(SplitPageLines("  Ofsted   \r\n\nMain findings\n\f"),
            (PageLines{"  Ofsted", "", "Main findings"}));
  EXPECT_TRUE(SplitPageLines("").empty());
}

TEST(PdfLayout, RecognisesPageNumberForms) {
  const std::vector<std::pair<std::string, bool>> cases = {{"3", true},
                                                           {"Page 3", true},
                                                           {"page 3 of 7", true},
                                                           {"3 of 7", true},
                                                           {"3/7", true},
                                                           {"- 3 -", true},
                                                           {"\u2013 12 \u2013", true},
                                                           {"  Page 10  ", true},
                                                           {"2014.", false},
                                                           {"Page three", false},
                                                           {"Manchester M1 2WD", false},
                                                           {"12345", false},
                                                           {"3 pages", false},
                                                           {"Pages 3", false},
                                                           {"", false}};
  for (const auto& [line, expected] : cases) EXPECT_EQ(IsPageNumber(line), expected) << line;
}

TEST(PdfLayout, CutsPageNumberBesideFooterText) {
  EXPECT_EQ(StripPageNumberPart("Ofsted / CQC joint inspection            Page 1 of 2"),
            "Ofsted / CQC joint inspection");
  EXPECT_EQ(StripPageNumberPart("Ofsted / CQC joint inspection Page 2 of 5"),
            "Ofsted / CQC joint inspection");
  EXPECT_EQ(StripPageNumberPart("4     Northshire local area SEND inspection"),
            "Northshire local area SEND inspection");
  EXPECT_EQ(StripPageNumberPart("Page 4"), "");
  EXPECT_EQ(StripPageNumberPart("the Children and Families Act 2014"),
            "the Children and Families Act 2014");
}

TEST(PdfLayout, RunningKeyIgnoresDigitsCaseAndSpacing) {
  EXPECT_EQ(RunningLineKey("  Page 3 of   7 "), "page # of #");
  EXPECT_EQ(RunningLineKey("Northshire  Report 2022"), RunningLineKey("northshire report 2023"));
}

TEST(PdfLayout, DropsRunningHeadersFootersAndPageNumbers) {
  std::vector<PageLines> pages = {
      {"Northshire SEND inspection", "", Body("Alpha"), Body("Beta"), "", "www.gov.uk/ofsted", "1"},
      {"Northshire SEND inspection", "", Body("Gamma"), "", "www.gov.uk/ofsted", "2"},
      {"Northshire SEND inspection", "", Body("Delta"), "", "www.gov.uk/ofsted", "- 3 -"}};
  DropRunningLines(pages);
  EXPECT_EQ(NonBlank(pages[0]), (PageLines{Body("Alpha"), Body("Beta")}));
  EXPECT_EQ(NonBlank(pages[1]), (PageLines{Body("Gamma")}));
  EXPECT_EQ(NonBlank(pages[2]), (PageLines{Body("Delta")}));
}

TEST(PdfLayout, FooterWithPageNumberOnOneLineIsRunning) {
  std::vector<PageLines> pages = {{kLong1, "Ofsted / CQC            Page 1 of 2"},
                                  {kLong2, "Ofsted / CQC   Page 2 of 2"}};
  DropRunningLines(pages);
  EXPECT_EQ(pages, (std::vector<PageLines>{{kLong1}, {kLong2}}));
}

TEST(PdfLayout, KeepsLetterheadThatRepeatsTheHeader) {
  std::vector<PageLines> pages = {{"Ofsted", "", "Ofsted", "Piccadilly Gate", kLong1},
                                  {"Ofsted", "", kLong2, kLong3}};
  DropRunningLines(pages);
  EXPECT_EQ(pages[0], (PageLines{"", "Ofsted", "Piccadilly Gate", kLong1}));
  EXPECT_EQ(pages[1], (PageLines{"", kLong2, kLong3}));
}

TEST(PdfLayout, LineOnFewerThanHalfThePagesIsNotRunning) {
  std::vector<PageLines> pages = {
      {"Main findings", kLong1}, {kLong2}, {kLong3}, {"Main findings", kLong1}, {kLong2}};
  const std::vector<PageLines> before = pages;
  DropRunningLines(pages);
  EXPECT_EQ(pages, before);
}

TEST(PdfLayout, OnePageKeepsItsHeaderButLosesItsPageNumber) {
  std::vector<PageLines> pages = {{"Northshire SEND inspection", kLong1, "Page 1 of 1"}};
  DropRunningLines(pages);
  EXPECT_EQ(NonBlank(pages[0]), (PageLines{"Northshire SEND inspection", kLong1}));
}

TEST(PdfLayout, RunningLinesOnlyLeaveTheEdgesOfAPage) {
  // "Ofsted" in the middle of page 2 is body text, however often the header says it.
  std::vector<PageLines> pages = {
      {"Ofsted", Body("A"), Body("B"), Body("C"), Body("D"), Body("E")},
      {"Ofsted", Body("F"), Body("G"), "Ofsted", Body("H"), Body("I"), Body("J")}};
  DropRunningLines(pages);
  EXPECT_EQ(pages[1], (PageLines{Body("F"), Body("G"), "Ofsted", Body("H"), Body("I"), Body("J")}));
}

// ---- hyphenation ----

TEST(PdfLayout, LineEndHyphenDecisions) {
  const WordSet none;
  EXPECT_FALSE(KeepLineEndHyphen("inspec", "tion", none));
  EXPECT_FALSE(KeepLineEndHyphen("fami", "lies", none));
  EXPECT_TRUE(KeepLineEndHyphen("co", "production", none));    // listed prefix
  EXPECT_TRUE(KeepLineEndHyphen("self", "evaluation", none));  // listed prefix
  EXPECT_TRUE(KeepLineEndHyphen("Multi", "agency", none));     // case does not matter
  EXPECT_TRUE(KeepLineEndHyphen("ab", "cdef", none));          // two letters: too short to tell
  EXPECT_TRUE(KeepLineEndHyphen("non", "English", none));      // capital after the break
  EXPECT_TRUE(KeepLineEndHyphen("post", "16", none));          // digit after the break
}

TEST(PdfLayout, DocumentSpellingDecidesBeforeThePrefixList) {
  EXPECT_FALSE(KeepLineEndHyphen("under", "standing", WordSet{"understanding"}));
  EXPECT_TRUE(KeepLineEndHyphen("twenty", "week", WordSet{"twenty-week"}));
}

TEST(PdfLayout, CollectsWordsWithInnerHyphens) {
  const WordSet words = CollectWords({{"The twenty-week limit, - not Ofsted's fami-"}});
  EXPECT_EQ(words.count("twenty-week"), 1u);
  EXPECT_EQ(words.count("ofsted's"), 1u);
  EXPECT_EQ(words.count("fami"), 1u);
  EXPECT_EQ(words.count("-"), 0u);
}

TEST(PdfLayout, AppendLineRejoinsOrKeepsHyphens) {
  const WordSet none;
  std::string text = "the inspec-";
  AppendLine(text, "tion team", ' ', none);
  EXPECT_EQ(text, "the inspection team");
  text = "a well-";
  AppendLine(text, "led service", ' ', none);
  EXPECT_EQ(text, "a well-led service");
  text = "a dash -";
  AppendLine(text, "then more", ' ', none);
  EXPECT_EQ(text, "a dash - then more");
  text = "soft\u00AD";
  AppendLine(text, "ware", ' ', none);
  EXPECT_EQ(text, "software");
  text = "Ofsted";
  AppendLine(text, "Piccadilly Gate", '\n', none);
  EXPECT_EQ(text, "Ofsted\nPiccadilly Gate");
}

// ---- paragraphs, headings, lists ----

TEST(PdfLayout, JoinsWrappedLinesAndSplitsAtGaps) {
  const auto blocks = BuildBlocks({{"  " + kLong1, kLong2 + "   ", "ones.", "", kLong3, "done."}});
  EXPECT_EQ(Texts(blocks),
            (std::vector<std::string>{kLong1 + " " + kLong2 + " ones.", kLong3 + " done."}));
}

TEST(PdfLayout, CollapsesJustifiedSpacing) {
  const auto blocks = BuildBlocks({{"Leaders   have  an\u00A0accurate", "view."}});
  EXPECT_EQ(Texts(blocks), (std::vector<std::string>{"Leaders have an accurate view."}));
}

TEST(PdfLayout, ShortLineEndingASentenceEndsTheParagraph) {
  const auto blocks = BuildBlocks({{kLong1, "area.", kLong1, "right."}});
  EXPECT_EQ(Texts(blocks), (std::vector<std::string>{kLong1 + " area.", kLong1 + " right."}));
}

TEST(PdfLayout, RejoinsHyphenatedWordsInsideAParagraph) {
  const auto blocks = BuildBlocks(
      {{"The timeliness of education, health and care needs assessments has declined sharp-",
        "ly and the co-", "production of plans is weak."}});
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text,
            "The timeliness of education, health and care needs assessments has declined sharply "
            "and the co-production of plans is weak.");
}

TEST(PdfLayout, MainFindingsBeforeBodyIsAHeading) {
  const auto blocks = BuildBlocks({{"Main findings", "", kLong1, "area."}});
  EXPECT_EQ(Types(blocks), (std::vector<Type>{Type::kHeading, Type::kParagraph}));
  EXPECT_EQ(blocks[0].text, "Main findings");
}

TEST(PdfLayout, HeadingDirectlyAboveItsTextIsSplitOff) {
  const auto blocks = BuildBlocks({{"Areas for improvement", kLong1, "area."}});
  EXPECT_EQ(Texts(blocks), (std::vector<std::string>{"Areas for improvement", kLong1 + " area."}));
  EXPECT_EQ(blocks[0].type, Type::kHeading);
}

TEST(PdfLayout, AddressAndSignatureLinesAreNotHeadings) {
  const auto blocks = BuildBlocks(
      {{"Ofsted", "Piccadilly Gate", "Manchester M1 2WD", "", "Dear Ms Okafor", "", kLong1, kLong2,
        kLong3, "area.", "", "Yours sincerely", "", "Jane Whitfield", "Her Majesty's Inspector"}});
  EXPECT_EQ(Texts(blocks), (std::vector<std::string>{
                               "Ofsted\nPiccadilly Gate\nManchester M1 2WD", "Dear Ms Okafor",
                               kLong1 + " " + kLong2 + " " + kLong3 + " area.", "Yours sincerely",
                               "Jane Whitfield\nHer Majesty's Inspector"}));
  for (const Block& b : blocks) EXPECT_EQ(b.type, Type::kParagraph) << b.text;
}

TEST(PdfLayout, DateLineIsNotAHeading) {
  const auto blocks =
      BuildBlocks({{"14 March 2022", "", "Tuesday, 14 May 2024", "", kLong1, "x."}});
  EXPECT_EQ(Types(blocks),
            (std::vector<Type>{Type::kParagraph, Type::kParagraph, Type::kParagraph}));
}

TEST(PdfLayout, BulletsBecomeListItemsWithTheirWrappedLines) {
  const auto blocks =
      BuildBlocks({{"Areas for improvement", "", "\u2022   " + kLong1, "     area",
                    "\u25AA the waiting times", "- the local offer", "", kLong2, "end."}});
  EXPECT_EQ(Types(blocks), (std::vector<Type>{Type::kHeading, Type::kListItem, Type::kListItem,
                                              Type::kListItem, Type::kParagraph}));
  EXPECT_EQ(blocks[1].text, kLong1 + " area");
  EXPECT_EQ(blocks[2].text, "the waiting times");
  EXPECT_EQ(blocks[3].text, "the local offer");
}

TEST(PdfLayout, NumberedItemsKeepTheirNumbers) {
  const auto blocks = BuildBlocks({{"The complaint", "", "1. Ms X complained about delays.",
                                    "2. She also complained about communication."}});
  EXPECT_EQ(Types(blocks), (std::vector<Type>{Type::kHeading, Type::kListItem, Type::kListItem}));
  EXPECT_EQ(blocks[2].text, "2. She also complained about communication.");
}

TEST(PdfLayout, DashInsideAWrappedSentenceIsNotABullet) {
  const auto blocks = BuildBlocks({{kLong1, "- and " + kLong2, "x."}});
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].type, Type::kParagraph);
}

TEST(PdfLayout, ParagraphContinuesAcrossPageBreakMidSentence) {
  const auto blocks =
      BuildBlocks({{kLong1, kLong2 + " and fami-"}, {"lies wait too long.", kLong1}});
  EXPECT_EQ(Texts(blocks)[0], kLong1 + " " + kLong2 + " and families wait too long.");
}

TEST(PdfLayout, FullLineWithoutFullStopContinuesOntoCapitalisedPage) {
  const auto blocks =
      BuildBlocks({{kLong1, kLong2 + " Care Quality"}, {"Commission said so.", kLong1}});
  EXPECT_EQ(Texts(blocks)[0], kLong1 + " " + kLong2 + " Care Quality Commission said so.");
}

TEST(PdfLayout, SentenceEndAtPageFootStartsANewParagraph) {
  const auto blocks = BuildBlocks({{kLong1, kLong2 + "."}, {kLong3, "done."}});
  EXPECT_EQ(blocks.size(), 2u);
}

TEST(PdfLayout, EmptyPagesGiveNoBlocks) {
  EXPECT_TRUE(BuildBlocks({}).empty());
  EXPECT_TRUE(BuildBlocks({{}, {"", "   "}, {}}).empty());
  EXPECT_TRUE(PagesToBlocks({{"Page 1 of 2"}, {"Page 2 of 2"}}).empty());
}

TEST(PdfLayout, PagesToBlocksDropsRunningLinesThenBuilds) {
  const auto blocks =
      PagesToBlocks({{"Northshire report", "", kLong1, kLong2 + " plann-", "", "Page 1 of 2"},
                     {"Northshire report", "", "ing is weak.", "", "Page 2 of 2"}});
  EXPECT_EQ(Texts(blocks),
            (std::vector<std::string>{kLong1 + " " + kLong2 + " planning is weak."}));
}

}  // namespace
}  // namespace sendscan::pdf
