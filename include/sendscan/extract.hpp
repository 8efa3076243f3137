// The extract stage: Document + Lexicons -> Extraction. One extractor per kind of fact, each
// independent of the others; all offsets are byte offsets into Document::text, end exclusive.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sendscan/document.hpp"
#include "sendscan/lexicon.hpp"

namespace sendscan {

enum class AreaRole { kSubject, kMentioned };

// A local authority area named in the document.
struct LocalArea {
  std::string name;                // short common name: "Cheshire East"
  std::optional<std::string> gss;  // ONS GSS code when known
  AreaRole role = AreaRole::kMentioned;
};

enum class Polarity { kWeakness, kStrength };

struct Finding {
  Polarity polarity = Polarity::kWeakness;
  std::vector<std::string> themes;  // ids from CONTRACT.md's taxonomy
  Span span;                        // the sentence
  std::string cue;                  // the lexicon cue that fired
};

struct Deadline {
  Span span;                            // the time expression
  std::optional<std::string> duration;  // ISO 8601: P70D, P20W, P18M
  std::optional<std::string> due;       // YYYY-MM-DD or YYYY-MM
  bool working_days = false;
  std::optional<std::string> action;
};

enum class SpeakerCategory { kOfficial, kParent, kInspectorate, kOther };

struct Speaker {
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<std::string> organisation;
  SpeakerCategory category = SpeakerCategory::kOther;
};

struct Quote {
  Span span;         // first to last quoted word
  std::string text;  // the span without quote marks
  Speaker speaker;
};

struct Inspection {
  std::optional<std::string> month;    // YYYY-MM
  bool revisit = false;
  std::optional<std::string> outcome;  // CONTRACT.md's outcome ids
  std::optional<int> weakness_areas;
  std::optional<int> weakness_areas_improved;
};

// Everything sendscan knows about one document.
struct Extraction {
  Document document;
  std::vector<LocalArea> local_areas;  // subjects first, then mentions, each in first-seen order
  std::vector<Finding> findings;
  std::vector<Deadline> deadlines;
  std::vector<Quote> quotes;
  std::optional<Inspection> inspection;
};

// Runs every extractor. Never fails: a document with nothing to find yields empty lists.
Extraction Extract(Document document, const Lexicons& lexicons);

// The local-area extractor alone: which areas the document is about and which it mentions.
std::vector<LocalArea> ExtractLocalAreas(const Document& document, const Lexicons& lexicons);

// One upper-tier area of the gazetteer, as a store keeps it beside the documents.
struct AreaRecord {
  std::string name;
  std::optional<std::string> gss;
  std::string region;
  std::string type;                     // county, unitary, metropolitan, london, ...
  std::optional<std::string> end_date;  // YYYY-MM-DD for an abolished area
  std::vector<std::string> successors;  // the areas that took it over
};

// Every upper-tier area of the loaded gazetteer (districts are not areas of their own).
std::vector<AreaRecord> AreaGazetteer(const Lexicons& lexicons);

}  // namespace sendscan
