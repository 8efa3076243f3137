// The extraction contract (CONTRACT.md, schema sendscan.extract/1): one JSON object per input.
#pragma once

#include <string>
#include <string_view>

#include "sendscan/extract.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

inline constexpr const char* kContractSchema = "sendscan.extract/1";

// Which program and lexicons produced a line.
struct ExtractorInfo {
  std::string version;          // "sendscan 0.1.0"
  std::string lexicons_digest;  // LexiconDigest()
};

// One line of JSON (no trailing newline) for a successful extraction. `source` is the path as
// given or the caller's --source-name. Deterministic: same input -> same bytes.
std::string ContractLine(const Extraction& extraction, const ExtractorInfo& info);

// One line of JSON for an input that failed: {"schema", "source", "error"}.
std::string ContractErrorLine(const std::string& source, const std::string& reason);

// A successful line read back: the extraction and the program and lexicons that produced it.
struct ParsedLine {
  Extraction extraction;
  ExtractorInfo extractor;
};

// Reads one line that ContractLine wrote (here or on another machine); ContractLine of the
// result gives the same bytes. The contract carries neither the input's format nor its
// sentences: the document's format is Format::kText, its paragraphs are rebuilt from the
// blank lines of `text` (none marked as a heading) and it has no sentences. Fails with
// InvalidArgument("schema X is not sendscan.extract/1") for another schema version,
// InvalidArgument("an error line: REASON") for a line of an input that failed, and
// Corruption("FIELD: reason") for anything else that is not a valid line: broken JSON, a
// missing or ill-typed field, a value outside the contract's lists (kind, role, polarity,
// category; themes are not checked), a sha256 that is not 64 lowercase hex digits, or a span
// outside `text` (start <= end <= text size; a finding's or deadline's `text` must be its
// span). Fields the contract does not name are ignored.
Result<ParsedLine> ParseContractLine(std::string_view line);

}  // namespace sendscan
