// The loaded lexicons: every file of lexicons/ parsed, validated and compiled into matchers.
// Built once by LoadLexicons and then only read (const&), so any number of threads may share
// it. Stages after lexicon (normalise, extract) read these fields directly.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon/pattern_starts.hpp"
#include "lexicon/phrase_matcher.hpp"
#include "lexicon/vocabulary.hpp"
#include "lexicon/regex_boost.hpp"
#include "sendscan/document.hpp"
#include "sendscan/lexicon.hpp"

namespace sendscan {

// One row of lexicons/areas.tsv: a local authority area, current or former, upper tier or
// district.
struct AreaEntry {
  std::string name;    // short common name, unique: "Cheshire East"
  std::string gss;     // ONS code, may be empty
  std::string type;    // county, unitary, metropolitan, london, city_of_london,
                       // isles_of_scilly, district
  std::string region;
  std::string parent;  // for a district: the upper-tier area it belongs to
  std::string start;   // YYYY-MM-DD or empty (existed before records)
  std::string end;     // YYYY-MM-DD or empty (still exists)
  std::vector<std::string> successors;
  std::vector<std::string> aliases;
  std::vector<std::string> abbreviations;  // count only with the full name in the document
  bool context_required = false;           // also a common word or a place elsewhere

  bool upper_tier() const { return type != "district"; }
};

// How a phrase in `area_names` refers to its area.
enum class AreaNameForm : std::uint32_t { kName = 0, kAlias = 1, kAbbreviation = 2 };

inline std::uint32_t AreaPayload(std::uint32_t area, AreaNameForm form) {
  return (area << 2) | static_cast<std::uint32_t>(form);
}
inline std::uint32_t PayloadArea(std::uint32_t payload) { return payload >> 2; }
inline AreaNameForm PayloadForm(std::uint32_t payload) {
  return static_cast<AreaNameForm>(payload & 3u);
}

// One row of lexicons/nhs_bodies.tsv: an NHS commissioning body whose name does not say its
// area(s).
struct NhsBody {
  std::string name;
  std::vector<std::uint32_t> areas;  // indexes into Lexicons::areas
  int from_year = 0;                 // 0: open
  int to_year = 0;
};

// One row of lexicons/area_context.
struct AreaContext {
  enum class Kind { kCouncil, kNhs, kNot };
  Kind kind = Kind::kCouncil;
  std::string phrase;
};

// One row of lexicons/kinds.tsv: a phrase that is evidence for a document genre.
struct KindCue {
  enum class Where { kStart, kLineStart, kAnywhere };
  Kind kind = Kind::kNews;
  int weight = 0;
  Where where = Where::kAnywhere;
  std::string phrase;
};

class Lexicons {
 public:
  std::string dir;
  std::string digest;

  // lexicons/boilerplate, all rows in one alternation: a paragraph that matches it whole is
  // site clutter.
  Pattern boilerplate;
  // How a clutter paragraph can begin (PatternStarts of every row); empty: any way.
  StartSet boilerplate_starts;
  // lexicons/abbreviations: lowercase words that a full stop does not end a sentence after.
  std::vector<std::string> abbreviations;
  // lexicons/terms: (misspelling, term) pairs tolerated by every phrase matcher.
  std::vector<std::pair<std::string, std::string>> terms;
  // Every word of every phrase below, and the misspellings of `terms`.
  Vocabulary vocabulary;

  // lexicons/areas.tsv and nhs_bodies.tsv.
  std::vector<AreaEntry> areas;
  std::unordered_map<std::string, std::uint32_t> area_index;  // name -> index in areas
  PhraseMatcher area_names;  // names, aliases and abbreviations; payload AreaPayload()
  std::vector<NhsBody> nhs_bodies;
  PhraseMatcher nhs_body_names;  // payload: index in nhs_bodies
  // lexicons/area_context: what the words right after a place name say about it.
  std::vector<AreaContext> area_context;
  PhraseMatcher area_context_cues;  // payload: index in area_context

  // lexicons/kinds.tsv.
  std::vector<KindCue> kind_cues;
  PhraseMatcher kind_phrases;  // payload: index in kind_cues
  // lexicons/inspectorates.tsv: canonical name per payload.
  std::vector<std::string> inspectorate_names;
  PhraseMatcher inspectorate_phrases;  // payload: index in inspectorate_names
};

}  // namespace sendscan
