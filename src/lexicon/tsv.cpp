#include "lexicon/tsv.hpp"

#include <fstream>
#include <sstream>

#include "ingest/utf8.hpp"

namespace sendscan {
namespace {

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \r");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \r");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<LexiconFile> ReadLexiconFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": lexicon file missing or unreadable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  LexiconFile file{path, buffer.str(), {}};
  std::istringstream lines(file.bytes);
  std::string line;
  std::size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!IsValidUtf8(line)) {
      return Status::Corruption(path + ":" + std::to_string(number) + ": not valid UTF-8");
    }
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    LexiconRow row{number, {}};
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      row.fields.push_back(Trim(line.substr(start, tab - start)));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    file.rows.push_back(std::move(row));
  }
  return file;
}

Status RowError(const LexiconFile& file, const LexiconRow& row, const std::string& reason) {
  return Status::Corruption(file.path + ":" + std::to_string(row.line) + ": " + reason);
}

std::vector<std::string> SplitList(const std::string& field) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t bar = field.find('|', start);
    std::string part = Trim(field.substr(start, bar - start));
    if (!part.empty()) out.push_back(part);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

}  // namespace sendscan
