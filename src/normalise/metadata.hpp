// Document metadata read from the normalised text and the reader's hints: title, publication
// date, genre (kind) and the inspectorates named.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexicon/lexicons.hpp"
#include "lexicon/vocabulary.hpp"
#include "sendscan/document.hpp"

namespace sendscan {

// A letter's own heading ("Joint local area SEND inspection in X"); else the reader's title
// hint; else the first heading; else the first of the opening paragraphs that reads like a
// headline (short, no final full stop, not a dateline, byline or menu). nullopt when none.
std::optional<std::string> FindTitle(const RawDocument& raw, const Document& doc);

// The date the document was published: the reader's hint (meta tags, JSON-LD, the crawl
// prefix) when it parses; else a dateline among the first paragraphs (a short paragraph that
// is mostly a date: "Published Wednesday, 16th May 2018", "William Eichler 06 April 2016",
// "Decision date : 04 Nov 2025"); for letters, the first date of the address block.
std::optional<std::string> FindPublished(const RawDocument& raw, const Document& doc);

// The genre by the weighted cues of lexicons/kinds.tsv (see that file for the rule).
Kind ClassifyKind(const Document& doc, const TokenizedText& tokens, const Lexicons& lex);

// Canonical inspectorate names found, in first-seen order.
std::vector<std::string> FindInspectorates(const TokenizedText& tokens, const Lexicons& lex);

}  // namespace sendscan
