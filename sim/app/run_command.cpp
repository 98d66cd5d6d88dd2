// partyline run, validate, show.

#include <algorithm>
#include <sstream>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "cli.hpp"
#include "partyline/calibrate/calibration.hpp"
#include "partyline/calibrate/posterior.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/sweep/plan.hpp"
#include "partyline/sweep/sweep.hpp"
#include "partyline/outcome/story.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/outcome/summary.hpp"
#include "partyline/rules/model.hpp"
#include "partyline/scenario/calendar.hpp"
#include "partyline/scenario/yaml_edit.hpp"
#include "partyline/scenario/yaml_tree.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/manifest.hpp"
#include "partyline/version.hpp"

namespace pl = partyline;

namespace partyline::cli {

/// A new folder results/<name>-<UTC time>[-N]: created here (create_directory fails if it exists), so runs started
/// in the same second, in one loop or in parallel, never share a folder.
std::filesystem::path new_results_folder(const std::string& name) {
  const std::filesystem::path base = std::filesystem::path("results") / (name + "-" + timestamp("%Y%m%d-%H%M%S"));
  std::error_code ec;
  std::filesystem::create_directories(base.parent_path(), ec);
  if (ec) throw usage_error(base.parent_path().string() + ": cannot create the results folder: " + ec.message());
  for (int n = 1; n < 10'000; ++n) {
    const std::filesystem::path candidate = n == 1 ? base : std::filesystem::path(base.string() + "-" + std::to_string(n));
    if (std::filesystem::create_directory(candidate, ec)) return candidate;
    if (ec) throw usage_error(candidate.string() + ": cannot create the output folder: " + ec.message());
  }
  throw usage_error(base.string() + ": 10,000 folders of this name and second exist; use --out");
}

int cmd_run(const run_args& a, const std::string& command_line) {
  const int threads = effective_threads(a.threads);
  const std::string text = pl::read_text_file(a.file, pl::yaml_limits{}.max_bytes);
  const pl::load_options opts = load_opts(a.memory_budget_mib, std::min(threads, a.runs));
  const pl::frozen_scenario scen = load_with_sets(text, a.file, opts, a.sets);
  const std::uint64_t seed = a.seed >= 0 ? static_cast<std::uint64_t>(a.seed) : static_cast<std::uint64_t>(scen->seed);
  pl::run_plan plan;
  plan.scenario = scen;
  plan.seed = seed;
  plan.runs = a.runs;
  plan.weekly = a.weekly;
  plan.events = a.events;
  plan.agents = a.agents;
  plan.threads = threads;
  // --posterior: each run draws a particle of the calibration's last generation; one scenario per particle drawn, its
  // values set after the command's own --set (the scenario's structure is the same, only coefficients differ).
  pl::posterior_sample posterior;
  std::vector<int> run_particles;
  if (!a.posterior.empty()) {
    posterior = pl::read_posterior(a.posterior);
    pl::posterior_runs drawn = pl::draw_posterior_runs(posterior, seed, a.runs, [&](const std::vector<pl::path_value>& values) {
      std::vector<std::string> sets = a.sets;
      for (const auto& [path, value] : values) sets.push_back(path + "=" + value);
      return load_with_sets(text, a.file, opts, sets);
    });
    plan.per_run = std::move(drawn.scenarios);
    run_particles = std::move(drawn.particles);
  }
  plan.results_budget_bytes = a.memory_budget_mib > 0 ? a.memory_budget_mib * 1024 * 1024 : 0.0;
  plan.cancel = &g_stop;
  plan.time_budget_seconds = a.time_budget_hours > 0 ? a.time_budget_hours * 3600.0 : -1.0;
  pl::check_time_budget(plan);  // before a folder is made for it
  const std::filesystem::path out = a.out.empty() ? new_results_folder(scen->name) : std::filesystem::path(a.out);
  // One writer at a time: a second run (or sweep) into this folder is refused; emptiness is checked under the lock.
  const pl::output_lock lock = pl::claim_output_dir(out, a.force);

  if (!a.quiet) {
    std::printf("partyline %s · %s · %d run%s · seed %llu · %d thread%s\n", pl::version(), scen->name.c_str(), a.runs,
                a.runs == 1 ? "" : "s", static_cast<unsigned long long>(seed), threads, threads == 1 ? "" : "s");
    // The overrides the run was given, so a printed summary says what it is a summary of.
    for (const auto& set : a.sets) std::printf("  --set %s\n", set.c_str());
    if (!a.posterior.empty())
      std::printf("  --posterior %s: each run draws one of %zu particles of generation %d (%zu parameters)\n", a.posterior.c_str(),
                  posterior.weights.size(), posterior.generation, posterior.parameters.size());
  }
  install_signal_handlers();
  const std::string started_at = pl::utc_timestamp();
  std::unique_ptr<progress_bar> bar;
  plan.on_start = [&](std::size_t already, std::size_t total) {
    bar = std::make_unique<progress_bar>(static_cast<long>(total), !a.quiet, "runs", static_cast<long>(already));
  };
  plan.on_progress = [&bar](std::size_t n) { bar->tick(static_cast<long>(n)); };
  const pl::plan_report report = pl::execute(plan);
  if (bar) bar->finish();
  const auto& results = report.results;
  const double secs = report.seconds;
  const bool complete = report.complete;

  // The result set is staged and moved in as a whole, the manifest (with every table's checksum) last; the tables
  // of a previous run (--force) that this run does not write go, so the folder never mixes two runs.
  // The tables are built once, in memory; the scenario's documented facts against the runs (targets.csv) when the
  // scenario states targets.
  const pl::run_set_tables set = pl::build_run_tables(*scen, results, seed, {a.weekly, a.events, a.agents});
  const pl::table_data& targets = set.targets;
  pl::result_set_writer writer(out);
  writer.add("runs.csv", pl::to_csv(set.runs));
  writer.add("councils.csv", pl::to_csv(set.councils));
  if (!targets.columns.empty()) writer.add("targets.csv", pl::to_csv(targets));
  if (a.weekly) writer.add("weekly.csv", pl::to_csv(set.weekly));
  if (a.events) writer.add("events.csv", pl::to_csv(set.events));
  if (a.events) writer.add("decisions.csv", pl::to_csv(set.decisions));
  if (a.agents) writer.add("councillors.csv", pl::to_csv(set.councillors));
  pl::run_manifest manifest;
  manifest.command = command_line;
  manifest.scenario_path = a.file;
  manifest.scenario_text = text;
  manifest.scenario_name = scen->name;
  manifest.resolved_scenario = pl::to_yaml(*scen);
  manifest.seed = seed;
  manifest.sets = a.sets;
  manifest.runs_requested = a.runs;
  manifest.runs_completed = results.size();
  manifest.complete = complete;
  manifest.threads = report.threads;
  manifest.weekly = a.weekly;
  manifest.events = a.events;
  manifest.started_at = started_at;
  manifest.wall_seconds = secs;
  if (!a.posterior.empty()) {
    manifest.posterior = a.posterior;
    manifest.posterior_generation = posterior.generation;
    manifest.posterior_parameters = posterior.parameters;
    for (const auto& r : results) manifest.posterior_particles.push_back(run_particles[static_cast<std::size_t>(r.run)]);
  }
  // A typical run (nearest the runs' centre on the outcomes the case's facts name): the summary retells it, and the
  // manifest names it so that `partyline report` tells the same story without running the set again.
  const pl::typical_choice choice = pl::typical_run(results, pl::focus_outcomes(*scen));
  if (!results.empty()) {
    manifest.typical_run = results[choice.index].run;
    manifest.typical_run_why = choice.describe(results);
  }
  writer.commit("manifest.json", pl::run_manifest_json(manifest, writer.tables()),
                {"runs.csv", "councils.csv", "weekly.csv", "events.csv", "decisions.csv", "councillors.csv", "targets.csv"});

  if (!a.quiet) {
    std::printf("\n%s: %zu run%s in %.1f s (%.1f runs/s)\n\n", scen->name.c_str(), results.size(), results.size() == 1 ? "" : "s", secs,
                secs > 0 ? static_cast<double>(results.size()) / secs : 0.0);
    if (results.empty()) std::printf("  no run finished: nothing to summarise\n");
    else {
      // A case's focus: the runs.csv columns its documented facts (targets) name, first.
      std::vector<std::string> focus;
      for (const auto& t : scen->targets) {
        if (!t.council.empty()) continue;
        std::stringstream terms(t.outcome);
        for (std::string term; std::getline(terms, term, '+');) {
          term.erase(0, term.find_first_not_of(' '));
          term.erase(term.find_last_not_of(' ') + 1);
          if (!term.empty()) focus.push_back(term);
        }
      }
      std::fputs(pl::format_summary(pl::summarize_runs(results), focus).c_str(), stdout);
    }
    // The focus councils (by default those the scenario lists, not generated ones): seats at the end and control.
    int listed = 0;
    for (std::size_t c = 0; c < scen->councils.size() && !results.empty(); ++c) {
      if (!scen->councils[c].focus || listed++ >= 8) continue;
      if (listed == 1) std::printf("\n  councils at the end (mean seats over the runs; the most frequent administration):\n");
      std::string line;
      for (std::size_t p = 0; p < scen->parties.size(); ++p) {
        double sum = 0;
        for (const auto& r : results) sum += r.councils[c].seats_end[p];
        if (sum > 0) line += (line.empty() ? "" : ", ") + scen->parties[p].id + " " + [&] {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.1f", sum / static_cast<double>(results.size()));
          return std::string(buf);
        }();
      }
      // The most frequent administration at the end, and how often.
      std::map<std::uint32_t, int> administrations;
      for (const auto& r : results) ++administrations[r.councils[c].administration_end];
      const auto top = std::max_element(administrations.begin(), administrations.end(),
                                        [](const auto& x, const auto& y) { return x.second < y.second; });
      std::printf("    %-20s %s; administration %s in %.0f%% of runs\n", scen->councils[c].id.c_str(), line.c_str(),
                  pl::administration_text(*scen, top->first).c_str(),
                  100.0 * top->second / static_cast<double>(results.size()));
    }
    if (!targets.rows.empty()) {
      int reproduced = 0, weak = 0, missed = 0;
      for (const auto& r : targets.rows) {
        const std::string& v = r[targets.column("verdict")];
        reproduced += v == "reproduced", weak += v == "weak", missed += v == "missed";
      }
      std::printf("\n  the documented facts (the scenario's targets) against the runs: %d reproduced, %d weak, %d missed\n%s",
                  reproduced, weak, missed, pl::format_targets(targets).c_str());
    }
    if (a.story > 0 && !results.empty()) {
      // A typical run (nearest the runs' centre on the outcomes the case's facts name), retold with its event log.
      // Its events are run again when they were not kept: a stop abandons that run (the results are written).
      const pl::run_result& typical = results[choice.index];
      try {
        const pl::run_result story =
            a.events ? typical : pl::simulate_run(plan.per_run.empty() ? scen : plan.per_run[static_cast<std::size_t>(typical.run)], seed, static_cast<std::uint64_t>(typical.run), false, true, &g_stop);
        std::printf("\n  the story of run %d, a typical run (%s):\n%s", story.run, manifest.typical_run_why.c_str(),
                    pl::tell_story(*scen, story, a.story).c_str());
      } catch (const pl::run_cancelled&) {
        std::printf("\n  (the story of a typical run was not told: interrupted)\n");
      }
    }
    std::printf("\n  outputs: %s/{%s}\n", out.string().c_str(), [&] {
      std::string s;
      for (const auto& t : writer.tables()) s += (s.empty() ? "" : ",") + t.name;
      return s + ",manifest.json";
    }().c_str());
  }
  if (!complete) {
    std::fprintf(stderr, "partyline: interrupted after %zu of %d runs; the finished runs are in %s (manifest says complete: false)\n",
                 results.size(), a.runs, out.string().c_str());
    return pl::exit_interrupted;
  }
  return pl::exit_ok;
}

int cmd_validate(const std::vector<std::string>& files, double budget_mib, bool quiet) {
  int status = pl::exit_ok;
  constexpr int max_errors = 20;
  for (const auto& f : files) {
    try {
      // Every error it can find, up to a limit: after each, the key it names is taken out of the file's tree and the
      // tree read again (a missing key, or one that cannot be taken out, ends the pass). Later errors can follow
      // from earlier ones; the first is always real.
      const auto opt = load_opts(budget_mib, 1);
      pl::yaml_node tree = pl::parse_yaml_file(f, opt.yaml);
      std::vector<std::string> removed;  // keys taken out: an error about one of them now is their absence, not news
      for (int errors = 0;;) {
        try {
          const auto scen = pl::load_scenario_tree(tree, opt);
          pl::check_targets(*scen);
          if (errors == 0 && !quiet) {
            const auto background = std::count_if(scen->councils.begin(), scen->councils.end(), [](const pl::council_def& c) {
              return c.detail == pl::council_detail::background;
            });
            const std::string of_them = background > 0 ? " (" + std::to_string(background) + " in the background)" : "";
            std::printf("%s: ok (%s: %zu council%s%s, %d weeks)\n", f.c_str(), scen->name.c_str(), scen->councils.size(),
                        scen->councils.size() == 1 ? "" : "s", of_them.c_str(), scen->weeks);
          }
          break;
        } catch (const pl::scenario_error& e) {
          if (std::find(removed.begin(), removed.end(), e.key_path()) != removed.end()) break;
          std::fprintf(stderr, "%s\n", e.what());
          status = pl::exit_bad_input;
          if (++errors >= max_errors) {
            std::fprintf(stderr, "%s: stopped after %d errors\n", f.c_str(), max_errors);
            break;
          }
          if (e.key_path().empty() || !pl::remove_path(tree, e.key_path())) break;
          removed.push_back(e.key_path());
        }
      }
    } catch (const pl::scenario_error& e) {
      std::fprintf(stderr, "%s\n", e.what());
      status = pl::exit_bad_input;
    } catch (const pl::usage_error& e) {
      std::fprintf(stderr, "partyline: %s\n", e.what());
      status = pl::exit_bad_input;
    }
  }
  return status;
}

int cmd_parameters(const std::string& update_file) {
  if (update_file.empty()) {
    for (const auto& block : pl::coefficient_blocks())
      std::printf("\n### `rules.%s`\n\n%s", block.c_str(), pl::coefficient_table_markdown(block).c_str());
    return pl::exit_ok;
  }
  const std::string text = pl::read_text_file(update_file, 16u << 20);
  std::string updated;
  try {
    updated = pl::with_week_table(pl::with_coefficient_tables(text));
  } catch (const std::invalid_argument& e) {
    throw usage_error(update_file + ": " + e.what());
  }
  if (updated != text) pl::write_file_atomically(update_file, updated);
  std::printf("%s: coefficient tables and the week's table %s\n", update_file.c_str(), updated != text ? "updated" : "already current");
  return pl::exit_ok;
}

int cmd_verify(const std::vector<std::string>& dirs, bool quiet) {
  int status = pl::exit_ok;
  for (const auto& d : dirs) {
    std::string what;
    // A calibration's folder holds a store of its own kind; runs' and sweeps' folders are the store stage's.
    std::error_code ec;
    const auto problems = std::filesystem::is_directory(d, ec) && pl::is_calibration_folder(d) ? pl::verify_calibration_folder(d, what)
                                                                                                : pl::verify_result_folder(d, what);
    if (problems.empty()) {
      if (!quiet) std::printf("%s: ok (%s)\n", d.c_str(), what.c_str());
      continue;
    }
    status = pl::exit_bad_input;
    std::fprintf(stderr, "%s: NOT one complete result set (%s):\n", d.c_str(), what.c_str());
    for (const auto& p : problems) std::fprintf(stderr, "  %s\n", p.c_str());
  }
  return status;
}

int cmd_show(const std::string& file, double budget_mib) {
  const auto scen = pl::load_scenario_file(file, load_opts(budget_mib, 1));
  pl::check_targets(*scen);
  std::fputs(pl::to_yaml(*scen).c_str(), stdout);
  return pl::exit_ok;
}


}  // namespace partyline::cli
