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

std::string summarize_points(const table_data& runs, const std::vector<std::string>& parameters, int max_points) {
  std::map<long, table_data> by_point;
  const std::size_t point_col = runs.column("point");
  for (const auto& row : runs.rows) {
    auto& t = by_point[std::strtol(row[point_col].c_str(), nullptr, 10)];
    t.columns = runs.columns;
    t.rows.push_back(row);
  }
  std::string out;
  int shown = 0;
  for (const auto& [point, rows] : by_point) {
    if (max_points > 0 && shown++ >= max_points) {
      append(out, "\n... %zu more points (--points 0 shows all)\n", by_point.size() - static_cast<std::size_t>(max_points));
      break;
    }
    append(out, "\npoint %ld (%zu runs):", point, rows.rows.size());
    for (const auto& p : parameters) append(out, " %s=%s", p.c_str(), rows.rows.front()[rows.column(p)].c_str());
    append(out, "\n  %-32s %10s  %-23s %8s  %-17s\n", "outcome", "mean", "95% CI (bootstrap)", "happened", "95% CI (exact)");
    for (const auto& info : run_outcome_info) {
      const std::vector<double> x = rows.numbers(info.name);
      long long happened = 0;
      for (double v : x) happened += v > 0;
      if (!info.is_level() && happened == 0) continue;
      const interval m = bootstrap_mean(as_array(x), 2000, 17 + static_cast<std::uint64_t>(point));
      const interval sh = clopper_pearson(happened, static_cast<long long>(x.size()));
      char ci[64], sci[64];
      std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", m.lo, m.hi);
      std::snprintf(sci, sizeof sci, "[%.1f%%, %.1f%%]", 100 * sh.lo, 100 * sh.hi);
      const std::string name(info.name);
      if (info.is_level())
        append(out, "  %-32s %10.2f  %-23s %8s  %-17s\n", name.c_str(), m.estimate, ci, "-", "");
      else
        append(out, "  %-32s %10.2f  %-23s %7.1f%%  %-17s\n", name.c_str(), m.estimate, ci, 100 * sh.estimate, sci);
    }
  }
  return out;
}

std::string compare_runs(const table_data& a, const std::string& label_a, const table_data& b, const std::string& label_b) {
  std::string out;
  append(out, "compare A = %s (%zu runs) with B = %s (%zu runs): B - A, 95%% intervals\n", label_a.c_str(), a.rows.size(),
         label_b.c_str(), b.rows.size());
  append(out, "  %-32s %9s %9s %10s  %-21s %-28s\n", "outcome", "mean A", "mean B", "B - A", "95% CI (bootstrap)",
         "happened A -> B (Newcombe CI)");
  for (std::size_t k = 0; k < run_outcome_count; ++k) {
    const outcome_info& info = run_outcome_info[k];
    const std::vector<double> xa = a.numbers(info.name), xb = b.numbers(info.name);
    long long ka = 0, kb = 0;
    for (double x : xa) ka += x > 0;
    for (double x : xb) kb += x > 0;
    if (ka == 0 && kb == 0 && !info.is_level()) continue;
    const interval d = bootstrap_difference(as_array(xa), as_array(xb), 2000, 29 + k);
    const interval s = newcombe_difference(ka, static_cast<long long>(xa.size()), kb, static_cast<long long>(xb.size()));
    char ci[64], share[80];
    std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", d.lo, d.hi);
    if (info.is_level())
      std::snprintf(share, sizeof share, "-");
    else
      std::snprintf(share, sizeof share, "%.0f%% -> %.0f%% [%+.0f, %+.0f] pts",
                    100.0 * static_cast<double>(ka) / static_cast<double>(xa.size()),
                    100.0 * static_cast<double>(kb) / static_cast<double>(xb.size()), 100 * s.lo, 100 * s.hi);
    const std::string name(info.name);
    append(out, "  %-32s %9.2f %9.2f %+10.2f  %-21s %s\n", name.c_str(), as_array(xa).mean(), as_array(xb).mean(),
           d.estimate, ci, share);
  }
  return out;
}

std::string sensitivity_report(const table_data& points, const table_data& runs, const std::vector<std::string>& inputs,
                               const std::string& title) {
  const auto k = static_cast<Eigen::Index>(inputs.size());
  const std::size_t p_point = points.column("point"), p_block = points.column("sobol_block"),
                    p_row = points.column("sobol_row"), p_param = points.column("sobol_param");
  long rows_n = 0;
  for (const auto& p : points.rows) rows_n = std::max(rows_n, std::strtol(p[p_row].c_str(), nullptr, 10) + 1);
  // The replicate mean of each outcome at each point is the model output f.
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
  std::string out;
  append(out, "%s: Sobol' indices from %ld base samples x %ld inputs (95%% bootstrap intervals)\n", title.c_str(), rows_n,
         static_cast<long>(k));
  for (std::size_t o = 0; o < run_outcome_count; ++o) {
    Eigen::ArrayXd fA = Eigen::ArrayXd::Zero(rows_n), fB = Eigen::ArrayXd::Zero(rows_n);
    Eigen::ArrayXXd fC = Eigen::ArrayXXd::Zero(rows_n, k);
    for (const auto& p : points.rows) {
      const long pt = std::strtol(p[p_point].c_str(), nullptr, 10);
      const long row = std::strtol(p[p_row].c_str(), nullptr, 10);
      if (!counts.count(pt)) throw std::invalid_argument("the sweep is incomplete; finish it with --resume first");
      const double f = sums[pt][o] / counts[pt];
      if (p[p_block] == "A")
        fA[row] = f;
      else if (p[p_block] == "B")
        fB[row] = f;
      else
        fC(row, std::strtol(p[p_param].c_str(), nullptr, 10)) = f;
    }
    const sobol_indices si = sobol_analysis(fA, fB, fC, 500, 41 + o);
    if (si.variance <= 0) continue;  // the outcome never varies
    append(out, "\n  %s (variance %.3g)\n  %-40s %-26s %-26s\n", std::string(run_outcome_info[o].name).c_str(), si.variance,
           "input", "first order S1", "total order ST");
    for (Eigen::Index i = 0; i < k; ++i) {
      const auto& s1 = si.first[static_cast<std::size_t>(i)];
      const auto& st = si.total[static_cast<std::size_t>(i)];
      char a[64], b[64];
      std::snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", s1.estimate, s1.lo, s1.hi);
      std::snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", st.estimate, st.lo, st.hi);
      append(out, "  %-40s %-26s %-26s\n", inputs[static_cast<std::size_t>(i)].c_str(), a, b);
    }
  }
  return out;
}

}  // namespace partyline
