// The ingest stage's one file that talks to ICU: charset detection and conversion.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "ingest/ascii.hpp"
#include "ingest/encoding.hpp"
#include "ingest/utf8.hpp"

namespace sendscan {
namespace {

constexpr std::size_t kDetectBytes = 64 * 1024;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status)) return Status::Unsupported("unknown character set " + charset);
  ucnv_close(converter);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset.c_str());
  if (text.isBogus()) return Status::Unsupported("cannot decode the bytes as " + charset);
  std::string out;
  text.toUTF8String(out);
  return out;
}

// ICU's detector, over a prefix; "" when it has no answer.
std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      &ucsdet_close);
  if (U_FAILURE(status)) return "";
  std::string_view head = bytes.substr(0, std::min(bytes.size(), kDetectBytes));
  ucsdet_setText(detector.get(), head.data(), static_cast<int32_t>(head.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  const char* name = ucsdet_getName(match, &status);
  int confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || name == nullptr || confidence < 10) return "";
  return name;
}

// Browsers read Latin-1 labels as windows-1252, which also has curly quotes and the euro.
std::string BrowserCharset(std::string name) {
  const std::string lower = AsciiLowerCopy(name);
  if (lower == "iso-8859-1" || lower == "latin1" || lower == "us-ascii" || lower == "ascii" ||
      lower == "latin-1" || lower == "iso8859-1" || lower.empty()) {
    return "windows-1252";
  }
  return name;
}

// The charset of bytes that are not valid UTF-8, guessed cheaply for the common cases before
// ICU's slow detector is asked: mostly UTF-8 with a few stray bytes stays UTF-8 (the strays
// become U+FFFD); otherwise text whose high bytes are all defined in windows-1252 is read as
// windows-1252 (English pages with curly quotes or a pound sign); "" leaves it to the detector.
std::string QuickCharset(std::string_view bytes) {
  Utf8Census census = CountUtf8(bytes);
  if (census.multibyte > census.invalid) return "UTF-8";
  std::size_t high = 0;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) return "";
    if (c >= 0x80) ++high;
  }
  return high * 10 <= bytes.size() ? "windows-1252" : "";
}

}  // namespace

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view declared) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    std::string charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    Result<std::string> utf8 = ConvertToUtf8(bytes.substr(2), charset);
    if (!utf8.ok()) return utf8.status();
    return Decoded{std::move(utf8).value(), charset};
  }
  if (IsValidUtf8(bytes)) return Decoded{std::string(bytes), "UTF-8"};
  std::string charset(declared);
  if (charset.empty() || charset == "utf-8" || charset == "utf8") charset = QuickCharset(bytes);
  if (charset.empty()) charset = DetectCharset(bytes);
  charset = BrowserCharset(charset);
  Result<std::string> utf8 = ConvertToUtf8(bytes, charset);
  if (!utf8.ok() && charset != "windows-1252") {
    charset = "windows-1252";
    utf8 = ConvertToUtf8(bytes, charset);
  }
  if (!utf8.ok()) return utf8.status();
  return Decoded{std::move(utf8).value(), charset};
}

std::string DeclaredHtmlCharset(std::string_view bytes) {
  const std::string head = AsciiLowerCopy(bytes.substr(0, 4096));
  std::size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  std::size_t start = at + 8;
  while (start < head.size() && (head[start] == '"' || head[start] == '\'')) ++start;
  std::size_t end = head.find_first_of("\"'; />\r\n", start);
  return head.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace sendscan
