#include "normalise/characters.hpp"

namespace sendscan {
namespace {

// Replacement for a non-ASCII code point; nullptr keeps it, "" drops it.
const char* Replacement(char32_t c) {
  switch (c) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x2028:
      return " ";
    case 0x2029: return "\n\n";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F:
      return "";
    case 0x201A: case 0x201B: case 0x2039: case 0x2035: return "\u2018";
    case 0x2032: case 0x203A: case 0x02BC: case 0x00B4: return "\u2019";
    case 0x201E: case 0x201F: case 0x00AB: case 0x2036: case 0x301D: return "\u201C";
    case 0x2033: case 0x00BB: case 0x301E: return "\u201D";
    case 0x2010: case 0x2011: return "-";
    case 0x2012: case 0x2014: case 0x2015: case 0x2212: case 0xFE58: case 0xFE63:
    case 0xFF0D: case 0x2043:
      return "\u2013";
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    case 0xFB05: case 0xFB06: return "st";
    default: return nullptr;
  }
}

// Decodes the sequence at s[i]; returns its length (1 for a stray byte, kept as is).
std::size_t Decode(std::string_view s, std::size_t i, char32_t& c) {
  auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return static_cast<char32_t>(s[i + k]) & 0x3F; };
  if ((b >> 5) == 0x6 && i + 1 < s.size()) { c = ((b & 0x1Fu) << 6) | cont(1); return 2; }
  if ((b >> 4) == 0xE && i + 2 < s.size()) {
    c = ((b & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    return 3;
  }
  if ((b >> 3) == 0x1E && i + 3 < s.size()) {
    c = ((b & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    return 4;
  }
  c = 0xFFFD;
  return 1;
}

void AppendAscii(std::string& out, std::string_view in, std::size_t& i) {
  char ch = in[i];
  if (ch == '\r') {
    out.push_back('\n');
    if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
  } else if (ch == '\t') {
    out.push_back(' ');
  } else if (ch == '\f') {
    out += "\n\n";
  } else if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\n') {
    out.push_back(ch);
  }  // other control characters are dropped
  ++i;
}

// Printable ASCII and newlines pass through unchanged.
bool PassesThrough(char ch) {
  auto c = static_cast<unsigned char>(ch);
  return (c >= 0x20 && c < 0x80) || c == '\n';
}

}  // namespace

std::string UnifyCharacters(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t run = i;
    while (run < in.size() && PassesThrough(in[run])) ++run;
    out.append(in.substr(i, run - i));  // most of a text in one append
    i = run;
    if (i == in.size()) break;
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      AppendAscii(out, in, i);
      continue;
    }
    char32_t c = 0;
    std::size_t length = Decode(in, i, c);
    if (c == 0x0085) {  // NEL
      out.push_back('\n');
    } else if (const char* r = Replacement(c)) {
      out += r;
    } else {
      out.append(in.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace sendscan
