// HTML as a flat run of bytes, with no tree and no gumbo: the characters, tag names, entities,
// whitespace and block building that both ways of reading a page share, and the linear scanner
// that measures a page's nesting and flattens pages too deep to parse.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/ascii.hpp"
#include "sendscan/document.hpp"

namespace sendscan {

// ---- characters and tokens ---------------------------------------------------------------------
// ASCII rules on UTF-8 bytes: no byte of a multi-byte sequence is space, a letter or upper case.

inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b);  // ASCII case
std::string_view TrimSpace(std::string_view s);                 // no HTML space at either end
bool HasNonSpace(std::string_view s);

// True when the whitespace-separated tokens of `value` include `token` (any case).
bool HasToken(std::string_view value, std::string_view token);

// True when `w` is one of `words`, byte for byte.
bool IsOneOfWords(std::string_view w, std::initializer_list<std::string_view> words);

// ---- tag names ---------------------------------------------------------------------------------

// The tag names gumbo knows, in the order of its GumboTag enum. The scanner tells tags apart
// exactly as gumbo does, every other name folded into one unknown tag (so </x-a> closes an open
// <x-b>), or its nesting count would drift from the tree gumbo builds. A test in
// html_reader_gumbo_test.cpp checks this list against gumbo's.
// clang-format off
inline constexpr std::string_view kTagNames[] = {
    "html", "head", "title", "base", "link", "meta", "style", "script", "noscript", "template",
    "body", "article", "section", "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup",
    "header", "footer", "address", "p", "hr", "pre", "blockquote", "ol", "ul", "li", "dl", "dt",
    "dd", "figure", "figcaption", "main", "div", "a", "em", "strong", "small", "s", "cite", "q",
    "dfn", "abbr", "data", "time", "code", "var", "samp", "kbd", "sub", "sup", "i", "b", "u",
    "mark", "ruby", "rt", "rp", "bdi", "bdo", "span", "br", "wbr", "ins", "del", "image", "img",
    "iframe", "embed", "object", "param", "video", "audio", "source", "track", "canvas", "map",
    "area", "math", "mi", "mo", "mn", "ms", "mtext", "mglyph", "malignmark", "annotation-xml",
    "svg", "foreignobject", "desc", "table", "caption", "colgroup", "col", "tbody", "thead",
    "tfoot", "tr", "td", "th", "form", "fieldset", "legend", "label", "input", "button", "select",
    "datalist", "optgroup", "option", "textarea", "keygen", "output", "progress", "meter",
    "details", "summary", "menu", "menuitem", "applet", "acronym", "bgsound", "dir", "frame",
    "frameset", "noframes", "isindex", "listing", "xmp", "nextid", "noembed", "plaintext", "rb",
    "strike", "basefont", "big", "blink", "center", "font", "marquee", "multicol", "nobr", "spacer",
    "tt", "rtc",
};
// clang-format on

// A tag: its index in kTagNames, or kUnknownTag for any other name.
using TagId = std::uint8_t;
inline constexpr TagId kUnknownTag = static_cast<TagId>(std::size(kTagNames));
inline constexpr std::size_t kTagCount = std::size_t{kUnknownTag} + 1;  // unknown included

// The tag called `name`, in any ASCII case; kUnknownTag when kTagNames has no such name.
TagId LookupTag(std::string_view name);

// The tag called `lowercase_name`, at compile time: a name missing from kTagNames does not
// compile.
consteval TagId Tag(std::string_view lowercase_name) {
  for (std::size_t i = 0; i < std::size(kTagNames); ++i) {
    if (kTagNames[i] == lowercase_name) return static_cast<TagId>(i);
  }
  throw "not a tag name in kTagNames";
}

// A set of tags as a lookup table (set[tag]), built at compile time from lowercase names.
using TagSet = std::array<bool, kTagCount>;

consteval TagSet MakeTagSet(std::initializer_list<std::string_view> names) {
  TagSet set{};
  for (std::string_view name : names) set[Tag(name)] = true;
  return set;
}

// Elements that start a new block of text (CSS display: block, list-item, table cells).
bool IsBlockTag(TagId tag);
bool IsHeadingTag(TagId tag);  // <h1> to <h6>

// ---- text and blocks ---------------------------------------------------------------------------

// Text as a browser lays it out: each run of HTML whitespace is one space, none at the start
// or end of a line; line breaks (<br>) are explicit, at most one blank line in a row.
class CollapsingText {
 public:
  void Append(std::string_view s);
  void LineBreak();
  bool empty() const { return text_.empty(); }

  // The text so far without trailing line breaks; leaves this empty.
  std::string Take();

 private:
  std::string text_;
  bool pending_space_ = false;
};

// Blocks being built in document order: text accumulates until a block boundary flushes it.
class BlockSink {
 public:
  // Appends to `out`, which must outlive this. With `drop_link_only`, a block whose every
  // character sits inside a link is dropped: in a page without an article container that is
  // what menus and link lists look like.
  BlockSink(std::vector<Block>& out, bool drop_link_only)
      : out_(out), drop_link_only_(drop_link_only) {}

  void Text(std::string_view s, bool in_link);
  void LineBreak() { text_.LineBreak(); }
  void Flush();  // ends the block being built, if it has text

  Block::Type type = Block::Type::kParagraph;  // of the block being built

 private:
  std::vector<Block>& out_;
  bool drop_link_only_;
  CollapsingText text_;
  bool has_plain_text_ = false;
};

// ---- entities ----------------------------------------------------------------------------------

// Appends `s` to `out` with character references decoded: decimal and hex ones, and the named
// ones common in English pages (&amp; &nbsp; &pound; &mdash; &rsquo; ...); any other '&' stays
// literal, and code points that are not Unicode scalars (or are 0) become U+FFFD. Gumbo decodes
// for itself; this serves the scanner.
void DecodeEntities(std::string_view s, std::string& out);

// ---- the scanner -------------------------------------------------------------------------------
// Not an HTML5 tokenizer, only close enough to count nesting and strip tags: comments, doctypes
// and processing instructions are skipped; script, style, title and the other raw-text elements
// run to their end tag; a '<' not followed by a letter (or '/' and a letter) is text.

// True when more than `limit` elements would be open at once somewhere in `html`, counting as an
// HTML parser keeps its stack of open elements in the common cases: void elements never open;
// <p>, <li>, <dt>/<dd>, table cells and rows, and <option> close their open predecessor; an end
// tag closes what it matches; </body> and </html> are ignored. One pass, amortised O(1) a tag.
bool NestsDeeperThan(std::string_view html, std::size_t limit);

// A start tag's attributes in source order: names lowercased, values entity-decoded.
using TagAttributes = std::vector<std::pair<std::string, std::string>>;

// The value of the first attribute called `name` (lowercase); empty when there is none.
std::string_view AttributeValue(const TagAttributes& attrs, std::string_view name);

// Where FlattenHtml reports what a page says about itself, in document order. The reader's
// hint rules implement it, so a flattened page's hints are weighed as a parsed page's are.
class FlatHintSink {
 public:
  virtual ~FlatHintSink() = default;
  virtual void OnTitleElement(std::string_view text) = 0;  // a <title>, entities decoded
  virtual void OnHeadline(std::string_view text) = 0;      // the first <h1>, when it closes
  virtual void OnJsonLd(std::string_view text) = 0;        // an application/ld+json <script>
  virtual void OnMeta(const TagAttributes& attrs) = 0;     // each <meta>
  virtual void OnLink(const TagAttributes& attrs) = 0;     // each <link>
};

// The text of `html` (UTF-8) without building a tree, in one forward pass whatever the nesting:
// tags stripped, entities decoded, a new block at each block-level start or end tag (headings
// and list items typed as such), <br> a line break, raw-text elements dropped except <xmp> and
// <plaintext>. Nothing is judged clutter. Appends to `blocks`; never fails.
void FlattenHtml(std::string_view html, std::vector<Block>& blocks, FlatHintSink& hints);

}  // namespace sendscan
