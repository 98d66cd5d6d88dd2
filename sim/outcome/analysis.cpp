// Summaries, comparisons and sensitivity indices over tables of runs, with columns found by name.
#include "partyline/outcome/analysis.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/stats.hpp"
#include "partyline/outcome/summary.hpp"

namespace partyline {

namespace {

double to_number(const std::string& s) {
  double d = NAN;
  std::from_chars(s.data(), s.data() + s.size(), d);
  return d;
}

Eigen::ArrayXd as_array(const std::vector<double>& x) {
  return Eigen::Map<const Eigen::ArrayXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

template <class... A>
void append(std::string& out, const char* fmt, A... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  out += buf;
}

/// How far Sobol' indices can be read: too few samples show as estimates outside [0, 1] or intervals wider than the
/// indices themselves; widths shrink as 1/sqrt(N), so `widest` (the largest half-width) says what N would do.
struct sobol_reading {
  bool outside = false, wide = false;
  double widest = 0;
  [[nodiscard]] bool too_few() const { return outside || wide; }
  void add(const interval& x) {
    outside = outside || x.estimate < 0 || x.estimate > 1;
    wide = wide || (x.hi - x.lo) > std::max(std::abs(x.estimate), 0.02);
    widest = std::max(widest, (x.hi - x.lo) / 2);
  }
};

/// The model output f of a design's point: each outcome's mean over the point's replicates.
std::map<long, std::vector<double>> point_means(const table_data& runs) {
  const std::vector<double> run_point = runs.numbers("point");
  std::map<long, std::vector<double>> sums;
  std::map<long, double> counts;
  std::vector<std::vector<double>> outcome_values;
  for (const auto& info : run_outcome_info) outcome_values.push_back(runs.numbers(info.name));
  for (std::size_t r = 0; r < runs.rows.size(); ++r) {
    const auto pt = static_cast<long>(run_point[r]);
    auto& s = sums[pt];
    s.resize(run_outcome_count, 0.0);
    for (std::size_t o = 0; o < run_outcome_count; ++o) s[o] += outcome_values[o][r];
    counts[pt] += 1;
  }
  for (auto& [pt, s] : sums)
    for (double& v : s) v /= counts[pt];
  return sums;
}

}  // namespace

std::size_t table_data::column(std::string_view name) const {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c] == name) return c;
  throw std::invalid_argument("no column " + std::string(name));
}

std::vector<double> table_data::numbers(std::string_view name) const {
  const std::size_t c = column(name);
  std::vector<double> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(c < row.size() ? to_number(row[c]) : NAN);
  return out;
}

table_data table_data::where(std::string_view name, std::string_view value) const {
  const std::size_t c = column(name);
  table_data out;
  out.columns = columns;
  for (const auto& row : rows)
    if (c < row.size() && row[c] == value) out.rows.push_back(row);
  return out;
}

namespace {

/// The runs of each point, in point order.
std::map<long, table_data> runs_by_point(const table_data& runs) {
  std::map<long, table_data> by_point;
  const std::size_t point_col = runs.column("point");
  for (const auto& row : runs.rows) {
    auto& t = by_point[std::strtol(row[point_col].c_str(), nullptr, 10)];
    t.columns = runs.columns;
    t.rows.push_back(row);
  }
  return by_point;
}

/// Every outcome of a point's runs (outcomes that never happened included), by the documented method.
std::vector<outcome_summary> point_statistics(const table_data& rows, long point) {
  std::vector<outcome_summary> out;
  for (const auto& info : run_outcome_info)
    out.push_back(summarize_values(std::string(info.name), info.is_level(), rows.numbers(info.name), 17 + static_cast<std::uint64_t>(point)));
  return out;
}

std::string cell(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

table_data summary_table(const table_data& runs, const std::vector<std::string>& parameters) {
  table_data out;
  out.columns = {"point"};
  for (const auto& p : parameters) out.columns.push_back(p);
  for (const char* c : {"outcome", "runs", "mean", "mean_lo", "mean_hi", "p05", "p95", "share", "share_lo", "share_hi"})
    out.columns.emplace_back(c);
  for (const auto& [point, rows] : runs_by_point(runs)) {
    std::vector<std::string> head{std::to_string(point)};
    for (const auto& p : parameters) head.push_back(rows.rows.front()[rows.column(p)]);
    for (const auto& st : point_statistics(rows, point)) {
      std::vector<std::string> row = head;
      for (const std::string& v : {st.name, std::to_string(st.runs), cell(st.mean), cell(st.mean_lo), cell(st.mean_hi), cell(st.p05),
                                   cell(st.p95)})
        row.push_back(v);
      for (double v : {st.share, st.share_lo, st.share_hi}) row.push_back(st.is_level ? std::string() : cell(v));
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

table_data wide_summary_table(const table_data& runs, const std::vector<std::string>& parameters,
                              const std::vector<std::string>& outcomes) {
  table_data out;
  out.columns = {"point"};
  for (const auto& p : parameters) out.columns.push_back(p);
  std::vector<std::string> names = outcomes;
  if (names.empty())
    for (const auto& info : run_outcome_info) names.emplace_back(info.name);
  for (const auto& n : names) out.columns.push_back(n);
  for (const auto& [point, rows] : runs_by_point(runs)) {
    std::vector<std::string> row{std::to_string(point)};
    for (const auto& p : parameters) row.push_back(rows.rows.front()[rows.column(p)]);
    const auto stats = point_statistics(rows, point);
    for (const auto& n : names) {
      std::string mean;
      for (const auto& st : stats)
        if (st.name == n) mean = cell(st.mean);
      row.push_back(mean);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string summarize_points(const table_data& runs, const std::vector<std::string>& parameters, int max_points,
                             const std::vector<std::string>& outcomes) {
  const auto by_point = runs_by_point(runs);
  std::string out;
  int shown = 0;
  for (const auto& [point, rows] : by_point) {
    if (max_points > 0 && shown++ >= max_points) {
      append(out, "\n... %zu more points (--points 0 shows all)\n", by_point.size() - static_cast<std::size_t>(max_points));
      break;
    }
    append(out, "\npoint %ld (%zu runs):", point, rows.rows.size());
    for (const auto& p : parameters) append(out, " %s=%s", p.c_str(), rows.rows.front()[rows.column(p)].c_str());
    append(out, "\n  %-32s %10s  %-23s %-17s %8s  %-17s\n", "outcome", "mean", "95% CI (bootstrap)", "runs 5-95%", "happened",
           "95% CI (exact)");
    for (const auto& st : point_statistics(rows, point)) {
      const bool asked = std::find(outcomes.begin(), outcomes.end(), st.name) != outcomes.end();
      if (outcomes.empty() ? (!st.is_level && st.max <= 0) : !asked) continue;
      char ci[64], spread[48], sci[64];
      std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", st.mean_lo, st.mean_hi);
      // Counts: the runs' range in whole numbers, outward from the interpolated quantiles.
      const double lo = std::floor(st.p05), hi = std::ceil(st.p95);
      if (lo == hi) std::snprintf(spread, sizeof spread, "%.0f", lo);
      else std::snprintf(spread, sizeof spread, "%.0f-%.0f", lo, hi);
      std::snprintf(sci, sizeof sci, "[%.1f%%, %.1f%%]", 100 * st.share_lo, 100 * st.share_hi);
      if (st.is_level)
        append(out, "  %-32s %10.2f  %-23s %-17s %8s  %-17s\n", st.name.c_str(), st.mean, ci, spread, "-", "");
      else
        append(out, "  %-32s %10.2f  %-23s %-17s %7.1f%%  %-17s\n", st.name.c_str(), st.mean, ci, spread, 100 * st.share, sci);
    }
  }
  return out;
}

table_data comparison_table(const table_data& a, const table_data& b) {
  table_data out;
  out.columns = {"outcome", "runs_a", "runs_b", "mean_a", "mean_b", "difference", "difference_lo", "difference_hi",
                 "p05_a", "p95_a", "p05_b", "p95_b", "share_a", "share_b", "share_difference_lo", "share_difference_hi"};
  auto has = [](const table_data& t, std::string_view name) {
    return std::find(t.columns.begin(), t.columns.end(), name) != t.columns.end();
  };
  for (std::size_t k = 0; k < run_outcome_count; ++k) {
    const outcome_info& info = run_outcome_info[k];
    if (!has(a, info.name) || !has(b, info.name)) continue;  // a folder written before the outcome existed
    std::vector<double> xa = a.numbers(info.name), xb = b.numbers(info.name);
    long long ka = 0, kb = 0;
    for (double x : xa) ka += x > 0;
    for (double x : xb) kb += x > 0;
    interval d;
    if (xa.size() + xb.size() > 2 * bootstrap_max_runs) {
      // As for a mean (summary.hpp): at this size the normal interval, which the bootstrap converges to.
      const Eigen::ArrayXd a_ = as_array(xa), b_ = as_array(xb);
      auto var = [](const Eigen::ArrayXd& x) { return (x - x.mean()).square().sum() / static_cast<double>(std::max<Eigen::Index>(1, x.size() - 1)); };
      d.estimate = b_.mean() - a_.mean();
      const double half = 1.959963984540054 * std::sqrt(var(a_) / static_cast<double>(a_.size()) + var(b_) / static_cast<double>(b_.size()));
      d.lo = d.estimate - half;
      d.hi = d.estimate + half;
    } else {
      d = bootstrap_difference(as_array(xa), as_array(xb), 2000, 29 + k);
    }
    const interval s = newcombe_difference(ka, static_cast<long long>(xa.size()), kb, static_cast<long long>(xb.size()));
    std::vector<std::string> row{std::string(info.name), std::to_string(xa.size()), std::to_string(xb.size()),
                                 cell(as_array(xa).mean()), cell(as_array(xb).mean()), cell(d.estimate), cell(d.lo), cell(d.hi)};
    for (auto* x : {&xa, &xb}) {
      row.push_back(cell(percentile(*x, 0.05)));
      row.push_back(cell(percentile(*x, 0.95)));
    }
    const bool level = info.is_level();
    for (double v : {static_cast<double>(ka) / static_cast<double>(xa.size()), static_cast<double>(kb) / static_cast<double>(xb.size()),
                     s.lo, s.hi})
      row.push_back(level ? std::string() : cell(v));
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string compare_runs(const table_data& a, const std::string& label_a, const table_data& b, const std::string& label_b) {
  std::string out;
  append(out, "compare A = %s (%zu runs) with B = %s (%zu runs): B - A, 95%% intervals\n", label_a.c_str(), a.rows.size(),
         label_b.c_str(), b.rows.size());
  append(out, "  %-32s %9s %9s %10s  %-21s %-28s\n", "outcome", "mean A", "mean B", "B - A", "95% CI (bootstrap)",
         "happened A -> B (Newcombe CI)");
  const table_data t = comparison_table(a, b);
  for (const auto& row : t.rows) {
    const std::string& name = row[0];
    const bool level = row[12].empty();
    auto num = [&](std::size_t c) { return std::strtod(row[c].c_str(), nullptr); };
    if (!level && num(12) == 0 && num(13) == 0) continue;
    char ci[64], share[80];
    std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", num(6), num(7));
    if (level)
      std::snprintf(share, sizeof share, "-");
    else
      std::snprintf(share, sizeof share, "%.0f%% -> %.0f%% [%+.0f, %+.0f] pts", 100 * num(12), 100 * num(13), 100 * num(14), 100 * num(15));
    append(out, "  %-32s %9.2f %9.2f %+10.2f  %-21s %s\n", name.c_str(), num(3), num(4), num(5), ci, share);
  }
  return out;
}

table_data sensitivity_table(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs) {
  const auto k = static_cast<Eigen::Index>(inputs.size());
  const std::size_t p_point = points.column("point"), p_block = points.column("sobol_block"),
                    p_row = points.column("sobol_row"), p_param = points.column("sobol_param");
  long rows_n = 0;
  for (const auto& p : points.rows) rows_n = std::max(rows_n, std::strtol(p[p_row].c_str(), nullptr, 10) + 1);
  const auto f_at = point_means(runs);
  table_data out;
  out.columns = {"outcome", "variance", "input", "s1", "s1_lo", "s1_hi", "st", "st_lo", "st_hi", "base_samples",
                 "too_few_samples", "samples_needed"};
  for (std::size_t o = 0; o < run_outcome_count; ++o) {
    Eigen::ArrayXd fA = Eigen::ArrayXd::Zero(rows_n), fB = Eigen::ArrayXd::Zero(rows_n);
    Eigen::ArrayXXd fC = Eigen::ArrayXXd::Zero(rows_n, k);
    for (const auto& p : points.rows) {
      const long pt = std::strtol(p[p_point].c_str(), nullptr, 10);
      const long row = std::strtol(p[p_row].c_str(), nullptr, 10);
      const auto at = f_at.find(pt);
      if (at == f_at.end()) throw std::invalid_argument("the sweep is incomplete; finish it with --resume first");
      const double f = at->second[o];
      if (p[p_block] == "A")
        fA[row] = f;
      else if (p[p_block] == "B")
        fB[row] = f;
      else
        fC(row, std::strtol(p[p_param].c_str(), nullptr, 10)) = f;
    }
    const sobol_indices si = sobol_analysis(fA, fB, fC, 500, 41 + o);
    if (si.variance <= 0) continue;  // the outcome never varies
    // Say how many base samples would narrow the widest interval to +-0.05.
    sobol_reading reading;
    for (const auto* set : {&si.first, &si.total})
      for (const auto& x : *set) reading.add(x);
    const bool too_few = reading.too_few();
    const double widest = reading.widest;
    const double needed = std::max(static_cast<double>(rows_n), std::ceil(static_cast<double>(rows_n) * (widest / 0.05) * (widest / 0.05)));
    for (Eigen::Index i = 0; i < k; ++i) {
      const auto& s1 = si.first[static_cast<std::size_t>(i)];
      const auto& st = si.total[static_cast<std::size_t>(i)];
      out.rows.push_back({std::string(run_outcome_info[o].name), cell(si.variance), inputs[static_cast<std::size_t>(i)],
                          cell(s1.estimate), cell(s1.lo), cell(s1.hi), cell(st.estimate), cell(st.lo), cell(st.hi),
                          std::to_string(rows_n), too_few ? "1" : "0", cell(needed)});
    }
  }
  return out;
}

std::string sensitivity_report(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs,
                               const std::string& title) {
  const table_data t = sensitivity_table(points, runs, inputs);
  long rows_n = 0;
  for (const auto& p : points.rows) rows_n = std::max(rows_n, std::strtol(p[points.column("sobol_row")].c_str(), nullptr, 10) + 1);
  std::string out;
  append(out, "%s: Sobol' indices from %ld base samples x %ld inputs (95%% bootstrap intervals)\n", title.c_str(), rows_n,
         static_cast<long>(inputs.size()));
  auto num = [](const std::string& v) { return std::strtod(v.c_str(), nullptr); };
  for (std::size_t r = 0; r < t.rows.size(); r += inputs.size()) {
    const auto& first = t.rows[r];
    append(out, "\n  %s (variance %.3g)\n  %-40s %-26s %-26s\n", first[0].c_str(), num(first[1]), "input", "first order S1",
           "total order ST");
    sobol_reading reading;  // as sensitivity_table read it, to word the warning
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& row = t.rows[r + i];
      char a[64], b[64];
      std::snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", num(row[3]), num(row[4]), num(row[5]));
      std::snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", num(row[6]), num(row[7]), num(row[8]));
      append(out, "  %-40s %-26s %-26s\n", row[2].c_str(), a, b);
      for (std::size_t c : {3u, 6u}) reading.add({num(row[c]), num(row[c + 1]), num(row[c + 2])});
    }
    if (first[10] == "1")
      append(out, "  ! too few samples to read these indices: %s%s%s. The widest interval is +-%.2f from %ld base "
                  "samples; about %.0f would narrow it to +-0.05 (samples: in the sweep file).\n",
             reading.outside ? "estimates fall outside [0, 1]" : "", reading.outside && reading.wide ? " and " : "",
             reading.wide ? "intervals are wider than the indices" : "", reading.widest, rows_n, num(first[11]));
  }
  return out;
}

table_data morris_table(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs, int levels) {
  const std::size_t p_point = points.column("point"), p_block = points.column("sobol_block"),
                    p_row = points.column("sobol_row"), p_param = points.column("sobol_param");
  std::vector<std::size_t> input_col;
  for (const auto& name : inputs) input_col.push_back(points.column(name));
  const double step = levels / (2.0 * (levels - 1));
  const auto f_at = point_means(runs);
  // Each point after a trajectory's first moved one input by +-step of its range from the point before it: its
  // elementary effect is the change in the outcome per the input's whole range, (f1 - f0) / (+-step).
  struct move {
    long from, to;
    std::size_t input;
    double sign;
  };
  std::vector<move> moves;
  for (std::size_t i = 0; i < points.rows.size(); ++i) {
    const auto& p = points.rows[i];
    if (p[p_block] != "M") throw std::invalid_argument("point " + p[p_point] + " is not a point of a morris design");
    if (p[p_param].empty()) continue;
    if (i == 0 || points.rows[i - 1][p_row] != p[p_row]) throw std::invalid_argument("a trajectory's points are out of order");
    const auto c = static_cast<std::size_t>(std::strtol(p[p_param].c_str(), nullptr, 10));
    if (c >= inputs.size()) throw std::invalid_argument("point " + p[p_point] + " moves an input the sweep does not have");
    const double delta = to_number(p[input_col[c]]) - to_number(points.rows[i - 1][input_col[c]]);
    moves.push_back({std::strtol(points.rows[i - 1][p_point].c_str(), nullptr, 10), std::strtol(p[p_point].c_str(), nullptr, 10), c,
                     delta < 0 ? -1.0 : 1.0});
  }
  for (const auto& m : moves)
    if (!f_at.count(m.from) || !f_at.count(m.to)) throw std::invalid_argument("the sweep is incomplete; finish it with --resume first");
  table_data out;
  out.columns = {"outcome", "input", "mu", "mu_star", "mu_star_lo", "mu_star_hi", "sigma", "trajectories", "above_noise"};
  bool has_dummy = false;
  for (const auto& name : inputs) has_dummy = has_dummy || is_dummy_input(name);
  for (std::size_t o = 0; o < run_outcome_count; ++o) {
    std::vector<std::vector<double>> effects(inputs.size());
    bool varies = false;
    for (const auto& m : moves) {
      const double ee = (f_at.at(m.to)[o] - f_at.at(m.from)[o]) / (m.sign * step);
      varies = varies || ee != 0;
      effects[m.input].push_back(ee);
    }
    if (!varies) continue;  // no input moves the outcome
    for (std::size_t c = 0; c < inputs.size(); ++c) {
      const auto& ee = effects[c];
      const double n = static_cast<double>(ee.size());
      double mu = 0;
      std::vector<double> magnitude;
      for (double e : ee) {
        mu += e / n;
        magnitude.push_back(std::abs(e));
      }
      double var = 0;
      for (double e : ee) var += (e - mu) * (e - mu);
      const double sigma = ee.size() > 1 ? std::sqrt(var / (n - 1)) : NAN;
      // mu* and its interval by the summaries' one method (a bootstrap of the mean of |EE|).
      const outcome_summary star = summarize_values("mu_star", true, magnitude, 53 + o * 131 + c);
      out.rows.push_back({std::string(run_outcome_info[o].name), inputs[c], cell(mu), cell(star.mean), cell(star.mean_lo),
                          cell(star.mean_hi), cell(sigma), std::to_string(ee.size()), ""});
    }
    if (!has_dummy) continue;
    // The noise floor: the highest upper end of a dummy's mu* interval. An input stands above it when its mu* exceeds
    // that bound (the dummy-parameter test of Khare et al. 2015), so an effect the Monte Carlo noise between points
    // would give in 39 of 40 screens is not read as one.
    const std::size_t first = out.rows.size() - inputs.size();
    double floor = 0;
    for (std::size_t c = 0; c < inputs.size(); ++c)
      if (is_dummy_input(inputs[c])) floor = std::max(floor, to_number(out.rows[first + c][5]));
    for (std::size_t c = 0; c < inputs.size(); ++c)
      out.rows[first + c][8] = is_dummy_input(inputs[c]) ? "dummy" : to_number(out.rows[first + c][3]) > floor ? "1" : "0";
  }
  return out;
}

bool is_dummy_input(std::string_view path) { return path == "dummy" || path.starts_with("dummy."); }

std::string morris_report(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs, int levels,
                          const std::string& title) {
  const table_data t = morris_table(points, runs, inputs, levels);
  std::string out;
  const std::string trajectories = t.rows.empty() ? "0" : t.rows.front()[7];
  append(out, "%s: Morris elementary effects from %s trajectories x %zu inputs, %d levels (change in the outcome per "
              "the input's whole range)\n", title.c_str(), trajectories.c_str(), inputs.size(), levels);
  if (std::none_of(inputs.begin(), inputs.end(), [](const std::string& i) { return is_dummy_input(i); }))
    append(out, "  (no dummy input: add `dummy: {min: 0, max: 1}` to the sweep's parameters to see the noise floor)\n");
  auto num = [](const std::string& v) { return std::strtod(v.c_str(), nullptr); };
  for (std::size_t r = 0; r < t.rows.size(); r += inputs.size()) {
    append(out, "\n  %s\n  %-40s %10s %-24s %10s  %s\n", t.rows[r][0].c_str(), "input (by mu*)", "mu*", "95% CI (bootstrap)",
           "sigma", "reading");
    std::vector<std::size_t> order(inputs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = r + i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return num(t.rows[a][3]) > num(t.rows[b][3]); });
    const double top = num(t.rows[order.front()][3]);
    std::string above;
    int n_above = 0, n_real = 0;
    double floor = 0;
    for (std::size_t i : order) {
      const auto& row = t.rows[i];
      const double star = num(row[3]);
      const double sigma = num(row[6]) < 1e-9 * std::max(1.0, star) ? 0.0 : num(row[6]);  // rounding, not spread
      // The usual reading: negligible beside the strongest input, or (with a dummy input) not above the noise floor;
      // otherwise by sigma / mu* (Garcia Sanchez et al. 2014): below 0.1 linear, to 0.5 monotonic, to 1 almost
      // monotonic, above 1 non-linear or interacting.
      const double ratio = star > 0 ? sigma / star : 0;
      const std::string& noise = row[8];
      if (noise == "dummy") floor = std::max(floor, num(row[5]));
      if (!noise.empty() && noise != "dummy") {
        ++n_real;
        if (noise == "1") {
          ++n_above;
          above += (above.empty() ? "" : ", ") + row[1];
        }
      }
      const char* reading = noise == "dummy"                  ? "dummy input: the noise floor"
                            : noise == "0"                    ? "within the noise"
                            : noise.empty() && star < 0.05 * top ? "negligible"
                            : ratio < 0.1                     ? "linear"
                            : ratio <= 0.5                    ? "monotonic"
                            : ratio <= 1                      ? "almost monotonic"
                                                              : "non-linear or interacting";
      char ci[64];
      std::snprintf(ci, sizeof ci, "[%.3g, %.3g]", num(row[4]), num(row[5]));
      append(out, "  %-40s %10.3g %-24s %10.3g  %s\n", row[1].c_str(), star, ci, sigma, reading);
    }
    if (n_real > 0)
      append(out, "  above the noise floor (mu* above the dummy's upper bound, %.3g): %d of %d inputs%s%s\n", floor,
             n_above, n_real, n_above ? ": " : "", above.c_str());
  }
  // Across outcomes: on how many each input stands above the noise floor (a screen's answer at a glance).
  const std::size_t outcomes = inputs.empty() ? 0 : t.rows.size() / inputs.size();
  if (outcomes > 0 && !t.rows.front()[8].empty()) {
    std::vector<std::pair<int, std::size_t>> tally;
    for (std::size_t c = 0; c < inputs.size(); ++c) {
      if (is_dummy_input(inputs[c])) continue;
      int n = 0;
      for (std::size_t r = 0; r < t.rows.size(); r += inputs.size()) n += t.rows[r + c][8] == "1";
      tally.emplace_back(n, c);
    }
    std::stable_sort(tally.begin(), tally.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    append(out, "\n  inputs above the noise floor, on how many of the %zu varying outcomes\n", outcomes);
    for (const auto& [n, c] : tally) append(out, "  %-40s %4d of %zu\n", inputs[c].c_str(), n, outcomes);
  }
  return out;
}

}  // namespace partyline
