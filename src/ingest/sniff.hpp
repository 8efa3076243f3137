// Format sniffing: what the bytes are, whatever the file is called.
#pragma once

#include <string_view>

#include "sendscan/document.hpp"
#include "sendscan/status.hpp"

namespace sendscan {

enum class Sniffed { kText, kHtml, kPdf, kUtf16Text, kBinary };

// Looks at the first few kilobytes: "%PDF-" near the start is PDF; a UTF-16 byte-order mark is
// UTF-16 text (HTML or plain, decided after decoding); NUL or many control bytes is binary;
// markup such as <!DOCTYPE html>, <html>, <head>, <body> or several block tags is HTML.
Sniffed SniffBytes(std::string_view bytes);

// After decoding: does this UTF-8 text look like an HTML page?
bool LooksLikeHtml(std::string_view utf8);

}  // namespace sendscan
