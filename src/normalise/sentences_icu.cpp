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

// Only a paragraph with a full stop, question or exclamation mark before its last few bytes can
// hold more than one sentence; most news paragraphs hold one, and the break iterator costs
// more than everything else normalise does, so it runs only where it can find something.
bool MayHoldSeveralSentences(std::string_view paragraph) {
  constexpr std::size_t kTail = 4;  // a final mark and closing quotes
  if (paragraph.size() <= kTail) return false;
  for (std::size_t i = 0; i + kTail < paragraph.size(); ++i) {
    char c = paragraph[i];
    if (c == '.' || c == '!' || c == '?') return true;
  }
  return false;
}

// ICU's sentence iterator, created on first use and pointed at one paragraph at a time.
class SentenceBreaker {
 public:
  // Break positions strictly inside `span` of `text`, in order; empty if ICU fails.
  std::vector<std::size_t> Breaks(std::string_view text, Span span) {
    std::vector<std::size_t> out;
    UErrorCode status = U_ZERO_ERROR;
    if (!iterator_) {
      iterator_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getUK(), status));
    }
    std::string_view part = text.substr(span.start, span.size());
    utext_.reset(utext_openUTF8(utext_.release(), part.data(),
                                static_cast<int64_t>(part.size()), &status));
    if (U_FAILURE(status) || !iterator_) return out;
    iterator_->setText(utext_.get(), status);
    for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
      std::size_t pos = span.start + static_cast<std::size_t>(b);
      if (pos < span.end) out.push_back(pos);
    }
    return out;
  }

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
  std::unique_ptr<UText, UTextCloser> utext_;
};

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                 const std::vector<std::string>& abbreviations) {
  std::vector<Span> out;
  SentenceBreaker breaker;
  for (const Paragraph& p : paragraphs) {
    std::size_t start = p.span.start;
    if (MayHoldSeveralSentences(text.substr(p.span.start, p.span.size()))) {
      for (std::size_t pos : breaker.Breaks(text, p.span)) {
        if (FollowsAbbreviation(text, pos, abbreviations)) continue;
        AddTrimmed(text, start, pos, out);
        start = pos;
      }
    }
    AddTrimmed(text, start, p.span.end, out);
  }
  return out;
}

}  // namespace sendscan
