// The read stage: file bytes -> RawDocument. Sniffs the format from the bytes (plain text,
// HTML, PDF), decodes legacy encodings to UTF-8 and cuts the content into blocks. The only
// stage that touches the file system.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "sendscan/document.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

struct ReadOptions {
  // Inputs larger than this are refused with a reason. Default: 256 MiB.
  std::size_t max_bytes = std::size_t{256} << 20;
  // HTML nested deeper than this (elements open at once) is flattened to its text before
  // parsing: a pathological page costs the HTML parser seconds per thousand levels.
  // Default: 512.
  int max_html_depth = 512;
};

// Reads the file at `path`. Fails with NotFound (no such file), InvalidArgument (a directory),
// IOError (unreadable), Unsupported (empty, binary data, encrypted PDF) or Corruption (a
// truncated or broken PDF); every message starts with the path.
Result<RawDocument> ReadFile(const std::string& path, const ReadOptions& options = {});

// The bytes of the file at `path`, refusing what ReadFile refuses before reading (missing,
// a directory, not a regular file, larger than options.max_bytes); messages start with the
// path. For callers that hash before they parse (ingest skips stored bytes).
Result<std::string> ReadFileBytes(const std::string& path, const ReadOptions& options = {});

// The same from bytes already in memory (standard input, a stored raw blob); `source` names
// the input in the result and in messages.
Result<RawDocument> ReadBytes(std::string bytes, const std::string& source,
                              const ReadOptions& options = {});

// Metadata a newsroom keeps beside its files (ingest --manifest); set fields win over what the
// document says.
struct ManifestEntry {
  std::optional<std::string> url;
  std::optional<std::string> outlet;
  std::optional<std::string> published;  // YYYY-MM-DD
  std::optional<std::string> title;
};

// A manifest: path as written in the CSV -> its entry.
using Manifest = std::map<std::string, ManifestEntry>;

// Reads a manifest CSV with a header row naming some of the columns path, url, outlet,
// published, title (any order; path required; other columns ignored; RFC 4180 quoting; empty
// cells are unset). Fails with Corruption("FILE:LINE: reason") for a malformed row or a bad
// date, NotFound for a missing file.
Result<Manifest> ReadManifest(const std::string& path);

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace sendscan
