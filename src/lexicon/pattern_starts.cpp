#include "lexicon/pattern_starts.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace sendscan {
namespace {

constexpr std::size_t kMaxStarts = 64;  // beyond this many beginnings, the index is no help

// Letters, spaces and the bytes of non-ASCII characters stand for themselves in a pattern.
bool IsLiteralByte(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || u == ' ' || u >= 0x80;
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// The index of the ')' closing the group that opens at pattern[open]; npos if none.
std::size_t GroupEnd(std::string_view pattern, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') { ++i; continue; }
    if (pattern[i] == '(') ++depth;
    if (pattern[i] == ')' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

// The alternatives of the group body between '(' and ')', split at top-level '|'.
std::vector<std::string_view> Alternatives(std::string_view body) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\') { ++i; continue; }
    if (body[i] == '(') ++depth;
    if (body[i] == ')') --depth;
    if (body[i] == '|' && depth == 0) {
      out.push_back(body.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(body.substr(start));
  return out;
}

bool Append(std::optional<std::vector<std::string>> more, std::vector<std::string>& out) {
  if (!more) return false;
  out.insert(out.end(), more->begin(), more->end());
  return true;
}

// The first word or group alone: the fallback when a pattern opens with a group that is not
// plain literal alternatives ("(post a |\d+ )?comments").
std::optional<std::vector<std::string>> FirstWordStarts(std::string_view pattern) {
  if (pattern.substr(0, 2) == "\\d") return std::vector<std::string>{"#"};
  if (pattern.empty() || pattern[0] != '(' || pattern.substr(0, 2) == "(?") {
    return PatternStarts(pattern);
  }
  std::size_t close = GroupEnd(pattern, 0);
  if (close == std::string_view::npos) return std::nullopt;
  std::vector<std::string> out;
  for (std::string_view alternative : Alternatives(pattern.substr(1, close - 1))) {
    if (!Append(PatternStarts(alternative), out)) return std::nullopt;
  }
  std::string_view rest = pattern.substr(close + 1);
  if (!rest.empty() && (rest[0] == '?' || rest[0] == '*')) {  // the group may be absent
    if (!Append(PatternStarts(rest.substr(1)), out)) return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<std::vector<std::string>> PatternStarts(std::string_view pattern) {
  std::vector<std::string> prefixes{""};
  std::size_t i = 0;
  while (i < pattern.size() && prefixes.size() <= kMaxStarts) {
    char c = pattern[i];
    if (IsLiteralByte(c)) {
      if (i + 1 < pattern.size() && std::strchr("?*{", pattern[i + 1])) break;  // optional
      for (std::string& p : prefixes) p.push_back(Lower(c));
      ++i;
      continue;
    }
    if (c != '(' || pattern.substr(i, 2) == "(?") {
      if (i == 0 && pattern.substr(0, 2) == "\\d") return std::vector<std::string>{"#"};
      break;
    }
    std::size_t close = GroupEnd(pattern, i);
    if (close == std::string_view::npos) break;
    std::vector<std::string_view> alternatives = Alternatives(pattern.substr(i + 1, close - i - 1));
    bool literal = std::all_of(alternatives.begin(), alternatives.end(), [](std::string_view a) {
      return std::all_of(a.begin(), a.end(), IsLiteralByte);
    });
    if (!literal) {
      if (i == 0) return FirstWordStarts(pattern);
      break;
    }
    bool optional = close + 1 < pattern.size() && std::strchr("?*", pattern[close + 1]);
    std::vector<std::string> next = optional ? prefixes : std::vector<std::string>{};
    for (const std::string& p : prefixes) {
      for (std::string_view a : alternatives) {
        std::string longer = p;
        for (char ch : a) longer.push_back(Lower(ch));
        next.push_back(std::move(longer));
      }
    }
    prefixes = std::move(next);
    i = close + 1 + (optional ? 1 : 0);
  }
  bool any_empty = std::any_of(prefixes.begin(), prefixes.end(), [](auto& p) { return p.empty(); });
  if (any_empty || prefixes.size() > kMaxStarts) return std::nullopt;
  return prefixes;
}

void StartSet::Add(const std::vector<std::string>& starts) {
  for (const std::string& s : starts) {
    empty_ = false;
    if (s == "#") {
      for (char d = '0'; d <= '9'; ++d) by_first_[static_cast<unsigned char>(d)].push_back("");
    } else {
      by_first_[static_cast<unsigned char>(s[0])].push_back(s.substr(1));
    }
  }
}

bool StartSet::Matches(std::string_view text) const {
  if (text.empty()) return false;
  auto first = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(text[0])));
  for (const std::string& rest : by_first_[first]) {
    if (text.size() < rest.size() + 1) continue;
    bool same = true;
    for (std::size_t i = 0; i < rest.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(text[i + 1])) ==
             static_cast<unsigned char>(rest[i]);
    }
    if (same) return true;
  }
  return false;
}

}  // namespace sendscan
