// ReadFile / ReadBytes: the read stage's entry points. Checks the path, hashes the bytes,
// sniffs the format, decodes, and hands over to the format's reader.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ingest/encoding.hpp"
#include "ingest/readers.hpp"
#include "ingest/sniff.hpp"
#include "sendscan/ingest.hpp"

namespace sendscan {
namespace {

std::string MegabytesText(std::size_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB";
}

// Reads the `size` bytes fstat reported (stopping early if the file shrank), or to the end
// when it reported none (a pipe-like file): one read call for an ordinary file.
Status ReadAll(int fd, std::size_t size, std::string& bytes) {
  bytes.resize(size > 0 ? size : 64 * 1024);
  std::size_t used = 0;
  while (size == 0 || used < size) {
    if (used == bytes.size()) bytes.resize(bytes.size() * 2);
    ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (errno == EISDIR) return Status::InvalidArgument("is a directory, not a file");
      return Status::IOError(std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  bytes.resize(used);
  return Status::Ok();
}

// One open, one fstat, whole-file reads: the syscalls are a good part of reading a 4 KB file.
Result<std::string> ReadWholeFile(const std::string& path, const ReadOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound("no such file");
    if (errno == EISDIR) return Status::InvalidArgument("is a directory, not a file");
    return Status::IOError(std::string("cannot open: ") + std::strerror(errno));
  }
  struct stat st {};
  Status status;
  std::string bytes;
  if (::fstat(fd, &st) != 0) {
    status = Status::IOError(std::string("cannot stat: ") + std::strerror(errno));
  } else if (S_ISDIR(st.st_mode)) {
    status = Status::InvalidArgument("is a directory, not a file");
  } else if (!S_ISREG(st.st_mode)) {
    status = Status::Unsupported("not a regular file");
  } else if (static_cast<std::uintmax_t>(st.st_size) > options.max_bytes) {
    status = Status::Unsupported("file too large (" +
                                 MegabytesText(static_cast<std::size_t>(st.st_size)) +
                                 ", limit " + MegabytesText(options.max_bytes) + ")");
  } else {
    status = ReadAll(fd, static_cast<std::size_t>(st.st_size), bytes);
  }
  ::close(fd);
  if (!status.ok()) return status;
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

Result<std::string> ReadFileBytes(const std::string& path, const ReadOptions& options) {
  Result<std::string> bytes = ReadWholeFile(path, options);
  if (!bytes.ok()) return bytes.status().WithContext(path);
  return bytes;
}

Result<RawDocument> ReadFile(const std::string& path, const ReadOptions& options) {
  Result<std::string> bytes = ReadFileBytes(path, options);
  if (!bytes.ok()) return bytes.status();
  return ReadBytes(std::move(bytes).value(), path, options);
}

}  // namespace sendscan
