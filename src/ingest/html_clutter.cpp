// The clutter rules: tag lists, landmark roles, and the words in class names, ids and
// aria-labels that mark page furniture, article headers and article containers.
#include "ingest/html_clutter.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sendscan {
namespace {

constexpr TagSet kNonContentTags =
    MakeTagSet({"head",       "title",  "script",   "style",    "noscript", "template", "form",
                "button",     "select", "textarea", "input",    "iframe",   "svg",      "math",
                "figcaption", "object", "embed",    "canvas",   "video",    "audio",    "nav",
                "aside",      "footer", "noembed",  "noframes", "datalist"});

// A class part naming page furniture: exactly, as a plural, or (for the long words) as the
// start of a run-together name such as "relatedposts" or "commentlist".
bool IsClutterPart(std::string_view p) {
  static constexpr std::string_view kWords[] = {
      "ad",        "advert",       "advertisement", "advertising", "banner",   "breadcrumb",
      "comment",   "cookie",       "disqus",        "enquiries",   "jobs",     "menu",
      "modal",     "mostread",     "newsletter",    "outbrain",    "popup",    "promo",
      "promotion", "readmore",     "recommended",   "related",     "respond",  "share",
      "sharebar",  "sharing",      "sidebar",       "signup",      "skiplink", "social",
      "subscribe", "subscription", "taboola",       "tagcloud",    "tags",     "trending",
      "widget"};
  static constexpr std::string_view kPrefixes[] = {
      "advert", "breadcrumb", "comment", "cookie",  "disqus", "newsletter", "outbrain",
      "promo",  "recommend",  "related", "sidebar", "social", "taboola",    "widget"};
  for (std::string_view w : kWords) {
    if (p == w || (p.size() == w.size() + 1 && p.back() == 's' && p.substr(0, w.size()) == w)) {
      return true;
    }
  }
  if (p.substr(0, 9) == "commentar" || p.substr(0, 9) == "commentat") return false;
  for (std::string_view w : kPrefixes) {
    if (p.substr(0, w.size()) == w) return true;
  }
  return false;
}

bool IsClutterPair(std::string_view a, std::string_view b) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"most", "read"},    {"most", "popular"}, {"most", "viewed"},
      {"read", "more"},    {"tag", "cloud"},    {"skip", "link"},
      {"last", "updated"}, {"sign", "up"},      {"more", "stories"}};
  for (const auto& [x, y] : kPairs) {
    if (a == x && b == y) return true;
  }
  return false;
}

Mark MarkOfParts(const std::vector<std::string>& parts) {
  bool header = false, articleish = false, siteish = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p == "footer" || IsClutterPart(p)) return Mark::kClutter;
    if (i + 1 < parts.size() && IsClutterPair(p, parts[i + 1])) return Mark::kClutter;
    header |= p == "header" || p == "masthead";
    articleish |= IsOneOfWords(p, {"article", "entry", "post", "story", "blog", "news", "content"});
    siteish |= IsOneOfWords(p, {"site", "page", "global", "top", "main", "masthead"});
  }
  if (!header) return Mark::kNone;
  if (articleish) return Mark::kArticleHeader;
  return siteish || parts.size() == 1 ? Mark::kSiteHeader : Mark::kNone;
}

// Calls fn(parts) for each class of the class and id attributes and for the aria-label. An
// aria-label counts on block elements only: on a link it describes where the link goes
// ("Read more about the report"), not what the link is.
template <typename Fn>
void ForEachClassName(const ElementTraits& e, Fn fn) {
  std::vector<std::string> parts;
  for (std::string_view value : {e.class_names, e.id}) {
    std::size_t i = 0;
    while (i < value.size()) {
      while (i < value.size() && IsHtmlSpace(value[i])) ++i;
      std::size_t j = i;
      while (j < value.size() && !IsHtmlSpace(value[j])) ++j;
      SplitClassParts(value.substr(i, j - i), parts);
      fn(parts);
      i = j;
    }
  }
  if (!IsBlockTag(e.tag)) return;
  SplitClassParts(e.aria_label, parts);
  fn(parts);
}

bool IsHiddenByStyle(std::string_view style) {
  std::string compact;
  for (char c : style) {
    if (!IsHtmlSpace(c)) compact += AsciiLower(c);
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace

bool IsNonContentTag(TagId tag) { return kNonContentTags[tag]; }

void SplitClassParts(std::string_view name, std::vector<std::string>& parts) {
  parts.clear();
  std::string part;
  auto end_part = [&]() {
    if (!part.empty()) parts.push_back(std::move(part));
    part.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-' || c == '_' || IsHtmlSpace(c)) {
      end_part();
      continue;
    }
    if (IsAsciiUpper(c) && i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z') end_part();
    part += AsciiLower(c);
  }
  end_part();
  const bool tag_cloud = parts.size() > 1 && parts[0] == "tag" && parts[1] == "cloud";
  if (!parts.empty() && (parts[0] == "tag" || parts[0] == "category") && !tag_cloud) {
    parts.clear();
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p == "has" || p == "no" || p == "with" || p == "without" || p == "is") {
      parts.resize(i);
      break;
    }
  }
}

Mark MarkOf(const ElementTraits& e) {
  if (e.hidden) return Mark::kClutter;
  if (!e.style.empty() && IsHiddenByStyle(e.style)) return Mark::kClutter;
  for (std::string_view r : {"navigation", "banner", "contentinfo", "complementary", "search",
                             "menu", "menubar", "dialog", "alertdialog"}) {
    if (HasToken(e.role, r)) return Mark::kClutter;
  }
  Mark mark = Mark::kNone;
  ForEachClassName(e, [&](const std::vector<std::string>& parts) {
    const Mark m = MarkOfParts(parts);
    if (m > mark) mark = m;
  });
  return mark;
}

bool IsArticleContainer(const ElementTraits& e) {
  if (e.tag == Tag("article") || e.tag == Tag("main")) return true;
  if (HasToken(e.role, "main") || HasToken(e.itemprop, "articleBody")) return true;
  bool found = false;
  ForEachClassName(e, [&](const std::vector<std::string>& parts) {
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      const std::string& a = parts[i];
      const std::string& b = parts[i + 1];
      if ((IsOneOfWords(a, {"article", "entry", "story", "post", "blog", "news"}) &&
           IsOneOfWords(b, {"body", "content", "text"})) ||
          (a == "news" && b == "article")) {
        found = true;
      }
    }
  });
  return found;
}

Role RoleOf(const ElementTraits& e, bool in_content) {
  if (e.tag == Tag("html") || e.tag == Tag("body") || e.tag == Tag("main")) {
    return Role::kContent;  // their classes describe the whole page ("has-sidebar")
  }
  if (IsNonContentTag(e.tag)) return Role::kDrop;
  if (HasToken(e.itemprop, "articleBody")) return Role::kContent;
  const Mark mark = MarkOf(e);
  if (mark == Mark::kClutter) return Role::kDrop;
  // A header class on an inline element (mdBook's <a class="header"> inside an <h1>) is styling.
  if (!IsBlockTag(e.tag)) return Role::kContent;
  if (mark == Mark::kArticleHeader) return Role::kHeadingsOnly;
  if (e.tag == Tag("header") || mark == Mark::kSiteHeader) {
    return in_content ? Role::kHeadingsOnly : Role::kDrop;
  }
  return Role::kContent;
}

}  // namespace sendscan
