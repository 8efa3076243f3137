// The one file that talks to Boost.Regex. Exceptions from Boost (bad pattern, a match that
// exhausts its complexity budget) are turned into Status or a non-match here.
#include "lexicon/regex_boost.hpp"

#include <boost/regex.hpp>
#include <boost/regex/icu.hpp>

#include <optional>

namespace sendscan {

// A Unicode pattern for any text, and the same pattern over plain bytes for ASCII text, which
// Boost matches several times faster (no UTF-8 decoding, no ICU traits). On ASCII text the two
// agree: the pattern's non-ASCII characters, as byte sequences, can match no ASCII text either
// way. The byte form is absent when the pattern uses what only the Unicode engine knows.
struct Pattern::Impl {
  boost::u32regex regex;
  std::optional<boost::regex> ascii;
};

namespace {

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::optional<boost::regex> AsciiForm(const std::string& pattern,
                                      boost::regex::flag_type flags) {
  try {
    return boost::regex(pattern, flags);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

Result<Pattern> Pattern::Compile(const std::string& pattern, bool ignore_case) {
  try {
    auto flags = boost::regex::perl | (ignore_case ? boost::regex::icase : boost::regex::perl);
    Pattern p;
    p.impl_ = std::make_shared<const Impl>(
        Impl{boost::make_u32regex(pattern, flags), AsciiForm(pattern, flags)});
    return p;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("bad pattern: ") + e.what());
  }
}

bool Pattern::FullMatch(std::string_view text) const {
  if (!impl_) return false;
  try {
    if (impl_->ascii && IsAscii(text)) {
      return boost::regex_match(text.begin(), text.end(), *impl_->ascii);
    }
    return boost::u32regex_match(text.begin(), text.end(), impl_->regex);
  } catch (const std::exception&) {
    return false;  // too complex for this text: treat as no match
  }
}

bool Pattern::Search(std::string_view text) const {
  if (!impl_) return false;
  try {
    if (impl_->ascii && IsAscii(text)) {
      return boost::regex_search(text.begin(), text.end(), *impl_->ascii);
    }
    return boost::u32regex_search(text.begin(), text.end(), impl_->regex);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace sendscan
