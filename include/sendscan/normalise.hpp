// The normalise stage: RawDocument -> Document. Unicode NFC; one form for quotes, apostrophes,
// dashes, spaces and ligatures; site clutter dropped by lexicons/boilerplate; repeated
// paragraphs kept once; paragraphs and sentences found; metadata (title, published date, kind,
// inspectorates) read. Words are never rewritten.
#pragma once

#include "sendscan/document.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

struct NormaliseOptions {
  // Paragraphs longer than this many bytes are cut at sentence-like boundaries first, so one
  // 5 MB line without a break does not become one 5 MB sentence. Default: 20,000.
  std::size_t max_paragraph_bytes = 20000;
};

// Fails with Unsupported when no text is left (an empty page, a PDF of scanned images).
Result<Document> Normalise(const RawDocument& raw, const Lexicons& lexicons,
                           const NormaliseOptions& options = {});

}  // namespace sendscan
