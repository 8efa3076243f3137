#include "normalise/clutter.hpp"

#include <algorithm>

#include "lexicon/pattern_starts.hpp"

namespace sendscan {

namespace {

bool EndsLikeASentence(std::string_view p) {
  if (p.empty()) return false;
  char last = p.back();
  return last == '.' || last == '?' || last == '!' || last == '"' ||
         (p.size() >= 3 && p.substr(p.size() - 3) == "\u201D");
}

}  // namespace

bool IsClutter(std::string_view paragraph, const Lexicons& lexicons) {
  if (paragraph.size() > kMaxClutterBytes) return false;
  if (!lexicons.boilerplate_starts.empty() && !lexicons.boilerplate_starts.Matches(paragraph)) {
    return false;
  }
  if (paragraph.size() > kMaxSentenceClutterBytes && EndsLikeASentence(paragraph)) return false;
  if (static_cast<std::size_t>(std::count(paragraph.begin(), paragraph.end(), ' ')) >=
      kMaxClutterWords) {
    return false;
  }
  return lexicons.boilerplate.FullMatch(paragraph);
}

}  // namespace sendscan
