#pragma once
// Issue 33 pt 10, no stale figures: docs/model.md's pattern table (section "Calibration") gives, for each documented
// pattern, what its pattern test measures. Each pattern test hands its measurement to expect_pattern_figure, which
// holds the row's last cell to it: the cell must begin with the figure exactly as the test formats it (prose may
// follow). The figures are checked only at the runs the table states, that is without PARTYLINE_PATTERN_RUNS (the
// sanitizer presets run fewer). When the model changes, `PARTYLINE_UPDATE_DOCS=1
// build/test/tests/partyline_integration_tests --gtest_filter='*Pattern*:*Counterfactual*'` rewrites the stale
// figures in place; the prose after them stays, and the diff shows what moved.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "../test_support.hpp"

namespace partyline::testing {

/// A share of runs as the pattern table prints it: "100%" when every run, else one decimal ("87.1%").
inline std::string percent(double count, double of) {
  if (of > 0 && count == of) return "100%";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", of > 0 ? 100.0 * count / of : 0.0);
  return buf;
}

/// printf into a std::string (the figures' formats).
using partyline::testing::printf_string;
template <class... Args>
std::string format(const char* fmt, Args... args) {
  return printf_string(fmt, args...);
}

/// A whole number with thousands separated by commas ("2,698").
inline std::string grouped(long long x) { return partyline::testing::with_thousands(std::to_string(x)); }

/// The figure's shape as a regular expression: its words and signs as they are, each number any number. A cell whose
/// figure has another shape (a row rewritten by hand into another form) is reported as such, never rewritten.
inline std::string shape_of(const std::string& figure) {
  std::string re;
  for (std::size_t i = 0; i < figure.size();) {
    if (std::isdigit(static_cast<unsigned char>(figure[i]))) {
      while (i < figure.size() && (std::isdigit(static_cast<unsigned char>(figure[i])) ||
                                   ((figure[i] == '.' || figure[i] == ',') && i + 1 < figure.size() &&
                                    std::isdigit(static_cast<unsigned char>(figure[i + 1])))))
        ++i;
      re += R"(\d+(?:[.,]\d+)*)";
      continue;
    }
    if (std::string_view(R"(\^$.|?*+()[]{}-)").find(figure[i]) != std::string_view::npos) re += '\\';
    re += figure[i++];
  }
  return re;
}

/// Holds the pattern table's row for `case_name` (the start of its case cell) and `pattern` (the start of its pattern
/// cell) to `figure`, what the test measured.
inline void expect_pattern_figure(const std::string& case_name, const std::string& pattern, const std::string& figure) {
  std::printf("pattern table: %s, %s: %s\n", case_name.c_str(), pattern.c_str(), figure.c_str());
  if (std::getenv("PARTYLINE_PATTERN_RUNS")) return;
  const bool update = std::getenv("PARTYLINE_UPDATE_DOCS") != nullptr;
  const auto path = source_dir() / "docs" / "model.md";
  std::vector<std::string> lines;
  {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  std::size_t at = 0;
  while (at < lines.size() && lines[at] != "## Calibration") ++at;
  while (at < lines.size() && lines[at].rfind("| case | pattern |", 0) != 0) ++at;
  ASSERT_LT(at, lines.size()) << "docs/model.md has no pattern table under '## Calibration'";
  std::string current_case;
  for (std::size_t i = at + 2; i < lines.size() && lines[i].rfind('|', 0) == 0; ++i) {
    auto cells = table_cells(lines[i]);
    if (cells.size() < 4) continue;
    if (!cells[0].empty()) current_case = cells[0];
    if (current_case.rfind(case_name, 0) != 0 || cells[1].rfind(pattern, 0) != 0) continue;
    std::string& cell = cells.back();
    std::smatch m;
    const std::regex shape(shape_of(figure));
    if (!std::regex_search(cell, m, shape, std::regex_constants::match_continuous)) {
      ADD_FAILURE() << "docs/model.md's pattern table, " << case_name << " / " << pattern << ": '" << cell
                    << "' does not begin with a figure shaped like the test's '" << figure << "'";
      return;
    }
    if (m.str() == figure) return;
    if (!update) {
      ADD_FAILURE() << "docs/model.md's pattern table, " << case_name << " / " << pattern << ": " << m.str()
                    << " where the runs give " << figure << " (regenerate with PARTYLINE_UPDATE_DOCS=1 "
                    << "build/test/tests/partyline_integration_tests --gtest_filter='*Pattern*:*Counterfactual*')";
      return;
    }
    cell.replace(0, static_cast<std::size_t>(m.length()), figure);
    std::string rebuilt = "|";
    for (const auto& c : cells) rebuilt += c.empty() ? " |" : " " + c + " |";
    lines[i] = rebuilt;
    std::ofstream out(path);
    for (const auto& line : lines) out << line << '\n';
    std::printf("pattern table: rewritten\n");
    return;
  }
  ADD_FAILURE() << "docs/model.md's pattern table has no row for " << case_name << " / " << pattern;
}

}  // namespace partyline::testing
