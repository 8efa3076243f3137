#include "normalise/characters.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

struct Case {
  const char* in;
  const char* out;
};

TEST(Characters, OneFormPerMarkKeepingQuoteDirection) {
  const Case cases[] = {
      {"\u201EYes\u201F", "\u201CYes\u201C"},          // low-9 and reversed open quotes
      {"\u00ABnon\u00BB", "\u201Cnon\u201D"},          // guillemets
      {"it\u02BCs", "it\u2019s"},                       // modifier-letter apostrophe
      {"2019\u20142020", "2019\u20132020"},             // em dash -> en dash
      {"co\u2011production", "co-production"},          // non-breaking hyphen
      {"\u221270", "\u201370"},                         // minus sign
      {"Ofsted\u00A0and\u2009CQC", "Ofsted and CQC"},   // no-break and thin spaces
      {"zero\u200Bwidth\u00ADsoft", "zerowidthsoft"},   // invisible characters
      {"\uFB01ndings \uFB02ag", "findings flag"},       // PDF ligatures
      {"a\r\nb\rc\fd", "a\nb\nc\n\nd"},                 // line ends
      {"tab\there\x01", "tab here"},                    // tab, control byte
      {"\"straight\" 'quotes'", "\"straight\" 'quotes'"},  // kept as written
  };
  for (const Case& c : cases) EXPECT_EQ(UnifyCharacters(c.in), c.out) << c.in;
}

TEST(Characters, LettersAndMisspellingsAreNeverChanged) {
  EXPECT_EQ(UnifyCharacters("sognificant Cre Quality Commission café"),
            "sognificant Cre Quality Commission café");
}

}  // namespace
}  // namespace sendscan
