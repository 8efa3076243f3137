// The HTML reader: a page's main text as blocks, plus title/date/URL hints. The only file that
// talks to libgumbo. A page is surveyed once (clutter skipped, candidate article containers
// scored, metadata gathered), then the chosen container is walked into blocks. Pages nested too
// deep for gumbo never reach it: html_flatten's linear scanner flattens them instead.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/html_clutter.hpp"
#include "ingest/html_flatten.hpp"
#include "ingest/readers.hpp"

namespace sendscan {
namespace {

// Recursion bounds for the tree walks. Parsing is refused (the page flattened) well before a
// tree this deep can exist, but a few constructs (tables gain implied tbody/tr) make gumbo's
// tree deeper than the tags counted, so the walks check too.
constexpr int kMaxParseDepth = 2048;
constexpr int kMaxTreeDepth = 4096;

std::string CollapseWhitespace(std::string_view s) {
  CollapsingText text;
  text.Append(s);
  return text.Take();
}

// ---- metadata hints ----------------------------------------------------------------------------

bool IsPublishedMetaName(std::string_view key) {
  static constexpr std::string_view kNames[] = {
      "pubdate",        "publishdate",  "publish-date",   "date",          "dc.date",
      "dc.date.issued", "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date"};
  for (std::string_view name : kNames) {
    if (key == name) return true;
  }
  return false;
}

// The first string found under `datePublished` in a JSON-LD value: the object itself first,
// then its @graph, then arrays in order. Depth-bounded: the value is untrusted.
std::string JsonLdDatePublished(const nlohmann::json& j, int depth) {
  if (depth > 8) return {};
  if (j.is_array()) {
    for (const auto& item : j) {
      std::string date = JsonLdDatePublished(item, depth + 1);
      if (!date.empty()) return date;
    }
    return {};
  }
  if (!j.is_object()) return {};
  if (auto it = j.find("datePublished"); it != j.end()) {
    if (it->is_string()) return it->get<std::string>();
    if (it->is_array() && !it->empty() && it->front().is_string()) {
      return it->front().get<std::string>();
    }
  }
  for (const char* key : {"@graph", "mainEntity"}) {
    if (auto it = j.find(key); it != j.end()) {
      std::string date = JsonLdDatePublished(*it, depth + 1);
      if (!date.empty()) return date;
    }
  }
  return {};
}

std::size_t CountWords(std::string_view s) {
  std::size_t words = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsHtmlSpace(s[i]) && (i == 0 || IsHtmlSpace(s[i - 1]))) ++words;
  }
  return words;
}

// A <title> suffix is the site's name when it matches og:site_name or reads like one: at most
// five capitalised words after a headline of three words or more (or longer than the suffix),
// so "Ofsted - What Parents Need To Know" keeps its second half.
bool LooksLikeSiteName(std::string_view suffix, std::string_view prefix,
                       std::string_view site_name) {
  if (!site_name.empty() && EqualsIgnoreCase(suffix, site_name)) return true;
  if (CountWords(prefix) < 3 && prefix.size() <= suffix.size()) return false;
  const std::size_t words = CountWords(suffix);
  if (words == 0 || words > 5) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (IsHtmlSpace(suffix[i]) || (i > 0 && !IsHtmlSpace(suffix[i - 1]))) continue;
    const std::size_t end = std::min(suffix.find(' ', i), suffix.size());
    const std::string_view word = suffix.substr(i, end - i);
    const bool capitalised = IsAsciiUpper(word[0]) || (word[0] >= '0' && word[0] <= '9');
    if (!capitalised && !IsOneOfWords(word, {"of", "and", "the", "for", "&", "on", "in"})) {
      return false;
    }
  }
  return true;
}

// "Headline | Site" -> "Headline"; "Headline - Site" (or en/em dash) only when the part after
// the dash looks like a site name.
std::string StripSiteSuffix(std::string_view title, std::string_view site_name) {
  const std::size_t bar = title.rfind(" | ");
  if (bar != std::string_view::npos && bar > 0) return std::string(TrimSpace(title.substr(0, bar)));
  std::size_t best = std::string_view::npos, sep_size = 0;
  for (std::string_view sep : {" - ", " \u2013 ", " \u2014 "}) {
    const std::size_t at = title.rfind(sep);
    if (at != std::string_view::npos && at > 0 && (best == std::string_view::npos || at > best)) {
      best = at;
      sep_size = sep.size();
    }
  }
  if (best == std::string_view::npos) return std::string(title);
  const std::string_view prefix = TrimSpace(title.substr(0, best));
  const std::string_view suffix = TrimSpace(title.substr(best + sep_size));
  return LooksLikeSiteName(suffix, prefix, site_name) ? std::string(prefix) : std::string(title);
}

// What a page says about itself, offered in document order (the first offer per source wins);
// Finish applies the priorities between sources.
class HintCollector {
 public:
  // `get(name)` returns the element's attribute `name`, empty when absent.
  template <typename Get>
  void OnMeta(Get get) {
    std::string_view key = get("property");
    if (key.empty()) key = get("name");
    const std::string k = AsciiLowerCopy(TrimSpace(key));
    const std::string_view content = get("content");
    if (k == "og:title") {
      Offer(og_title_, CollapseWhitespace(content));
    } else if (k == "og:url") {
      Offer(og_url_, content);
    } else if (k == "og:site_name" || k == "application-name") {
      Offer(site_name_, CollapseWhitespace(content));
    } else if (k == "article:published_time") {
      Offer(dates_[kArticleMeta], content);
    } else if (IsPublishedMetaName(k)) {
      Offer(dates_[kNamedMeta], content);
    }
    if (HasToken(get("itemprop"), "datePublished")) OnItempropDate(content);
  }

  template <typename Get>
  void OnLink(Get get) {
    if (HasToken(get("rel"), "canonical")) Offer(canonical_, get("href"));
  }

  void OnJsonLd(std::string_view text) {
    if (!dates_[kJsonLd].empty()) return;
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                         /*allow_exceptions=*/false, /*ignore_comments=*/true);
    if (!j.is_discarded()) Offer(dates_[kJsonLd], JsonLdDatePublished(j, 0));
  }

  void OnItempropDate(std::string_view value) { Offer(dates_[kItemprop], value); }
  void OnTitleElement(std::string_view text) { Offer(title_element_, CollapseWhitespace(text)); }
  void OnHeadline(std::string_view text) { Offer(headline_, text); }
  void OnTime(std::string_view datetime) { Offer(dates_[kTime], datetime); }

  // Fills what was found into `out`, leaving fields with no hint untouched.
  void Finish(MetadataHints& out) const {
    std::string title = !og_title_.empty() ? og_title_ : headline_;
    if (title.empty()) title = StripSiteSuffix(title_element_, site_name_);
    if (!site_name_.empty() && EqualsIgnoreCase(title, site_name_)) title.clear();  // no headline
    if (!title.empty()) out.title = std::move(title);
    for (const std::string& date : dates_) {
      if (!date.empty()) {
        out.published = date;
        break;
      }
    }
    const std::string& url = !canonical_.empty() ? canonical_ : og_url_;
    if (!url.empty()) out.url = url;
  }

 private:
  enum DateSource { kArticleMeta, kNamedMeta, kItemprop, kJsonLd, kTime, kDateSources };

  static void Offer(std::string& slot, std::string_view value) {
    if (slot.empty()) slot = std::string(TrimSpace(value));
  }

  std::array<std::string, kDateSources> dates_;  // by priority
  std::string og_title_, headline_, title_element_, site_name_, canonical_, og_url_;
};

// ---- gumbo's elements as the clutter rules see them ---------------------------------------------

// The scanner's id for a gumbo tag: the same names, looked up once for all of gumbo's tags.
TagId TagIdOf(GumboTag tag) {
  static const std::array<TagId, GUMBO_TAG_LAST + 1> kIds = [] {
    std::array<TagId, GUMBO_TAG_LAST + 1> ids{};
    for (int t = 0; t <= GUMBO_TAG_LAST; ++t) {
      const auto gumbo_tag = static_cast<GumboTag>(t);
      ids[t] = gumbo_tag >= GUMBO_TAG_UNKNOWN ? kUnknownTag
                                              : LookupTag(gumbo_normalized_tagname(gumbo_tag));
    }
    return ids;
  }();
  return kIds[tag];
}

std::string_view Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

// The views point into gumbo's tree: valid while its output lives.
ElementTraits TraitsOf(const GumboElement& e) {
  ElementTraits traits;
  traits.tag = TagIdOf(e.tag);
  traits.class_names = Attr(e, "class");
  traits.id = Attr(e, "id");
  traits.role = Attr(e, "role");
  traits.aria_label = Attr(e, "aria-label");
  traits.itemprop = Attr(e, "itemprop");
  traits.style = Attr(e, "style");
  traits.hidden = gumbo_get_attribute(&e.attributes, "hidden") != nullptr;
  return traits;
}

// ---- the parsed tree ----------------------------------------------------------------------------

const GumboVector& Children(const GumboNode* node) { return node->v.element.children; }
const GumboNode* Child(const GumboVector& kids, unsigned i) {
  return static_cast<const GumboNode*>(kids.data[i]);
}
bool IsTextNode(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
         node->type == GUMBO_NODE_WHITESPACE;
}

// Calls fn(text) for the text under `root` in document order, skipping non-content elements;
// <br> gives a space. Iterative, so it is safe on subtrees of any depth.
template <typename Fn>
void ForEachText(const GumboNode* root, Fn fn) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (IsTextNode(node)) {
      fn(std::string_view(node->v.text.text));
    } else if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_BR) {
      fn(std::string_view(" "));
    } else if (node->type == GUMBO_NODE_ELEMENT && !IsNonContentTag(TagIdOf(node->v.element.tag))) {
      const GumboVector& kids = Children(node);
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(Child(kids, i));
    }
  }
}

std::string ChildText(const GumboElement& e) {
  std::string text;
  for (unsigned i = 0; i < e.children.length; ++i) {
    const GumboNode* kid = Child(e.children, i);
    if (IsTextNode(kid)) text += kid->v.text.text;
  }
  return text;
}

std::string SubtreeText(const GumboNode* node) {
  CollapsingText text;
  ForEachText(node, [&](std::string_view s) { text.Append(s); });
  return text.Take();
}

// Where a walk is in the page.
struct WalkContext {
  int depth = 0;
  bool in_content = false;     // inside <article>, <main> or an article-body container
  bool headings_only = false;  // inside an article's header: only its headings are text
  bool in_p = false;
  bool in_link = false;
  bool in_pre = false;
};

WalkContext Enter(WalkContext ctx, const GumboElement& e, Role role, bool container) {
  ++ctx.depth;
  ctx.in_content |= container;
  ctx.headings_only |= role == Role::kHeadingsOnly;
  ctx.in_p |= e.tag == GUMBO_TAG_P;
  ctx.in_link |= e.tag == GUMBO_TAG_A;
  ctx.in_pre |= e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_LISTING;
  return ctx;
}

// The context a walk starting at `node` would have had coming down from the root.
WalkContext ContextAt(const GumboNode* node) {
  WalkContext ctx;
  for (const GumboNode* up = node->parent; up != nullptr; up = up->parent) {
    if (up->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = up->v.element;
    ctx = Enter(ctx, e, Role::kContent, IsArticleContainer(TraitsOf(e)));
  }
  return ctx;
}

// A candidate article container and the text it holds (clutter excluded).
struct Candidate {
  const GumboNode* node = nullptr;
  std::size_t order = 0;   // the element's number in document (pre-)order
  std::size_t end = 0;     // one past the last number inside it
  std::size_t p_text = 0;  // bytes of text inside <p> elements
  std::size_t text = 0;    // bytes of text outside links
};

struct TextBytes {
  std::size_t p_text = 0;
  std::size_t text = 0;
};

// One pass over the parsed page: metadata hints, the first headline, dated <time> elements,
// and each candidate container with how much text it holds. Clutter is skipped, so nothing in
// a comment section or a related-articles box is counted or believed.
class PageSurvey {
 public:
  explicit PageSurvey(const GumboNode* root) { page = Visit(root, WalkContext{}); }

  std::vector<Candidate> candidates;    // in document order
  TextBytes page;                       // the whole page's text outside clutter
  const GumboNode* headline = nullptr;  // the first <h1> with text, outside clutter
  std::size_t headline_order = 0;
  std::vector<std::pair<std::size_t, std::string_view>> times;  // (order, datetime)
  HintCollector hints;

 private:
  TextBytes Visit(const GumboNode* node, const WalkContext& ctx) {
    if (node->type == GUMBO_NODE_ELEMENT) return VisitElement(node, ctx);
    if (node->type != GUMBO_NODE_TEXT && node->type != GUMBO_NODE_CDATA) return {};
    if (ctx.headings_only) return {};
    const std::size_t n = std::string_view(node->v.text.text).size();
    return {ctx.in_p ? n : 0, ctx.in_link ? 0 : n};
  }

  TextBytes VisitElement(const GumboNode* node, const WalkContext& ctx) {
    const GumboElement& e = node->v.element;
    const std::size_t order = next_order_++;
    if (ctx.depth >= kMaxTreeDepth || TakeMetadata(e)) return {};
    const ElementTraits traits = TraitsOf(e);
    const Role role = e.tag == GUMBO_TAG_HEAD ? Role::kContent : RoleOf(traits, ctx.in_content);
    if (role == Role::kDrop) return {};
    const bool container = IsArticleContainer(traits);
    const WalkContext inner = Enter(ctx, e, role, container);
    Note(node, order);
    const bool candidate = container && !inner.headings_only;
    const std::size_t slot = candidates.size();
    if (candidate) candidates.push_back({node, order});
    TextBytes bytes;
    for (unsigned i = 0; i < e.children.length; ++i) {
      const TextBytes kid = Visit(Child(e.children, i), inner);
      bytes.p_text += kid.p_text;
      bytes.text += kid.text;
    }
    if (candidate) {
      candidates[slot].end = next_order_;
      candidates[slot].p_text = bytes.p_text;
      candidates[slot].text = bytes.text;
    }
    return e.tag == GUMBO_TAG_HEAD ? TextBytes{} : bytes;
  }

  // Reads <meta>, <link>, JSON-LD and <title>; true when `e` is one of those (no text).
  bool TakeMetadata(const GumboElement& e) {
    auto get = [&e](const char* name) { return Attr(e, name); };
    switch (e.tag) {
      case GUMBO_TAG_META:
        hints.OnMeta(get);
        return true;
      case GUMBO_TAG_LINK:
        hints.OnLink(get);
        return true;
      case GUMBO_TAG_TITLE:
        hints.OnTitleElement(ChildText(e));
        return true;
      case GUMBO_TAG_SCRIPT:
        if (EqualsIgnoreCase(TrimSpace(Attr(e, "type")), "application/ld+json")) {
          hints.OnJsonLd(ChildText(e));
        }
        return true;
      default:
        return false;
    }
  }

  // Headline, <time datetime> and microdata dates of an element outside clutter.
  void Note(const GumboNode* node, std::size_t order) {
    const GumboElement& e = node->v.element;
    if (e.tag == GUMBO_TAG_H1 && headline == nullptr) {
      std::string text = SubtreeText(node);
      if (!text.empty()) {
        headline = node;
        headline_order = order;
        hints.OnHeadline(text);
      }
    }
    if (e.tag == GUMBO_TAG_TIME && !TrimSpace(Attr(e, "datetime")).empty()) {
      times.emplace_back(order, Attr(e, "datetime"));
    }
    if (HasToken(Attr(e, "itemprop"), "datePublished")) {
      const std::string_view content = Attr(e, "content");
      hints.OnItempropDate(content.empty() ? Attr(e, "datetime") : content);
    }
  }

  std::size_t next_order_ = 0;
};

// Walks the chosen part of the page into blocks.
class BlockEmitter {
 public:
  BlockEmitter(std::vector<Block>& out, bool drop_link_only) : sink_(out, drop_link_only) {}

  void Walk(const GumboNode* node, const WalkContext& ctx) {
    if (node->type == GUMBO_NODE_ELEMENT) return WalkElement(node, ctx);
    if (!IsTextNode(node) || ctx.headings_only) return;
    const std::string_view text(node->v.text.text);
    if (ctx.in_pre) return PreText(text, ctx.in_link);
    sink_.Text(text, ctx.in_link);
  }

  void Finish() { sink_.Flush(); }

 private:
  void WalkElement(const GumboNode* node, const WalkContext& ctx) {
    const GumboElement& e = node->v.element;
    if (ctx.depth >= kMaxTreeDepth) {
      return ForEachText(node, [this](std::string_view s) { sink_.Text(s, false); });
    }
    const ElementTraits traits = TraitsOf(e);
    const Role role = RoleOf(traits, ctx.in_content);
    if (role == Role::kDrop) return;
    if (e.tag == GUMBO_TAG_BR) {
      if (!ctx.headings_only) sink_.LineBreak();
      return;
    }
    WalkContext inner = Enter(ctx, e, role, IsArticleContainer(traits));
    if (IsHeadingTag(traits.tag)) inner.headings_only = false;
    if (!IsBlockTag(traits.tag)) return WalkChildren(e, inner);
    sink_.Flush();
    const Block::Type outer_type = sink_.type;
    if (IsHeadingTag(traits.tag)) sink_.type = Block::Type::kHeading;
    if (e.tag == GUMBO_TAG_LI) sink_.type = Block::Type::kListItem;
    WalkChildren(e, inner);
    sink_.Flush();
    sink_.type = outer_type;
  }

  void WalkChildren(const GumboElement& e, const WalkContext& ctx) {
    for (unsigned i = 0; i < e.children.length; ++i) Walk(Child(e.children, i), ctx);
  }

  // Preformatted text keeps its line breaks (spaces within a line still collapse).
  void PreText(std::string_view text, bool in_link) {
    std::size_t i = 0;
    while (i <= text.size()) {
      const std::size_t nl = std::min(text.find('\n', i), text.size());
      sink_.Text(text.substr(i, nl - i), in_link);
      if (nl < text.size()) sink_.LineBreak();
      i = nl + 1;
    }
  }

  BlockSink sink_;
};

// The candidate to read: the one holding the most paragraph text, then, while a candidate
// inside it holds nearly all of that text (the body <div> of an <article>), that inner one,
// which leaves out bylines and article furniture. npos when no candidate holds any text, or
// when the best holds under a quarter of the page's text: then the <article>s are teasers
// around a story that is not marked up, and the whole body is the better read.
std::size_t ChooseContainer(const std::vector<Candidate>& c, const TextBytes& page) {
  constexpr std::size_t kNearlyAllPercent = 97;
  constexpr std::size_t kTooLittlePercent = 25;
  bool by_p = false;
  for (const Candidate& x : c) by_p |= x.p_text > 0;
  auto metric = [by_p](const auto& x) { return by_p ? x.p_text : x.text; };
  std::size_t best = std::string_view::npos;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (metric(c[i]) > 0 && (best == std::string_view::npos || metric(c[i]) > metric(c[best]))) {
      best = i;
    }
  }
  if (best == std::string_view::npos || metric(c[best]) * 100 < metric(page) * kTooLittlePercent) {
    return std::string_view::npos;
  }
  for (;;) {
    std::size_t inner = std::string_view::npos;
    // Candidates inside c[best] follow it in document order, up to its end.
    for (std::size_t i = best + 1; i < c.size() && c[i].order < c[best].end; ++i) {
      if (metric(c[i]) * 100 >= metric(c[best]) * kNearlyAllPercent &&
          (inner == std::string_view::npos || metric(c[i]) > metric(c[inner]))) {
        inner = i;
      }
    }
    if (inner == std::string_view::npos) break;
    best = inner;
  }
  return best;
}

// The first <time datetime> inside the container, else the first outside clutter.
std::string_view ChooseTime(const PageSurvey& survey, const Candidate* container) {
  if (container != nullptr) {
    for (const auto& [order, datetime] : survey.times) {
      if (order >= container->order && order < container->end) return datetime;
    }
  }
  return survey.times.empty() ? std::string_view() : survey.times.front().second;
}

const GumboNode* FindBody(const GumboNode* root) {
  if (root->type != GUMBO_NODE_ELEMENT) return root;
  const GumboVector& kids = Children(root);
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* kid = Child(kids, i);
    if (kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag == GUMBO_TAG_BODY) return kid;
  }
  return root;
}

// Blocks from the best article container (with the page's headline first when it sits above
// the container), else from the whole body minus clutter; then the hints.
void ReadTree(const GumboNode* root, RawDocument& doc) {
  const PageSurvey survey(root);
  const std::size_t chosen = ChooseContainer(survey.candidates, survey.page);
  const Candidate* container =
      chosen == std::string_view::npos ? nullptr : &survey.candidates[chosen];
  BlockEmitter emitter(doc.blocks, /*drop_link_only=*/container == nullptr);
  if (container != nullptr) {
    if (survey.headline != nullptr && survey.headline_order < container->order) {
      emitter.Walk(survey.headline, WalkContext{});
    }
    emitter.Walk(container->node, ContextAt(container->node));
  } else {
    emitter.Walk(FindBody(root), WalkContext{});
  }
  emitter.Finish();
  HintCollector hints = survey.hints;
  hints.OnTime(ChooseTime(survey, container));
  hints.Finish(doc.hints);
}

// ---- flattened pages -------------------------------------------------------------------------

// A HintCollector getter over the flattener's parsed attributes, in place of gumbo's.
auto AttributeGetter(const TagAttributes& attrs) {
  return [&attrs](std::string_view name) { return AttributeValue(attrs, name); };
}

// The hint rules fed by the flattener, so its hints are weighed as a parsed page's are.
class FlatHints final : public FlatHintSink {
 public:
  void OnTitleElement(std::string_view text) override { collector.OnTitleElement(text); }
  void OnHeadline(std::string_view text) override { collector.OnHeadline(text); }
  void OnJsonLd(std::string_view text) override { collector.OnJsonLd(text); }
  void OnMeta(const TagAttributes& attrs) override { collector.OnMeta(AttributeGetter(attrs)); }
  void OnLink(const TagAttributes& attrs) override { collector.OnLink(AttributeGetter(attrs)); }

  HintCollector collector;
};

struct GumboOutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

Status ReadHtmlBlocks(std::string_view utf8, const ReadOptions& options, RawDocument& doc) {
  const int limit = std::max(0, std::min(options.max_html_depth, kMaxParseDepth));
  if (NestsDeeperThan(utf8, static_cast<std::size_t>(limit))) {
    FlatHints hints;
    FlattenHtml(utf8, doc.blocks, hints);
    hints.collector.Finish(doc.hints);
    return Status::Ok();
  }
  GumboOptions gumbo_options = kGumboDefaultOptions;
  // Recording a parse error copies the stack of open elements: quadratic on deeply nested
  // pages (seconds for 10,000 levels), and the errors are never read.
  gumbo_options.max_errors = 0;
  std::unique_ptr<GumboOutput, GumboOutputDeleter> out(
      gumbo_parse_with_options(&gumbo_options, utf8.data(), utf8.size()));
  if (out == nullptr || out->root == nullptr) {
    return Status::Corruption("the HTML parser returned no document");
  }
  ReadTree(out->root, doc);
  return Status::Ok();
}

}  // namespace sendscan
