#include "normalise/dates.hpp"

#include <array>
#include <cctype>

#include "lexicon/tokens.hpp"

namespace sendscan {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

std::string Iso(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// "16", "16th", "1st" -> the day number; 0 otherwise.
int DayNumber(std::string_view key) {
  std::size_t digits = 0;
  while (digits < key.size() && digits < 3 && std::isdigit(static_cast<unsigned char>(key[digits]))) {
    ++digits;
  }
  if (digits == 0 || digits > 2) return 0;
  std::string_view suffix = key.substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
    return 0;
  }
  return ToInt(key.substr(0, digits));
}

int YearNumber(std::string_view key) {
  return key.size() == 4 && AllDigits(key) ? ToInt(key) : 0;
}

// Only spaces, commas and full stops between two tokens of a written date ("16th May, 2018").
bool LooseGap(std::string_view text, const Token& a, const Token& b) {
  if (b.start - a.end > 3) return false;
  for (std::size_t i = a.end; i < b.start; ++i) {
    if (text[i] != ' ' && text[i] != ',' && text[i] != '.') return false;
  }
  return true;
}

bool Gap(std::string_view text, const Token& a, const Token& b, char sep) {
  return b.start == a.end + 1 && text[a.end] == sep;
}

using Tokens = TokenList;

// "16/01/20" is a date, "16/01/20.5" is not.
bool DigitFollows(std::string_view text, const Token& t) {
  return t.end + 1 < text.size() && (text[t.end] == '.' || text[t.end] == ',') &&
         std::isdigit(static_cast<unsigned char>(text[t.end + 1]));
}

// "2018-05-16" at text[at], perhaps followed by a time ("T09:30:00+01:00").
std::optional<std::string> IsoDateAt(std::string_view text, std::size_t at) {
  std::string_view s = text.substr(at, 11);
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2))) {
    return std::nullopt;
  }
  if (s.size() == 11 && std::isdigit(static_cast<unsigned char>(s[10]))) return std::nullopt;
  int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2)), d = ToInt(s.substr(8, 2));
  if (!ValidDate(y, m, d)) return std::nullopt;
  return Iso(y, m, d);
}

// Tries each written form at token i; on success fills `m` and returns tokens used.
std::size_t MatchAt(std::string_view text, const Tokens& t, std::size_t i, DateMatch& m) {
  auto emit = [&](int y, int mo, int d, std::size_t used) -> std::size_t {
    if (!ValidDate(y, mo, d)) return 0;
    m = {t[i].start, t[i + used - 1].end, Iso(y, mo, d)};
    return used;
  };
  std::size_t n = t.size() - i;
  if (std::optional<std::string> iso = IsoDateAt(text, t[i].start)) {
    std::size_t used = 1;
    while (i + used < t.size() && t[i + used].start < t[i].start + 10) ++used;
    m = {t[i].start, t[i].start + 10, *iso};
    return used;
  }
  if (int d = DayNumber(t[i].key); d && n >= 3) {
    std::size_t j = i + 1;
    if (t[j].key == "of" && n >= 4) ++j;
    if (int mo = MonthNumber(t[j].key); mo && LooseGap(text, t[j - 1], t[j]) &&
        LooseGap(text, t[j], t[j + 1]) && YearNumber(t[j + 1].key)) {
      return emit(YearNumber(t[j + 1].key), mo, d, j + 2 - i);
    }
    char sep = text[t[i].end < text.size() ? t[i].end : 0];
    if ((sep == '/' || sep == '.') && AllDigits(t[i].key) && AllDigits(t[i + 1].key) &&
        Gap(text, t[i], t[i + 1], sep) && Gap(text, t[i + 1], t[i + 2], sep)) {
      if (int y = YearNumber(t[i + 2].key)) return emit(y, ToInt(t[i + 1].key), d, 3);
      if (t[i + 2].key.size() == 2 && AllDigits(t[i + 2].key) && !DigitFollows(text, t[i + 2])) {
        return emit(2000 + ToInt(t[i + 2].key), ToInt(t[i + 1].key), d, 3);  // "16/01/20"
      }
    }
  }
  if (int mo = MonthNumber(t[i].key); mo && n >= 3) {
    int d = DayNumber(t[i + 1].key);
    if (d && LooseGap(text, t[i], t[i + 1]) && LooseGap(text, t[i + 1], t[i + 2]) &&
        YearNumber(t[i + 2].key)) {
      return emit(YearNumber(t[i + 2].key), mo, d, 3);
    }
  }
  return 0;
}

}  // namespace

int MonthNumber(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december"};
  if (word.size() < 3 || word.size() > 9 || !std::isalpha(static_cast<unsigned char>(word[0]))) {
    return 0;
  }
  auto same = [&](std::string_view name) {
    if (name.size() != word.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(word[i])) != name[i]) return false;
    }
    return true;
  };
  if (same("sept")) return 9;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (same(kMonths[m]) || same(kMonths[m].substr(0, 3))) return static_cast<int>(m + 1);
  }
  return 0;
}

std::vector<DateMatch> FindDates(std::string_view text) {
  std::vector<DateMatch> out;
  Tokens tokens = Tokenize(text);
  for (std::size_t i = 0; i < tokens.size();) {
    DateMatch m;
    std::size_t used = MatchAt(text, tokens, i, m);
    if (used) {
      out.push_back(std::move(m));
      i += used;
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<std::string> ParseDate(std::string_view text) {
  std::vector<DateMatch> dates = FindDates(text);
  if (dates.empty()) return std::nullopt;
  return dates.front().iso;
}

}  // namespace sendscan
