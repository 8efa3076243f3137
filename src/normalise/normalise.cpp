// Normalise: the stage's entry point, running the steps in order over a RawDocument.
#include "sendscan/normalise.hpp"

#include <algorithm>
#include <unordered_map>

#include "lexicon/lexicons.hpp"
#include "lexicon/tokens.hpp"
#include "normalise/characters.hpp"
#include "normalise/clutter.hpp"
#include "normalise/metadata.hpp"
#include "normalise/paragraphs.hpp"
#include "normalise/sentences.hpp"
#include "normalise/unicode_icu.hpp"

namespace sendscan {
namespace {

bool SeenBefore(const std::string& text, const std::vector<ParagraphText>& kept,
                const std::unordered_multimap<std::size_t, std::size_t>& seen) {
  auto [first, last] = seen.equal_range(std::hash<std::string>{}(text));
  return std::any_of(first, last, [&](const auto& entry) { return kept[entry.second].text == text; });
}

// Unicode forms, paragraphs rebuilt, clutter and repeats dropped.
std::vector<ParagraphText> CleanParagraphs(const RawDocument& raw, const Lexicons& lex,
                                           const NormaliseOptions& options) {
  std::vector<ParagraphText> kept;
  std::unordered_multimap<std::size_t, std::size_t> seen;  // hash of a kept text -> its index
  for (const Block& block : raw.blocks) {
    Block unified{block.type, ToNfc(UnifyCharacters(block.text))};
    const bool hard_breaks = raw.format != Format::kText;
    for (ParagraphText& p : SplitBlock(unified, options.max_paragraph_bytes, hard_breaks)) {
      if (IsClutter(p.text, lex)) continue;
      if (SeenBefore(p.text, kept, seen)) continue;  // printed twice: keep the first
      seen.emplace(std::hash<std::string>{}(p.text), kept.size());
      kept.push_back(std::move(p));
    }
  }
  return kept;
}

void AssembleText(std::vector<ParagraphText> paragraphs, Document& doc) {
  std::size_t total = 0;
  for (const auto& p : paragraphs) total += p.text.size() + 2;
  doc.text.reserve(total);
  for (auto& p : paragraphs) {
    if (!doc.text.empty()) doc.text += "\n\n";
    std::size_t start = doc.text.size();
    doc.text += p.text;
    doc.paragraphs.push_back({{start, doc.text.size()}, p.heading});
  }
}

}  // namespace

Result<Document> Normalise(const RawDocument& raw, const Lexicons& lexicons,
                           const NormaliseOptions& options) {
  Document doc;
  doc.source = raw.source;
  doc.sha256 = raw.sha256;
  doc.format = raw.format;
  if (!raw.hints.url.empty()) doc.url = raw.hints.url;
  AssembleText(CleanParagraphs(raw, lexicons, options), doc);
  if (doc.text.empty()) return Status::Unsupported(raw.source + ": no text found");
  doc.sentences = SplitSentences(doc.text, doc.paragraphs, lexicons.abbreviations);
  TokenizedText tokens = TokenizeWith(lexicons.vocabulary, doc.text);
  doc.kind = ClassifyKind(doc, tokens, lexicons);
  doc.title = FindTitle(raw, doc);
  doc.published = FindPublished(raw, doc);
  doc.inspectorates = FindInspectorates(tokens, lexicons);
  return doc;
}

}  // namespace sendscan
