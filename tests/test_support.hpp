#pragma once
// Helpers shared by the tests: paths, running the CLI, reading files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace partyline::testing {

inline std::filesystem::path source_dir() { return PARTYLINE_SOURCE_DIR; }
inline std::filesystem::path data_dir() { return source_dir() / "tests" / "data"; }
inline std::filesystem::path scenario_path(const std::string& name) { return source_dir() / "scenarios" / name; }

/// The names (stems) of the YAML files shipped in a folder, sorted: the scenarios or the sweeps.
inline std::vector<std::string> shipped(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// The cells of a row of a Markdown table ("| a | b |"), each trimmed of spaces.
inline std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line.substr(1));
  for (std::string cell; std::getline(ss, cell, '|');) {
    const auto b = cell.find_first_not_of(" \t");
    cells.push_back(b == std::string::npos ? "" : cell.substr(b, cell.find_last_not_of(" \t") - b + 1));
  }
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct command_result {
  int status = -1;
  std::string out;  ///< stdout and stderr together
};

/// Runs the partyline binary with `args` (a shell-quoted string), capturing output and exit status.
/// PARTYLINE_TEST_BINARY names another binary to drive instead of this build's: a regression test written for a fix
/// can then be seen to fail on a build from before it.
/// printf into a std::string (the docs' figures, printed as the docs print them).
template <class... Args>
std::string printf_string(const char* fmt, Args... args) {
  const int n = std::snprintf(nullptr, 0, fmt, args...);
  std::string out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  std::snprintf(out.data(), out.size() + 1, fmt, args...);
  return out;
}

/// A number as printed ("-2698.5") with its whole part's thousands separated by commas ("-2,698.5").
inline std::string with_thousands(std::string s) {
  const std::size_t digits_from = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const std::size_t point = std::min(s.find('.'), s.size());
  for (std::size_t i = point; i > digits_from + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

inline command_result run_cli(const std::string& args) {
  const char* other = std::getenv("PARTYLINE_TEST_BINARY");
  const std::string cmd = std::string(other && *other ? other : PARTYLINE_BINARY) + " " + args + " 2>&1";
  command_result r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, pipe)) r.out += buf;
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

/// Writes `text` to `p` (test fixtures made on the fly).
/// A sweep store's tables as `partyline export` writes them, concatenated: runs, councils, points and, when the
/// sweep keeps weekly series, weekly. Two stores with equal exports hold the same results.
inline std::string exported(const std::filesystem::path& dir) {
  const auto r = run_cli("export " + dir.string() + " --force");
  EXPECT_EQ(r.status, 0) << r.out;
  const auto out = dir / "export";
  std::string all = slurp(out / "runs.csv") + slurp(out / "councils.csv") + slurp(out / "points.csv");
  if (std::filesystem::exists(out / "weekly.csv")) all += slurp(out / "weekly.csv");
  if (std::filesystem::exists(out / "events.csv")) all += slurp(out / "events.csv");
  return all;
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

/// A fresh, empty temporary directory for one test.
inline std::filesystem::path fresh_dir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("partyline-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace partyline::testing

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <memory>

#include "partyline/partyline.hpp"

namespace partyline::testing {

/// Runs for the case pattern tests: 1,000 by default; the sanitizer presets set PARTYLINE_PATTERN_RUNS lower
/// because ThreadSanitizer and AddressSanitizer slow the engine 5-20 times.
inline int pattern_runs(int fallback = 1000) {
  const char* v = std::getenv("PARTYLINE_PATTERN_RUNS");
  return v ? std::max(50, std::atoi(v)) : fallback;
}

/// tests/data/tiny.yaml, edited in code after loading (the edit must keep resolved fields consistent).
inline frozen_scenario tiny_scenario(const std::function<void(scenario&)>& edit = {}) {
  auto loaded = load_scenario_file(data_dir() / "tiny.yaml");
  auto copy = std::make_shared<scenario>(*loaded);
  if (edit) edit(*copy);
  return copy;
}

/// A scripted allegation (a dated fact) against `subject` in the tiny scenario's council, resolved as the loader would.
inline event_def tiny_allegation(int week, double severity, allegation_subject subject = allegation_subject::leader, int count = 0) {
  event_def e;
  e.week = week;
  e.type = event_kind::allegation;
  e.council = "smalltown";
  e.council_index = 0;
  e.value = severity;
  e.subject = subject;
  e.count = count;
  return e;
}

}  // namespace partyline::testing
