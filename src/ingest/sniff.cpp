#include "ingest/sniff.hpp"

#include <algorithm>
#include <string>

#include "ingest/ascii.hpp"

namespace sendscan {
namespace {

constexpr std::size_t kSniffBytes = 8192;

bool HasUtf16Bom(std::string_view b) {
  return b.size() >= 2 &&
         ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'));
}

// 1 for the control bytes that are rare in text: all below 0x20 but tab, newline, carriage
// return, form feed and escape.
struct ControlTable {
  unsigned char rare[256] = {};
  constexpr ControlTable() {
    for (int c = 0; c < 0x20; ++c) {
      rare[c] = (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x1B) ? 0 : 1;
    }
  }
};
constexpr ControlTable kControl;

// A NUL byte never occurs in text, nor do many other control bytes.
bool LooksBinary(std::string_view head) {
  if (head.find('\0') != std::string_view::npos) return true;
  std::size_t control = 0;
  for (char ch : head) control += kControl.rare[static_cast<unsigned char>(ch)];
  return control * 20 > head.size();  // more than 5%
}

std::size_t CountOf(const std::string& hay, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t i = hay.find(needle); i != std::string::npos; i = hay.find(needle, i + 1)) ++n;
  return n;
}

}  // namespace

bool LooksLikeHtml(std::string_view utf8) {
  if (utf8.substr(0, kSniffBytes).find('<') == std::string_view::npos) return false;  // fast path
  std::string head = AsciiLowerCopy(utf8.substr(0, kSniffBytes));
  std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && head.compare(first, 1, "<") == 0) {
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<!--", "<meta",
                                 "<div", "<p>", "<p ", "<article", "<title"}) {
      if (head.compare(first, tag.size(), tag) == 0) return true;
    }
  }
  for (std::string_view tag : {"<html", "<body", "</head>"}) {
    if (head.find(tag) != std::string::npos) return true;
  }
  return CountOf(head, "<p>") + CountOf(head, "</p>") + CountOf(head, "<div") >= 4;
}

Sniffed SniffBytes(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kSniffBytes);
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Sniffed::kPdf;
  if (HasUtf16Bom(head)) return Sniffed::kUtf16Text;
  if (LooksBinary(head)) return Sniffed::kBinary;
  return LooksLikeHtml(head) ? Sniffed::kHtml : Sniffed::kText;
}

}  // namespace sendscan
