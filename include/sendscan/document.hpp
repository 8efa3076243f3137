// The plain structs that flow between stages: read -> RawDocument -> normalise -> Document.
// (extract.hpp adds Extraction.) All text is UTF-8; all offsets are byte offsets into
// Document::text, end exclusive.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sendscan {

// The container format, sniffed from the bytes (never from the file name).
enum class Format { kText, kHtml, kPdf };

// The document's genre (CONTRACT.md): an inspectorate or government letter/report, a news story
// or press release, or anything else (minutes, decision records, information pages).
enum class Kind { kNews, kLetter, kOther };

std::string_view FormatName(Format format);  // "text", "html", "pdf"
std::string_view KindName(Kind kind);        // "news", "letter", "other"
// "news"/"letter"/"other" -> Kind; nullopt for anything else.
std::optional<Kind> ParseKind(std::string_view name);

// One unit of text as the reader found it. Readers keep paragraphs apart and mark headings;
// a block may still hold several paragraphs separated by blank lines (plain text), which
// normalise splits.
struct Block {
  enum class Type { kParagraph, kHeading, kListItem };
  Type type = Type::kParagraph;
  std::string text;  // UTF-8, not yet normalised
};

// What the container said about the document, before normalise reads the text itself.
struct MetadataHints {
  std::string title;      // og:title, <h1>, <title>, PDF Title; empty if none
  std::string published;  // a date as the source wrote it (meta, JSON-LD, <time>, crawl prefix)
  std::string url;        // <link rel=canonical> or og:url; empty if none
};

// A file's content as read: decoded to UTF-8 and cut into blocks, nothing normalised yet.
struct RawDocument {
  std::string source;      // the path as given, or a name chosen by the caller
  std::string sha256;      // lowercase hex SHA-256 of the input bytes as read
  std::size_t input_bytes = 0;
  Format format = Format::kText;
  std::string encoding = "UTF-8";  // what the bytes were decoded from
  int pages = 0;                   // PDF page count; 0 for other formats
  std::vector<Block> blocks;
  MetadataHints hints;
};

// A byte range [start, end) in Document::text.
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - start; }
};

struct Paragraph {
  Span span;
  bool heading = false;  // a heading or title line rather than running text
};

// A normalised document: the text every later offset refers to, and its metadata.
struct Document {
  std::string source;
  std::string sha256;
  Format format = Format::kText;
  std::optional<std::string> url;

  // Paragraphs joined by "\n\n"; words exactly as written (only Unicode forms, whitespace,
  // quote/dash forms and clutter changed).
  std::string text;
  std::vector<Paragraph> paragraphs;  // in order, covering every paragraph of text
  std::vector<Span> sentences;        // in order, each inside one paragraph

  std::optional<std::string> title;
  std::optional<std::string> published;  // YYYY-MM-DD
  Kind kind = Kind::kNews;
  std::vector<std::string> inspectorates;  // canonical names in first-seen order: "Ofsted", "CQC"

  std::string_view Slice(Span s) const { return std::string_view(text).substr(s.start, s.size()); }
};

}  // namespace sendscan
