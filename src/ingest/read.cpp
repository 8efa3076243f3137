// ReadFile / ReadBytes: the read stage's entry points. Checks the path, hashes the bytes,
// sniffs the format, decodes, and hands over to the format's reader.
#include <filesystem>
#include <fstream>

#include "ingest/encoding.hpp"
#include "ingest/readers.hpp"
#include "ingest/sniff.hpp"
#include "sendscan/ingest.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

std::string MegabytesText(std::size_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB";
}

Status CheckPath(const std::string& path, const ReadOptions& options) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound("no such file");
  if (fs::is_directory(st)) return Status::InvalidArgument("is a directory, not a file");
  if (!fs::is_regular_file(st)) return Status::Unsupported("not a regular file");
  std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > options.max_bytes) {
    return Status::Unsupported("file too large (" + MegabytesText(size) + ", limit " +
                               MegabytesText(options.max_bytes) + ")");
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open for reading (permission denied?)");
  std::string bytes;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) bytes.resize(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(bytes.data(), size)) return Status::IOError("read failed");
  return bytes;
}

Status ReadDecoded(std::string_view bytes, bool maybe_html, const ReadOptions& options,
                   RawDocument& doc) {
  std::string declared = maybe_html ? DeclaredHtmlCharset(bytes) : std::string();
  Result<Decoded> decoded = DecodeToUtf8(bytes, declared);
  if (!decoded.ok()) return decoded.status();
  doc.encoding = decoded->encoding;
  if (LooksLikeHtml(decoded->utf8)) {
    doc.format = Format::kHtml;
    return ReadHtmlBlocks(decoded->utf8, options, doc);
  }
  doc.format = Format::kText;
  return ReadTextBlocks(decoded->utf8, doc);
}

Status ReadContent(std::string_view bytes, const ReadOptions& options, RawDocument& doc) {
  if (bytes.empty()) return Status::Unsupported("empty file");
  if (bytes.size() > options.max_bytes) {
    return Status::Unsupported("input too large (" + MegabytesText(bytes.size()) + ")");
  }
  switch (SniffBytes(bytes)) {
    case Sniffed::kPdf:
      doc.format = Format::kPdf;
      return ReadPdfBlocks(bytes, doc);
    case Sniffed::kBinary:
      return Status::Unsupported("binary data, not text, HTML or PDF");
    case Sniffed::kHtml:
      return ReadDecoded(bytes, true, options, doc);
    case Sniffed::kUtf16Text:
    case Sniffed::kText:
      return ReadDecoded(bytes, false, options, doc);
  }
  return Status::Internal("unknown format");
}

}  // namespace

Result<RawDocument> ReadBytes(std::string bytes, const std::string& source,
                              const ReadOptions& options) {
  RawDocument doc;
  doc.source = source;
  doc.sha256 = Sha256Hex(bytes);
  doc.input_bytes = bytes.size();
  if (Status s = ReadContent(bytes, options, doc); !s.ok()) return s.WithContext(source);
  return doc;
}

Result<RawDocument> ReadFile(const std::string& path, const ReadOptions& options) {
  if (Status s = CheckPath(path, options); !s.ok()) return s.WithContext(path);
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status().WithContext(path);
  return ReadBytes(std::move(bytes).value(), path, options);
}

}  // namespace sendscan
