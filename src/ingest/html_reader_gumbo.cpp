// The HTML reader: a page's main text as blocks, plus title/date/URL hints. The only file that
// talks to libgumbo. A page is surveyed once (clutter skipped, candidate article containers
// scored, metadata gathered), then the chosen container is walked into blocks. Pages nested too
// deep for gumbo never reach it: a linear tag stripper flattens them instead.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/readers.hpp"

namespace sendscan {
namespace {

// Recursion bounds for the tree walks. Parsing is refused (the page flattened) well before a
// tree this deep can exist, but a few constructs (tables gain implied tbody/tr) make gumbo's
// tree deeper than the tags counted, so the walks check too.
constexpr int kMaxParseDepth = 2048;
constexpr int kMaxTreeDepth = 4096;

// ---- text helpers ----------------------------------------------------------------------------

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
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

// True when the whitespace-separated tokens of `value` include `token` (any case).
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

// Text as a browser lays it out: each run of HTML whitespace is one space, none at the start
// or end of a line; line breaks (<br>) are explicit, at most one blank line in a row.
class CollapsingText {
 public:
  void Append(std::string_view s) {
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

  void LineBreak() {
    pending_space_ = false;
    const std::size_t n = text_.size();
    if (n == 0 || (n >= 2 && text_[n - 1] == '\n' && text_[n - 2] == '\n')) return;
    text_ += '\n';
  }

  bool empty() const { return text_.empty(); }

  // The text so far without trailing line breaks; leaves this empty.
  std::string Take() {
    while (!text_.empty() && text_.back() == '\n') text_.pop_back();
    std::string out = std::move(text_);
    text_.clear();
    pending_space_ = false;
    return out;
  }

 private:
  std::string text_;
  bool pending_space_ = false;
};

std::string CollapseWhitespace(std::string_view s) {
  CollapsingText text;
  text.Append(s);
  return text.Take();
}

// Blocks being built in document order: text accumulates until a block boundary flushes it.
class BlockSink {
 public:
  // With `drop_link_only`, a block whose every character sits inside a link is dropped: in a
  // page without an article container that is what menus and link lists look like.
  BlockSink(std::vector<Block>& out, bool drop_link_only)
      : out_(out), drop_link_only_(drop_link_only) {}

  void Text(std::string_view s, bool in_link) {
    text_.Append(s);
    if (!in_link && !has_plain_text_ && HasNonSpace(s)) has_plain_text_ = true;
  }
  void LineBreak() { text_.LineBreak(); }

  void Flush() {
    if (!text_.empty()) {
      std::string text = text_.Take();
      if (has_plain_text_ || !drop_link_only_) out_.push_back({type, std::move(text)});
    }
    has_plain_text_ = false;
  }

  Block::Type type = Block::Type::kParagraph;  // of the block being built

 private:
  std::vector<Block>& out_;
  bool drop_link_only_;
  CollapsingText text_;
  bool has_plain_text_ = false;
};

// ---- entities (the flattening path only: gumbo decodes its own) ------------------------------

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

// ---- element kinds ----------------------------------------------------------------------------

bool IsHeadingTag(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

// A set of tags as a lookup table, built at compile time.
using TagSet = std::array<bool, GUMBO_TAG_LAST + 1>;

constexpr TagSet MakeTagSet(std::initializer_list<GumboTag> tags) {
  TagSet set{};
  for (GumboTag tag : tags) set[tag] = true;
  return set;
}

// Elements that start a new block of text (CSS display: block, list-item, table cells).
constexpr TagSet kBlockTags =
    MakeTagSet({GUMBO_TAG_ADDRESS,   GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
                GUMBO_TAG_BODY,      GUMBO_TAG_CAPTION,  GUMBO_TAG_CENTER,     GUMBO_TAG_DD,
                GUMBO_TAG_DETAILS,   GUMBO_TAG_DIR,      GUMBO_TAG_DIV,        GUMBO_TAG_DL,
                GUMBO_TAG_DT,        GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
                GUMBO_TAG_FOOTER,    GUMBO_TAG_FORM,     GUMBO_TAG_H1,         GUMBO_TAG_H2,
                GUMBO_TAG_H3,        GUMBO_TAG_H4,       GUMBO_TAG_H5,         GUMBO_TAG_H6,
                GUMBO_TAG_HEADER,    GUMBO_TAG_HGROUP,   GUMBO_TAG_HR,         GUMBO_TAG_HTML,
                GUMBO_TAG_LEGEND,    GUMBO_TAG_LI,       GUMBO_TAG_LISTING,    GUMBO_TAG_MAIN,
                GUMBO_TAG_MENU,      GUMBO_TAG_NAV,      GUMBO_TAG_OL,         GUMBO_TAG_P,
                GUMBO_TAG_PLAINTEXT, GUMBO_TAG_PRE,      GUMBO_TAG_SECTION,    GUMBO_TAG_SUMMARY,
                GUMBO_TAG_TABLE,     GUMBO_TAG_TBODY,    GUMBO_TAG_TD,         GUMBO_TAG_TFOOT,
                GUMBO_TAG_TH,        GUMBO_TAG_THEAD,    GUMBO_TAG_TR,         GUMBO_TAG_UL,
                GUMBO_TAG_XMP});

// Elements that never hold article text: code, forms, embedded media, and the page's
// navigation, asides and footers. Their whole subtree is skipped.
constexpr TagSet kNonContentTags =
    MakeTagSet({GUMBO_TAG_HEAD,     GUMBO_TAG_TITLE,    GUMBO_TAG_SCRIPT,     GUMBO_TAG_STYLE,
                GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_FORM,       GUMBO_TAG_BUTTON,
                GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_INPUT,      GUMBO_TAG_IFRAME,
                GUMBO_TAG_SVG,      GUMBO_TAG_MATH,     GUMBO_TAG_FIGCAPTION, GUMBO_TAG_OBJECT,
                GUMBO_TAG_EMBED,    GUMBO_TAG_CANVAS,   GUMBO_TAG_VIDEO,      GUMBO_TAG_AUDIO,
                GUMBO_TAG_NAV,      GUMBO_TAG_ASIDE,    GUMBO_TAG_FOOTER,     GUMBO_TAG_NOEMBED,
                GUMBO_TAG_NOFRAMES, GUMBO_TAG_DATALIST});

// Elements that never have content or an end tag.
constexpr TagSet kVoidTags =
    MakeTagSet({GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR,
                GUMBO_TAG_COL, GUMBO_TAG_EMBED, GUMBO_TAG_FRAME, GUMBO_TAG_HR, GUMBO_TAG_IMAGE,
                GUMBO_TAG_IMG, GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN, GUMBO_TAG_LINK, GUMBO_TAG_META,
                GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK, GUMBO_TAG_WBR});

// Elements whose content is text up to their end tag, never markup.
constexpr TagSet kRawTextTags = MakeTagSet(
    {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE, GUMBO_TAG_XMP,
     GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_PLAINTEXT});

bool IsBlockTag(GumboTag tag) { return kBlockTags[tag]; }
bool IsNonContentTag(GumboTag tag) { return kNonContentTags[tag]; }
bool IsVoidTag(GumboTag tag) { return kVoidTags[tag]; }
bool IsRawTextTag(GumboTag tag) { return kRawTextTags[tag]; }

// ---- the linear tokenizer: nesting check and flattening, without gumbo -----------------------

struct RawToken {
  enum class Kind { kText, kRawText, kStartTag, kEndTag, kOther };
  Kind kind = Kind::kOther;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  std::string_view text;  // kText/kRawText: the characters; tags: the attribute source
  bool self_closing = false;
};

// Splits HTML into text, tags and raw text (script, style, title) in one forward pass. It is
// not an HTML5 tokenizer, only close enough to count nesting and strip tags.
class RawTokenizer {
 public:
  explicit RawTokenizer(std::string_view html) : s_(html) {}

  bool Next(RawToken& t) {
    if (pos_ >= s_.size()) return false;
    if (!raw_name_.empty()) return RawText(t);
    if (s_[pos_] != '<') {
      const std::size_t lt = s_.find('<', pos_ + 1);
      t = {RawToken::Kind::kText, GUMBO_TAG_UNKNOWN, s_.substr(pos_, lt - pos_), false};
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
      t = {RawToken::Kind::kText, GUMBO_TAG_UNKNOWN, s_.substr(pos_, 1), false};
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
    t.tag = gumbo_tagn_enum(s_.data() + p, static_cast<unsigned>(name_end - p));
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
    t = {RawToken::Kind::kRawText,
         gumbo_tagn_enum(raw_name_.data(), static_cast<unsigned>(raw_name_.size())),
         s_.substr(pos_, end - pos_), false};
    pos_ = end;
    raw_name_ = {};
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string_view raw_name_;  // set while inside a raw-text element
};

// The stack of open elements, kept as an HTML parser would keep it for the common cases
// (end tags close what they match; <p>, <li>, <td>, <tr>, <option> close their open
// predecessor), so unclosed paragraphs do not count as nesting. Amortised O(1) per tag.
class NestingCounter {
 public:
  std::size_t depth() const { return stack_.size(); }

  void Start(GumboTag tag, bool self_closing) {
    if (IsVoidTag(tag)) return;
    // Self-closing syntax closes only foreign (SVG, MathML) elements; <div/> stays open.
    if (self_closing && (open_[GUMBO_TAG_SVG] > 0 || open_[GUMBO_TAG_MATH] > 0)) return;
    CloseImplied(tag);
    stack_.push_back(tag);
    ++open_[tag];
  }

  void End(GumboTag tag) {
    // Parsers ignore </body> and </html>: content after them still goes into the body.
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) return;
    if (open_[tag] > 0) PopTo(tag);
  }

 private:
  static constexpr std::size_t kLookBack = 16;  // bounds the search for an implied end tag

  void CloseImplied(GumboTag tag) {
    if (IsBlockTag(tag) && OpenWithin(GUMBO_TAG_P, [](GumboTag t) { return !IsBlockTag(t); })) {
      PopTo(GUMBO_TAG_P);
    }
    auto in_list_item = [](GumboTag t) {
      return !IsBlockTag(t) || t == GUMBO_TAG_DIV || t == GUMBO_TAG_P || t == GUMBO_TAG_ADDRESS;
    };
    auto in_row = [](GumboTag t) {
      return t != GUMBO_TAG_TABLE && t != GUMBO_TAG_TBODY && t != GUMBO_TAG_THEAD &&
             t != GUMBO_TAG_TFOOT && t != GUMBO_TAG_TR;
    };
    auto in_table = [](GumboTag t) {
      return t != GUMBO_TAG_TABLE && t != GUMBO_TAG_TBODY && t != GUMBO_TAG_THEAD &&
             t != GUMBO_TAG_TFOOT;
    };
    if (tag == GUMBO_TAG_LI) {
      if (OpenWithin(GUMBO_TAG_LI, in_list_item)) PopTo(GUMBO_TAG_LI);
    } else if (tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD) {
      for (GumboTag t : {GUMBO_TAG_DT, GUMBO_TAG_DD}) {
        if (OpenWithin(t, in_list_item)) PopTo(t);
      }
    } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || tag == GUMBO_TAG_TR) {
      for (GumboTag t : {GUMBO_TAG_TD, GUMBO_TAG_TH}) {
        if (OpenWithin(t, in_row)) PopTo(t);
      }
      if (tag == GUMBO_TAG_TR && OpenWithin(GUMBO_TAG_TR, in_table)) PopTo(GUMBO_TAG_TR);
    } else if (tag == GUMBO_TAG_OPTION && !stack_.empty() && stack_.back() == GUMBO_TAG_OPTION) {
      PopTo(GUMBO_TAG_OPTION);
    }
  }

  // True when `tag` is open with only elements passing `transparent` above it, within reach.
  template <typename Pred>
  bool OpenWithin(GumboTag tag, Pred transparent) const {
    if (open_[tag] == 0) return false;
    for (std::size_t k = 0; k < kLookBack && k < stack_.size(); ++k) {
      const GumboTag t = stack_[stack_.size() - 1 - k];
      if (t == tag) return true;
      if (!transparent(t)) return false;
    }
    return false;
  }

  void PopTo(GumboTag tag) {
    while (!stack_.empty()) {
      const GumboTag t = stack_.back();
      stack_.pop_back();
      --open_[t];
      if (t == tag) return;
    }
  }

  std::vector<GumboTag> stack_;
  std::array<std::uint32_t, GUMBO_TAG_LAST + 1> open_{};
};

// True when more than `limit` elements would be open at once somewhere in the page.
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

bool IsOneOfWords(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view x : words) {
    if (w == x) return true;
  }
  return false;
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
    const std::string k = ToLower(TrimSpace(key));
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

// ---- clutter ------------------------------------------------------------------------------------

// Cuts one class name (or id, or aria-label) into lowercase parts at '-', '_', spaces and
// camelCase humps: "related-articles", "relatedArticles" and "Related articles" all give
// {related, articles}. Parts after a qualifier (has-sidebar, no-comments, with-share) and
// whole WordPress taxonomy classes (tag-jobs, category-comment) describe the page, not the
// element, and are left out.
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

// What an element's class, id or aria-label says it is, weakest first.
enum class Mark { kNone, kArticleHeader, kSiteHeader, kClutter };

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

std::string_view Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

// Calls fn(parts) for each class of the class and id attributes and for the aria-label. An
// aria-label counts on block elements only: on a link it describes where the link goes
// ("Read more about the report"), not what the link is.
template <typename Fn>
void ForEachClassName(const GumboElement& e, Fn fn) {
  std::vector<std::string> parts;
  for (const char* attr : {"class", "id"}) {
    const std::string_view value = Attr(e, attr);
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
  SplitClassParts(Attr(e, "aria-label"), parts);
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

Mark MarkOf(const GumboElement& e) {
  if (gumbo_get_attribute(&e.attributes, "hidden") != nullptr) return Mark::kClutter;
  if (const std::string_view style = Attr(e, "style"); !style.empty() && IsHiddenByStyle(style)) {
    return Mark::kClutter;
  }
  const std::string_view role = Attr(e, "role");
  for (std::string_view r : {"navigation", "banner", "contentinfo", "complementary", "search",
                             "menu", "menubar", "dialog", "alertdialog"}) {
    if (HasToken(role, r)) return Mark::kClutter;
  }
  Mark mark = Mark::kNone;
  ForEachClassName(e, [&](const std::vector<std::string>& parts) {
    const Mark m = MarkOfParts(parts);
    if (m > mark) mark = m;
  });
  return mark;
}

// An element that may hold the article: <article>, <main>, role=main, itemprop=articleBody,
// or a class/id such as "article-body", "entry-content", "story-body", "post-content".
bool IsArticleContainer(const GumboElement& e) {
  if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) return true;
  if (HasToken(Attr(e, "role"), "main") || HasToken(Attr(e, "itemprop"), "articleBody")) {
    return true;
  }
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

// How a walk treats an element: its text is content, only its headings are (an article's
// <header>, which also holds bylines and share links), or it is skipped with all it holds.
enum class Role { kContent, kHeadingsOnly, kDrop };

Role RoleOf(const GumboElement& e, bool in_content) {
  if (e.tag == GUMBO_TAG_HTML || e.tag == GUMBO_TAG_BODY || e.tag == GUMBO_TAG_MAIN) {
    return Role::kContent;  // their classes describe the whole page ("has-sidebar")
  }
  if (IsNonContentTag(e.tag)) return Role::kDrop;
  if (HasToken(Attr(e, "itemprop"), "articleBody")) return Role::kContent;
  const Mark mark = MarkOf(e);
  if (mark == Mark::kClutter) return Role::kDrop;
  // A header class on an inline element (mdBook's <a class="header"> inside an <h1>) is styling.
  if (!IsBlockTag(e.tag)) return Role::kContent;
  if (mark == Mark::kArticleHeader) return Role::kHeadingsOnly;
  if (e.tag == GUMBO_TAG_HEADER || mark == Mark::kSiteHeader) {
    return in_content ? Role::kHeadingsOnly : Role::kDrop;
  }
  return Role::kContent;
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
    } else if (node->type == GUMBO_NODE_ELEMENT && !IsNonContentTag(node->v.element.tag)) {
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
    ctx = Enter(ctx, e, Role::kContent, IsArticleContainer(e));
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
    const Role role = e.tag == GUMBO_TAG_HEAD ? Role::kContent : RoleOf(e, ctx.in_content);
    if (role == Role::kDrop) return {};
    const bool container = IsArticleContainer(e);
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
    const Role role = RoleOf(e, ctx.in_content);
    if (role == Role::kDrop) return;
    if (e.tag == GUMBO_TAG_BR) {
      if (!ctx.headings_only) sink_.LineBreak();
      return;
    }
    WalkContext inner = Enter(ctx, e, role, IsArticleContainer(e));
    if (IsHeadingTag(e.tag)) inner.headings_only = false;
    if (!IsBlockTag(e.tag)) return WalkChildren(e, inner);
    sink_.Flush();
    const Block::Type outer_type = sink_.type;
    if (IsHeadingTag(e.tag)) sink_.type = Block::Type::kHeading;
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

// ---- flattening, for pages too deep to parse --------------------------------------------------

// Attributes of a tag from its source text, names lowercased, values with entities decoded.
std::vector<std::pair<std::string, std::string>> ParseAttributes(std::string_view src) {
  std::vector<std::pair<std::string, std::string>> attrs;
  std::size_t i = 0;
  auto skip_space = [&]() {
    while (i < src.size() && (IsHtmlSpace(src[i]) || src[i] == '/')) ++i;
  };
  while (skip_space(), i < src.size()) {
    const std::size_t name_start = i;
    while (i < src.size() && !IsHtmlSpace(src[i]) && src[i] != '=' && src[i] != '/') ++i;
    std::string name = ToLower(src.substr(name_start, i - name_start));
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

// The page's text without a tree: tags stripped, basic entities decoded, a new block at each
// block-level tag; hints from <title>, the first <h1>, <meta>, <link> and JSON-LD as usual.
// One forward pass over the bytes, whatever the nesting.
class Flattener {
 public:
  explicit Flattener(RawDocument& doc) : doc_(doc), sink_(doc.blocks, false) {}

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
    hints_.Finish(doc_.hints);
  }

 private:
  void Text(std::string_view raw) {
    scratch_.clear();
    DecodeEntities(raw, scratch_);
    sink_.Text(scratch_, false);
    if (in_h1_) h1_.Append(scratch_);
  }

  void RawText(const RawToken& t) {
    if (t.tag == GUMBO_TAG_TITLE) {
      scratch_.clear();
      DecodeEntities(t.text, scratch_);
      hints_.OnTitleElement(scratch_);
    } else if (t.tag == GUMBO_TAG_SCRIPT && ld_json_) {
      hints_.OnJsonLd(t.text);
    } else if (t.tag == GUMBO_TAG_XMP || t.tag == GUMBO_TAG_PLAINTEXT) {
      sink_.Text(t.text, false);
    }
  }

  void StartTag(const RawToken& t) {
    if (t.tag == GUMBO_TAG_BR) return sink_.LineBreak();
    if (t.tag == GUMBO_TAG_META || t.tag == GUMBO_TAG_LINK || t.tag == GUMBO_TAG_SCRIPT) {
      return Metadata(t);
    }
    if (!IsBlockTag(t.tag)) return;
    sink_.Flush();
    if (IsHeadingTag(t.tag)) sink_.type = Block::Type::kHeading;
    if (t.tag == GUMBO_TAG_LI) sink_.type = Block::Type::kListItem;
    if (t.tag == GUMBO_TAG_H1 && !seen_h1_) in_h1_ = seen_h1_ = true;
  }

  void EndTag(const RawToken& t) {
    if (!IsBlockTag(t.tag)) return;
    sink_.Flush();
    sink_.type = Block::Type::kParagraph;
    if (t.tag == GUMBO_TAG_H1 && in_h1_) {
      hints_.OnHeadline(h1_.Take());
      in_h1_ = false;
    }
  }

  void Metadata(const RawToken& t) {
    const auto attrs = ParseAttributes(t.text);
    auto get = [&attrs](std::string_view name) -> std::string_view {
      for (const auto& [n, v] : attrs) {
        if (n == name) return v;
      }
      return {};
    };
    if (t.tag == GUMBO_TAG_META) hints_.OnMeta(get);
    if (t.tag == GUMBO_TAG_LINK) hints_.OnLink(get);
    if (t.tag == GUMBO_TAG_SCRIPT) {
      ld_json_ = EqualsIgnoreCase(TrimSpace(get("type")), "application/ld+json");
    }
  }

  RawDocument& doc_;
  BlockSink sink_;
  HintCollector hints_;
  std::string scratch_;
  bool ld_json_ = false;  // the open <script> holds JSON-LD
  bool seen_h1_ = false;
  bool in_h1_ = false;
  CollapsingText h1_;
};

struct GumboOutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

Status ReadHtmlBlocks(std::string_view utf8, const ReadOptions& options, RawDocument& doc) {
  const int limit = std::max(0, std::min(options.max_html_depth, kMaxParseDepth));
  if (NestsDeeperThan(utf8, static_cast<std::size_t>(limit))) {
    Flattener(doc).Run(utf8);
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
