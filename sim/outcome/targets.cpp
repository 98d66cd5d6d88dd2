// Targets: a scenario's documented facts against its runs.
#include "partyline/outcome/targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "partyline/error.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/stats.hpp"

namespace partyline {

std::vector<std::string> target_columns(const std::string& outcome) {
  std::vector<std::string> out;
  std::stringstream in(outcome);
  for (std::string part; std::getline(in, part, '+');) {
    const auto b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? std::string() : part.substr(b, e - b + 1));
  }
  return out;
}

namespace {

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
    const auto cols = target_columns(t.outcome);
    if (cols.empty()) throw scenario_error(t.mark, path, "names no column");
    for (const auto& c : cols) {
      bool known = false;
      if (t.at_week >= 0) {
        for (const auto& reporter : weekly_reporters) known = known || reporter.name == c;
      } else if (t.council.empty()) {
        for (const auto& info : run_outcome_info) {
          if (info.name != c) continue;
          known = true;
          if (t.timed() && (info.how == measure::level_start || info.how == measure::level_end))
            throw scenario_error(t.mark, path, "'" + c + "' is a level, not a count: a fact on when (`within_weeks`) times counts of events");
        }
      } else if (t.timed()) {
        for (auto name : council_count_names) known = known || name == c;
      } else if (!t.equals.empty()) {
        known = c == "administration_end";  // the loader has checked it is the whole outcome
      } else {
        for (const auto& p : s.parties) known = known || c == "seats_end_" + p.id;
        for (auto name : council_count_names) known = known || name == c;
      }
      if (c.empty()) throw scenario_error(t.mark, path, "an empty column in '" + t.outcome + "'");
      if (!known && c == "administration_end" && !t.council.empty() && t.at_week < 0)
        throw scenario_error(t.mark, path, "'administration_end' is a text column: a target reads it with `equals`, the administration documented");
      if (!known)
        throw scenario_error(t.mark, path,
                             "'" + c + "' is not " +
                                 (t.at_week >= 0 ? std::string("a weekly reporter (a column of weekly.csv), which a dated target (`at`) reads")
                                  : t.timed() && !t.council.empty() ? std::string("a count of councils.csv, which a fact on when (`within_weeks`) in a council times")
                                                 : "a numeric column of " + std::string(t.council.empty() ? "runs.csv" : "councils.csv")) +
                                 " (docs/outcomes.md)");
    }
  }
}

double target_tolerance(const target_def& t) {
  // The loader resolves a scenario's targets; a target built in code may still leave it out.
  return t.tolerance > 0 ? t.tolerance : default_tolerance(t);
}

namespace {

/// Runs whose value falls in [lo, hi] must be at least this share for a fact to count as reproduced; below
/// missed_below it is missed (issue 33: a verdict that means something; docs/outcomes.md).
constexpr double reproduced_at = 0.25;
constexpr double missed_below = 0.05;

/// Whether the runs' values split into two groups: both groups of the best two-way split (Otsu: the threshold that
/// maximises the between-group variance) hold at least 10% of the runs, their means lie more than four pooled
/// standard deviations apart (a hard split of one normal gives about 2.7, of a uniform 3.5), and Sarle's bimodality
/// coefficient exceeds 5/9 (a uniform's). Returns the lower group's share and both groups' means (share < 0: no).
struct split {
  double low_share = -1, low_mean = 0, high_mean = 0;
};
split two_groups(std::vector<double> v) {
  split out;
  const std::size_t n = v.size();
  if (n < 20) return out;
  std::sort(v.begin(), v.end());
  if (v.front() == v.back()) return out;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(n);
  double m2 = 0, m3 = 0, m4 = 0;
  for (double x : v) {
    const double d = x - mean;
    m2 += d * d, m3 += d * d * d, m4 += d * d * d * d;
  }
  m2 /= static_cast<double>(n), m3 /= static_cast<double>(n), m4 /= static_cast<double>(n);
  const double skew = m3 / std::pow(m2, 1.5), excess = m4 / (m2 * m2) - 3;
  const double nn = static_cast<double>(n);
  const double bc = (skew * skew + 1) / (excess + 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3)));
  // Otsu over the sorted values: prefix sums give each split's between-group variance.
  std::vector<double> prefix(n + 1, 0.0), prefix2(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + v[i], prefix2[i + 1] = prefix2[i] + v[i] * v[i];
  double best = -1;
  std::size_t cut = 0;
  for (std::size_t k = 1; k < n; ++k) {
    if (v[k] == v[k - 1]) continue;  // split between distinct values only
    const double a = static_cast<double>(k), b = nn - a;
    const double ma = prefix[k] / a, mb = (prefix[n] - prefix[k]) / b;
    const double between = a * b * (ma - mb) * (ma - mb);
    if (between > best) best = between, cut = k;
  }
  if (cut == 0) return out;
  const double a = static_cast<double>(cut), b = nn - a;
  if (a < 0.1 * nn || b < 0.1 * nn) return out;
  const double ma = prefix[cut] / a, mb = (prefix[n] - prefix[cut]) / b;
  const double va = std::max(0.0, prefix2[cut] / a - ma * ma), vb = std::max(0.0, (prefix2[n] - prefix2[cut]) / b - mb * mb);
  const double pooled = std::sqrt((va + vb) / 2);
  const bool apart = pooled == 0 || (mb - ma) / pooled > 4;
  if (!apart || bc <= 5.0 / 9.0) return out;
  out.low_share = a / nn, out.low_mean = ma, out.high_mean = mb;
  return out;
}

/// The target table over any table of runs and councils: `values(t, column)` is column `column` on the rows target
/// `t` reads (the runs, or its council's rows), as numbers.
template <class Values>
table_data targets_over(const std::vector<target_def>& targets, const Values& values_of) {
  table_data out;
  out.columns = {"name", "label", "outcome", "council", "statistic", "observed", "range_lo", "range_hi", "tolerance", "runs",
                 "simulated", "sim_p05", "sim_p95", "inside", "distance", "source", "reproduced_share", "reproduced_lo",
                 "reproduced_hi", "verdict", "bimodal", "groups", "use", "at", "since", "happened", "equals",
                 "within_weeks"};
  for (const target_def& t : targets) {
    std::vector<double> values;
    bool first = true;
    // A fact on when reads its whole outcome at once (the runs timed its sum of columns): one call, no column.
    for (const auto& c : t.timed() ? std::vector<std::string>{std::string()} : target_columns(t.outcome)) {
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
    // How likely the model makes the documented fact: the share of runs whose value is the documented one (for a
    // yes/no fact, the probability of the documented outcome), with its exact 95% interval; the verdict from it.
    long long in_range = 0;
    for (double v : values) in_range += v >= t.lo && v <= t.hi;
    const auto n = static_cast<long long>(values.size());
    const interval share = n > 0 ? clopper_pearson(in_range, n) : interval{NAN, NAN, NAN};
    const char* verdict = n == 0 ? "" : share.estimate >= reproduced_at ? "reproduced" : share.estimate < missed_below ? "missed" : "weak";
    const split groups = t.statistic == target_statistic::share ? split{} : two_groups(values);
    std::string group_text;
    if (groups.low_share >= 0) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.2f near %.4g; %.2f near %.4g", groups.low_share, groups.low_mean, 1 - groups.low_share,
                    groups.high_mean);
      group_text = buf;
    }
    out.rows.push_back({t.name, t.label, t.outcome, t.council, std::string(to_string(t.statistic)), cell(t.observed), cell(t.lo),
                        cell(t.hi), cell(tol), std::to_string(values.size()), cell(simulated), cell(p05), cell(p95),
                        inside ? "1" : "0", cell(miss / tol), t.source, cell(share.estimate), cell(share.lo), cell(share.hi),
                        verdict, groups.low_share >= 0 ? "1" : "0", group_text, std::string(to_string(t.use)), t.at, t.since,
                        t.happened, t.equals, t.timed() ? std::to_string(static_cast<int>(t.within_weeks)) : std::string()});
  }
  return out;
}

}  // namespace

namespace {

/// A dated target's values, one a run: the reporter `column` at the end of week `at_week` in the target's council (or
/// party-wide), minus its value at the end of `since_week` when the target has `since`.
std::vector<double> dated_values(const target_def& t, const std::string& column, const result_table& checkpoints) {
  if (checkpoints.rows() == 0) return {};
  const result_column& run = checkpoints.column("run");
  const result_column& week = checkpoints.column("week");
  const result_column& council = checkpoints.column("council");
  const result_column& value = checkpoints.column(column);
  const result_column& timing = checkpoints.column("target");
  const std::string& where = t.council.empty() ? std::string("all") : t.council;
  std::vector<double> at, since;
  std::vector<std::int64_t> at_runs, since_runs;
  for (std::size_t r = 0; r < checkpoints.rows(); ++r) {
    // A fact on when's row (its target's index, at its documented week) holds no reporter's value: a dated target
    // whose week is that documented week must not read it.
    if (timing.integers[r] >= 0) continue;
    if (council.text(r) != where) continue;
    if (week.integers[r] == t.at_week) at.push_back(value.number(r)), at_runs.push_back(run.integers[r]);
    if (t.since_week >= -1 && week.integers[r] == t.since_week) since.push_back(value.number(r)), since_runs.push_back(run.integers[r]);
  }
  if (t.since_week < -1) return at;
  if (at_runs != since_runs) throw std::logic_error("targets: checkpoints of target " + t.name + " do not pair up by run");
  for (std::size_t i = 0; i < at.size(); ++i) at[i] -= since[i];
  return at;
}

/// A fact on when's values, one a run: 1 if its outcome first happened within its weeks of the documented day.
std::vector<double> timing_values(std::int64_t target, const result_table& checkpoints) {
  std::vector<double> out;
  if (checkpoints.rows() == 0) return out;
  const result_column& index = checkpoints.column("target");
  const result_column& value = checkpoints.column("on_time");
  for (std::size_t r = 0; r < checkpoints.rows(); ++r)
    if (index.integers[r] == target) out.push_back(value.number(r));
  return out;
}

}  // namespace

table_data target_table(const std::vector<target_def>& targets, const result_table& runs, const result_table& councils,
                        const result_table& checkpoints) {
  return targets_over(targets, [&](const target_def& t, const std::string& column) {
    if (t.timed()) return timing_values(&t - targets.data(), checkpoints);
    if (t.at_week >= 0) return dated_values(t, column, checkpoints);
    if (!t.equals.empty()) {  // 1 in the runs whose council ends with the administration stated (as councils.csv writes it)
      std::vector<double> out;
      const result_column& council = councils.column("council");
      const result_column& administration = councils.column(column);
      for (std::size_t r = 0; r < councils.rows(); ++r)
        if (council.text(r) == t.council) out.push_back(administration.text(r) == t.equals ? 1.0 : 0.0);
      return out;
    }
    return t.council.empty() ? runs.numbers(column) : councils.numbers_where(column, "council", t.council);
  });
}

table_data target_table(const std::vector<target_def>& targets, const table_data& runs, const table_data& councils) {
  return targets_over(targets, [&](const target_def& t, const std::string& column) {
    if (t.at_week >= 0 || t.timed()) return std::vector<double>{};  // the checkpoints are not written
    if (!t.equals.empty()) {
      const table_data rows = councils.where("council", t.council);
      const std::size_t a = rows.column(column);
      std::vector<double> out;
      for (const auto& r : rows.rows) out.push_back(r[a] == t.equals ? 1.0 : 0.0);
      return out;
    }
    return t.council.empty() ? runs.numbers(column) : councils.where("council", t.council).numbers(column);
  });
}

std::string format_targets(const table_data& t) {
  std::string out;
  auto num = [](const std::string& v) { return std::strtod(v.c_str(), nullptr); };
  auto col = [&](const std::vector<std::string>& r, const char* name) -> const std::string& { return r[t.column(name)]; };
  char line[1024];
  for (const auto& r : t.rows) {
    const std::string observed = r[6] == r[7] ? r[5] : r[5] + " (" + r[6] + "-" + r[7] + ")";
    const bool yes_no = r[4] == "share";
    const double share = num(col(r, "reproduced_share")), lo = num(col(r, "reproduced_lo")), hi = num(col(r, "reproduced_hi"));
    // A yes/no fact: the model's probability of the documented outcome; a count: the share of runs in its range.
    char likely[160];
    std::snprintf(likely, sizeof likely, yes_no ? "P(documented) %.2f (95%% %.2f-%.2f)" : "runs in range %.2f (95%% %.2f-%.2f)", share,
                  lo, hi);
    std::snprintf(line, sizeof line, "    %-28s documented %-14s simulated %s %-8s %s  %s\n", r[0].c_str(), observed.c_str(),
                  r[4].c_str(), cell(std::round(100 * num(r[10])) / 100).c_str(), likely, col(r, "verdict").c_str());
    out += line;
    if (col(r, "bimodal") == "1") {
      std::snprintf(line, sizeof line, "      the runs split into two groups: %s\n", col(r, "groups").c_str());
      out += line;
    }
    if (!r[1].empty() || !r[15].empty()) {
      std::snprintf(line, sizeof line, "      %s%s%s\n", r[1].c_str(), !r[1].empty() && !r[15].empty() ? " -- " : "", r[15].c_str());
      out += line;
    }
  }
  if (!t.rows.empty())
    out += "    (reproduced: at least 0.25 of runs give the documented value; missed: under 0.05; weak: between)\n";
  return out;
}

}  // namespace partyline
