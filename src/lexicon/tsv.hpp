// Reading lexicon files: UTF-8 lines, '#' comments and blank lines skipped, TAB-separated
// fields, every row remembering its line number for error messages.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sendscan/status.hpp"

namespace sendscan {

struct LexiconRow {
  std::size_t line = 0;             // 1-based line number in the file
  std::vector<std::string> fields;  // trimmed of spaces at both ends and of a final '\r'
};

struct LexiconFile {
  std::string path;
  std::string bytes;  // the whole file, for the digest
  std::vector<LexiconRow> rows;
};

// Reads and splits `path`. NotFound when it does not exist; Corruption("path:line: reason")
// for a line that is not valid UTF-8.
Result<LexiconFile> ReadLexiconFile(const std::string& path);

// "path:line: reason" as a Corruption status.
Status RowError(const LexiconFile& file, const LexiconRow& row, const std::string& reason);

// Splits a field on '|' into trimmed, non-empty parts.
std::vector<std::string> SplitList(const std::string& field);

}  // namespace sendscan
