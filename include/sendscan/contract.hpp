// The extraction contract (CONTRACT.md, schema sendscan.extract/1): one JSON object per input.
#pragma once

#include <string>

#include "sendscan/extract.hpp"

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

}  // namespace sendscan
