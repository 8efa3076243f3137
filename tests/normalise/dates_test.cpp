#include "normalise/dates.hpp"

#include <gtest/gtest.h>

namespace sendscan {
namespace {

struct Case {
  const char* text;
  const char* iso;  // nullptr: no date
};

TEST(Dates, FormsRealPagesUse) {
  const Case cases[] = {
      {"2020-01-16", "2020-01-16"},
      {"2018-05-16T09:30:00+01:00", "2018-05-16"},
      {"Published Wednesday, 16th May 2018", "2018-05-16"},
      {"February 01 2018", "2018-02-01"},
      {"18 Mar 2022, 17:00", "2022-03-18"},
      {"Friday, 08 December 2023", "2023-12-08"},
      {"| 18 January 2019", "2019-01-18"},
      {"William Eichler 06 April 2016", "2016-04-06"},
      {"Decision date : 04 Nov 2025", "2025-11-04"},
      {"01/02/2018", "2018-02-01"},  // day first
      {"3 December 2019", "2019-12-03"},
      {"the 1st of June, 2020", "2020-06-01"},
      {"Sept 9 2021", "2021-09-09"},
      {"29 February 2024", "2024-02-29"},
      {"16/01/20", "2020-01-16"},
      {"Posted on January 16, 2020 by Admin", "2020-01-16"},
      {"Published: 12:00, 16 JAN 2020", "2020-01-16"},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseDate(c.text), std::optional<std::string>(c.iso)) << c.text;
}

TEST(Dates, IncompleteOrImpossibleDatesAreNotDates) {
  for (const char* text : {"Thursday (February 29)", "in November 2019", "31 June 2020",
                           "29 February 2023", "13/13/2020", "March 18 and 22 this year",
                           "may 2020", "phone 0300 123 1231"}) {
    EXPECT_EQ(ParseDate(text), std::nullopt) << text;
  }
}

TEST(Dates, FindsEveryDateWithItsOffsets) {
  std::vector<DateMatch> d = FindDates("Between 25 November 2019 and 29 November 2019, Ofsted");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].iso, "2019-11-25");
  EXPECT_EQ(d[0].start, 8u);
  EXPECT_EQ(d[0].end, 24u);
  EXPECT_EQ(d[1].iso, "2019-11-29");
}

TEST(Dates, MonthNames) {
  EXPECT_EQ(MonthNumber("Sept"), 9);
  EXPECT_EQ(MonthNumber("DECEMBER"), 12);
  EXPECT_EQ(MonthNumber("Mayor"), 0);
}

}  // namespace
}  // namespace sendscan
