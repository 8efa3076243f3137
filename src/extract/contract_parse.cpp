// Reading the contract's JSON back (ParseContractLine): the inverse of contract_json.cpp, for
// `sendscan load`. Every field the writer prints is required with the writer's type, so a line
// that ContractLine did not write fails with the first field that is wrong, by its path
// ("findings[2].start: expected a non-negative integer"). nlohmann's exceptions stop here.
#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sendscan/contract.hpp"

namespace sendscan {
namespace {

using Json = nlohmann::json;

// Reasons quote at most this much of the line.
constexpr std::size_t kMaxReasonBytes = 300;

// `text` cut to at most `max` bytes, at a UTF-8 character boundary.
std::string Shortened(std::string text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

std::string Path(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : where + "." + key;
}

std::string Index(const std::string& array, std::size_t i) {
  return array + "[" + std::to_string(i) + "]";
}

Status Ill(const std::string& path, const char* expected) {
  return Status::Corruption(path + ": expected " + expected);
}

// The fields of one JSON object, read by key with the type the contract gives them; `where`
// names the object in messages ("" for the line itself).
class Fields {
 public:
  Fields(const Json& object, std::string where) : object_(object), where_(std::move(where)) {}

  const std::string& where() const { return where_; }

  // The field `key`, which must be present; null when it is not (after setting `status`).
  const Json* Get(const char* key, Status& status) const {
    auto it = object_.find(key);
    if (it == object_.end()) {
      status = Status::Corruption(Path(where_, key) + ": missing");
      return nullptr;
    }
    return &*it;
  }

  Status String(const char* key, std::string& out) const {
    Status s;
    const Json* v = Get(key, s);
    if (v == nullptr) return s;
    if (!v->is_string()) return Ill(Path(where_, key), "a string");
    out = v->get_ref<const std::string&>();
    return Status::Ok();
  }

  Status OptionalString(const char* key, std::optional<std::string>& out) const {
    Status s;
    const Json* v = Get(key, s);
    if (v == nullptr) return s;
    if (v->is_null()) {
      out.reset();
      return Status::Ok();
    }
    if (!v->is_string()) return Ill(Path(where_, key), "a string or null");
    out = v->get_ref<const std::string&>();
    return Status::Ok();
  }

  Status Bool(const char* key, bool& out) const {
    Status s;
    const Json* v = Get(key, s);
    if (v == nullptr) return s;
    if (!v->is_boolean()) return Ill(Path(where_, key), "true or false");
    out = v->get<bool>();
    return Status::Ok();
  }

  Status Offset(const char* key, std::size_t& out) const {
    Status s;
    const Json* v = Get(key, s);
    if (v == nullptr) return s;
    if (!v->is_number_unsigned()) return Ill(Path(where_, key), "a non-negative integer");
    const auto value = v->get<std::uint64_t>();
    if (value > std::numeric_limits<std::size_t>::max()) {
      return Ill(Path(where_, key), "a byte offset");
    }
    out = static_cast<std::size_t>(value);
    return Status::Ok();
  }

  Status OptionalInt(const char* key, std::optional<int>& out) const {
    Status s;
    const Json* v = Get(key, s);
    if (v == nullptr) return s;
    if (v->is_null()) {
      out.reset();
      return Status::Ok();
    }
    if (!v->is_number_integer()) return Ill(Path(where_, key), "an integer or null");
    if (v->is_number_unsigned()) {
      const auto value = v->get<std::uint64_t>();
      if (value > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        return Ill(Path(where_, key), "an integer in range");
      }
      out = static_cast<int>(value);
      return Status::Ok();
    }
    const auto value = v->get<std::int64_t>();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      return Ill(Path(where_, key), "an integer in range");
    }
    out = static_cast<int>(value);
    return Status::Ok();
  }

  Status Array(const char* key, const Json*& out) const {
    return Typed(key, out, &Json::is_array, "an array");
  }

  Status Object(const char* key, const Json*& out) const {
    return Typed(key, out, &Json::is_object, "an object");
  }

  // The field `key`, which must be of the JSON type `is_type` tests for (`what` names it).
  Status Typed(const char* key, const Json*& out, bool (Json::*is_type)() const noexcept,
               const char* what) const {
    Status s;
    out = Get(key, s);
    if (out == nullptr) return s;
    if (!(out->*is_type)()) return Ill(Path(where_, key), what);
    return Status::Ok();
  }

  Status Strings(const char* key, std::vector<std::string>& out) const {
    const Json* array = nullptr;
    if (Status s = Array(key, array); !s.ok()) return s;
    out.clear();
    for (std::size_t i = 0; i < array->size(); ++i) {
      const Json& item = (*array)[i];
      if (!item.is_string()) return Ill(Index(Path(where_, key), i), "a string");
      out.push_back(item.get_ref<const std::string&>());
    }
    return Status::Ok();
  }

  // A string that must be one of `names`; its index in `names`.
  template <std::size_t N>
  Status OneOf(const char* key, const std::array<const char*, N>& names, std::size_t& out) const {
    std::string value;
    if (Status s = String(key, value); !s.ok()) return s;
    for (std::size_t i = 0; i < N; ++i) {
      if (value == names[i]) {
        out = i;
        return Status::Ok();
      }
    }
    std::string list;
    for (const char* name : names) list += (list.empty() ? "" : ", ") + std::string(name);
    return Status::Corruption(Path(where_, key) + ": \"" + Shortened(value, 60) +
                              "\" is not one of " + list);
  }

 private:
  const Json& object_;
  std::string where_;
};

// Each element of the array field `key` as an object, with its path ("findings[3]").
template <typename Visit>
Status ForEachObject(const Fields& fields, const char* key, Visit visit) {
  const Json* array = nullptr;
  if (Status s = fields.Array(key, array); !s.ok()) return s;
  const std::string path = Path(fields.where(), key);
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Json& item = (*array)[i];
    if (!item.is_object()) return Ill(Index(path, i), "an object");
    if (Status s = visit(Fields(item, Index(path, i))); !s.ok()) return s;
  }
  return Status::Ok();
}

bool IsSha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The span [start, end) of an item, which must lie inside `text`.
Status ReadSpan(const Fields& item, const std::string& text, Span& span) {
  if (Status s = item.Offset("start", span.start); !s.ok()) return s;
  if (Status s = item.Offset("end", span.end); !s.ok()) return s;
  if (span.start > span.end || span.end > text.size()) {
    return Status::Corruption(item.where() + ": span [" + std::to_string(span.start) + ", " +
                              std::to_string(span.end) + ") is outside the text (" +
                              std::to_string(text.size()) + " bytes)");
  }
  return Status::Ok();
}

// For findings and deadlines the item's text is its span of the document's text.
Status CheckSpanText(const Fields& item, const Document& doc, const Span& span) {
  std::string text;
  if (Status s = item.String("text", text); !s.ok()) return s;
  if (text != doc.Slice(span)) {
    return Status::Corruption(item.where() + ".text: differs from the text at its span [" +
                              std::to_string(span.start) + ", " + std::to_string(span.end) + ")");
  }
  return Status::Ok();
}

// Paragraphs are joined by "\n\n" in Document::text.
std::vector<Paragraph> ParagraphsOf(const std::string& text) {
  std::vector<Paragraph> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back({{start, end}, false});
    start = end + 2;
  }
  return out;
}

Status ReadAreas(const Fields& line, std::vector<LocalArea>& areas) {
  static constexpr std::array<const char*, 2> kRoles = {"subject", "mentioned"};
  return ForEachObject(line, "local_areas", [&](const Fields& item) {
    LocalArea area;
    std::size_t role = 0;
    if (Status s = item.String("name", area.name); !s.ok()) return s;
    if (Status s = item.OptionalString("gss", area.gss); !s.ok()) return s;
    if (Status s = item.OneOf("role", kRoles, role); !s.ok()) return s;
    area.role = role == 0 ? AreaRole::kSubject : AreaRole::kMentioned;
    areas.push_back(std::move(area));
    return Status::Ok();
  });
}

Status ReadInspection(const Fields& line, std::optional<Inspection>& out) {
  Status s;
  const Json* value = line.Get("inspection", s);
  if (value == nullptr) return s;
  if (value->is_null()) {
    out.reset();
    return Status::Ok();
  }
  if (!value->is_object()) return Ill("inspection", "an object or null");
  const Fields fields(*value, "inspection");
  Inspection in;
  if (s = fields.OptionalString("month", in.month); !s.ok()) return s;
  if (s = fields.Bool("revisit", in.revisit); !s.ok()) return s;
  if (s = fields.OptionalString("outcome", in.outcome); !s.ok()) return s;
  if (s = fields.OptionalInt("weakness_areas", in.weakness_areas); !s.ok()) return s;
  if (s = fields.OptionalInt("weakness_areas_improved", in.weakness_areas_improved); !s.ok()) {
    return s;
  }
  out = std::move(in);
  return Status::Ok();
}

Status ReadFindings(const Fields& line, const Document& doc, std::vector<Finding>& findings) {
  static constexpr std::array<const char*, 2> kPolarities = {"weakness", "strength"};
  return ForEachObject(line, "findings", [&](const Fields& item) {
    Finding f;
    std::size_t polarity = 0;
    if (Status s = item.OneOf("polarity", kPolarities, polarity); !s.ok()) return s;
    f.polarity = polarity == 0 ? Polarity::kWeakness : Polarity::kStrength;
    if (Status s = item.Strings("themes", f.themes); !s.ok()) return s;
    if (Status s = ReadSpan(item, doc.text, f.span); !s.ok()) return s;
    if (Status s = CheckSpanText(item, doc, f.span); !s.ok()) return s;
    if (Status s = item.String("cue", f.cue); !s.ok()) return s;
    findings.push_back(std::move(f));
    return Status::Ok();
  });
}

Status ReadDeadlines(const Fields& line, const Document& doc, std::vector<Deadline>& deadlines) {
  return ForEachObject(line, "deadlines", [&](const Fields& item) {
    Deadline d;
    if (Status s = item.OptionalString("duration", d.duration); !s.ok()) return s;
    if (Status s = item.OptionalString("due", d.due); !s.ok()) return s;
    if (Status s = item.Bool("working_days", d.working_days); !s.ok()) return s;
    if (Status s = item.OptionalString("action", d.action); !s.ok()) return s;
    if (Status s = ReadSpan(item, doc.text, d.span); !s.ok()) return s;
    if (Status s = CheckSpanText(item, doc, d.span); !s.ok()) return s;
    deadlines.push_back(std::move(d));
    return Status::Ok();
  });
}

Status ReadQuotes(const Fields& line, const Document& doc, std::vector<Quote>& quotes) {
  static constexpr std::array<const char*, 4> kCategories = {"official", "parent", "inspectorate",
                                                             "other"};
  static constexpr std::array<SpeakerCategory, 4> kCategoryValues = {
      SpeakerCategory::kOfficial, SpeakerCategory::kParent, SpeakerCategory::kInspectorate,
      SpeakerCategory::kOther};
  return ForEachObject(line, "quotes", [&](const Fields& item) {
    Quote q;
    if (Status s = item.String("text", q.text); !s.ok()) return s;
    if (Status s = ReadSpan(item, doc.text, q.span); !s.ok()) return s;
    const Json* speaker = nullptr;
    if (Status s = item.Object("speaker", speaker); !s.ok()) return s;
    const Fields who(*speaker, Path(item.where(), "speaker"));
    std::size_t category = 0;
    if (Status s = who.OptionalString("name", q.speaker.name); !s.ok()) return s;
    if (Status s = who.OptionalString("role", q.speaker.role); !s.ok()) return s;
    if (Status s = who.OptionalString("organisation", q.speaker.organisation); !s.ok()) return s;
    if (Status s = who.OneOf("category", kCategories, category); !s.ok()) return s;
    q.speaker.category = kCategoryValues[category];
    quotes.push_back(std::move(q));
    return Status::Ok();
  });
}

// The document's own fields, text first (the items' spans are checked against it).
Status ReadDocument(const Fields& line, Document& doc) {
  static constexpr std::array<const char*, 3> kKinds = {"news", "letter", "other"};
  static constexpr std::array<Kind, 3> kKindValues = {Kind::kNews, Kind::kLetter, Kind::kOther};
  if (Status s = line.String("source", doc.source); !s.ok()) return s;
  if (Status s = line.OptionalString("url", doc.url); !s.ok()) return s;
  if (Status s = line.String("sha256", doc.sha256); !s.ok()) return s;
  if (!IsSha256(doc.sha256)) return Ill("sha256", "64 lowercase hex digits");
  std::size_t kind = 0;
  if (Status s = line.OneOf("kind", kKinds, kind); !s.ok()) return s;
  doc.kind = kKindValues[kind];
  if (Status s = line.OptionalString("title", doc.title); !s.ok()) return s;
  if (Status s = line.OptionalString("published", doc.published); !s.ok()) return s;
  if (Status s = line.Strings("inspectorates", doc.inspectorates); !s.ok()) return s;
  if (Status s = line.String("text", doc.text); !s.ok()) return s;
  doc.paragraphs = ParagraphsOf(doc.text);
  return Status::Ok();
}

Status ReadExtractor(const Fields& line, ExtractorInfo& info) {
  const Json* extractor = nullptr;
  if (Status s = line.Object("extractor", extractor); !s.ok()) return s;
  const Fields fields(*extractor, "extractor");
  if (Status s = fields.String("version", info.version); !s.ok()) return s;
  return fields.String("lexicons", info.lexicons_digest);
}

// The schema: this contract's, and not an error line.
Status CheckSchema(const Fields& line, const Json& json) {
  std::string schema;
  if (Status s = line.String("schema", schema); !s.ok()) return s;
  if (schema != kContractSchema) {
    return Status::InvalidArgument("schema " + Shortened(schema, 60) + " is not " +
                                   kContractSchema);
  }
  auto error = json.find("error");
  if (error != json.end()) {
    std::string reason = error->is_string() ? error->get<std::string>() : error->dump();
    return Status::InvalidArgument("an error line: " + Shortened(std::move(reason), 1000));
  }
  return Status::Ok();
}

Result<Json> ParseJson(std::string_view line) {
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::Corruption("an empty line");
  }
  try {
    return Json::parse(line);
  } catch (const Json::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
    std::string what = e.what();
    const std::size_t bracket = what.find("] ");
    if (what.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
      what.erase(0, bracket + 2);
    }
    return Status::Corruption("not JSON: " + Shortened(std::move(what), kMaxReasonBytes));
  }
}

}  // namespace

Result<ParsedLine> ParseContractLine(std::string_view line) {
  Result<Json> json = ParseJson(line);
  if (!json.ok()) return json.status();
  if (!json->is_object()) return Status::Corruption("not a JSON object");
  const Fields fields(*json, "");
  if (Status s = CheckSchema(fields, *json); !s.ok()) return s;

  ParsedLine parsed;
  Extraction& x = parsed.extraction;
  if (Status s = ReadExtractor(fields, parsed.extractor); !s.ok()) return s;
  if (Status s = ReadDocument(fields, x.document); !s.ok()) return s;
  if (Status s = ReadAreas(fields, x.local_areas); !s.ok()) return s;
  if (Status s = ReadInspection(fields, x.inspection); !s.ok()) return s;
  if (Status s = ReadFindings(fields, x.document, x.findings); !s.ok()) return s;
  if (Status s = ReadDeadlines(fields, x.document, x.deadlines); !s.ok()) return s;
  if (Status s = ReadQuotes(fields, x.document, x.quotes); !s.ok()) return s;
  return parsed;
}

}  // namespace sendscan
