// Reads PDF with poppler-cpp: the only file that includes poppler. Takes each page's text in
// physical layout and hands the lines to pdf_layout.cpp, which rebuilds the running text.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "ingest/pdf_layout.hpp"
#include "ingest/readers.hpp"

namespace sendscan {
namespace {

void IgnorePopplerMessage(const std::string& /*message*/, void* /*closure*/) {}

// Poppler reports every syntax error of a damaged file on stderr unless given a handler, and the
// library must not print (a batch of damaged files would bury the CLI's one line per file). The
// handler lives in poppler, process-wide, so it is installed exactly once by a function-local
// static: its initialisation is thread-safe, and the value it sets never changes afterwards, so
// concurrent readers share no state that anyone mutates.
void SilencePopplerOnce() {
  static const bool silenced = [] {
    poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
    return true;
  }();
  (void)silenced;
}

std::string ToUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Physical layout, because it is the one of poppler's three text layouts that prints a blank line
// for a vertical gap (how letters separate paragraphs) and leaves a line-end hyphen alone. The
// default reading-order layout joins hyphenated lines itself, dropping the hyphen of
// "self-" / "evaluation" too, and raw order loses the gaps. Its one cost, columns side by side
// merged into one line, does not arise in the single-column letters the inspectorates publish.
std::vector<pdf::PageLines> PageTexts(const poppler::document& pdf) {
  std::vector<pdf::PageLines> pages;
  for (int i = 0; i < pdf.pages(); ++i) {
    const std::unique_ptr<poppler::page> page(pdf.create_page(i));
    if (page == nullptr) {
      pages.emplace_back();  // an unreadable page reads as empty; the others still count
      continue;
    }
    pages.push_back(
        pdf::SplitPageLines(ToUtf8(page->text(poppler::rectf(), poppler::page::physical_layout))));
  }
  return pages;
}

std::string InfoTitle(const poppler::document& pdf) {
  std::string title = ToUtf8(pdf.info_key("Title"));
  const auto first = title.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return title.substr(first, title.find_last_not_of(" \t\r\n") - first + 1);
}

// Whether the file still ends as a PDF must: with "%%EOF" (give or take trailing junk some
// servers append). Poppler rebuilds a file cut short and reads whatever pages survive; storing
// that partial text as if it were the letter would be worse than refusing it.
bool HasEndMarker(std::string_view bytes) {
  constexpr std::size_t kTail = 8 * 1024;
  const std::string_view tail = bytes.substr(bytes.size() > kTail ? bytes.size() - kTail : 0);
  return tail.find("%%EOF") != std::string_view::npos;
}

void FillDocument(const poppler::document& pdf, RawDocument& doc) {
  doc.pages = pdf.pages();
  if (std::string title = InfoTitle(pdf); !title.empty()) doc.hints.title = std::move(title);
  std::vector<Block> blocks = pdf::PagesToBlocks(PageTexts(pdf));
  for (Block& b : blocks) doc.blocks.push_back(std::move(b));
}

}  // namespace

Status ReadPdfBlocks(std::string_view bytes, RawDocument& doc) {
  SilencePopplerOnce();
  if (bytes.empty()) return Status::Corruption("not a readable PDF (truncated or corrupt)");
  // poppler takes the length as an int; ReadOptions::max_bytes keeps real inputs far below.
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return Status::Unsupported("PDF too large for the PDF library (over 2 GiB)");
  }
  try {
    // load_from_raw_data reads `bytes` in place (no copy): they outlive `pdf`, which dies here.
    const std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (pdf == nullptr) return Status::Corruption("not a readable PDF (truncated or corrupt)");
    if (pdf->is_locked()) return Status::Unsupported("encrypted PDF (password required)");
    if (!HasEndMarker(bytes)) return Status::Corruption("truncated PDF (no %%EOF end marker)");
    FillDocument(*pdf, doc);
    return Status::Ok();
  } catch (const std::exception& e) {  // poppler-cpp is not documented to throw; be safe anyway
    return Status::Internal(std::string("PDF library failed: ") + e.what());
  }
}

}  // namespace sendscan
