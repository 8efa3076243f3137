// Names of the enums in document.hpp, as the contract spells them.
#include "sendscan/document.hpp"

namespace sendscan {

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kText: return "text";
    case Format::kHtml: return "html";
    case Format::kPdf: return "pdf";
  }
  return "text";
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNews: return "news";
    case Kind::kLetter: return "letter";
    case Kind::kOther: return "other";
  }
  return "news";
}

std::optional<Kind> ParseKind(std::string_view name) {
  if (name == "news") return Kind::kNews;
  if (name == "letter") return Kind::kLetter;
  if (name == "other") return Kind::kOther;
  return std::nullopt;
}

}  // namespace sendscan
