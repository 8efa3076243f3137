// Calendar dates as news pages and letters write them: "2020-01-16", "16 May 2018",
// "Wednesday, 16th May 2018", "February 01 2018", "18 Mar 2022, 17:00", "01/02/2018" (day
// first, the British order).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sendscan {

struct DateMatch {
  std::size_t start = 0;  // byte offsets of the date in the searched text
  std::size_t end = 0;
  std::string iso;        // YYYY-MM-DD
};

// Every complete date (day, month and year, a valid day of that month) in `text`, in order.
std::vector<DateMatch> FindDates(std::string_view text);

// The first complete date in `text` (an ISO timestamp "2018-05-16T09:30:00+01:00" included),
// as YYYY-MM-DD; nullopt when there is none.
std::optional<std::string> ParseDate(std::string_view text);

// 1-12 for an English month name or its abbreviation ("Sept", "feb"); 0 otherwise.
int MonthNumber(std::string_view word);

}  // namespace sendscan
