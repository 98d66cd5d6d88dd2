// partyline sweep, export, summarize, compare, sensitivity.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <memory>
#include <set>
#include <sstream>

#include "cli.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/analysis.hpp"
#include "partyline/scenario/schema.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/manifest.hpp"
#include "partyline/store/results_store.hpp"
#include "partyline/store/sha256.hpp"
#include "partyline/sweep/distributed.hpp"
#include "partyline/sweep/plan.hpp"
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


/// The runs of a `run` output folder (runs.csv) or of a sweep store (one point, or all when point < 0 and the sweep
/// has a single point), with a label for the comparison.
std::pair<table_data, std::string> read_runs(const std::filesystem::path& dir, int point) {
  std::error_code ec;
  if (std::filesystem::exists(results_store::file_in(dir), ec)) {
    table_data t = results_store::open_read(dir).read_runs_with_parameters();
    std::set<std::string> points;
    const std::size_t pc = t.column("point");
    for (const auto& row : t.rows) points.insert(row[pc]);
    if (point < 0 && points.size() > 1)
      throw usage_error(dir.string() + ": the sweep has " + std::to_string(points.size()) +
                        " points; choose one with --point-a / --point-b");
    if (point >= 0) {
      t = t.where("point", std::to_string(point));
      if (t.rows.empty()) throw usage_error(dir.string() + ": no runs for point " + std::to_string(point));
    }
    return {std::move(t), dir.filename().string() + (point >= 0 ? " point " + std::to_string(point) : "")};
  }
  const auto csv = dir / "runs.csv";
  if (!std::filesystem::exists(csv, ec)) throw usage_error(dir.string() + ": neither results.sqlite nor runs.csv here");
  return {read_csv(read_text_file(csv, std::size_t{1} << 30), csv.string()), dir.filename().string()};
}

/// What a comparison side was made with, key by key: for a run folder its scenario (path and digest), seed and each
/// `--set`; for a sweep point the sweep, its seed and each swept parameter's value at the point. Empty when the
/// manifest cannot be read (the comparison goes on without it).
std::map<std::string, std::string> settings_of(const std::filesystem::path& dir, int point) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  try {
    if (std::filesystem::exists(results_store::file_in(dir), ec)) {
      const auto store = results_store::open_read(dir);
      out["sweep"] = store.manifest_value("sweep_path");
      if (point < 0) return out;
      const table_data points = store.read_table("points").where("point", std::to_string(point));
      if (points.rows.empty()) return out;
      out["seed"] = points.rows.front()[points.column("seed")];
      for (const auto& name : store.parameter_columns()) out[name] = points.rows.front()[points.column(name)];
      return out;
    }
    const auto manifest = nlohmann::json::parse(read_text_file(dir / "manifest.json", std::size_t{1} << 24));
    out["scenario"] = manifest.value("scenario_path", std::string()) + " (sha256 " +
                      manifest.value("scenario_sha256", std::string()).substr(0, 12) + ")";
    out["seed"] = manifest.contains("seed") ? manifest["seed"].dump() : "";
    for (const auto& set : manifest.value("set", nlohmann::json::array())) {
      const std::string text = set.get<std::string>();
      const auto eq = text.find('=');
      out[text.substr(0, eq)] = eq == std::string::npos ? "" : text.substr(eq + 1);
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

/// The settings that differ between the two sides of a comparison, one line each ("(default)" where a side does not
/// set a path the other does), or a line saying they were made alike.
std::string differing_settings(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  if (a.empty() || b.empty()) return "";
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  std::string out;
  for (const auto& k : keys) {
    const auto ia = a.find(k), ib = b.find(k);
    const std::string va = ia == a.end() ? "(default)" : ia->second, vb = ib == b.end() ? "(default)" : ib->second;
    if (va == vb) continue;
    char line[512];
    std::snprintf(line, sizeof line, "  %-34s A: %s\n  %-34s B: %s\n", k.c_str(), va.c_str(), "", vb.c_str());
    out += line;
  }
  return out.empty() ? "made alike: the same scenario, seed and settings\n\n" : "what differs:\n" + out + "\n";
}

/// A table in the format asked for: csv (as written by run), or json (an array of records, numbers as numbers and
/// empty cells as null).
std::string formatted(const table_data& t, const std::string& format) {
  if (format == "csv") return to_csv(t);
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json r = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const std::string& v = c < row.size() ? row[c] : std::string();
      long long i = 0;
      double d = 0;
      const auto [iend, iec] = std::from_chars(v.data(), v.data() + v.size(), i);
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (v.empty())
        r[t.columns[c]] = nullptr;
      else if (iec == std::errc() && iend == v.data() + v.size())
        r[t.columns[c]] = i;
      else if (ec == std::errc() && end == v.data() + v.size() && std::isfinite(d))
        r[t.columns[c]] = d;
      else
        r[t.columns[c]] = v;
    }
    records.push_back(std::move(r));
  }
  return records.dump(2) + "\n";
}

}  // namespace

int cmd_merge(const std::vector<std::string>& shards, const std::string& out) {
  std::vector<std::filesystem::path> dirs(shards.begin(), shards.end());
  const std::size_t runs = merge_shards(dirs, out);
  std::printf("merged %zu shards (%zu runs) into %s\n", shards.size(), runs, results_store::file_in(out).string().c_str());
  return exit_ok;
}

int cmd_sweep(const sweep_args& a, const std::string& command_line) {
  const int threads = effective_threads(a.threads);
  const auto [shard_index, shard_count] = parse_shard(a.shard);
  sweep_limits limits;
  limits.max_runs = static_cast<std::size_t>(std::max(1LL, a.max_runs));
  auto spec = std::make_shared<const sweep_spec>(load_sweep_file(a.file, load_opts(a.memory_budget_mib, threads), limits));
  const bool mpi = launched_by_mpi();
  run_plan plan;
  plan.sweep = spec;
  plan.store = a.out;
  plan.resume = a.resume;
  plan.shard_index = shard_index;
  plan.shard_count = shard_count;
  plan.threads = threads;
  plan.cancel = &g_stop;
  plan.time_budget_seconds = a.time_budget_hours > 0 ? a.time_budget_hours * 3600.0 : -1.0;
  plan.command = command_line;
  if (!a.quiet && !mpi)
    std::printf("partyline %s · sweep %s · %zu points x %d replicates = %zu runs · design %s · %d thread%s%s\n", version(),
                spec->name.c_str(), spec->points.size(), spec->replicates, spec->runs(), std::string(to_string(spec->design)).c_str(),
                threads, threads == 1 ? "" : "s", shard_count > 1 ? (" · shard " + a.shard).c_str() : "");
  install_signal_handlers();
  // The runner says how many runs were already done and how many there are; the bar starts from there.
  std::unique_ptr<progress_bar> bar;
  plan.on_start = [&](std::size_t already, std::size_t total) {
    bar = std::make_unique<progress_bar>(static_cast<long>(total), !a.quiet && !mpi, "runs", static_cast<long>(already));
  };
  plan.on_progress = [&](std::size_t n) {
    if (bar) bar->tick(static_cast<long>(n));
  };
  const plan_report report = execute(plan);
  if (bar) bar->finish();
  if (report.rank != 0) return exit_ok;
  const std::string where = mpi ? " on " + std::to_string(report.ranks) + " MPI ranks" : std::string();
  if (!a.quiet)
    std::printf("\n%s: %zu of %zu runs stored (%zu now, %zu before) in %.1f s%s; store: %s\n", spec->name.c_str(),
                report.already_done + report.ran, report.total, report.ran, report.already_done, report.seconds, where.c_str(),
                results_store::file_in(a.out).string().c_str());
  if (!report.complete) {
    std::fprintf(stderr, "partyline: stopped with %zu of %zu runs stored; every finished run is committed. Resume with:\n"
                         "  %spartyline sweep %s --out %s --resume\n",
                 report.already_done + report.ran, report.total, mpi ? "mpirun ... " : "", a.file.c_str(), a.out.c_str());
    return exit_interrupted;
  }
  if (!a.quiet) {
    const bool screening = spec->design == sweep_design::sobol || spec->design == sweep_design::morris;
    std::printf("  next: partyline %s %s   |   partyline export %s\n", screening ? "sensitivity" : "summarize", a.out.c_str(),
                a.out.c_str());
  }
  return exit_ok;
}

int cmd_export(const std::string& dir, const std::string& out_arg, bool force, const std::string& command_line) {
  const auto store = results_store::open_read(dir);
  const std::filesystem::path out = out_arg.empty() ? std::filesystem::path(dir) / "export" : std::filesystem::path(out_arg);
  const output_lock lock = claim_output_dir(out, force);
  // Staged and moved in as a whole, the manifest (each table's SHA-256 and rows) last: `verify` checks an export.
  result_set_writer writer(out);
  const table_data runs = store.read_runs_with_parameters();
  writer.add("runs.csv", to_csv(runs));
  writer.add("councils.csv", to_csv(store.read_councils_with_parameters()));
  writer.add("points.csv", to_csv(store.read_table("points")));
  const bool weekly = store.has_weekly();
  if (weekly) writer.add("weekly.csv", to_csv(store.read_weekly_with_parameters()));
  const bool events = store.has_events();
  if (events) writer.add("events.csv", to_csv(store.read_events_with_parameters()));
  const bool decisions = store.has_table("decisions");
  if (decisions) writer.add("decisions.csv", to_csv(store.read_decisions_with_parameters()));
  const bool councillors = store.has_table("councillors");
  if (councillors) writer.add("councillors.csv", to_csv(store.read_councillors_with_parameters()));
  writer.commit("manifest.json",
                export_manifest_json(command_line, std::filesystem::absolute(dir).lexically_normal().string(),
                                     static_cast<long long>(runs.rows.size()), writer.tables()),
                {"runs.csv", "councils.csv", "points.csv", "weekly.csv", "events.csv", "decisions.csv", "councillors.csv"});
  std::printf("exported %s/{runs.csv,councils.csv,points.csv%s%s%s%s,manifest.json}\n", out.string().c_str(),
              weekly ? ",weekly.csv" : "", events ? ",events.csv" : "", decisions ? ",decisions.csv" : "",
              councillors ? ",councillors.csv" : "");
  return exit_ok;
}

int cmd_summarize(const std::string& dir, int max_points, const std::string& format, const std::vector<std::string>& outcomes,
                  bool wide) {
  // Every outcome named must be one (did you mean ...?), before the store is read.
  for (const auto& name : outcomes) {
    bool known = false;
    std::string best;
    std::size_t best_d = 4;
    for (const auto& info : run_outcome_info) {
      known = known || info.name == name;
      if (const std::size_t d = edit_distance(name, info.name); d < best_d) best_d = d, best = std::string(info.name);
    }
    if (!known)
      throw usage_error("--outcome " + name + ": not an outcome" + (best.empty() ? "" : " (did you mean '" + best + "'?)") +
                        "; the outcomes are runs.csv's columns (docs/outcomes.md, or `partyline params`)");
  }
  // A run folder (runs.csv and its manifest) is one point with no parameters.
  std::error_code ec;
  const bool run_folder = !std::filesystem::exists(results_store::file_in(dir), ec) &&
                          std::filesystem::exists(std::filesystem::path(dir) / "runs.csv", ec);
  table_data runs;
  std::vector<std::string> parameters;
  std::string source;
  if (run_folder) {
    runs = read_runs(dir, -1).first;
    runs.columns.insert(runs.columns.begin(), "point");
    for (auto& row : runs.rows) row.insert(row.begin(), "0");
    const auto settings = settings_of(dir, -1);
    source = settings.count("scenario") ? "scenario " + settings.at("scenario") : "a run folder";
  } else {
    const auto store = results_store::open_read(dir);
    runs = store.read_runs_with_parameters();
    parameters = store.parameter_columns();
    source = "sweep " + store.manifest_value("sweep_path");
  }
  if (wide) {
    const table_data t = wide_summary_table(runs, parameters, outcomes);
    if (format != "table") {
      std::fputs(formatted(t, format).c_str(), stdout);
      return exit_ok;
    }
    // Aligned text: each column as wide as its widest cell, numbers to 4 significant figures.
    std::vector<std::vector<std::string>> cells{t.columns};
    for (const auto& row : t.rows) {
      std::vector<std::string> shown;
      for (std::size_t c = 0; c < row.size(); ++c) {
        char buf[32];
        const bool numeric = c > parameters.size() && !row[c].empty();
        if (numeric) std::snprintf(buf, sizeof buf, "%.4g", std::strtod(row[c].c_str(), nullptr));
        shown.emplace_back(numeric ? buf : row[c]);
      }
      cells.push_back(std::move(shown));
    }
    std::vector<std::size_t> width(t.columns.size(), 0);
    for (const auto& row : cells)
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    std::printf("%s: the mean of each outcome over each point's runs (%s)\n", dir.c_str(), source.c_str());
    for (const auto& row : cells) {
      std::string line = " ";
      for (std::size_t c = 0; c < row.size(); ++c) line += " " + std::string(width[c] - row[c].size(), ' ') + row[c];
      std::puts(line.c_str());
    }
    return exit_ok;
  }
  if (format != "table") {
    table_data t = summary_table(runs, parameters);
    if (!outcomes.empty()) {
      const std::size_t oc = t.column("outcome");
      std::erase_if(t.rows, [&](const std::vector<std::string>& row) {
        return std::find(outcomes.begin(), outcomes.end(), row[oc]) == outcomes.end();
      });
    }
    std::fputs(formatted(t, format).c_str(), stdout);
    return exit_ok;
  }
  std::set<std::string> points;
  const std::size_t pc = runs.column("point");
  for (const auto& row : runs.rows) points.insert(row[pc]);
  std::printf("%s: %zu point%s, %zu runs (%s)\n", dir.c_str(), points.size(), points.size() == 1 ? "" : "s", runs.rows.size(),
              source.c_str());
  std::fputs(summarize_points(runs, parameters, max_points, outcomes).c_str(), stdout);
  return exit_ok;
}

int cmd_compare(const std::string& a, const std::string& b, int point_a, int point_b, const std::string& format) {
  const auto [ta, la] = read_runs(a, point_a);
  const auto [tb, lb] = read_runs(b, point_b);
  if (format == "table") std::fputs(differing_settings(settings_of(a, point_a), settings_of(b, point_b)).c_str(), stdout);
  try {
    std::fputs((format == "table" ? compare_runs(ta, la, tb, lb) : formatted(comparison_table(ta, tb), format)).c_str(), stdout);
  } catch (const std::invalid_argument& e) {
    throw usage_error(a + " / " + b + ": " + e.what());
  }
  return exit_ok;
}

int cmd_sensitivity(const std::string& dir, const std::string& format) {
  const auto store = results_store::open_read(dir);
  const std::string design = store.manifest_value("design");
  if (design != "sobol" && design != "morris")
    throw usage_error(dir + ": sensitivity needs a sweep with design: sobol or morris (this one is " + design + ")");
  // The ranged parameters, in order: the inputs of the analysis.
  std::vector<std::string> inputs;
  std::stringstream ss(store.manifest_value("ranged_parameters"));
  for (std::string line; std::getline(ss, line);) inputs.push_back(line);
  try {
    const table_data points = store.read_table("points"), runs = store.read_runs_with_parameters();
    if (design == "morris") {
      const int levels = std::stoi(store.manifest_value("morris_levels"));
      std::fputs((format == "table" ? morris_report(points, runs, inputs, levels, dir)
                                    : formatted(morris_table(points, runs, inputs, levels), format)).c_str(), stdout);
    } else {
      std::fputs((format == "table" ? sensitivity_report(points, runs, inputs, dir)
                                    : formatted(sensitivity_table(points, runs, inputs), format)).c_str(), stdout);
    }
  } catch (const std::invalid_argument& e) {
    throw usage_error(dir + ": " + e.what());
  }
  return exit_ok;
}

}  // namespace partyline::cli
