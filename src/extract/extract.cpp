// Extract: runs every extractor over one document. Each extractor is independent of the
// others and reads only the Document and the Lexicons.
#include "sendscan/extract.hpp"

namespace sendscan {

Extraction Extract(Document document, const Lexicons& lexicons) {
  Extraction out;
  out.local_areas = ExtractLocalAreas(document, lexicons);
  out.document = std::move(document);
  return out;
}

}  // namespace sendscan
