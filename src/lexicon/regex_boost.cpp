// The one file that talks to Boost.Regex. Exceptions from Boost (bad pattern, a match that
// exhausts its complexity budget) are turned into Status or a non-match here.
#include "lexicon/regex_boost.hpp"

#include <boost/regex/icu.hpp>

namespace sendscan {

struct Pattern::Impl {
  boost::u32regex regex;
};

Result<Pattern> Pattern::Compile(const std::string& pattern, bool ignore_case) {
  try {
    auto flags = boost::regex::perl | (ignore_case ? boost::regex::icase : boost::regex::perl);
    Pattern p;
    p.impl_ = std::make_shared<const Impl>(Impl{boost::make_u32regex(pattern, flags)});
    return p;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("bad pattern: ") + e.what());
  }
}

bool Pattern::FullMatch(std::string_view text) const {
  if (!impl_) return false;
  try {
    return boost::u32regex_match(text.begin(), text.end(), impl_->regex);
  } catch (const std::exception&) {
    return false;  // too complex for this text: treat as no match
  }
}

bool Pattern::Search(std::string_view text) const {
  if (!impl_) return false;
  try {
    return boost::u32regex_search(text.begin(), text.end(), impl_->regex);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace sendscan
