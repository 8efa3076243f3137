// Unicode normalisation (ICU): text in NFC, so "é" has one byte form whatever the source did.
#pragma once

#include <string>
#include <string_view>

namespace sendscan {

// NFC form of `utf8`. ASCII and already-normalised text (nearly everything) is returned
// unchanged after a quick check.
std::string ToNfc(std::string_view utf8);

}  // namespace sendscan
