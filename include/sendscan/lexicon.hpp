// The lexicon stage: the files in lexicons/ -> one immutable Lexicons object, validated
// completely and compiled once, then shared read-only by every stage and thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sendscan/status.hpp"

namespace sendscan {

class Lexicons;  // defined in src/lexicon/lexicons.hpp; immutable once loaded

// Loads every lexicon file in `dir`. A broken line fails the whole load with
// Corruption("DIR/FILE:LINE: reason"); a missing required file with NotFound.
// Thread-safe to use the result from any number of threads.
Result<std::shared_ptr<const Lexicons>> LoadLexicons(const std::string& dir);

// Lowercase hex SHA-256 over the lexicon files (names and bytes, in name order): which
// lexicons produced an extraction.
const std::string& LexiconDigest(const Lexicons& lexicons);

// The lexicon folder to use when none is given: $SENDSCAN_LEXICONS, else `share/sendscan/
// lexicons` beside the install prefix of `argv0`, else the source tree's lexicons/ (compiled
// in). Returns the first that exists.
std::string DefaultLexiconDir(const std::string& argv0);

}  // namespace sendscan
