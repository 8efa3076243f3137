#include "normalise/clutter.hpp"

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
  if (paragraph.size() > kMaxSentenceClutterBytes && EndsLikeASentence(paragraph)) return false;
  return lexicons.boilerplate.FullMatch(paragraph);
}

}  // namespace sendscan
