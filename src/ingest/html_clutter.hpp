// Which elements of a page are clutter (navigation, share bars, comment sections, ads, cookie
// banners...) and which may hold the article, judged from the tag and the class, id, role and
// aria-label the page gives them. Plain strings in, so the rules are testable without a parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_flatten.hpp"

namespace sendscan {

// An element as the rules see it: its tag and the attributes they read, each empty when absent.
// The views must outlive the calls that take this.
struct ElementTraits {
  TagId tag = kUnknownTag;
  std::string_view class_names{};  // the class attribute: space-separated class names
  std::string_view id{};
  std::string_view role{};
  std::string_view aria_label{};
  std::string_view itemprop{};
  std::string_view style{};
  bool hidden = false;  // has a `hidden` attribute
};

// Elements that never hold article text: code, forms, embedded media, and the page's
// navigation, asides and footers. A walk skips their whole subtree.
bool IsNonContentTag(TagId tag);

// Cuts one class name (or id, or aria-label) into lowercase parts at '-', '_', spaces and
// camelCase humps: "related-articles", "relatedArticles" and "Related articles" all give
// {related, articles}. Parts after a qualifier (has-sidebar, no-comments, with-share) and
// whole WordPress taxonomy classes (tag-jobs, category-comment) describe the page, not the
// element, and are left out. Replaces the contents of `parts`.
void SplitClassParts(std::string_view name, std::vector<std::string>& parts);

// What an element's attributes say it is, weakest first.
enum class Mark { kNone, kArticleHeader, kSiteHeader, kClutter };

// The strongest mark of the element: clutter when hidden (hidden, display:none,
// visibility:hidden), when its role is a landmark other than main (navigation, banner,
// complementary...), or when one of its class names, its id or (on a block element) its
// aria-label names page furniture; else a header mark when one names a header.
Mark MarkOf(const ElementTraits& e);

// True for an element that may hold the article: <article>, <main>, role=main,
// itemprop=articleBody, or a class/id such as "article-body", "entry-content", "story-body".
bool IsArticleContainer(const ElementTraits& e);

// How a walk treats an element: its text is content, only its headings are (an article's
// <header>, which also holds bylines and share links), or it is skipped with all it holds.
enum class Role { kContent, kHeadingsOnly, kDrop };

// The role of `e`; `in_content` says whether the walk is inside an article container, where a
// site-style header is the article's own and keeps its headings.
Role RoleOf(const ElementTraits& e, bool in_content);

}  // namespace sendscan
