// The format readers behind ReadBytes: each turns decoded content into blocks and metadata
// hints of a RawDocument. Errors name no path; ReadBytes adds it.
#pragma once

#include <string_view>

#include "sendscan/document.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

// Plain text (UTF-8): one block per run of lines between blank lines, inner line breaks kept
// for normalise to judge. A first line in the news-crawl form " date YYYY-MM-DD rest" gives
// hints.published and loses the prefix.
Status ReadTextBlocks(std::string_view utf8, RawDocument& doc);

// HTML (UTF-8, already decoded): the main text of the page as heading/paragraph/list blocks,
// with navigation, headers, footers, asides, scripts, styles, forms, comment sections and
// share bars dropped; hints from og:title / <h1> / <title>, article:published_time,
// <time datetime>, JSON-LD datePublished, <link rel=canonical> / og:url. Pages nested deeper
// than options.max_html_depth are flattened before parsing.
Status ReadHtmlBlocks(std::string_view utf8, const ReadOptions& options, RawDocument& doc);

// PDF (raw bytes): the text of every page with running headers, footers and page numbers
// dropped, hyphenated line ends joined and paragraphs rebuilt; hints.title from the document
// info; doc.pages set. Encrypted PDFs are Unsupported; unreadable ones Corruption.
Status ReadPdfBlocks(std::string_view bytes, RawDocument& doc);

}  // namespace sendscan
