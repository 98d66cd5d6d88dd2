// Targets: a scenario's documented facts against its runs.
#include "partyline/outcome/targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "partyline/error.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/stats.hpp"

namespace partyline {

namespace {

/// The columns of a target's outcome: "a + b" -> {a, b}.
std::vector<std::string> columns_of(const std::string& outcome) {
  std::vector<std::string> out;
  std::stringstream in(outcome);
  for (std::string part; std::getline(in, part, '+');) {
    const auto b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? std::string() : part.substr(b, e - b + 1));
  }
  return out;
}

std::string cell(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

void check_targets(const scenario& s) {
  for (std::size_t i = 0; i < s.targets.size(); ++i) {
    const target_def& t = s.targets[i];
    const std::string path = "targets[" + std::to_string(i) + "].outcome";
    const auto cols = columns_of(t.outcome);
    if (cols.empty()) throw scenario_error(t.mark, path, "names no column");
    for (const auto& c : cols) {
      bool known = false;
      if (t.council.empty()) {
        for (const auto& info : run_outcome_info) known = known || info.name == c;
      } else {
        for (const auto& p : s.parties) known = known || c == "seats_end_" + p.id;
        for (auto name : council_count_names) known = known || name == c;
      }
      if (c.empty()) throw scenario_error(t.mark, path, "an empty column in '" + t.outcome + "'");
      if (!known)
        throw scenario_error(t.mark, path,
                             "'" + c + "' is not a numeric column of " + (t.council.empty() ? "runs.csv" : "councils.csv") +
                                 " (docs/outcomes.md)");
    }
  }
}

double target_tolerance(const target_def& t) {
  // The loader resolves a scenario's targets; a target built in code may still leave it out.
  return t.tolerance > 0 ? t.tolerance : default_tolerance(t);
}

namespace {

/// The target table over any table of runs and councils: `values(t, column)` is column `column` on the rows target
/// `t` reads (the runs, or its council's rows), as numbers.
template <class Values>
table_data targets_over(const std::vector<target_def>& targets, const Values& values_of) {
  table_data out;
  out.columns = {"name", "label", "outcome", "council", "statistic", "observed", "range_lo", "range_hi", "tolerance", "runs",
                 "simulated", "sim_p05", "sim_p95", "inside", "distance", "source"};
  for (const target_def& t : targets) {
    std::vector<double> values;
    bool first = true;
    for (const auto& c : columns_of(t.outcome)) {
      const auto v = values_of(t, c);
      if (first) {
        values.assign(v.size(), 0.0);
        first = false;
      }
      for (std::size_t r = 0; r < values.size(); ++r) values[r] += v[r];
    }
    if (t.statistic == target_statistic::share)
      for (double& v : values) v = v > 0 ? 1.0 : 0.0;
    double simulated = NAN, p05 = NAN, p95 = NAN;
    if (!values.empty()) {
      std::vector<double> sorted = values;
      p05 = percentile(sorted, 0.05);
      p95 = percentile(sorted, 0.95);
      if (t.statistic == target_statistic::median) {
        simulated = percentile(sorted, 0.5);
      } else {
        simulated = 0;
        for (double v : values) simulated += v;
        simulated /= static_cast<double>(values.size());
      }
    }
    const bool inside = !values.empty() && t.lo <= p95 && t.hi >= p05;
    const double tol = target_tolerance(t);
    const double miss = simulated < t.lo ? t.lo - simulated : simulated > t.hi ? simulated - t.hi : 0.0;
    out.rows.push_back({t.name, t.label, t.outcome, t.council, std::string(to_string(t.statistic)), cell(t.observed), cell(t.lo),
                        cell(t.hi), cell(tol), std::to_string(values.size()), cell(simulated), cell(p05), cell(p95),
                        inside ? "1" : "0", cell(miss / tol), t.source});
  }
  return out;
}

}  // namespace

table_data target_table(const std::vector<target_def>& targets, const result_table& runs, const result_table& councils) {
  return targets_over(targets, [&](const target_def& t, const std::string& column) {
    return t.council.empty() ? runs.numbers(column) : councils.numbers_where(column, "council", t.council);
  });
}

table_data target_table(const std::vector<target_def>& targets, const table_data& runs, const table_data& councils) {
  return targets_over(targets, [&](const target_def& t, const std::string& column) {
    return t.council.empty() ? runs.numbers(column) : councils.where("council", t.council).numbers(column);
  });
}

std::string format_targets(const table_data& t) {
  std::string out;
  auto num = [](const std::string& v) { return std::strtod(v.c_str(), nullptr); };
  char line[1024];
  for (const auto& r : t.rows) {
    const std::string observed = r[6] == r[7] ? r[5] : r[5] + " (" + r[6] + "-" + r[7] + ")";
    std::snprintf(line, sizeof line, "    %-28s documented %-14s simulated %s %-8s 90%% of runs %s-%s  %s\n", r[0].c_str(),
                  observed.c_str(), r[4].c_str(), cell(std::round(100 * num(r[10])) / 100).c_str(),
                  r[11].c_str(), r[12].c_str(), r[13] == "1" ? "inside" : "OUTSIDE");
    out += line;
    if (!r[1].empty() || !r[15].empty()) {
      std::snprintf(line, sizeof line, "      %s%s%s\n", r[1].c_str(), !r[1].empty() && !r[15].empty() ? " -- " : "", r[15].c_str());
      out += line;
    }
  }
  return out;
}

}  // namespace partyline
