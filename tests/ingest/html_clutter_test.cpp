// The clutter rules: which elements a page's text leaves out and which may hold the article,
// first as seen through ReadHtmlBlocks, then rule by rule on plain attribute values.
#include "ingest/html_clutter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.hpp"

namespace sendscan {
namespace {

using Strings = std::vector<std::string>;

std::vector<std::string> Texts(std::string_view html) {
  RawDocument doc;
  const Status status = ReadHtmlBlocks(html, ReadOptions{}, doc);
  EXPECT_TRUE(status.ok()) << status.message();
  std::vector<std::string> texts;
  for (const Block& block : doc.blocks) texts.push_back(block.text);
  return texts;
}

Strings Parts(std::string_view class_name) {
  Strings parts;
  SplitClassParts(class_name, parts);
  return parts;
}

Mark MarkOfClass(std::string_view class_names) {
  return MarkOf({.tag = Tag("div"), .class_names = class_names});
}

// ---- pages -------------------------------------------------------------------------------------

TEST(HtmlClutter, DropsNavigationHeaderFooterAndAside) {
  EXPECT_EQ(Texts("<body><header><a href=/>Gazette</a><nav><a>News</a><a>Sport</a></nav></header>"
                  "<p>The story.</p><aside><p>Most read</p></aside>"
                  "<footer><p>Copyright Gazette</p></footer></body>"),
            Strings{"The story."});
}

TEST(HtmlClutter, DropsCommentsShareBarAndCookieBanner) {
  EXPECT_EQ(Texts("<body><div class=\"cookie-banner\"><p>We use cookies.</p></div>"
                  "<div class=\"share-bar\"><a>Facebook</a> <span>Share</span></div>"
                  "<p>The story.</p>"
                  "<div id=\"comments\"><div class=\"comment\"><p>First!</p></div></div>"
                  "<div id=\"disqus_thread\"><p>Load comments</p></div></body>"),
            Strings{"The story."});
}

TEST(HtmlClutter, DropsRelatedPromosAndAdsInsideTheArticle) {
  EXPECT_EQ(Texts("<article><p>One.</p>"
                  "<div class=\"read-more\"><strong>READ MORE:</strong> <a>Other story</a></div>"
                  "<div class=\"ad-slot ad-slot--mpu\"><span>Advertisement</span></div>"
                  "<p>Two.</p><div class=\"jp-relatedposts\"><h3>Related</h3><p>Old post</p></div>"
                  "<section class=\"newsletter\"><p>Sign up</p></section>"
                  "<div role=\"complementary\"><p>Sidebar text</p></div></article>"),
            (Strings{"One.", "Two."}));
}

TEST(HtmlClutter, MatchesClutterWordsOnlyAsWholeClassParts) {
  EXPECT_EQ(Texts("<body><div class=\"shared-content-body\"><p>Kept.</p></div>"
                  "<div class=\"article_share\"><p>Dropped.</p></div>"
                  "<div class=\"relatedArticles\"><p>Dropped too.</p></div>"
                  "<div class=\"layout has-sidebar\"><p>Also kept.</p></div></body>"),
            (Strings{"Kept.", "Also kept."}));
}

TEST(HtmlClutter, WordPressTaxonomyClassesDoNotDropThePost) {
  EXPECT_EQ(Texts("<article class=\"post tag-comments category-jobs\"><p>Body.</p></article>"),
            Strings{"Body."});
}

TEST(HtmlClutter, DropsHiddenElementsScriptsAndForms) {
  EXPECT_EQ(Texts("<body><p>Seen.</p><p hidden>Hidden.</p><div style=\"display: none\">No.</div>"
                  "<script>var x = 1;</script><style>p {}</style>"
                  "<form><label>Email</label><button>Go</button></form></body>"),
            Strings{"Seen."});
}

TEST(HtmlClutter, KeepsHeadlineFromArticleHeaderButNotItsByline) {
  EXPECT_EQ(Texts("<body><header><h1>Site name</h1></header><article><header><h1>Headline</h1>"
                  "<p class=\"byline\">By A Reporter</p></header><p>Body.</p></article></body>"),
            (Strings{"Headline", "Body."}));
}

// ---- class names -------------------------------------------------------------------------------

TEST(HtmlClutter, SplitsClassNamesAtDashesUnderscoresSpacesAndHumps) {
  EXPECT_EQ(Parts("related-articles"), (Strings{"related", "articles"}));
  EXPECT_EQ(Parts("relatedArticles"), (Strings{"related", "articles"}));
  EXPECT_EQ(Parts("Related articles"), (Strings{"related", "articles"}));
  EXPECT_EQ(Parts("share_bar--top"), (Strings{"share", "bar", "top"}));
}

TEST(HtmlClutter, LeavesOutQualifiedPartsAndTaxonomyClasses) {
  EXPECT_EQ(Parts("layout-has-sidebar"), Strings{"layout"});
  EXPECT_EQ(Parts("no-comments"), Strings{});
  EXPECT_EQ(Parts("tag-jobs"), Strings{});
  EXPECT_EQ(Parts("category-comment"), Strings{});
  EXPECT_EQ(Parts("tag-cloud"), (Strings{"tag", "cloud"}));  // a real widget, not a taxonomy
}

TEST(HtmlClutter, ClutterWordsMatchWholePartsPluralsAndLongPrefixes) {
  EXPECT_EQ(MarkOfClass("share-bar"), Mark::kClutter);
  EXPECT_EQ(MarkOfClass("shared-content"), Mark::kNone);
  EXPECT_EQ(MarkOfClass("ads"), Mark::kClutter);
  EXPECT_EQ(MarkOfClass("relatedposts"), Mark::kClutter);
  EXPECT_EQ(MarkOfClass("commentlist"), Mark::kClutter);
  EXPECT_EQ(MarkOfClass("commentary"), Mark::kNone);
  EXPECT_EQ(MarkOfClass("most-read"), Mark::kClutter);
  EXPECT_EQ(MarkOfClass("page-footer"), Mark::kClutter);
}

TEST(HtmlClutter, HeaderClassesTellArticleHeadersFromSiteHeaders) {
  EXPECT_EQ(MarkOfClass("article-header"), Mark::kArticleHeader);
  EXPECT_EQ(MarkOfClass("site-header"), Mark::kSiteHeader);
  EXPECT_EQ(MarkOfClass("header"), Mark::kSiteHeader);
  EXPECT_EQ(MarkOfClass("card-header"), Mark::kNone);
  EXPECT_EQ(MarkOfClass("entry-header sharing"), Mark::kClutter);  // the strongest mark wins
}

// ---- other attributes --------------------------------------------------------------------------

TEST(HtmlClutter, HiddenElementsAndLandmarkRolesAreClutter) {
  EXPECT_EQ(MarkOf({.tag = Tag("p"), .hidden = true}), Mark::kClutter);
  EXPECT_EQ(MarkOf({.tag = Tag("div"), .style = "Display : None"}), Mark::kClutter);
  EXPECT_EQ(MarkOf({.tag = Tag("div"), .role = "navigation"}), Mark::kClutter);
  EXPECT_EQ(MarkOf({.tag = Tag("div"), .role = "main"}), Mark::kNone);
}

TEST(HtmlClutter, AriaLabelCountsOnBlockElementsOnly) {
  EXPECT_EQ(MarkOf({.tag = Tag("div"), .aria_label = "Share this story"}), Mark::kClutter);
  EXPECT_EQ(MarkOf({.tag = Tag("a"), .aria_label = "Share this story"}), Mark::kNone);
}

TEST(HtmlClutter, ArticleContainersByTagRoleMicrodataOrClass) {
  EXPECT_TRUE(IsArticleContainer({.tag = Tag("article")}));
  EXPECT_TRUE(IsArticleContainer({.tag = Tag("div"), .role = "main"}));
  EXPECT_TRUE(IsArticleContainer({.tag = Tag("div"), .itemprop = "articleBody"}));
  EXPECT_TRUE(IsArticleContainer({.tag = Tag("div"), .class_names = "entry-content"}));
  EXPECT_TRUE(IsArticleContainer({.tag = Tag("div"), .id = "storyBody"}));
  EXPECT_FALSE(IsArticleContainer({.tag = Tag("div"), .class_names = "content"}));
}

// ---- roles -------------------------------------------------------------------------------------

TEST(HtmlClutter, HeaderIsDroppedOutsideTheArticleAndGivesHeadingsInside) {
  const ElementTraits header{.tag = Tag("header")};
  EXPECT_EQ(RoleOf(header, /*in_content=*/false), Role::kDrop);
  EXPECT_EQ(RoleOf(header, /*in_content=*/true), Role::kHeadingsOnly);
}

TEST(HtmlClutter, PageWideElementsAndArticleBodiesAreAlwaysContent) {
  EXPECT_EQ(RoleOf({.tag = Tag("body"), .class_names = "has-sidebar sidebar"}, false),
            Role::kContent);
  EXPECT_EQ(RoleOf({.tag = Tag("div"), .class_names = "sidebar", .itemprop = "articleBody"}, false),
            Role::kContent);
  EXPECT_EQ(RoleOf({.tag = Tag("a"), .class_names = "header"}, false), Role::kContent);
}

TEST(HtmlClutter, NonContentTagsAreDroppedWhateverTheirClass) {
  EXPECT_TRUE(IsNonContentTag(Tag("nav")));
  EXPECT_TRUE(IsNonContentTag(Tag("script")));
  EXPECT_FALSE(IsNonContentTag(Tag("section")));
  EXPECT_EQ(RoleOf({.tag = Tag("aside"), .class_names = "article-body"}, true), Role::kDrop);
}

}  // namespace
}  // namespace sendscan
