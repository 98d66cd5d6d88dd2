#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/calendar.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief Week numbers to dates, for readable event logs ("week 24, 2019-02-18").
#include <optional>
#include <string>

namespace partyline {

/// @brief Days since 1970-01-01 of an ISO date "YYYY-MM-DD", or nothing if it is not a valid date.
[[nodiscard]] std::optional<long> parse_iso_date(const std::string& text);
/// @brief The ISO date `week` weeks after `start` (an ISO date).
[[nodiscard]] std::string date_of_week(const std::string& start, int week);

}  // namespace partyline
