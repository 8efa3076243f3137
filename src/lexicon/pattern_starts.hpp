// How a text matched in full by a pattern can begin, read off the pattern's own text: a cheap
// test that spares the regex engine the many paragraphs no clutter pattern could match.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <array>
#include <vector>

namespace sendscan {

// The lowercase literal beginnings a whole-text match of `pattern` may have ("read more\W*"
// -> {"read"}; "(skip|jump) to" -> {"skip", "jump"}; "(and )?live on" -> {"and", "live"};
// "\d+ comments" -> {"#"}, where "#" stands for any digit). nullopt when the pattern may begin
// some other way (a character class, a wildcard): then every text must be tried.
std::optional<std::vector<std::string>> PatternStarts(std::string_view pattern);

// A set of such beginnings, indexed by first byte so a text is compared with a few at most.
class StartSet {
 public:
  void Add(const std::vector<std::string>& starts);
  bool empty() const { return empty_; }
  // True when `text` begins, ignoring ASCII case, with one of the set ("#": a digit).
  bool Matches(std::string_view text) const;

 private:
  std::vector<std::string> by_first_[256];
  bool empty_ = true;
};

}  // namespace sendscan
