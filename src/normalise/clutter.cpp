#include "normalise/clutter.hpp"

namespace sendscan {

bool IsClutter(std::string_view paragraph, const Lexicons& lexicons) {
  if (paragraph.size() > kMaxClutterBytes) return false;
  return lexicons.boilerplate.FullMatch(paragraph);
}

}  // namespace sendscan
