#include "partyline/scenario/calendar.hpp"

#include <cstdio>

namespace partyline {
namespace {

// Howard Hinnant's civil-from-days algorithms (proleptic Gregorian).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void civil_from_days(long z, long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::optional<long> parse_iso_date(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const long days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  long yy;
  unsigned mm, dd;
  civil_from_days(days, yy, mm, dd);
  if (yy != y || mm != static_cast<unsigned>(m) || dd != static_cast<unsigned>(d)) return std::nullopt;  // 2019-02-30
  return days;
}

std::string date_of_week(const std::string& start, int week) {
  const auto base = parse_iso_date(start);
  if (!base) return "week " + std::to_string(week);
  long y;
  unsigned m, d;
  civil_from_days(*base + 7L * week, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace partyline
