// LoadLexicons: reads every lexicon file, validates each row (file:line on the first error),
// and compiles the phrase matchers and patterns once.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "lexicon/lexicons.hpp"
#include "lexicon/pattern_starts.hpp"
#include "lexicon/tsv.hpp"
#include "sendscan/ingest.hpp"

#ifndef SENDSCAN_SOURCE_LEXICONS
#define SENDSCAN_SOURCE_LEXICONS "lexicons"
#endif

namespace sendscan {
namespace {

namespace fs = std::filesystem;

Status ExpectFields(const LexiconFile& f, const LexiconRow& row, std::size_t n,
                    const char* layout) {
  if (row.fields.size() == n) return Status::Ok();
  return RowError(f, row, "expected " + std::to_string(n) + " TAB-separated fields (" + layout +
                              "), found " + std::to_string(row.fields.size()));
}

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Each row is compiled alone first, so a bad one is reported with its line; matching then
// uses one alternation, which is several times faster than trying the rows in turn.
Status LoadBoilerplate(const LexiconFile& f, Lexicons& lex) {
  std::string alternation;
  bool all_starts_known = true;
  for (const LexiconRow& row : f.rows) {
    Result<Pattern> p = Pattern::Compile(row.fields[0]);
    if (!p.ok()) return RowError(f, row, p.status().message());
    alternation += (alternation.empty() ? "(?:" : "|(?:") + row.fields[0] + ")";
    auto starts = PatternStarts(row.fields[0]);
    if (!starts) all_starts_known = false;
    else lex.boilerplate_starts.Add(*starts);
  }
  if (!all_starts_known) lex.boilerplate_starts = StartSet();
  if (alternation.empty()) return Status::Ok();
  Result<Pattern> all = Pattern::Compile(alternation);
  if (!all.ok()) return Status::Corruption(f.path + ": " + all.status().message());
  lex.boilerplate = std::move(all).value();
  return Status::Ok();
}

Status LoadAbbreviations(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    std::string word = row.fields[0];
    if (!word.empty() && word.back() == '.') word.pop_back();
    if (word.empty() || word.find(' ') != std::string::npos || row.fields.size() != 1) {
      return RowError(f, row, "expected one abbreviation per line, like 'Cllr'");
    }
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lex.abbreviations.push_back(word);
  }
  return Status::Ok();
}

Status LoadTerms(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    if (Status s = ExpectFields(f, row, 2, "misspelling, term"); !s.ok()) return s;
    TokenList wrong = Tokenize(row.fields[0]), right = Tokenize(row.fields[1]);
    if (wrong.empty() || wrong.size() != right.size()) {
      return RowError(f, row, "the misspelling and the term must have the same number of words");
    }
    for (std::size_t i = 0; i < wrong.size(); ++i) {
      if (wrong[i].key != right[i].key) {
        lex.terms.emplace_back(std::string(wrong[i].key), std::string(right[i].key));
      }
    }
  }
  return Status::Ok();
}

Status LoadInspectorates(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    if (Status s = ExpectFields(f, row, 2, "inspectorate, phrase"); !s.ok()) return s;
    std::uint32_t id = 0;
    while (id < lex.inspectorate_names.size() && lex.inspectorate_names[id] != row.fields[0]) ++id;
    if (id == lex.inspectorate_names.size()) lex.inspectorate_names.push_back(row.fields[0]);
    if (!lex.inspectorate_phrases.Add(row.fields[1], id, lex.vocabulary)) {
      return RowError(f, row, "the phrase has no words");
    }
  }
  return Status::Ok();
}

Status LoadKinds(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    if (Status s = ExpectFields(f, row, 4, "kind, weight, where, phrase"); !s.ok()) return s;
    KindCue cue;
    std::optional<Kind> kind = ParseKind(row.fields[0]);
    if (!kind) return RowError(f, row, "kind must be news, letter or other");
    cue.kind = *kind;
    try {
      cue.weight = std::stoi(row.fields[1]);
    } catch (const std::exception&) {
      return RowError(f, row, "weight must be a whole number");
    }
    const std::string& where = row.fields[2];
    if (where == "start") cue.where = KindCue::Where::kStart;
    else if (where == "line") cue.where = KindCue::Where::kLineStart;
    else if (where == "any") cue.where = KindCue::Where::kAnywhere;
    else return RowError(f, row, "where must be start, line or any");
    cue.phrase = row.fields[3];
    if (!lex.kind_phrases.Add(cue.phrase, static_cast<std::uint32_t>(lex.kind_cues.size()),
                                lex.vocabulary)) {
      return RowError(f, row, "the phrase has no words");
    }
    lex.kind_cues.push_back(cue);
  }
  return Status::Ok();
}

Status LoadAreaContext(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    if (Status s = ExpectFields(f, row, 2, "kind, phrase"); !s.ok()) return s;
    AreaContext context;
    const std::string& kind = row.fields[0];
    if (kind == "council") context.kind = AreaContext::Kind::kCouncil;
    else if (kind == "nhs") context.kind = AreaContext::Kind::kNhs;
    else if (kind == "not") context.kind = AreaContext::Kind::kNot;
    else return RowError(f, row, "kind must be council, nhs or not");
    context.phrase = row.fields[1];
    if (!lex.area_context_cues.Add(context.phrase,
                                   static_cast<std::uint32_t>(lex.area_context.size()),
                                   lex.vocabulary)) {
      return RowError(f, row, "the phrase has no words");
    }
    lex.area_context.push_back(std::move(context));
  }
  return Status::Ok();
}

Status ParseAreaRow(const LexiconFile& f, const LexiconRow& row, AreaEntry& a) {
  static const std::set<std::string> kTypes = {"county", "unitary", "metropolitan", "london",
                                               "city_of_london", "isles_of_scilly", "district"};
  if (Status s = ExpectFields(f, row, 11,
                              "name, gss, type, region, parent, start, end, successors, "
                              "aliases, abbreviations, context");
      !s.ok()) {
    return s;
  }
  const auto& v = row.fields;
  a = AreaEntry{v[0], v[1], v[2], v[3], v[4], v[5], v[6], SplitList(v[7]), SplitList(v[8]),
                SplitList(v[9]), v[10] == "1"};
  if (a.name.empty()) return RowError(f, row, "empty name");
  if (!kTypes.count(a.type)) return RowError(f, row, "unknown type '" + a.type + "'");
  if ((!a.start.empty() && !IsIsoDate(a.start)) || (!a.end.empty() && !IsIsoDate(a.end))) {
    return RowError(f, row, "start and end must be YYYY-MM-DD or empty");
  }
  if (v[10] != "0" && v[10] != "1" && !v[10].empty()) {
    return RowError(f, row, "context must be 0 or 1");
  }
  return Status::Ok();
}

// Parent and successor names must name rows, checked once every row is read.
Status CheckAreaReferences(const LexiconFile& f, const Lexicons& lex) {
  for (std::size_t i = 0; i < lex.areas.size(); ++i) {
    const AreaEntry& a = lex.areas[i];
    std::vector<std::string> refs = a.successors;
    if (!a.parent.empty()) refs.push_back(a.parent);
    for (const std::string& r : refs) {
      if (!lex.area_index.count(r)) {
        return RowError(f, f.rows[i], "'" + r + "' is not the name of any area in the file");
      }
    }
  }
  return Status::Ok();
}

Status LoadAreas(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    AreaEntry a;
    if (Status s = ParseAreaRow(f, row, a); !s.ok()) return s;
    auto id = static_cast<std::uint32_t>(lex.areas.size());
    if (!lex.area_index.emplace(a.name, id).second) {
      return RowError(f, row, "area '" + a.name + "' listed twice");
    }
    lex.area_names.Add(a.name, AreaPayload(id, AreaNameForm::kName), lex.vocabulary);
    for (const auto& alias : a.aliases) {
      lex.area_names.Add(alias, AreaPayload(id, AreaNameForm::kAlias), lex.vocabulary);
    }
    for (const auto& ab : a.abbreviations) {
      lex.area_names.Add(ab, AreaPayload(id, AreaNameForm::kAbbreviation), lex.vocabulary);
    }
    lex.areas.push_back(std::move(a));
  }
  return CheckAreaReferences(f, lex);
}

int ParseYear(const std::string& s, bool& ok) {
  if (s.empty()) return 0;
  ok = s.size() == 4 && s.find_first_not_of("0123456789") == std::string::npos;
  return ok ? std::stoi(s) : 0;
}

Status LoadNhsBodies(const LexiconFile& f, Lexicons& lex) {
  for (const LexiconRow& row : f.rows) {
    if (Status s = ExpectFields(f, row, 4, "body, areas, from, to"); !s.ok()) return s;
    NhsBody body{row.fields[0], {}, 0, 0};
    for (const std::string& name : SplitList(row.fields[1])) {
      auto it = lex.area_index.find(name);
      if (it == lex.area_index.end()) return RowError(f, row, "unknown area '" + name + "'");
      body.areas.push_back(it->second);
    }
    bool ok = true;
    body.from_year = ParseYear(row.fields[2], ok);
    body.to_year = ParseYear(row.fields[3], ok);
    if (!ok) return RowError(f, row, "from and to must be years (YYYY) or empty");
    if (!lex.nhs_body_names.Add(body.name, static_cast<std::uint32_t>(lex.nhs_bodies.size()),
                                  lex.vocabulary)) {
      return RowError(f, row, "the body name has no words");
    }
    lex.nhs_bodies.push_back(std::move(body));
  }
  return Status::Ok();
}

using FileLoader = Status (*)(const LexiconFile&, Lexicons&);

// Loaders in dependency order (areas before NHS bodies, which name areas).
const std::vector<std::pair<std::string, FileLoader>>& Loaders() {
  static const std::vector<std::pair<std::string, FileLoader>> kLoaders = {
      {"boilerplate", LoadBoilerplate},   {"abbreviations", LoadAbbreviations},
      {"terms", LoadTerms},               {"inspectorates.tsv", LoadInspectorates},
      {"kinds.tsv", LoadKinds},           {"area_context", LoadAreaContext},
      {"areas.tsv", LoadAreas},           {"nhs_bodies.tsv", LoadNhsBodies}};
  return kLoaders;
}

// Every phrase matcher learns the misspellings of lexicons/terms; inspectorate names also
// tolerate one edit in long words ("Ofstead"). Area names do not (a one-letter change often
// names another place), nor do genre cues (a missed cue costs little, and the check is the
// dearest part of matching).
void CompileMatchers(Lexicons& lex) {
  for (const auto& [wrong, right] : lex.terms) lex.vocabulary.AddSpelling(wrong, right);
  lex.inspectorate_phrases.TolerateTypos(lex.vocabulary, 6, /*capitalised_only=*/true);
}

}  // namespace

Result<std::shared_ptr<const Lexicons>> LoadLexicons(const std::string& dir) {
  if (!fs::is_directory(dir)) return Status::NotFound(dir + ": lexicon folder not found");
  auto lex = std::make_shared<Lexicons>();
  lex->dir = dir;
  std::map<std::string, std::string> bytes_by_name;
  for (const auto& [name, loader] : Loaders()) {
    Result<LexiconFile> file = ReadLexiconFile((fs::path(dir) / name).string());
    if (!file.ok()) return file.status();
    if (Status s = loader(*file, *lex); !s.ok()) return s;
    bytes_by_name[name] = std::move(file->bytes);
  }
  std::string digest_input;  // name order: std::map keeps its keys sorted
  for (const auto& [name, bytes] : bytes_by_name) digest_input += name + '\0' + bytes + '\0';
  lex->digest = Sha256Hex(digest_input);
  CompileMatchers(*lex);
  return std::shared_ptr<const Lexicons>(std::move(lex));
}

const std::string& LexiconDigest(const Lexicons& lexicons) { return lexicons.digest; }

std::string DefaultLexiconDir(const std::string& argv0) {
  if (const char* env = std::getenv("SENDSCAN_LEXICONS"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical(fs::path(argv0), ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "sendscan" / "lexicons";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return SENDSCAN_SOURCE_LEXICONS;
}

}  // namespace sendscan
