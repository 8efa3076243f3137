// The byte-level side of HTML reading: tag names without gumbo, whitespace collapsing, block
// building, entity decoding, and the linear scanner that checks nesting and flattens pages
// too deep for the parser.
#include "ingest/html_flatten.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sendscan {

// ---- characters and tokens ---------------------------------------------------------------------

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool HasNonSpace(std::string_view s) {
  for (char c : s) {
    if (!IsHtmlSpace(c)) return true;
  }
  return false;
}

bool HasToken(std::string_view value, std::string_view token) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsHtmlSpace(value[i])) ++i;
    std::size_t j = i;
    while (j < value.size() && !IsHtmlSpace(value[j])) ++j;
    if (j > i && EqualsIgnoreCase(value.substr(i, j - i), token)) return true;
    i = j;
  }
  return false;
}

bool IsOneOfWords(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view x : words) {
    if (w == x) return true;
  }
  return false;
}

// ---- tag names ---------------------------------------------------------------------------------

namespace {

// kTagNames in byte order with their ids, for binary search; gumbo uses a perfect hash instead.
constexpr auto kSortedTags = [] {
  std::array<std::pair<std::string_view, TagId>, std::size(kTagNames)> sorted{};
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    sorted[i] = {kTagNames[i], static_cast<TagId>(i)};
  }
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}();

constexpr std::size_t kLongestTagName = [] {
  std::size_t longest = 0;
  for (std::string_view name : kTagNames) longest = std::max(longest, name.size());
  return longest;
}();

constexpr TagSet kBlockTags = MakeTagSet(
    {"address",    "article",   "aside",   "blockquote", "body",    "caption", "center",
     "dd",         "details",   "dir",     "div",        "dl",      "dt",      "fieldset",
     "figcaption", "figure",    "footer",  "form",       "h1",      "h2",      "h3",
     "h4",         "h5",        "h6",      "header",     "hgroup",  "hr",      "html",
     "legend",     "li",        "listing", "main",       "menu",    "nav",     "ol",
     "p",          "plaintext", "pre",     "section",    "summary", "table",   "tbody",
     "td",         "tfoot",     "th",      "thead",      "tr",      "ul",      "xmp"});

constexpr TagSet kHeadingTags = MakeTagSet({"h1", "h2", "h3", "h4", "h5", "h6"});

// Elements that never have content or an end tag.
constexpr TagSet kVoidTags =
    MakeTagSet({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
                "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"});

// Elements whose content is text up to their end tag, never markup.
constexpr TagSet kRawTextTags = MakeTagSet(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"});

bool IsVoidTag(TagId tag) { return kVoidTags[tag]; }
bool IsRawTextTag(TagId tag) { return kRawTextTags[tag]; }

}  // namespace

TagId LookupTag(std::string_view name) {
  std::array<char, kLongestTagName> lower{};
  if (name.size() > lower.size()) return kUnknownTag;
  for (std::size_t i = 0; i < name.size(); ++i) lower[i] = AsciiLower(name[i]);
  const std::string_view key(lower.data(), name.size());
  const auto it = std::lower_bound(kSortedTags.begin(), kSortedTags.end(), key,
                                   [](const std::pair<std::string_view, TagId>& entry,
                                      std::string_view k) { return entry.first < k; });
  return it != kSortedTags.end() && it->first == key ? it->second : kUnknownTag;
}

bool IsBlockTag(TagId tag) { return kBlockTags[tag]; }
bool IsHeadingTag(TagId tag) { return kHeadingTags[tag]; }

// ---- text and blocks ---------------------------------------------------------------------------

void CollapsingText::Append(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (IsHtmlSpace(s[i])) {
      pending_space_ = !text_.empty() && text_.back() != '\n';
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !IsHtmlSpace(s[j])) ++j;
    if (pending_space_) text_ += ' ';
    pending_space_ = false;
    text_.append(s.data() + i, j - i);
    i = j;
  }
}

void CollapsingText::LineBreak() {
  pending_space_ = false;
  const std::size_t n = text_.size();
  if (n == 0 || (n >= 2 && text_[n - 1] == '\n' && text_[n - 2] == '\n')) return;
  text_ += '\n';
}

std::string CollapsingText::Take() {
  while (!text_.empty() && text_.back() == '\n') text_.pop_back();
  std::string out = std::move(text_);
  text_.clear();
  pending_space_ = false;
  return out;
}

void BlockSink::Text(std::string_view s, bool in_link) {
  text_.Append(s);
  if (!in_link && !has_plain_text_ && HasNonSpace(s)) has_plain_text_ = true;
}

void BlockSink::Flush() {
  if (!text_.empty()) {
    std::string text = text_.Take();
    if (has_plain_text_ || !drop_link_only_) out_.push_back({type, std::move(text)});
  }
  has_plain_text_ = false;
}

// ---- entities ----------------------------------------------------------------------------------

namespace {

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the entity starting at s[0] == '&' into `out`; returns the bytes consumed, or 0
// when it is not one we know (the '&' is then literal).
std::size_t DecodeEntity(std::string_view s, std::string& out) {
  static constexpr std::pair<std::string_view, std::uint32_t> kNamed[] = {
      {"amp;", '&'},      {"lt;", '<'},       {"gt;", '>'},        {"quot;", '"'},
      {"apos;", '\''},    {"nbsp;", 0xA0},    {"pound;", 0xA3},    {"copy;", 0xA9},
      {"ndash;", 0x2013}, {"mdash;", 0x2014}, {"lsquo;", 0x2018},  {"rsquo;", 0x2019},
      {"ldquo;", 0x201C}, {"rdquo;", 0x201D}, {"hellip;", 0x2026}, {"euro;", 0x20AC}};
  std::string_view rest = s.substr(1);
  if (!rest.empty() && rest[0] == '#') {
    const bool hex = rest.size() > 1 && (rest[1] | 0x20) == 'x';
    std::size_t i = hex ? 2 : 1;
    std::uint32_t cp = 0;
    const std::size_t digits_start = i;
    for (; i < rest.size() && i < digits_start + 8; ++i) {
      const char c = rest[i];
      int d = (c >= '0' && c <= '9') ? c - '0' : -1;
      if (hex && d < 0 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
      if (d < 0) break;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    if (i == digits_start) return 0;
    AppendUtf8(cp, out);
    return 1 + i + (i < rest.size() && rest[i] == ';' ? 1 : 0);
  }
  for (const auto& [name, cp] : kNamed) {
    if (rest.substr(0, name.size()) == name) {
      AppendUtf8(cp, out);
      return 1 + name.size();
    }
  }
  return 0;
}

}  // namespace

void DecodeEntities(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t amp = s.find('&', i);
    out.append(s.substr(i, amp == std::string_view::npos ? amp : amp - i));
    if (amp == std::string_view::npos) return;
    const std::size_t used = DecodeEntity(s.substr(amp), out);
    if (used == 0) out += '&';
    i = amp + (used == 0 ? 1 : used);
  }
}

// ---- the tokenizer -----------------------------------------------------------------------------

namespace {

struct RawToken {
  enum class Kind { kText, kRawText, kStartTag, kEndTag, kOther };
  Kind kind = Kind::kOther;
  TagId tag = kUnknownTag;
  std::string_view text;  // kText/kRawText: the characters; tags: the attribute source
  bool self_closing = false;
};

// Splits HTML into text, tags and raw text (script, style, title) in one forward pass.
class RawTokenizer {
 public:
  explicit RawTokenizer(std::string_view html) : s_(html) {}

  bool Next(RawToken& t) {
    if (pos_ >= s_.size()) return false;
    if (!raw_name_.empty()) return RawText(t);
    if (s_[pos_] != '<') {
      const std::size_t lt = s_.find('<', pos_ + 1);
      t = {RawToken::Kind::kText, kUnknownTag, s_.substr(pos_, lt - pos_), false};
      pos_ = lt == std::string_view::npos ? s_.size() : lt;
      return true;
    }
    return Markup(t);
  }

 private:
  // Skips past `close` from `from`, or to the end of input when it never comes.
  void SkipPast(std::string_view close, std::size_t from) {
    const std::size_t end = s_.find(close, from);
    pos_ = end == std::string_view::npos ? s_.size() : end + close.size();
  }

  bool Markup(RawToken& t) {
    std::size_t p = pos_ + 1;
    t = {};
    if (s_.compare(pos_, 4, "<!--") == 0) {  // a comment
      SkipPast("-->", pos_ + 4);
      return true;
    }
    if (p < s_.size() && (s_[p] == '!' || s_[p] == '?')) {  // doctype, processing instruction
      SkipPast(">", p);
      return true;
    }
    const bool end_tag = p < s_.size() && s_[p] == '/';
    if (end_tag) ++p;
    if (p >= s_.size() || !IsAsciiAlpha(s_[p])) {  // a literal '<'
      t = {RawToken::Kind::kText, kUnknownTag, s_.substr(pos_, 1), false};
      ++pos_;
      return true;
    }
    std::size_t name_end = p;
    while (name_end < s_.size() && !IsHtmlSpace(s_[name_end]) && s_[name_end] != '/' &&
           s_[name_end] != '>') {
      ++name_end;
    }
    const std::size_t gt = TagEnd(name_end);
    const std::size_t stop = gt == std::string_view::npos ? s_.size() : gt;
    t.kind = end_tag ? RawToken::Kind::kEndTag : RawToken::Kind::kStartTag;
    t.tag = LookupTag(s_.substr(p, name_end - p));
    t.text = s_.substr(name_end, stop - name_end);
    t.self_closing = stop > name_end && s_[stop - 1] == '/';
    pos_ = gt == std::string_view::npos ? s_.size() : gt + 1;
    if (!end_tag && IsRawTextTag(t.tag)) raw_name_ = s_.substr(p, name_end - p);
    return true;
  }

  // The '>' that ends a tag whose attributes start at `from`; a quote opens a quoted value
  // only right after '=', as in the HTML tokenizer.
  std::size_t TagEnd(std::size_t from) const {
    char last = 0;
    for (std::size_t i = from; i < s_.size(); ++i) {
      const char c = s_[i];
      if (c == '>') return i;
      if ((c == '"' || c == '\'') && last == '=') {
        i = s_.find(c, i + 1);
        if (i == std::string_view::npos) return i;
      }
      if (!IsHtmlSpace(c)) last = c;
    }
    return std::string_view::npos;
  }

  // The content of a raw-text element, up to "</name" (any case) or the end of input.
  bool RawText(RawToken& t) {
    std::size_t end = pos_;
    while ((end = s_.find("</", end)) != std::string_view::npos) {
      const std::size_t after = end + 2 + raw_name_.size();
      if (EqualsIgnoreCase(s_.substr(end + 2, raw_name_.size()), raw_name_) &&
          (after >= s_.size() || IsHtmlSpace(s_[after]) || s_[after] == '/' || s_[after] == '>')) {
        break;
      }
      end += 2;
    }
    if (end == std::string_view::npos) end = s_.size();
    t = {RawToken::Kind::kRawText, LookupTag(raw_name_), s_.substr(pos_, end - pos_), false};
    pos_ = end;
    raw_name_ = {};
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string_view raw_name_;  // set while inside a raw-text element
};

// ---- nesting -----------------------------------------------------------------------------------

// The stack of open elements, kept as an HTML parser would keep it for the common cases
// (end tags close what they match; <p>, <li>, <td>, <tr>, <option> close their open
// predecessor), so unclosed paragraphs do not count as nesting. Amortised O(1) per tag.
class NestingCounter {
 public:
  std::size_t depth() const { return stack_.size(); }

  void Start(TagId tag, bool self_closing) {
    if (IsVoidTag(tag)) return;
    // Self-closing syntax closes only foreign (SVG, MathML) elements; <div/> stays open.
    if (self_closing && (open_[Tag("svg")] > 0 || open_[Tag("math")] > 0)) return;
    CloseImplied(tag);
    stack_.push_back(tag);
    ++open_[tag];
  }

  void End(TagId tag) {
    // Parsers ignore </body> and </html>: content after them still goes into the body.
    if (tag == Tag("body") || tag == Tag("html")) return;
    if (open_[tag] > 0) PopTo(tag);
  }

 private:
  static constexpr std::size_t kLookBack = 16;  // bounds the search for an implied end tag

  void CloseImplied(TagId tag) {
    if (IsBlockTag(tag) && OpenWithin(Tag("p"), [](TagId t) { return !IsBlockTag(t); })) {
      PopTo(Tag("p"));
    }
    auto in_list_item = [](TagId t) {
      return !IsBlockTag(t) || t == Tag("div") || t == Tag("p") || t == Tag("address");
    };
    auto in_row = [](TagId t) {
      return t != Tag("table") && t != Tag("tbody") && t != Tag("thead") && t != Tag("tfoot") &&
             t != Tag("tr");
    };
    auto in_table = [](TagId t) {
      return t != Tag("table") && t != Tag("tbody") && t != Tag("thead") && t != Tag("tfoot");
    };
    if (tag == Tag("li")) {
      if (OpenWithin(Tag("li"), in_list_item)) PopTo(Tag("li"));
    } else if (tag == Tag("dt") || tag == Tag("dd")) {
      for (TagId t : {Tag("dt"), Tag("dd")}) {
        if (OpenWithin(t, in_list_item)) PopTo(t);
      }
    } else if (tag == Tag("td") || tag == Tag("th") || tag == Tag("tr")) {
      for (TagId t : {Tag("td"), Tag("th")}) {
        if (OpenWithin(t, in_row)) PopTo(t);
      }
      if (tag == Tag("tr") && OpenWithin(Tag("tr"), in_table)) PopTo(Tag("tr"));
    } else if (tag == Tag("option") && !stack_.empty() && stack_.back() == Tag("option")) {
      PopTo(Tag("option"));
    }
  }

  // True when `tag` is open with only elements passing `transparent` above it, within reach.
  template <typename Pred>
  bool OpenWithin(TagId tag, Pred transparent) const {
    if (open_[tag] == 0) return false;
    for (std::size_t k = 0; k < kLookBack && k < stack_.size(); ++k) {
      const TagId t = stack_[stack_.size() - 1 - k];
      if (t == tag) return true;
      if (!transparent(t)) return false;
    }
    return false;
  }

  void PopTo(TagId tag) {
    while (!stack_.empty()) {
      const TagId t = stack_.back();
      stack_.pop_back();
      --open_[t];
      if (t == tag) return;
    }
  }

  std::vector<TagId> stack_;
  std::array<std::uint32_t, kTagCount> open_{};
};

}  // namespace

bool NestsDeeperThan(std::string_view html, std::size_t limit) {
  RawTokenizer tokens(html);
  NestingCounter counter;
  for (RawToken t; tokens.Next(t);) {
    if (t.kind == RawToken::Kind::kStartTag) {
      counter.Start(t.tag, t.self_closing);
      if (counter.depth() > limit) return true;
    } else if (t.kind == RawToken::Kind::kEndTag) {
      counter.End(t.tag);
    }
  }
  return false;
}

// ---- flattening --------------------------------------------------------------------------------

std::string_view AttributeValue(const TagAttributes& attrs, std::string_view name) {
  for (const auto& [n, v] : attrs) {
    if (n == name) return v;
  }
  return {};
}

namespace {

// Attributes of a tag from its source text, names lowercased, values with entities decoded.
TagAttributes ParseAttributes(std::string_view src) {
  TagAttributes attrs;
  std::size_t i = 0;
  auto skip_space = [&]() {
    while (i < src.size() && (IsHtmlSpace(src[i]) || src[i] == '/')) ++i;
  };
  while (skip_space(), i < src.size()) {
    const std::size_t name_start = i;
    while (i < src.size() && !IsHtmlSpace(src[i]) && src[i] != '=' && src[i] != '/') ++i;
    std::string name = AsciiLowerCopy(src.substr(name_start, i - name_start));
    while (i < src.size() && IsHtmlSpace(src[i])) ++i;
    std::string value;
    if (i < src.size() && src[i] == '=') {
      ++i;
      while (i < src.size() && IsHtmlSpace(src[i])) ++i;
      const char quote = i < src.size() && (src[i] == '"' || src[i] == '\'') ? src[i] : 0;
      const std::size_t start = quote ? ++i : i;
      while (i < src.size() && (quote ? src[i] != quote : !IsHtmlSpace(src[i]))) ++i;
      DecodeEntities(src.substr(start, i - start), value);
      if (quote && i < src.size()) ++i;
    }
    if (!name.empty()) attrs.emplace_back(std::move(name), std::move(value));
  }
  return attrs;
}

// The page's text without a tree: a new block at each block-level tag, hints from <title>,
// the first <h1>, <meta>, <link> and JSON-LD.
class Flattener {
 public:
  Flattener(std::vector<Block>& blocks, FlatHintSink& hints)
      : sink_(blocks, /*drop_link_only=*/false), hints_(hints) {}

  void Run(std::string_view html) {
    RawTokenizer tokens(html);
    for (RawToken t; tokens.Next(t);) {
      switch (t.kind) {
        case RawToken::Kind::kText:
          Text(t.text);
          break;
        case RawToken::Kind::kRawText:
          RawText(t);
          break;
        case RawToken::Kind::kStartTag:
          StartTag(t);
          break;
        case RawToken::Kind::kEndTag:
          EndTag(t);
          break;
        case RawToken::Kind::kOther:
          break;
      }
    }
    sink_.Flush();
  }

 private:
  void Text(std::string_view raw) {
    scratch_.clear();
    DecodeEntities(raw, scratch_);
    sink_.Text(scratch_, false);
    if (in_h1_) h1_.Append(scratch_);
  }

  void RawText(const RawToken& t) {
    if (t.tag == Tag("title")) {
      scratch_.clear();
      DecodeEntities(t.text, scratch_);
      hints_.OnTitleElement(scratch_);
    } else if (t.tag == Tag("script") && ld_json_) {
      hints_.OnJsonLd(t.text);
    } else if (t.tag == Tag("xmp") || t.tag == Tag("plaintext")) {
      sink_.Text(t.text, false);
    }
  }

  void StartTag(const RawToken& t) {
    if (t.tag == Tag("br")) return sink_.LineBreak();
    if (t.tag == Tag("meta") || t.tag == Tag("link") || t.tag == Tag("script")) {
      return Metadata(t);
    }
    if (!IsBlockTag(t.tag)) return;
    sink_.Flush();
    if (IsHeadingTag(t.tag)) sink_.type = Block::Type::kHeading;
    if (t.tag == Tag("li")) sink_.type = Block::Type::kListItem;
    if (t.tag == Tag("h1") && !seen_h1_) in_h1_ = seen_h1_ = true;
  }

  void EndTag(const RawToken& t) {
    if (!IsBlockTag(t.tag)) return;
    sink_.Flush();
    sink_.type = Block::Type::kParagraph;
    if (t.tag == Tag("h1") && in_h1_) {
      hints_.OnHeadline(h1_.Take());
      in_h1_ = false;
    }
  }

  void Metadata(const RawToken& t) {
    const TagAttributes attrs = ParseAttributes(t.text);
    if (t.tag == Tag("meta")) hints_.OnMeta(attrs);
    if (t.tag == Tag("link")) hints_.OnLink(attrs);
    if (t.tag == Tag("script")) {
      ld_json_ = EqualsIgnoreCase(TrimSpace(AttributeValue(attrs, "type")), "application/ld+json");
    }
  }

  BlockSink sink_;
  FlatHintSink& hints_;
  std::string scratch_;
  bool ld_json_ = false;  // the open <script> holds JSON-LD
  bool seen_h1_ = false;
  bool in_h1_ = false;
  CollapsingText h1_;
};

}  // namespace

void FlattenHtml(std::string_view html, std::vector<Block>& blocks, FlatHintSink& hints) {
  Flattener(blocks, hints).Run(html);
}

}  // namespace sendscan
