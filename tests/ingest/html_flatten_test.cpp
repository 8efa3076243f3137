// The byte-level scanner: tag names, the nesting check that sends pages around gumbo, entity
// decoding, whitespace, and the flattening of pages too deep to parse.
#include "ingest/html_flatten.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.hpp"

namespace sendscan {
namespace {

using Type = Block::Type;
using Strings = std::vector<std::string>;

RawDocument Read(std::string_view html, const ReadOptions& options = {}) {
  RawDocument doc;
  const Status status = ReadHtmlBlocks(html, options, doc);
  EXPECT_TRUE(status.ok()) << status.message();
  return doc;
}

std::vector<std::string> Texts(std::string_view html, const ReadOptions& options = {}) {
  std::vector<std::string> texts;
  for (const Block& block : Read(html, options).blocks) texts.push_back(block.text);
  return texts;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string Decoded(std::string_view s) {
  std::string out;
  DecodeEntities(s, out);
  return out;
}

// What FlattenHtml reports, one line per hint.
class RecordedHints : public FlatHintSink {
 public:
  void OnTitleElement(std::string_view text) override { Add("title", text); }
  void OnHeadline(std::string_view text) override { Add("headline", text); }
  void OnJsonLd(std::string_view text) override { Add("json-ld", text); }
  void OnMeta(const TagAttributes& attrs) override { Add("meta", Joined(attrs)); }
  void OnLink(const TagAttributes& attrs) override { Add("link", Joined(attrs)); }

  Strings lines;

 private:
  void Add(std::string_view kind, std::string_view text) {
    lines.push_back(std::string(kind) + ": " + std::string(text));
  }
  static std::string Joined(const TagAttributes& attrs) {
    std::string out;
    for (const auto& [name, value] : attrs) out += (out.empty() ? "" : " ") + name + "=" + value;
    return out;
  }
};

std::vector<Block> Flattened(std::string_view html) {
  std::vector<Block> blocks;
  RecordedHints hints;
  FlattenHtml(html, blocks, hints);
  return blocks;
}

// ---- through the reader ------------------------------------------------------------------------

TEST(HtmlFlatten, TenThousandNestedSpansGiveTheirText) {
  const std::string html =
      "<p>" + Repeat("<span>x ", 10000) + "deep end" + Repeat("</span>", 10000) + "</p>";
  const RawDocument doc = Read(html);
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text.substr(0, 6), "x x x ");
  EXPECT_EQ(doc.blocks[0].text.substr(doc.blocks[0].text.size() - 10), "x deep end");
}

TEST(HtmlFlatten, TenThousandNestedDivsGiveTheirText) {
  const RawDocument doc = Read("<title>Deep &amp; dark</title>" + Repeat("<div>a ", 10000) +
                               "deep &amp; end&#8217;s" + Repeat("</div>", 10000));
  ASSERT_EQ(doc.blocks.size(), 10000u);
  EXPECT_EQ(doc.blocks.back().text, "a deep & end\u2019s");
  EXPECT_EQ(doc.hints.title, "Deep & dark");
}

TEST(HtmlFlatten, PagesDeeperThanTheLimitAreFlattenedNotParsed) {
  ReadOptions options;
  options.max_html_depth = 3;
  // Flattening strips tags without judging them, so the menu's text stays.
  EXPECT_EQ(
      Texts("<nav>Menu</nav><div><div><div><div><p>Text</p></div></div></div></div>", options),
      (Strings{"Menu", "Text"}));
}

TEST(HtmlFlatten, UnclosedParagraphsAreNotDeepNesting) {
  ReadOptions options;
  options.max_html_depth = 50;
  const RawDocument doc = Read("<nav>Menu</nav>" + Repeat("<p>Para", 1000), options);
  ASSERT_EQ(doc.blocks.size(), 1000u);  // parsed: the <nav> is gone
  EXPECT_EQ(doc.blocks[0].text, "Para");
}

// ---- tag names ---------------------------------------------------------------------------------

TEST(HtmlFlatten, TagNamesMatchInAnyCase) {
  EXPECT_EQ(LookupTag("DIV"), Tag("div"));
  EXPECT_EQ(LookupTag("foreignObject"), Tag("foreignobject"));
  EXPECT_TRUE(IsBlockTag(LookupTag("Li")));
  EXPECT_FALSE(IsBlockTag(LookupTag("span")));
}

TEST(HtmlFlatten, NamesGumboDoesNotKnowAreOneUnknownTag) {
  EXPECT_EQ(LookupTag("x-widget"), kUnknownTag);
  EXPECT_EQ(LookupTag("my-card"), kUnknownTag);
  EXPECT_EQ(LookupTag("divv"), kUnknownTag);
  EXPECT_EQ(LookupTag(""), kUnknownTag);
}

// ---- the nesting check -------------------------------------------------------------------------

TEST(HtmlFlatten, CountsElementsOpenAtOnce) {
  const std::string html = "<div><section><p>Text</p></section></div><div>Next</div>";
  EXPECT_TRUE(NestsDeeperThan(html, 2));
  EXPECT_FALSE(NestsDeeperThan(html, 3));
}

TEST(HtmlFlatten, VoidElementsNeverOpen) {
  EXPECT_FALSE(NestsDeeperThan("<div><br><img src=a.png><hr><input></div>", 1));
}

TEST(HtmlFlatten, ListItemsCellsAndRowsCloseTheirPredecessor) {
  EXPECT_FALSE(NestsDeeperThan("<ul>" + Repeat("<li>Item", 100) + "</ul>", 2));
  EXPECT_FALSE(NestsDeeperThan("<table><tr><td>a<td>b<tr><th>c<td>d</table>", 3));
}

TEST(HtmlFlatten, SelfClosingSyntaxClosesOnlyForeignElements) {
  EXPECT_TRUE(NestsDeeperThan("<div/><div/><div/>", 2));
  EXPECT_FALSE(NestsDeeperThan("<svg><path/><path/><path/></svg>", 1));
}

TEST(HtmlFlatten, UnknownEndTagClosesTheInnermostUnknownElementAsInGumbo) {
  EXPECT_FALSE(NestsDeeperThan("<x-a><x-b></x-c><x-d></x-e>", 2));
  EXPECT_TRUE(NestsDeeperThan("<div><span></em><span></em>", 2));  // known tags must match
}

TEST(HtmlFlatten, EndOfBodyOrHtmlClosesNothing) {
  EXPECT_TRUE(NestsDeeperThan("<html><body><div></body></html><div>", 3));
}

TEST(HtmlFlatten, TagsInCommentsScriptsAndQuotedValuesAreNotCounted) {
  EXPECT_FALSE(NestsDeeperThan(
      "<!-- <div><div> --><script>'<div><div>'</script><p title=\"<div>>\">x</p>", 1));
}

// ---- entities and whitespace -------------------------------------------------------------------

TEST(HtmlFlatten, DecodesNumericAndCommonNamedEntities) {
  EXPECT_EQ(Decoded("Fish &amp; chips &pound;5&nbsp;each"), "Fish & chips \u00a35\u00a0each");
  EXPECT_EQ(Decoded("council&#8217;s &#x201C;plan&#x201d;"), "council\u2019s \u201cplan\u201d");
  EXPECT_EQ(Decoded("&#65&#x42;"), "AB");  // the semicolon is optional after digits
}

TEST(HtmlFlatten, LeavesUnknownEntitiesLiteralAndReplacesBadCodePoints) {
  EXPECT_EQ(Decoded("&bogus; & &#; AT&T"), "&bogus; & &#; AT&T");
  EXPECT_EQ(Decoded("&#0;&#xD800;&#x110000;"), "\ufffd\ufffd\ufffd");
}

TEST(HtmlFlatten, CollapsesSpacesAndKeepsAtMostOneBlankLine) {
  CollapsingText text;
  text.Append("  Two \n\t words ");
  text.LineBreak();
  text.LineBreak();
  text.LineBreak();
  text.Append(" next ");
  text.LineBreak();
  EXPECT_EQ(text.Take(), "Two words\n\nnext");
  EXPECT_TRUE(text.empty());
}

// ---- flattening --------------------------------------------------------------------------------

TEST(HtmlFlatten, BlockTagsStartBlocksAndTypeHeadingsAndListItems) {
  const std::vector<Block> blocks =
      Flattened("<h2>Findings</h2><p>One <b>bold</b> point</p><ul><li>Item</ul>line<br>next");
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].type, Type::kHeading);
  EXPECT_EQ(blocks[1].text, "One bold point");
  EXPECT_EQ(blocks[2].type, Type::kListItem);
  EXPECT_EQ(blocks[3].text, "line\nnext");
  EXPECT_EQ(blocks[3].type, Type::kParagraph);
}

TEST(HtmlFlatten, DropsScriptStyleAndTitleTextButKeepsXmp) {
  const std::vector<Block> blocks = Flattened(
      "<title>T</title><script>if (a < b) x();</script><style>p {}</style><xmp><b></xmp>");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "<b>");
}

TEST(HtmlFlatten, ReportsTitleFirstHeadlineMetaLinkAndJsonLd) {
  std::vector<Block> blocks;
  RecordedHints hints;
  FlattenHtml(
      "<title>A &amp; B</title><h1>Head <i>line</i></h1><h1>Second</h1>"
      "<meta property=og:title content=\"OG &amp; co\"><link rel=canonical href=/x>"
      "<script type=application/ld+json>{}</script><script>var a;</script>",
      blocks, hints);
  EXPECT_EQ(hints.lines, (Strings{"title: A & B", "headline: Head line",
                                  "meta: property=og:title content=OG & co",
                                  "link: rel=canonical href=/x", "json-ld: {}"}));
}

}  // namespace
}  // namespace sendscan
