// ReadManifest: the CSV a newsroom keeps beside its files (ingest --manifest). RFC 4180:
// comma-separated fields, records ended by CRLF or LF, fields in double quotes may hold commas,
// line breaks and doubled quotes (""). Errors name the file and the physical line.
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sendscan/ingest.hpp"

namespace sendscan {
namespace {

// One record of a CSV and the physical line it starts on.
struct Record {
  std::vector<std::string> fields;
  int line = 0;
};

// Splits CSV text into records. Blank lines are skipped; errors are "LINE: reason".
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // spreadsheets write a BOM
  }

  // The next record into `out`; false at the end of the text. A malformed record fails.
  Result<bool> Next(Record& out) {
    while (pos_ < text_.size() && AtLineEnd()) SkipLineEnd();  // blank lines
    if (pos_ >= text_.size()) return false;
    out.fields.clear();
    out.line = line_;
    while (true) {
      std::string field;
      if (Status s = ReadField(field); !s.ok()) return s;
      out.fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      SkipLineEnd();
      return true;
    }
  }

 private:
  bool AtLineEnd() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

  void SkipLineEnd() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  Status Error(int line, const std::string& reason) const {
    return Status::Corruption(std::to_string(line) + ": " + reason);
  }

  Status ReadField(std::string& field) {
    if (pos_ < text_.size() && text_[pos_] == '"') return ReadQuoted(field);
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) {
      if (text_[pos_] == '"') return Error(line_, "quote inside an unquoted field");
      ++pos_;
    }
    field.assign(text_.substr(start, pos_ - start));
    return Status::Ok();
  }

  Status ReadQuoted(std::string& field) {
    const int opened_on = line_;
    ++pos_;  // the opening quote
    while (true) {
      if (pos_ >= text_.size()) return Error(opened_on, "quoted field is never closed");
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      field += c;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) {
      return Error(line_, "text after a closing quote");
    }
    return Status::Ok();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

std::string Trim(std::string s) {
  const char* kSpace = " \t";
  std::size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// YYYY-MM-DD naming a day that exists.
bool IsValidIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Which field of a record holds each column; -1 when the header does not name it.
struct Columns {
  int path = -1, url = -1, outlet = -1, published = -1, title = -1;
  std::size_t count = 0;
};

Result<Columns> ReadHeader(const Record& header) {
  Columns c;
  c.count = header.fields.size();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = Lower(Trim(header.fields[i]));
    int* slot = name == "path"        ? &c.path
                : name == "url"       ? &c.url
                : name == "outlet"    ? &c.outlet
                : name == "published" ? &c.published
                : name == "title"     ? &c.title
                                      : nullptr;
    if (slot == nullptr) continue;  // other columns are the newsroom's own
    if (*slot >= 0) return Status::Corruption("1: column \"" + name + "\" named twice");
    *slot = static_cast<int>(i);
  }
  if (c.path < 0) return Status::Corruption("1: the header has no \"path\" column");
  return c;
}

std::optional<std::string> Cell(const Record& r, int column) {
  if (column < 0) return std::nullopt;
  std::string value = Trim(r.fields[static_cast<std::size_t>(column)]);
  if (value.empty()) return std::nullopt;
  return value;
}

// One data record -> (path, entry), or "LINE: reason".
Status ReadRow(const Record& r, const Columns& c, Manifest& manifest,
               std::map<std::string, int>& first_line) {
  auto error = [&r](const std::string& reason) {
    return Status::Corruption(std::to_string(r.line) + ": " + reason);
  };
  if (r.fields.size() != c.count) {
    return error("expected " + std::to_string(c.count) + " fields as in the header, found " +
                 std::to_string(r.fields.size()));
  }
  std::optional<std::string> path = Cell(r, c.path);
  if (!path) return error("empty path");
  ManifestEntry entry{Cell(r, c.url), Cell(r, c.outlet), Cell(r, c.published), Cell(r, c.title)};
  if (entry.published && !IsValidIsoDate(*entry.published)) {
    return error("bad published date \"" + *entry.published + "\" (expected YYYY-MM-DD)");
  }
  auto [it, inserted] = first_line.emplace(*path, r.line);
  if (!inserted) {
    return error("path \"" + *path + "\" already listed on line " + std::to_string(it->second));
  }
  manifest.emplace(std::move(*path), std::move(entry));
  return Status::Ok();
}

Result<Manifest> ParseManifest(std::string_view text) {
  CsvReader reader(text);
  Record record;
  Result<bool> more = reader.Next(record);
  if (!more.ok()) return more.status();
  if (!*more) return Status::Corruption("1: empty file, expected a header row");
  Result<Columns> columns = ReadHeader(record);
  if (!columns.ok()) return columns.status();
  Manifest manifest;
  std::map<std::string, int> first_line;
  while (true) {
    more = reader.Next(record);
    if (!more.ok()) return more.status();
    if (!*more) return manifest;
    if (Status s = ReadRow(record, *columns, manifest, first_line); !s.ok()) return s;
  }
}

}  // namespace

Result<Manifest> ReadManifest(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + ": is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
    return Status::IOError(path + ": cannot open");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  Result<Manifest> manifest = ParseManifest(bytes.str());
  // Errors come back as "LINE: reason"; the file name goes in front: "FILE:LINE: reason".
  if (!manifest.ok()) {
    return Status(manifest.status().code(), path + ":" + manifest.status().message());
  }
  return manifest;
}

}  // namespace sendscan
