// The contract's JSON (CONTRACT.md) written with nlohmann::ordered_json, so fields keep the
// contract's order and every line is byte-identical for the same input.
#include <nlohmann/json.hpp>

#include "sendscan/contract.hpp"

namespace sendscan {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

const char* RoleName(AreaRole role) { return role == AreaRole::kSubject ? "subject" : "mentioned"; }

const char* CategoryName(SpeakerCategory c) {
  switch (c) {
    case SpeakerCategory::kOfficial: return "official";
    case SpeakerCategory::kParent: return "parent";
    case SpeakerCategory::kInspectorate: return "inspectorate";
    case SpeakerCategory::kOther: return "other";
  }
  return "other";
}

Json AreasJson(const std::vector<LocalArea>& areas) {
  Json out = Json::array();
  for (const LocalArea& a : areas) {
    out.push_back({{"name", a.name}, {"gss", OrNull(a.gss)}, {"role", RoleName(a.role)}});
  }
  return out;
}

Json InspectionJson(const std::optional<Inspection>& in) {
  if (!in) return nullptr;
  return {{"month", OrNull(in->month)},
          {"revisit", in->revisit},
          {"outcome", OrNull(in->outcome)},
          {"weakness_areas", OrNull(in->weakness_areas)},
          {"weakness_areas_improved", OrNull(in->weakness_areas_improved)}};
}

Json FindingsJson(const Extraction& x) {
  Json out = Json::array();
  for (const Finding& f : x.findings) {
    out.push_back({{"polarity", f.polarity == Polarity::kWeakness ? "weakness" : "strength"},
                   {"themes", f.themes},
                   {"text", x.document.Slice(f.span)},
                   {"start", f.span.start},
                   {"end", f.span.end},
                   {"cue", f.cue}});
  }
  return out;
}

Json DeadlinesJson(const Extraction& x) {
  Json out = Json::array();
  for (const Deadline& d : x.deadlines) {
    out.push_back({{"text", x.document.Slice(d.span)},
                   {"duration", OrNull(d.duration)},
                   {"due", OrNull(d.due)},
                   {"working_days", d.working_days},
                   {"action", OrNull(d.action)},
                   {"start", d.span.start},
                   {"end", d.span.end}});
  }
  return out;
}

Json QuotesJson(const Extraction& x) {
  Json out = Json::array();
  for (const Quote& q : x.quotes) {
    Json speaker = {{"name", OrNull(q.speaker.name)},
                    {"role", OrNull(q.speaker.role)},
                    {"organisation", OrNull(q.speaker.organisation)},
                    {"category", CategoryName(q.speaker.category)}};
    out.push_back({{"text", q.text}, {"start", q.span.start}, {"end", q.span.end},
                   {"speaker", std::move(speaker)}});
  }
  return out;
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string ContractLine(const Extraction& x, const ExtractorInfo& info) {
  const Document& d = x.document;
  Json j;
  j["schema"] = kContractSchema;
  j["source"] = d.source;
  j["url"] = OrNull(d.url);
  j["sha256"] = d.sha256;
  j["extractor"] = {{"version", info.version}, {"lexicons", info.lexicons_digest}};
  j["kind"] = KindName(d.kind);
  j["title"] = OrNull(d.title);
  j["published"] = OrNull(d.published);
  j["local_areas"] = AreasJson(x.local_areas);
  j["inspectorates"] = d.inspectorates;
  j["inspection"] = InspectionJson(x.inspection);
  j["text"] = d.text;
  j["findings"] = FindingsJson(x);
  j["deadlines"] = DeadlinesJson(x);
  j["quotes"] = QuotesJson(x);
  return Dump(j);
}

std::string ContractErrorLine(const std::string& source, const std::string& reason) {
  Json j;
  j["schema"] = kContractSchema;
  j["source"] = source;
  j["error"] = reason;
  return Dump(j);
}

}  // namespace sendscan
