// ReadHtmlBlocks on parsed pages: main-text extraction, block structure, metadata hints and
// awkward pages. The clutter rules and the flattener have html_clutter_test and html_flatten_test.
#include <gtest/gtest.h>
#include <gumbo.h>

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_flatten.hpp"
#include "ingest/readers.hpp"

namespace sendscan {
namespace {

using Type = Block::Type;

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

using Strings = std::vector<std::string>;

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// ---- main text ---------------------------------------------------------------------------------

TEST(HtmlReader, KeepsArticleBlocksInOrderWithTypes) {
  const RawDocument doc = Read(
      "<article><h1>Title</h1><p>One.</p><h2>Findings</h2><p>Two.</p>"
      "<ul><li>First point</li><li>Second point</li></ul><blockquote><p>Quoted.</p></blockquote>"
      "</article>");
  ASSERT_EQ(doc.blocks.size(), 7u);
  EXPECT_EQ(doc.blocks[0].type, Type::kHeading);
  EXPECT_EQ(doc.blocks[2].text, "Findings");
  EXPECT_EQ(doc.blocks[2].type, Type::kHeading);
  EXPECT_EQ(doc.blocks[3].type, Type::kParagraph);
  EXPECT_EQ(doc.blocks[4].type, Type::kListItem);
  EXPECT_EQ(doc.blocks[6].text, "Quoted.");
}

TEST(HtmlReader, ReadsOnlyTheContainerWithTheMostParagraphText) {
  EXPECT_EQ(Texts("<body><p>Site blurb.</p>"
                  "<article><p>Short teaser.</p></article>"
                  "<article><p>The real story is much longer than the teaser.</p>"
                  "<p>And it goes on.</p></article></body>"),
            (Strings{"The real story is much longer than the teaser.", "And it goes on."}));
}

TEST(HtmlReader, ReadsTheBodyWhenArticlesAreOnlyTeasers) {
  EXPECT_EQ(Texts("<body><article><p>Teaser.</p></article><div class=\"content\">"
                  "<p>A story that is not marked up as an article at all.</p>"
                  "<p>It goes on for a while, much longer than the teaser.</p></div></body>"),
            (Strings{"Teaser.", "A story that is not marked up as an article at all.",
                     "It goes on for a while, much longer than the teaser."}));
}

TEST(HtmlReader, HeadlineAboveTheArticleBodyComesFirst) {
  const RawDocument doc = Read(
      "<body><div class=\"article-header\"><h1>Headline</h1><span>By A Reporter</span></div>"
      "<div class=\"article-body\"><p>Body one.</p><p>Body two.</p></div></body>");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].text, "Headline");
  EXPECT_EQ(doc.blocks[0].type, Type::kHeading);
}

TEST(HtmlReader, TextOnlyDivsBecomeParagraphs) {
  EXPECT_EQ(
      Texts("<body><div>First <b>bold</b> words</div><div><div>Second</div>tail</div></body>"),
      (Strings{"First bold words", "Second", "tail"}));
}

TEST(HtmlReader, TableLayoutPageGivesCellParagraphsAndDropsLinkOnlyCells) {
  EXPECT_EQ(Texts("<table><tr><td><a href=/>Home</a></td><td><a href=/news>News</a></td></tr>"
                  "<tr><td colspan=2><font size=4><b>Headline</b></font><br>"
                  "<p>Paragraph one.</p><p>Paragraph two.</p></td></tr></table>"),
            (Strings{"Headline", "Paragraph one.", "Paragraph two."}));
}

// ---- spacing -----------------------------------------------------------------------------------

TEST(HtmlReader, InlineElementsJoinWithBrowserSpacing) {
  EXPECT_EQ(Texts("<p>The <a href=x>council</a> said<em>:</em> \u201cyes\u201d</p>"),
            Strings{"The council said: \u201cyes\u201d"});
  EXPECT_EQ(Texts("<p><b>Bold</b><i>italic</i> <span> spaced </span>end</p>"),
            Strings{"Bolditalic spaced end"});
}

TEST(HtmlReader, CollapsesWhitespaceAndDecodesEntities) {
  EXPECT_EQ(Texts("<p>\n  Line\twith \n\n  gaps &amp; entities&nbsp;here  </p>"),
            Strings{"Line with gaps & entities\u00a0here"});
}

TEST(HtmlReader, LineBreakInsideParagraph) {
  EXPECT_EQ(Texts("<p><br>Line one<br>Line two <br> Line three<br></p>"),
            Strings{"Line one\nLine two\nLine three"});
}

TEST(HtmlReader, PreformattedTextKeepsLineBreaks) {
  EXPECT_EQ(Texts("<pre>Row one\nRow two</pre>"), Strings{"Row one\nRow two"});
}

// ---- title -------------------------------------------------------------------------------------

TEST(HtmlReader, TitleFromOgTitleFirst) {
  EXPECT_EQ(Read("<head><title>T | Site</title><meta property=\"og:title\" content=\"OG title\">"
                 "</head><h1>H1 title</h1>")
                .hints.title,
            "OG title");
}

TEST(HtmlReader, TitleFromFirstH1WithoutOgTitle) {
  EXPECT_EQ(Read("<title>T | Site</title><nav><h1>Menu</h1></nav><h1>Council <em>fails</em></h1>")
                .hints.title,
            "Council fails");
}

TEST(HtmlReader, TitleElementLosesSiteNameSuffix) {
  EXPECT_EQ(Read("<title>SEND report published | The Gazette</title>").hints.title,
            "SEND report published");
  EXPECT_EQ(Read("<title>SEND report published - Eastbridge Borough Council</title>").hints.title,
            "SEND report published");
  EXPECT_EQ(Read("<title>Services improve \u2013 but some weaknesses remain</title>").hints.title,
            "Services improve \u2013 but some weaknesses remain");
}

TEST(HtmlReader, TitleElementThatIsOnlyTheSiteNameIsNoTitle) {
  EXPECT_EQ(
      Read("<title>The Gazette</title><meta property=\"og:site_name\" content=\"The Gazette\">")
          .hints.title,
      "");
}

// ---- published ---------------------------------------------------------------------------------

TEST(HtmlReader, PublishedFromArticlePublishedTime) {
  EXPECT_EQ(Read("<meta property=\"article:published_time\" content=\"2018-05-16T09:30:00+01:00\">"
                 "<script type=\"application/ld+json\">{\"datePublished\":\"2019-01-01\"}</script>")
                .hints.published,
            "2018-05-16T09:30:00+01:00");
}

TEST(HtmlReader, PublishedFromNamedMetaTags) {
  for (const char* name : {"pubdate", "publishdate", "date", "dc.date", "DC.date.issued",
                           "sailthru.date", "parsely-pub-date"}) {
    const std::string html = std::string("<meta name=\"") + name + "\" content=\"2018-05-16\">";
    EXPECT_EQ(Read(html).hints.published, "2018-05-16") << name;
  }
}

TEST(HtmlReader, PublishedFromMicrodata) {
  EXPECT_EQ(Read("<article><meta itemprop=\"datePublished\" content=\"2018-05-16\">"
                 "<p>Body.</p></article>")
                .hints.published,
            "2018-05-16");
}

TEST(HtmlReader, PublishedFromJsonLdObjectArrayAndGraph) {
  EXPECT_EQ(Read("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"datePublished\":\"2018-05-16T09:30:00Z\"}</script>")
                .hints.published,
            "2018-05-16T09:30:00Z");
  EXPECT_EQ(Read("<script type=\"application/ld+json\">[{\"@type\":\"Organization\"},"
                 "{\"@type\":\"NewsArticle\",\"datePublished\":\"2018-05-17\"}]</script>")
                .hints.published,
            "2018-05-17");
  EXPECT_EQ(Read("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                 "\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":\"Article\","
                 "\"datePublished\":\"2018-05-18\"}]}</script>")
                .hints.published,
            "2018-05-18");
}

TEST(HtmlReader, BrokenJsonLdIsIgnored) {
  EXPECT_EQ(Read("<script type=\"application/ld+json\">{\"datePublished\": </script>"
                 "<p><time datetime=\"2018-05-19\">19 May</time></p>")
                .hints.published,
            "2018-05-19");
}

TEST(HtmlReader, PublishedFromTimeInsideTheArticleFirst) {
  EXPECT_EQ(Read("<body><p>Today is <time datetime=\"2024-01-01\">1 Jan</time></p>"
                 "<article><p>Posted <time datetime=\"2018-05-16\">16 May</time></p></article>"
                 "</body>")
                .hints.published,
            "2018-05-16");
}

TEST(HtmlReader, TimeInCommentsOrRelatedArticlesIsNotThePublishedDate) {
  EXPECT_EQ(Read("<body><div class=\"related\"><time datetime=\"2018-04-01\">x</time></div>"
                 "<div class=\"comments\"><time datetime=\"2018-06-01\">y</time></div>"
                 "<p>Story.</p></body>")
                .hints.published,
            "");
}

// ---- url ---------------------------------------------------------------------------------------

TEST(HtmlReader, UrlFromCanonicalLinkElseOgUrl) {
  EXPECT_EQ(Read("<meta property=\"og:url\" content=\"https://a.example/og\">"
                 "<link rel=\"canonical\" href=\"https://a.example/canonical\">")
                .hints.url,
            "https://a.example/canonical");
  EXPECT_EQ(Read("<meta property=\"og:url\" content=\"https://a.example/og\">").hints.url,
            "https://a.example/og");
}

// ---- awkward pages -----------------------------------------------------------------------------

TEST(HtmlReader, FiveMegabyteLineIsOneParagraph) {
  const std::string line = Repeat("word ", 1000000);
  const RawDocument doc = Read("<html><body><p>" + line + "</p></body></html>");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text.size(), line.size() - 1);
}

TEST(HtmlReader, EmptyDocumentHasNoBlocks) {
  const RawDocument doc = Read("");
  EXPECT_TRUE(doc.blocks.empty());
  EXPECT_EQ(doc.hints.title, "");
}

TEST(HtmlReader, PageWithoutBodyGivesItsTitle) {
  const RawDocument doc = Read("<html><head><title>Only a head</title></head></html>");
  EXPECT_TRUE(doc.blocks.empty());
  EXPECT_EQ(doc.hints.title, "Only a head");
}

TEST(HtmlReader, MalformedMarkupNeverFails) {
  for (const char* html : {"<", "<<<>>>", "</p></p></div>", "<!--", "<script>", "<a href='x",
                           "&#xFFFFFFFF;&#0;&", "<svg><div/><p>x", "<table><td><table><td>",
                           "<title>", "<p a=\"b>c\">d</p>", "<meta property=og:title content=\"\">",
                           "<script type=application/ld+json>[[[[", "\xff\xfe<p>x\x80</p>"}) {
    RawDocument doc;
    EXPECT_TRUE(ReadHtmlBlocks(html, ReadOptions{}, doc).ok()) << html;
    ReadOptions flat;
    flat.max_html_depth = 0;
    EXPECT_TRUE(ReadHtmlBlocks(html, flat, doc).ok()) << html;
  }
}

// The depth check runs before gumbo with its own tag table; if the table named tags gumbo does
// not (or missed some), its nesting count would drift from the tree gumbo builds.
TEST(HtmlReader, ScannerKnowsExactlyGumbosTagNames) {
  ASSERT_EQ(std::size(kTagNames), static_cast<std::size_t>(GUMBO_TAG_UNKNOWN));
  for (int t = 0; t < GUMBO_TAG_UNKNOWN; ++t) {
    const char* name = gumbo_normalized_tagname(static_cast<GumboTag>(t));
    EXPECT_EQ(kTagNames[t], name);
    EXPECT_EQ(LookupTag(name), t) << name;
  }
}

}  // namespace
}  // namespace sendscan
