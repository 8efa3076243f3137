// Unicode-aware regular expressions (Boost.Regex with ICU) behind a small value type, so no
// Boost header leaks into the rest of the code. For the few lexicon rows that need a pattern;
// phrase lists go through PhraseMatcher instead.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sendscan/status.hpp"

namespace sendscan {

class Pattern {
 public:
  Pattern() = default;  // matches nothing

  // Compiles `pattern` (Perl syntax, case-insensitive when `ignore_case`). A bad pattern is
  // InvalidArgument with Boost's explanation.
  static Result<Pattern> Compile(const std::string& pattern, bool ignore_case = true);

  // True when the whole of `text` matches.
  bool FullMatch(std::string_view text) const;
  // True when some part of `text` matches.
  bool Search(std::string_view text) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;  // immutable once compiled: safe to share across threads
};

}  // namespace sendscan
