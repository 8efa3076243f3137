// The normalise stage's ICU file for sentence boundaries. The iterator runs over UTF-8 through
// UText, so its positions are byte offsets already.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "normalise/sentences.hpp"

namespace sendscan {
namespace {

std::string LowerWordBefore(std::string_view text, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && (std::isalpha(static_cast<unsigned char>(text[start - 1])) ||
                       text[start - 1] == '.')) {
    --start;
  }
  std::string word(text.substr(start, dot - start));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

// A break at `pos` follows "Cllr." or "J." and is not a sentence end.
bool FollowsAbbreviation(std::string_view text, std::size_t pos,
                         const std::vector<std::string>& abbreviations) {
  std::size_t end = pos;
  while (end > 0 && text[end - 1] == ' ') --end;
  if (end == 0 || text[end - 1] != '.') return false;
  std::string word = LowerWordBefore(text, end - 1);
  if (word.size() == 1 && std::isupper(static_cast<unsigned char>(text[end - 2]))) return true;
  return std::find(abbreviations.begin(), abbreviations.end(), word) != abbreviations.end();
}

void AddTrimmed(std::string_view text, std::size_t start, std::size_t end,
                std::vector<Span>& out) {
  while (start < end && (text[start] == ' ' || text[start] == '\n')) ++start;
  while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  if (start < end) out.push_back({start, end});
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                 const std::vector<std::string>& abbreviations) {
  std::vector<Span> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getUK(), status));
  std::unique_ptr<UText, UTextCloser> utext(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  if (U_FAILURE(status)) {
    for (const Paragraph& p : paragraphs) AddTrimmed(text, p.span.start, p.span.end, out);
    return out;
  }
  it->setText(utext.get(), status);
  for (const Paragraph& p : paragraphs) {
    std::size_t start = p.span.start;
    for (int32_t b = it->following(static_cast<int32_t>(p.span.start));
         b != icu::BreakIterator::DONE && static_cast<std::size_t>(b) < p.span.end;
         b = it->next()) {
      auto pos = static_cast<std::size_t>(b);
      if (FollowsAbbreviation(text, pos, abbreviations)) continue;
      AddTrimmed(text, start, pos, out);
      start = pos;
    }
    AddTrimmed(text, start, p.span.end, out);
  }
  return out;
}

}  // namespace sendscan
