#include "normalise/metadata.hpp"

#include <algorithm>

#include "normalise/dates.hpp"
#include "normalise/paragraphs.hpp"

namespace sendscan {
namespace {

constexpr std::size_t kMaxTitleBytes = 200;
constexpr std::size_t kTitleParagraphs = 5;           // a headline stands near the top
constexpr std::size_t kLetterHeadingParagraphs = 20;  // below the letter's address block
constexpr std::size_t kDatelineParagraphs = 12;   // how far down a dateline may stand
constexpr std::size_t kMaxDatelineBytes = 90;
constexpr std::size_t kMaxDatelineOtherWords = 6;  // "Published", a byline, a time
constexpr std::size_t kLetterDateBytes = 1500;     // a letter's date is in its address block
constexpr std::size_t kKindStartBytes = 1500;      // KindCue::Where::kStart
constexpr int kKindThreshold = 4;

std::size_t WordCount(std::string_view text) { return Tokenize(text).size(); }

// A short paragraph that is a date plus a few label or byline words.
std::optional<std::string> DatelineDate(std::string_view paragraph) {
  if (paragraph.size() > kMaxDatelineBytes) return std::nullopt;
  std::vector<DateMatch> dates = FindDates(paragraph);
  if (dates.size() != 1) return std::nullopt;
  std::size_t date_words = WordCount(paragraph.substr(dates[0].start, dates[0].end - dates[0].start));
  if (WordCount(paragraph) - date_words > kMaxDatelineOtherWords) return std::nullopt;
  return dates[0].iso;
}

bool HasWord(std::string_view paragraph, std::initializer_list<std::string_view> words) {
  for (const Token& t : Tokenize(paragraph)) {
    if (std::find(words.begin(), words.end(), t.key) != words.end()) return true;
  }
  return false;
}

// "Published: 21 November 2019", "Date of publication 3 May 2021": a dateline that says what
// it dates, believed wherever it stands (minutes print it at the end).
bool IsLabelledPublication(std::string_view paragraph) {
  return HasWord(paragraph, {"published", "publication", "posted"});
}

// "Updated 17 May 2018": the date of a later change, used only when nothing else dates the page.
bool IsLabelledUpdate(std::string_view paragraph) {
  return HasWord(paragraph, {"updated", "modified", "amended", "edited"});
}

bool EndsWithFullStop(std::string_view s) { return !s.empty() && s.back() == '.'; }

// A headline: short, no final full stop, a few words, not a dateline, a byline or a menu
// ("HOME | NEWS | HULL").
bool LooksLikeHeadline(std::string_view p) {
  return p.size() <= kMaxTitleBytes && !EndsWithFullStop(p) && WordCount(p) >= 4 &&
         std::count(p.begin(), p.end(), '|') < 2 && FindDates(p).empty();
}

// An inspectorate letter's own title: "Joint local area SEND inspection in Northshire",
// "Area SEND inspection of York Local Area Partnership".
std::optional<std::string> LetterHeading(const Document& doc) {
  std::size_t limit = std::min(doc.paragraphs.size(), kLetterHeadingParagraphs);
  for (std::size_t i = 0; i < limit; ++i) {
    std::string_view p = doc.Slice(doc.paragraphs[i].span);
    if (p.size() > kMaxTitleBytes || EndsWithFullStop(p)) continue;
    TokenList words = Tokenize(p);
    bool inspection = std::any_of(words.begin(), words.end(), [](const Token& t) {
      return t.key == "inspection" || t.key == "revisit";
    });
    if (inspection && (p.find(" in ") != std::string_view::npos ||
                       p.find(" of ") != std::string_view::npos)) {
      return std::string(p);
    }
  }
  return std::nullopt;
}

bool CueApplies(const KindCue& cue, const PhraseHit& hit, const Document& doc) {
  switch (cue.where) {
    case KindCue::Where::kStart:
      return hit.start < kKindStartBytes;
    case KindCue::Where::kLineStart:
      return std::any_of(doc.paragraphs.begin(), doc.paragraphs.end(),
                         [&](const Paragraph& p) { return p.span.start == hit.start; });
    case KindCue::Where::kAnywhere:
      return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> FindTitle(const RawDocument& raw, const Document& doc) {
  if (doc.kind == Kind::kLetter) {
    if (auto heading = LetterHeading(doc)) return heading;
  }
  std::string hint = CollapseSpaces(raw.hints.title);
  if (!hint.empty()) return hint;
  for (const Paragraph& p : doc.paragraphs) {
    if (p.heading) return std::string(doc.Slice(p.span));
  }
  if (doc.paragraphs.size() < 2) return std::nullopt;
  std::size_t limit = std::min(doc.paragraphs.size() - 1, kTitleParagraphs);
  for (std::size_t i = 0; i < limit; ++i) {
    std::string_view p = doc.Slice(doc.paragraphs[i].span);
    if (LooksLikeHeadline(p)) return std::string(p);
  }
  return std::nullopt;
}

std::optional<std::string> FindPublished(const RawDocument& raw, const Document& doc) {
  if (std::optional<std::string> hinted = ParseDate(raw.hints.published)) return hinted;
  std::size_t limit = std::min(doc.paragraphs.size(), kDatelineParagraphs);
  std::optional<std::string> updated;
  for (std::size_t i = 0; i < limit; ++i) {
    std::string_view text = doc.Slice(doc.paragraphs[i].span);
    std::optional<std::string> date = DatelineDate(text);
    if (!date) continue;
    if (!IsLabelledUpdate(text) || IsLabelledPublication(text)) return date;
    if (!updated) updated = date;
  }
  for (const Paragraph& p : doc.paragraphs) {
    std::string_view text = doc.Slice(p.span);
    if (text.size() > kMaxDatelineBytes || !IsLabelledPublication(text)) continue;
    if (auto date = DatelineDate(text)) return date;
  }
  if (doc.kind == Kind::kLetter) {
    std::string_view head = std::string_view(doc.text).substr(0, kLetterDateBytes);
    std::vector<DateMatch> dates = FindDates(head);
    if (!dates.empty()) return dates.front().iso;
  }
  return updated;
}

Kind ClassifyKind(const Document& doc, const TokenizedText& tokens, const Lexicons& lex) {
  std::vector<bool> counted(lex.kind_cues.size(), false);
  int score[3] = {0, 0, 0};  // indexed by Kind
  for (const PhraseHit& hit : lex.kind_phrases.FindAll(tokens)) {
    for (std::uint32_t id : *hit.payloads) {
      const KindCue& cue = lex.kind_cues[id];
      if (counted[id] || !CueApplies(cue, hit, doc)) continue;
      counted[id] = true;
      score[static_cast<int>(cue.kind)] += cue.weight;
    }
  }
  const int news = score[static_cast<int>(Kind::kNews)];
  const int letter = score[static_cast<int>(Kind::kLetter)];
  const int other = score[static_cast<int>(Kind::kOther)];
  if (std::max(letter, other) < kKindThreshold || std::max(letter, other) <= news) {
    return Kind::kNews;
  }
  return letter >= other ? Kind::kLetter : Kind::kOther;
}

std::vector<std::string> FindInspectorates(const TokenizedText& tokens, const Lexicons& lex) {
  std::vector<std::string> found;
  for (const PhraseHit& hit : lex.inspectorate_phrases.FindAll(tokens)) {
    for (std::uint32_t id : *hit.payloads) {
      const std::string& name = lex.inspectorate_names[id];
      if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
    }
  }
  return found;
}

}  // namespace sendscan
