// The local-area extractor: which local authority area a document is about (subject) and
// which others it names (mentioned). Names come from the gazetteer (lexicons/areas.tsv);
// districts count toward the upper-tier area responsible for SEND at the document's date;
// the words after a name (lexicons/area_context) tell a council from a street or an NHS body.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "lexicon/lexicons.hpp"
#include "sendscan/extract.hpp"

namespace sendscan {
namespace {

// How much one mention tells about the subject.
constexpr double kPlainWeight = 1.0;
constexpr double kCouncilWeight = 2.0;   // "Bury Council": the council itself
constexpr double kNhsWeight = 0.5;       // "NHS Devon CCG": a partner, often wider than the area
constexpr double kDistrictShare = 0.5;   // a district counts part toward its county
constexpr double kLeadBonus = 1.0;       // named in the opening paragraph
constexpr double kTitleBonus = 3.0;      // named in the title
constexpr std::size_t kLeadBytes = 400;

enum class Cue { kNone, kCouncil, kNhs, kNot };

// One occurrence of an upper-tier area's name.
struct Mention {
  std::uint32_t area = 0;        // index into Lexicons::areas (upper tier)
  std::size_t start = 0;
  double weight = 0;
  bool confirmed = false;        // a council or NHS cue stands beside it
  bool abbreviation = false;
  bool via_district = false;
};

struct Tally {
  double score = 0;
  std::size_t first = 0;
  bool named = false;      // by its own full name or alias (abbreviations need one)
  bool confirmed = false;
  bool direct = false;     // named itself, not only through a district
};

bool StartsUppercase(std::string_view text, std::size_t at) {
  return at < text.size() && text[at] >= 'A' && text[at] <= 'Z';
}

// The cue right after token `end` (skipping a possessive "'s").
Cue CueAfter(const TokenList& tokens, std::size_t end,
             const std::map<std::size_t, Cue>& cue_at) {
  auto it = cue_at.find(end);
  if (it == cue_at.end() && end < tokens.size() && tokens[end].key == "s") {
    it = cue_at.find(end + 1);
  }
  return it == cue_at.end() ? Cue::kNone : it->second;
}

std::map<std::size_t, Cue> CuesByToken(const TokenizedText& tokens, const Lexicons& lex) {
  std::map<std::size_t, Cue> cue_at;
  for (const PhraseHit& hit : lex.area_context_cues.FindAll(tokens)) {
    switch (lex.area_context[hit.payloads->front()].kind) {
      case AreaContext::Kind::kCouncil: cue_at[hit.first_token] = Cue::kCouncil; break;
      case AreaContext::Kind::kNhs: cue_at[hit.first_token] = Cue::kNhs; break;
      case AreaContext::Kind::kNot: cue_at[hit.first_token] = Cue::kNot; break;
    }
  }
  return cue_at;
}

bool ExistedOn(const AreaEntry& a, const std::optional<std::string>& date) {
  if (!date) return a.end.empty();
  return (a.start.empty() || a.start <= *date) && (a.end.empty() || *date <= a.end);
}

// The upper-tier area a district belonged to at `date`: its county, or after the district
// was abolished, the successor that took it over.
std::optional<std::uint32_t> UpperTierOf(std::uint32_t id, const Lexicons& lex,
                                         const std::optional<std::string>& date) {
  for (int depth = 0; depth < 4; ++depth) {
    const AreaEntry& a = lex.areas[id];
    if (a.upper_tier()) return id;
    bool abolished = !a.end.empty() && (!date || *date > a.end);
    const std::string* next = nullptr;
    if (abolished && !a.successors.empty()) next = &a.successors.front();
    else if (!a.parent.empty()) next = &a.parent;
    if (!next) return std::nullopt;
    id = lex.area_index.at(*next);
  }
  return std::nullopt;
}

// Among the areas a phrase may name, the one meant: a name before an alias, an area that
// existed at the document's date, an upper-tier area before a district.
std::uint32_t PickPayload(const std::vector<std::uint32_t>& payloads, const Lexicons& lex,
                          const std::optional<std::string>& date) {
  auto rank = [&](std::uint32_t p) {
    const AreaEntry& a = lex.areas[PayloadArea(p)];
    return (PayloadForm(p) == AreaNameForm::kName ? 0 : 4) + (ExistedOn(a, date) ? 0 : 2) +
           (a.upper_tier() ? 0 : 1);
  };
  return *std::min_element(payloads.begin(), payloads.end(),
                           [&](auto a, auto b) { return rank(a) < rank(b); });
}

// Token spans of NHS bodies named in the text ("NHS Shropshire, Telford and Wrekin ICB"):
// area names inside them are partners, not councils.
std::vector<std::pair<std::size_t, std::size_t>> NhsBodySpans(const TokenizedText& tokens,
                                                              const Lexicons& lex) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const PhraseHit& hit : lex.nhs_body_names.FindAll(tokens)) {
    spans.emplace_back(hit.first_token, hit.end_token);
  }
  return spans;
}

// The context of one name: the cue after it, "NHS" before it, inside an NHS body's name, or
// listed right after a name that was ("NHS Shropshire, Telford & Wrekin").
Cue CueOf(const PhraseHit& hit, const TokenList& tokens,
          const std::map<std::size_t, Cue>& cues,
          const std::vector<std::pair<std::size_t, std::size_t>>& nhs_spans,
          std::optional<std::size_t> nhs_list_end) {
  Cue cue = CueAfter(tokens, hit.end_token, cues);
  if (cue == Cue::kNot) return cue;
  if (hit.first_token > 0 && tokens[hit.first_token - 1].key == "nhs") return Cue::kNhs;
  for (const auto& [first, end] : nhs_spans) {
    if (hit.first_token >= first && hit.end_token <= end) return Cue::kNhs;
  }
  if (nhs_list_end && (hit.first_token == *nhs_list_end ||
                       (hit.first_token == *nhs_list_end + 1 &&
                        tokens[*nhs_list_end].key == "and"))) {
    return Cue::kNhs;
  }
  return cue;
}

std::optional<Mention> ToMention(const PhraseHit& hit, Cue cue, const Lexicons& lex,
                                 const std::optional<std::string>& date) {
  std::uint32_t payload = PickPayload(*hit.payloads, lex, date);
  std::uint32_t named = PayloadArea(payload);
  std::optional<std::uint32_t> upper = UpperTierOf(named, lex, date);
  if (!upper) return std::nullopt;
  Mention m;
  m.area = *upper;
  m.start = hit.start;
  m.weight = cue == Cue::kCouncil ? kCouncilWeight : cue == Cue::kNhs ? kNhsWeight : kPlainWeight;
  m.confirmed = cue != Cue::kNone;
  m.abbreviation = PayloadForm(payload) == AreaNameForm::kAbbreviation;
  m.via_district = named != *upper;
  if (m.via_district) m.weight *= kDistrictShare;
  if (m.start < kLeadBytes) m.weight += kLeadBonus;
  return m;
}

std::vector<Mention> FindMentions(std::string_view text, const Lexicons& lex,
                                  const std::optional<std::string>& date) {
  TokenizedText read = TokenizeWith(lex.vocabulary, text);
  const TokenList& tokens = read.tokens;
  std::map<std::size_t, Cue> cues = CuesByToken(read, lex);
  auto nhs_spans = NhsBodySpans(read, lex);
  std::optional<std::size_t> nhs_list_end;  // end token of the last name read as NHS
  std::vector<Mention> out;
  for (const PhraseHit& hit : lex.area_names.FindAll(read)) {
    if (!StartsUppercase(text, hit.start)) continue;
    Cue cue = CueOf(hit, tokens, cues, nhs_spans, nhs_list_end);
    if (cue == Cue::kNot) continue;
    nhs_list_end = cue == Cue::kNhs ? std::optional<std::size_t>(hit.end_token) : std::nullopt;
    if (auto m = ToMention(hit, cue, lex, date)) out.push_back(*m);
  }
  return out;
}

// A name that is also a common word counts only once a cue has confirmed it somewhere; an
// abbreviation only when the full name is in the document too.
bool Counts(const Tally& t, const AreaEntry& a) {
  if (!t.named) return false;
  return !a.context_required || t.confirmed;
}

std::map<std::uint32_t, Tally> TallyMentions(const std::vector<Mention>& mentions) {
  std::map<std::uint32_t, Tally> tallies;
  for (const Mention& m : mentions) {
    auto [it, fresh] = tallies.try_emplace(m.area);
    Tally& t = it->second;
    if (fresh) t.first = m.start;
    t.score += m.weight;
    t.named = t.named || !m.abbreviation;
    t.confirmed = t.confirmed || m.confirmed;
    t.direct = t.direct || !m.via_district;
  }
  return tallies;
}

void AddTitleBonus(const Document& doc, const Lexicons& lex,
                   std::map<std::uint32_t, Tally>& tallies) {
  if (!doc.title) return;
  for (const Mention& m : FindMentions(*doc.title, lex, doc.published)) {
    auto it = tallies.find(m.area);
    if (it != tallies.end()) it->second.score += kTitleBonus;
  }
}

// The letters of a name, lowercased: "Isle of Wight" -> "isleofwight".
std::string Squashed(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// The area a web address names in its host ("democracy.slough.gov.uk",
// "warwickshireparentcarervoice.org"): the longest area name, of at least five letters, that
// starts a host label. Districts resolve to their upper tier; names that are also common
// words are skipped.
std::optional<std::uint32_t> AreaFromUrl(const std::string& url, const Lexicons& lex,
                                         const std::optional<std::string>& date) {
  std::size_t scheme = url.find("://");
  std::size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
  std::string host = url.substr(host_start, url.find('/', host_start) - host_start);
  std::optional<std::uint32_t> best;
  std::size_t best_length = 0;
  std::size_t start = 0;
  while (start < host.size()) {
    std::size_t dot = std::min(host.find('.', start), host.size());
    std::string label = Squashed(host.substr(start, dot - start));
    for (std::uint32_t id = 0; id < lex.areas.size(); ++id) {
      const AreaEntry& a = lex.areas[id];
      std::string key = Squashed(a.name);
      if (a.context_required || key.size() < 5 || key.size() <= best_length ||
          label.compare(0, key.size(), key) != 0) {
        continue;
      }
      if (auto upper = UpperTierOf(id, lex, date)) {
        best = upper;
        best_length = key.size();
      }
    }
    start = dot + 1;
  }
  return best;
}

LocalArea ToLocalArea(std::uint32_t id, AreaRole role, const Lexicons& lex) {
  const AreaEntry& a = lex.areas[id];
  return {a.name, a.gss.empty() ? std::nullopt : std::optional<std::string>(a.gss), role};
}

}  // namespace

std::vector<AreaRecord> AreaGazetteer(const Lexicons& lexicons) {
  std::vector<AreaRecord> out;
  for (const AreaEntry& a : lexicons.areas) {
    if (!a.upper_tier()) continue;
    out.push_back({a.name, a.gss.empty() ? std::nullopt : std::optional<std::string>(a.gss),
                   a.region, a.type,
                   a.end.empty() ? std::nullopt : std::optional<std::string>(a.end),
                   a.successors});
  }
  return out;
}

std::vector<LocalArea> ExtractLocalAreas(const Document& document, const Lexicons& lexicons) {
  std::map<std::uint32_t, Tally> tallies =
      TallyMentions(FindMentions(document.text, lexicons, document.published));
  AddTitleBonus(document, lexicons, tallies);
  std::vector<std::pair<std::uint32_t, Tally>> kept;
  for (const auto& [id, t] : tallies) {
    if (Counts(t, lexicons.areas[id])) kept.emplace_back(id, t);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second.first < b.second.first;
  });
  auto subject = std::max_element(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second.score < b.second.score;  // first of the best in text order
  });
  std::vector<LocalArea> out;
  for (auto it = kept.begin(); it != kept.end(); ++it) {
    out.push_back(ToLocalArea(it->first, it == subject ? AreaRole::kSubject : AreaRole::kMentioned,
                              lexicons));
  }
  if (out.empty() && document.url) {  // the text names no area: its address may
    if (auto id = AreaFromUrl(*document.url, lexicons, document.published)) {
      out.push_back(ToLocalArea(*id, AreaRole::kSubject, lexicons));
    }
  }
  std::stable_partition(out.begin(), out.end(),
                        [](const LocalArea& a) { return a.role == AreaRole::kSubject; });
  return out;
}

}  // namespace sendscan
