// STUB (being rewritten): local areas by gazetteer name, the most frequent as subject.
#include <algorithm>
#include <map>

#include "lexicon/lexicons.hpp"
#include "sendscan/extract.hpp"

namespace sendscan {

std::vector<LocalArea> ExtractLocalAreas(const Document& document, const Lexicons& lexicons) {
  std::map<std::uint32_t, int> counts;
  std::vector<std::uint32_t> order;
  for (const PhraseHit& hit : lexicons.area_names.FindAll(Tokenize(document.text))) {
    std::uint32_t area = PayloadArea(hit.payloads->front());
    if (counts[area]++ == 0) order.push_back(area);
  }
  std::vector<LocalArea> out;
  if (order.empty()) return out;
  std::uint32_t top = *std::max_element(order.begin(), order.end(), [&](auto a, auto b) {
    return counts[a] < counts[b];
  });
  for (std::uint32_t id : order) {
    const AreaEntry& a = lexicons.areas[id];
    out.push_back({a.name, a.gss.empty() ? std::nullopt : std::optional<std::string>(a.gss),
                   id == top ? AreaRole::kSubject : AreaRole::kMentioned});
  }
  return out;
}

}  // namespace sendscan
