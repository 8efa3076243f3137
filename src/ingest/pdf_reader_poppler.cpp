// STUB: being written. Reads PDF with poppler-cpp.
#include "ingest/readers.hpp"

namespace sendscan {

Status ReadPdfBlocks(std::string_view bytes, RawDocument& doc) {
  (void)bytes;
  (void)doc;
  return Status::Unsupported("PDF reading not built yet");
}

}  // namespace sendscan
