// Decoding input bytes to UTF-8. The charset detector is slow (about 2.4 MB/s), so it runs only
// when the bytes are not valid UTF-8, and only over the first 64 KiB.
#pragma once

#include <string>
#include <string_view>

#include "sendscan/status.hpp"

namespace sendscan {

struct Decoded {
  std::string utf8;
  std::string encoding;  // "UTF-8", "UTF-16LE", "windows-1252", ...
};

// UTF-8 (a byte-order mark dropped) is kept as it is; UTF-16 with a byte-order mark is
// converted; other bytes are read in `declared` (an HTML page's <meta charset>, may be empty)
// when ICU knows that name, else in the charset ICU's detector names, Latin-1 read as its
// superset windows-1252. Fails with Unsupported when no converter accepts the bytes.
Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view declared = {});

// The charset an HTML page declares in its first 4 KiB (<meta charset="..."> or
// http-equiv content="...; charset=..."), lowercased; empty when none.
std::string DeclaredHtmlCharset(std::string_view bytes);

}  // namespace sendscan
