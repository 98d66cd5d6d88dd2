#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/csv.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief CSV (RFC 4180), both ways: one writer for every table partyline writes (header cells are quoted like any
/// other cell), and one reader that understands quoted cells, doubled quotes, embedded commas and line breaks, and
/// CRLF line ends.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/results.hpp"

namespace partyline {

/// @brief A cell as CSV: quoted when it holds a comma, a quote or a line break, quotes doubled.
[[nodiscard]] std::string csv_field(std::string_view s);

/// @brief Builds a CSV text row by row.
class csv_writer {
 public:
  explicit csv_writer(const std::vector<std::string>& header);
  csv_writer& cell(std::string_view text);
  csv_writer& cell(const std::string& text) { return cell(std::string_view(text)); }
  csv_writer& cell(const char* text) { return cell(std::string_view(text)); }
  csv_writer& cell(std::int64_t n);
  csv_writer& cell(int n) { return cell(static_cast<std::int64_t>(n)); }
  csv_writer& cell(std::uint64_t n);
  csv_writer& cell(double x);  ///< shortest text that reads back as the same double
  void end_row();
  [[nodiscard]] const std::string& text() const { return out_; }

 private:
  void separator();
  std::string out_;
  bool row_started_ = false;
};

/// @brief A whole table as CSV text.
[[nodiscard]] std::string to_csv(const table_data& t);
/// @brief A run set's table (results.hpp) as CSV text: integers in decimal, reals in their shortest round-trip form.
[[nodiscard]] std::string to_csv(const result_table& t);

/// @brief Parses CSV text: the first row names the columns. usage_error (with `label` and the line) for an
/// unterminated quote or a row with more cells than the header.
[[nodiscard]] table_data read_csv(std::string_view text, const std::string& label);

}  // namespace partyline
