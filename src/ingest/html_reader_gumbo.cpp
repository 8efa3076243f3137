// STUB: being written. Reads HTML with gumbo.
#include "ingest/readers.hpp"

namespace sendscan {

Status ReadHtmlBlocks(std::string_view utf8, const ReadOptions& options, RawDocument& doc) {
  (void)options;
  doc.blocks.push_back({Block::Type::kParagraph, std::string(utf8)});
  return Status::Ok();
}

}  // namespace sendscan
