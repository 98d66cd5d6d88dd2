// partyline sweep, export, summarize, compare, sensitivity.
#include <tbb/global_control.h>
#include <unistd.h>

#include <Eigen/Core>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "cli.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/stats.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/results_store.hpp"
#include "partyline/store/sha256.hpp"
#include "partyline/sweep/distributed.hpp"
#include "partyline/sweep/runner.hpp"
#include "partyline/version.hpp"

namespace partyline::cli {

namespace {

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  if (text.empty()) return {0, 1};
  const auto slash = text.find('/');
  long k = -1, n = -1;
  if (slash != std::string::npos) {
    k = std::strtol(text.substr(0, slash).c_str(), nullptr, 10);
    n = std::strtol(text.substr(slash + 1).c_str(), nullptr, 10);
  }
  if (slash == std::string::npos || n < 1 || k < 1 || k > n)
    throw usage_error("--shard takes K/N with 1 <= K <= N, e.g. --shard 3/8; got '" + text + "'");
  return {static_cast<std::size_t>(k - 1), static_cast<std::size_t>(n)};
}

std::string csv_of(const table_data& t) {
  std::string out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + csv_field(t.columns[i]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\n";
  }
  return out;
}

double to_number(const std::string& s) {
  double d = NAN;
  std::from_chars(s.data(), s.data() + s.size(), d);
  return d;
}

/// One outcome's values for a set of runs.
struct outcome_values {
  std::string label;
  std::vector<std::vector<double>> by_outcome;  ///< [outcome][run]
};

/// Reads runs from a `run` output folder (runs.csv) or a sweep store (one point, or all when point < 0 and the
/// sweep has a single point).
outcome_values read_outcomes(const std::filesystem::path& dir, int point) {
  outcome_values v;
  v.by_outcome.assign(run_outcome_count, {});
  const auto names = runs_csv_outcome_columns();
  auto fill = [&](const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows) {
    for (std::size_t k = 0; k < run_outcome_count; ++k) {
      std::size_t col = columns.size();
      for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c] == names[k]) col = c;
      if (col == columns.size()) throw usage_error(dir.string() + ": no column " + names[k]);
      for (const auto& row : rows) v.by_outcome[k].push_back(to_number(row[col]));
    }
  };
  std::error_code ec;
  if (std::filesystem::exists(results_store::file_in(dir), ec)) {
    const auto store = results_store::open_read(dir);
    auto t = store.read_runs_with_parameters();
    std::set<std::string> points;
    for (const auto& row : t.rows) points.insert(row[0]);
    if (point < 0 && points.size() > 1)
      throw usage_error(dir.string() + ": the sweep has " + std::to_string(points.size()) +
                        " points; choose one with --point-a / --point-b");
    if (point >= 0) {
      std::vector<std::vector<std::string>> kept;
      for (auto& row : t.rows)
        if (row[0] == std::to_string(point)) kept.push_back(std::move(row));
      if (kept.empty()) throw usage_error(dir.string() + ": no runs for point " + std::to_string(point));
      t.rows = std::move(kept);
    }
    fill(t.columns, t.rows);
    v.label = dir.filename().string() + (point >= 0 ? " point " + std::to_string(point) : "");
    return v;
  }
  const auto csv = dir / "runs.csv";
  if (!std::filesystem::exists(csv, ec)) throw usage_error(dir.string() + ": neither results.sqlite nor runs.csv here");
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> columns;
  {
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) columns.push_back(cell);
  }
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> row;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) row.push_back(cell);
    rows.push_back(std::move(row));
  }
  fill(columns, rows);
  v.label = dir.filename().string();
  return v;
}

Eigen::ArrayXd as_array(const std::vector<double>& x) {
  return Eigen::Map<const Eigen::ArrayXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

}  // namespace

/// `mpirun -np N partyline sweep ...`: every rank runs this; rank 0 owns the store and prints.
int cmd_sweep_mpi(const sweep_args& a, const sweep_spec& spec, const std::string& command_line) {
  if (!a.shard.empty()) throw usage_error("--shard and mpirun are alternatives; use one");
  install_signal_handlers();
  sweep_run_options opt;
  opt.resume = a.resume;
  opt.cancel = &g_stop;
  opt.manifest = {{"partyline_version", version()}, {"git_commit", git_commit()}, {"command", command_line},
                  {"created_at", timestamp("%Y-%m-%dT%H:%M:%SZ")}, {"shard", "1/1"}};
  int rank = 0, ranks = 1;
  std::size_t stored = 0;
  opt.on_run_done = [&](std::size_t n) {
    stored += n;
    if (!a.quiet && isatty(STDERR_FILENO)) std::fprintf(stderr, "\r  %zu runs stored   ", stored);
  };
  const sweep_report report = run_sweep_mpi(spec, a.out, opt, rank, ranks);
  if (rank != 0) return exit_ok;
  if (!a.quiet)
    std::printf("%s%s: %zu of %zu runs stored (%zu now, %zu before) in %.1f s on %d MPI ranks; store: %s\n",
                isatty(STDERR_FILENO) ? "\n" : "", spec.name.c_str(), report.already_done + report.ran, report.total,
                report.ran, report.already_done, report.seconds, ranks, results_store::file_in(a.out).string().c_str());
  if (!report.complete) {
    std::fprintf(stderr, "partyline: stopped with %zu of %zu runs stored. Resume with:\n  mpirun ... partyline sweep %s --out %s --resume\n",
                 report.already_done + report.ran, report.total, a.file.c_str(), a.out.c_str());
    return exit_interrupted;
  }
  return exit_ok;
}

int cmd_merge(const std::vector<std::string>& shards, const std::string& out) {
  std::vector<std::filesystem::path> dirs(shards.begin(), shards.end());
  const std::size_t runs = merge_shards(dirs, out);
  std::printf("merged %zu shards (%zu runs) into %s\n", shards.size(), runs, results_store::file_in(out).string().c_str());
  return exit_ok;
}

int cmd_sweep(const sweep_args& a, const std::string& command_line) {
  const int threads = effective_threads(a.threads);
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto [shard_index, shard_count] = parse_shard(a.shard);
  sweep_limits limits;
  limits.max_runs = static_cast<std::size_t>(std::max(1LL, a.max_runs));
  const sweep_spec spec = load_sweep_file(a.file, load_opts(a.memory_budget_mib, threads), limits);
  if (launched_by_mpi()) return cmd_sweep_mpi(a, spec, command_line);
  if (!a.quiet)
    std::printf("partyline %s · sweep %s · %zu points x %d replicates = %zu runs · design %s · %d thread%s%s\n", version(),
                spec.name.c_str(), spec.points.size(), spec.replicates, spec.runs(), std::string(to_string(spec.design)).c_str(),
                threads, threads == 1 ? "" : "s",
                shard_count > 1 ? (" · shard " + a.shard).c_str() : "");
  install_signal_handlers();
  sweep_run_options opt;
  opt.resume = a.resume;
  opt.cancel = &g_stop;
  opt.shard_index = shard_index;
  opt.shard_count = shard_count;
  opt.manifest = {{"partyline_version", version()}, {"git_commit", git_commit()}, {"command", command_line},
                  {"created_at", timestamp("%Y-%m-%dT%H:%M:%SZ")}, {"shard", shard_count > 1 ? a.shard : std::string("1/1")}};
  std::size_t expected = 0;
  for (std::size_t i = 0; i < spec.runs(); ++i) expected += i % shard_count == shard_index;
  std::unique_ptr<progress_bar> bar;
  opt.on_run_done = [&](std::size_t n) {
    if (bar) bar->tick(static_cast<long>(n));
  };
  long already = 0;
  std::error_code ec;
  if (a.resume && std::filesystem::exists(results_store::file_in(a.out), ec)) {
    const auto done = results_store::open_read(a.out).done_runs(spec.points.size(), spec.replicates);
    for (std::size_t i = 0; i < done.size(); ++i) already += done[i] && i % shard_count == shard_index;
  }
  bar = std::make_unique<progress_bar>(static_cast<long>(expected), !a.quiet, "runs", already);
  const sweep_report report = run_sweep(spec, a.out, opt);
  bar->finish();
  if (!a.quiet)
    std::printf("\n%s: %zu of %zu runs stored (%zu now, %zu before) in %.1f s; store: %s\n", spec.name.c_str(),
                report.already_done + report.ran, report.total, report.ran, report.already_done, report.seconds,
                results_store::file_in(a.out).string().c_str());
  if (!report.complete) {
    std::fprintf(stderr, "partyline: stopped with %zu of %zu runs stored; every finished run is committed. Resume with:\n"
                         "  partyline sweep %s --out %s --resume\n",
                 report.already_done + report.ran, report.total, a.file.c_str(), a.out.c_str());
    return exit_interrupted;
  }
  if (!a.quiet) std::printf("  next: partyline summarize %s   |   partyline export %s\n", a.out.c_str(), a.out.c_str());
  return exit_ok;
}

int cmd_export(const std::string& dir, const std::string& out_arg, bool force) {
  const auto store = results_store::open_read(dir);
  const std::filesystem::path out = out_arg.empty() ? std::filesystem::path(dir) / "export" : std::filesystem::path(out_arg);
  prepare_output_dir(out, force);
  write_file_atomically(out / "runs.csv", csv_of(store.read_runs_with_parameters()));
  write_file_atomically(out / "councils.csv", csv_of(store.read_councils_with_parameters()));
  write_file_atomically(out / "points.csv", csv_of(store.read_table("points")));
  std::printf("exported %s/{runs.csv,councils.csv,points.csv}\n", out.string().c_str());
  return exit_ok;
}

int cmd_summarize(const std::string& dir, int max_points) {
  const auto store = results_store::open_read(dir);
  const auto runs = store.read_runs_with_parameters();
  const auto params = store.parameter_columns();
  const auto names = runs_csv_outcome_columns();
  std::map<long, std::vector<const std::vector<std::string>*>> by_point;
  for (const auto& row : runs.rows) by_point[std::strtol(row[0].c_str(), nullptr, 10)].push_back(&row);
  const std::size_t first_outcome = 3 + params.size();
  std::printf("%s: %zu points, %zu runs (sweep %s)\n", dir.c_str(), by_point.size(), runs.rows.size(),
              store.manifest_value("sweep_path").c_str());
  int shown = 0;
  for (const auto& [point, rows] : by_point) {
    if (max_points > 0 && shown++ >= max_points) {
      std::printf("\n... %zu more points (--points 0 shows all)\n", by_point.size() - static_cast<std::size_t>(max_points));
      break;
    }
    std::printf("\npoint %ld (%zu runs):", point, rows.size());
    for (std::size_t i = 0; i < params.size(); ++i) std::printf(" %s=%s", params[i].c_str(), (*rows.front())[3 + i].c_str());
    std::printf("\n  %-32s %10s  %-23s %8s  %-17s\n", "outcome", "mean", "95% CI (bootstrap)", "happened", "95% CI (exact)");
    for (std::size_t k = 0; k < run_outcome_count; ++k) {
      std::vector<double> x;
      long long happened = 0;
      for (const auto* row : rows) {
        x.push_back(to_number((*row)[first_outcome + k]));
        happened += x.back() > 0;
      }
      if (!run_outcome_info[k].is_level() && happened == 0) continue;
      const interval m = bootstrap_mean(as_array(x), 2000, 17 + static_cast<std::uint64_t>(point));
      const interval sh = clopper_pearson(happened, static_cast<long long>(x.size()));
      char ci[64], sci[64];
      std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", m.lo, m.hi);
      std::snprintf(sci, sizeof sci, "[%.1f%%, %.1f%%]", 100 * sh.lo, 100 * sh.hi);
      if (run_outcome_info[k].is_level())
        std::printf("  %-32s %10.2f  %-23s %8s  %-17s\n", names[k].c_str(), m.estimate, ci, "-", "");
      else
        std::printf("  %-32s %10.2f  %-23s %7.1f%%  %-17s\n", names[k].c_str(), m.estimate, ci, 100 * sh.estimate, sci);
    }
  }
  return exit_ok;
}

int cmd_compare(const std::string& a, const std::string& b, int point_a, int point_b) {
  const outcome_values va = read_outcomes(a, point_a), vb = read_outcomes(b, point_b);
  const auto names = runs_csv_outcome_columns();
  std::printf("compare A = %s (%zu runs) with B = %s (%zu runs): B - A, 95%% intervals\n", va.label.c_str(),
              va.by_outcome[0].size(), vb.label.c_str(), vb.by_outcome[0].size());
  std::printf("  %-32s %9s %9s %10s  %-21s %-28s\n", "outcome", "mean A", "mean B", "B - A", "95% CI (bootstrap)",
              "happened A -> B (Newcombe CI)");
  for (std::size_t k = 0; k < run_outcome_count; ++k) {
    const auto& xa = va.by_outcome[k];
    const auto& xb = vb.by_outcome[k];
    long long ka = 0, kb = 0;
    for (double x : xa) ka += x > 0;
    for (double x : xb) kb += x > 0;
    if (ka == 0 && kb == 0 && !run_outcome_info[k].is_level()) continue;
    const interval d = bootstrap_difference(as_array(xa), as_array(xb), 2000, 29 + k);
    const interval s = newcombe_difference(ka, static_cast<long long>(xa.size()), kb, static_cast<long long>(xb.size()));
    char ci[64], share[80];
    std::snprintf(ci, sizeof ci, "[%.2f, %.2f]", d.lo, d.hi);
    if (run_outcome_info[k].is_level())
      std::snprintf(share, sizeof share, "-");
    else
      std::snprintf(share, sizeof share, "%.0f%% -> %.0f%% [%+.0f, %+.0f] pts", 100.0 * static_cast<double>(ka) / static_cast<double>(xa.size()),
                    100.0 * static_cast<double>(kb) / static_cast<double>(xb.size()), 100 * s.lo, 100 * s.hi);
    std::printf("  %-32s %9.2f %9.2f %+10.2f  %-21s %s\n", names[k].c_str(), as_array(xa).mean(), as_array(xb).mean(),
                d.estimate, ci, share);
  }
  return exit_ok;
}

int cmd_sensitivity(const std::string& dir) {
  const auto store = results_store::open_read(dir);
  if (store.manifest_value("design") != "sobol")
    throw usage_error(dir + ": sensitivity needs a sweep with design: sobol (this one is " + store.manifest_value("design") + ")");
  const auto points = store.read_table("points");
  const auto runs = store.read_runs_with_parameters();
  const auto params = store.parameter_columns();
  // Ranged parameters, in order: the distinct sobol_param indices name them.
  const std::string list = store.manifest_value("ranged_parameters");
  std::vector<std::string> inputs;
  {
    std::stringstream ss(list);
    std::string line;
    while (std::getline(ss, line)) inputs.push_back(line);
  }
  const auto k = static_cast<Eigen::Index>(inputs.size());
  long rows_n = 0;
  for (const auto& p : points.rows) rows_n = std::max(rows_n, std::strtol(p[3].c_str(), nullptr, 10) + 1);
  const auto names = runs_csv_outcome_columns();
  const std::size_t first_outcome = 3 + params.size();
  // The replicate mean of each outcome at each point is the model output f.
  std::map<long, std::vector<double>> sums, counts;
  for (const auto& row : runs.rows) {
    const long pt = std::strtol(row[0].c_str(), nullptr, 10);
    auto& s = sums[pt];
    s.resize(run_outcome_count, 0.0);
    auto& c = counts[pt];
    c.resize(1, 0.0);
    for (std::size_t o = 0; o < run_outcome_count; ++o) s[o] += to_number(row[first_outcome + o]);
    c[0] += 1;
  }
  std::printf("%s: Sobol' indices from %ld base samples x %ld inputs (95%% bootstrap intervals)\n", dir.c_str(), rows_n,
              static_cast<long>(k));
  for (std::size_t o = 0; o < run_outcome_count; ++o) {
    Eigen::ArrayXd fA = Eigen::ArrayXd::Zero(rows_n), fB = Eigen::ArrayXd::Zero(rows_n);
    Eigen::ArrayXXd fC = Eigen::ArrayXXd::Zero(rows_n, k);
    bool complete = true;
    for (const auto& p : points.rows) {
      const long pt = std::strtol(p[0].c_str(), nullptr, 10);
      const long row = std::strtol(p[3].c_str(), nullptr, 10);
      if (!counts.count(pt)) {
        complete = false;
        continue;
      }
      const double f = sums[pt][o] / counts[pt][0];
      if (p[2] == "A") fA[row] = f;
      else if (p[2] == "B") fB[row] = f;
      else fC(row, std::strtol(p[4].c_str(), nullptr, 10)) = f;
    }
    if (!complete) throw usage_error(dir + ": the sweep is incomplete; finish it with --resume first");
    const sobol_indices si = sobol_analysis(fA, fB, fC, 500, 41 + o);
    if (si.variance <= 0) continue;  // the outcome never varies
    std::printf("\n  %s (variance %.3g)\n  %-40s %-26s %-26s\n", names[o].c_str(), si.variance, "input", "first order S1",
                "total order ST");
    for (Eigen::Index i = 0; i < k; ++i) {
      const auto& s1 = si.first[static_cast<std::size_t>(i)];
      const auto& st = si.total[static_cast<std::size_t>(i)];
      char a[64], b[64];
      std::snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", s1.estimate, s1.lo, s1.hi);
      std::snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", st.estimate, st.lo, st.hi);
      std::printf("  %-40s %-26s %-26s\n", inputs[static_cast<std::size_t>(i)].c_str(), a, b);
    }
  }
  return exit_ok;
}

}  // namespace partyline::cli
