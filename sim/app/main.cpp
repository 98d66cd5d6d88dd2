// partyline: the command-line interface. The commands live in run_command.cpp and sweep_commands.cpp.
#include <cstdlib>
#include <cmath>
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>

#include "cli.hpp"
#include "partyline/error.hpp"
#include "partyline/scenario/schema.hpp"
#include "partyline/sweep/plan.hpp"
#include "partyline/version.hpp"

namespace pl = partyline;
using namespace partyline::cli;

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) should be a write error we report, not a signal that kills us mid-write.
  std::signal(SIGXFSZ, SIG_IGN);
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

  CLI::App app{"partyline: agent-based simulation of central versus local control in a political party.\n"
               "Exit status: 0 success, 1 internal failure, 2 bad input (scenario, arguments, paths), 130 interrupted."};
  app.name("partyline");
  app.set_version_flag("--version", std::string("partyline ") + pl::version() + " (" + pl::git_commit() + ")");
  app.require_subcommand(1);
  // A budget or a path given explicitly is checked, never replaced by the default (issue 19).
  const CLI::Validator budget_mib(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v <= 0)
          return "a memory budget is a positive number of MiB, got '" + text + "'";
        return {};
      },
      "MiB > 0");
  const CLI::Validator budget_hours(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < 0)
          return "a time budget is a number of hours >= 0 (0: no limit), got '" + text + "'";
        return {};
      },
      "HOURS >= 0");
  const CLI::Validator not_empty([](std::string& text) -> std::string { return text.empty() ? "an empty path" : ""; }, "PATH");

  run_args ra;
  auto* run = app.add_subcommand("run", "Run a scenario many times and write runs.csv, councils.csv and a manifest");
  run->add_option("FILE", ra.file, "scenario file (YAML)")->required();
  run->add_option("--runs,-n", ra.runs, "number of runs")->check(CLI::Range(1LL, pl::max_request_runs))->capture_default_str();
  run->add_option("--seed,-s", ra.seed, "base seed (default: the scenario's seed)")->check(CLI::Range(0LL, pl::max_request_seed));
  run->add_option("--threads,-t", ra.threads, "worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0LL, pl::max_request_threads))->capture_default_str();
  run->add_option("--out,-o", ra.out, "output directory (default: results/<scenario>-<UTC time>)")->check(not_empty);
  run->add_flag("--weekly", ra.weekly, "also write weekly.csv (one row per run, week and council: party-wide, then each focus council)");
  run->add_flag("--events", ra.events, "also write events.csv (the event log of every run) and decisions.csv (every vote of every body)");
  run->add_flag("--agents", ra.agents, "also write councillors.csv (each seat of the focus councils at the start and the end of every run)");
  run->add_flag("--force", ra.force, "write into a non-empty output directory, replacing partyline's files");
  run->add_flag("--quiet,-q", ra.quiet, "no progress bar and no summary");
  run->add_option("--memory-budget", ra.memory_budget_mib, "refuse scenarios needing more memory than this (MiB; default half of RAM)")
      ->check(budget_mib);
  run->add_option("--time-budget", ra.time_budget_hours,
                  "refuse runs estimated (generously, from the scenario's size) to take longer than this (hours; 0: no limit)")
      ->check(budget_hours)->capture_default_str();
  run->add_option("--set", ra.sets, "PATH=VALUE: set a scenario value by a sweep file's dotted path (repeatable), "
                                     "e.g. --set executive.left_share=0.3 --set rules.R2.b_backlash=3 (each path once); "
                                     "`partyline params FILE` lists the paths")
      ->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);  // one PATH=VALUE per --set
  run->add_option("--posterior", ra.posterior,
                  "a calibration's output folder (partyline calibrate --out DIR): each run draws one particle of its last "
                  "generation by weight and runs with those coefficients set (after --set), so the runs carry the parameters' "
                  "uncertainty; the manifest records each run's particle")
      ->check(CLI::ExistingDirectory);
  run->add_option("--story", ra.story, "events of the first run to print after the summary (0: none)")->capture_default_str();

  std::vector<std::string> vfiles;
  double vbudget = 0;
  bool vquiet = false;
  auto* validate = app.add_subcommand("validate", "Check scenario files; print FILE:LINE:COL: key.path: message for each error");
  validate->add_option("FILE", vfiles, "scenario files")->required();
  validate->add_option("--memory-budget", vbudget, "memory budget in MiB (default half of RAM)")->check(budget_mib);
  validate->add_flag("--quiet,-q", vquiet, "print nothing for valid files");

  std::string sfile;
  double sbudget = 0;
  auto* init = app.add_subcommand("init", "Write NAME.yaml, a commented starting scenario to edit into a case (never over an existing file)");
  std::string iname;
  bool iforce = false;
  init->add_option("NAME", iname, "the scenario's name (and file: NAME.yaml)")->required();
  init->add_flag("--force", iforce, "replace an existing file");

  auto* show = app.add_subcommand("show", "Print the scenario with every default resolved, as YAML");
  show->add_option("FILE", sfile, "scenario file")->required();
  show->add_option("--memory-budget", sbudget, "memory budget in MiB (default half of RAM)")->check(budget_mib);

  sweep_args sa;
  auto* sweep = app.add_subcommand("sweep", "Run a parameter sweep into DIR/results.sqlite (resumable; under mpirun across ranks)");
  sweep->add_option("FILE", sa.file, "sweep file (YAML), see scenarios/README.md")->required();
  sweep->add_option("--out,-o", sa.out, "output directory for the results store")->required()->check(not_empty);
  sweep->add_option("--threads,-t", sa.threads, "worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024))->capture_default_str();
  sweep->add_flag("--resume", sa.resume, "complete the missing runs of this sweep in DIR");
  sweep->add_option("--shard", sa.shard, "run only shard K of N (K/N) of the runs, e.g. for a Slurm job array");
  sweep->add_flag("--quiet,-q", sa.quiet, "no progress bar");
  sweep->add_option("--memory-budget", sa.memory_budget_mib, "memory budget in MiB (default half of RAM)")->check(budget_mib);
  sweep->add_option("--time-budget", sa.time_budget_hours,
                    "refuse sweeps estimated (generously, from the points' sizes) to take longer than this (hours; 0: no limit)")
      ->check(budget_hours)->capture_default_str();
  sweep->add_option("--max-runs", sa.max_runs, "refuse sweeps of more runs than this")->capture_default_str();

  std::string edir, eout;
  bool eforce = false;
  auto* exp = app.add_subcommand("export", "Write a sweep's tables as tidy CSV (one row per run, parameters first)");
  exp->add_option("DIR", edir, "sweep output directory")->required();
  exp->add_option("--out,-o", eout, "where to write (default DIR/export)")->check(not_empty);
  exp->add_flag("--force", eforce, "write into a non-empty directory");

  std::string mdir;
  int mpoints = 20;
  auto* summarize = app.add_subcommand("summarize", "Per point: each outcome's mean (bootstrap 95% CI), runs' 5-95% range, share of runs (exact CI)");
  summarize->add_option("DIR", mdir, "a sweep output directory, or a run folder (runs.csv): one point")->required();
  summarize->add_option("--points", mpoints, "points to show in the table (0: all)")->capture_default_str();
  std::string mformat = "table";
  std::vector<std::string> moutcomes;
  bool mwide = false;
  summarize->add_flag("--wide", mwide, "one row per point, one column per outcome (its mean): the point x outcome table");
  summarize->add_option("--outcome", moutcomes, "only these outcomes (runs.csv's column names, docs/outcomes.md); repeat or list several");
  summarize->add_option("--format", mformat, "table, or csv / json: one record per point and outcome (docs/outcomes.md, Statistics)")
      ->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();

  std::string ca, cb;
  int cpa = -1, cpb = -1;
  auto* compare = app.add_subcommand("compare", "Difference B - A per outcome with 95% intervals (run folders or sweep stores)");
  compare->add_option("A", ca, "a `run` output folder or a sweep directory")->required();
  compare->add_option("B", cb, "a `run` output folder or a sweep directory")->required();
  compare->add_option("--point-a", cpa, "the sweep point of A (if A is a sweep with several points)");
  compare->add_option("--point-b", cpb, "the sweep point of B");
  std::string cformat = "table";
  compare->add_option("--format", cformat, "table, or csv / json: one record per outcome")
      ->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();

  std::vector<std::string> mshards;
  std::string mout;
  auto* merge = app.add_subcommand("merge", "Merge the complete shards of one sweep (--shard K/N) into one store");
  merge->add_option("SHARDS", mshards, "the shard directories, DIR_1 ... DIR_N")->required();
  merge->add_option("--out,-o", mout, "output directory for the merged store")->required();

  std::string sdir2;
  auto* sensitivity = app.add_subcommand("sensitivity", "First- and total-order Sobol' indices of a sobol-design sweep, or Morris "
                                                          "elementary effects (mu*, sigma) of a morris-design sweep");
  sensitivity->add_option("DIR", sdir2, "sweep output directory")->required();
  std::string sformat = "table";
  sensitivity->add_option("--format", sformat, "table, or csv / json: one record per outcome and input")
      ->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();

  std::string pfile, pformat = "table";
  std::vector<std::string> psets;
  double pbudget = 0;
  auto* params = app.add_subcommand("params", "List every settable path of a scenario (for --set and sweep files) with its "
                                              "value, allowed range and meaning");
  params->add_option("FILE", pfile, "scenario file")->required();
  params->add_option("--set", psets, "PATH=VALUE, as for run (repeatable)")
      ->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  params->add_option("--format", pformat, "table or csv")->check(CLI::IsMember({"table", "csv"}))->capture_default_str();
  params->add_option("--memory-budget", pbudget, "memory budget in MiB (default half of RAM)")->check(budget_mib);

  std::vector<std::string> vdirs;
  bool vdquiet = false;
  auto* verify = app.add_subcommand("verify", "Check that each output folder holds one complete result set (a run's "
                                              "tables against the manifest's SHA-256 and rows; a sweep store's integrity and "
                                              "every run of its design; a calibration's files against its store's checksums); "
                                              "exit 2 naming the problem if not");
  verify->add_option("DIR", vdirs, "run, sweep or calibration output folders")->required();
  verify->add_flag("--quiet,-q", vdquiet, "print nothing for folders that pass");

  std::string kfile, kout, khold;
  bool kresume = false, kquiet = false;
  int kthreads = 0;
  auto* calibrate = app.add_subcommand("calibrate", "Fit free parameters to the cases' documented facts (targets) by ABC-SMC; "
                                                    "resumable after each generation; under mpirun across ranks");
  calibrate->add_option("FILE", kfile, "calibration file (YAML), see scenarios/README.md")->required();
  calibrate->add_option("--out,-o", kout, "output directory")->required()->check(not_empty);
  calibrate->add_flag("--resume", kresume, "continue the calibration in DIR from its last complete generation");
  calibrate->add_option("--threads,-t", kthreads, "worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024))->capture_default_str();
  calibrate->add_flag("--quiet,-q", kquiet, "print nothing but errors");
  calibrate->add_option("--hold-out", khold, "fit without this case (scenario name or file stem) and report how well its facts are "
                                             "predicted: leave-one-case-out cross-validation");

  std::string pupdate;
  auto* parameters = app.add_subcommand("parameters", "Print every rule coefficient (meaning, default, source) as markdown tables");
  parameters->add_option("--update", pupdate, "rewrite the generated coefficient tables and the week's table of this file (docs/model.md) in place");

  std::string rdir, rout;
  bool rforce = false;
  auto* report = app.add_subcommand("report", "Write one self-contained HTML page of a run's or a sweep's folder (facts, "
                                              "outcomes, a dated timeline, weekly bands, a typical run's story) beside it, "
                                              "as DIR.html");
  report->add_option("DIR", rdir, "a run's or a sweep's output folder")->required();
  report->add_option("--out,-o", rout, "the page's path (default: DIR.html)");
  report->add_flag("--force", rforce, "replace an existing page");

  // A first word that is no subcommand (a typo such as `runn`): say which it is nearest, rather than CLI11's "a
  // subcommand is required".
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string best, all;
    std::size_t best_d = 3;  // at most two edits away
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      known = known || sub->get_name() == word;
      all += (all.empty() ? "" : ", ") + sub->get_name();
      if (const std::size_t d = pl::edit_distance(word, sub->get_name()); d < best_d) best_d = d, best = sub->get_name();
    }
    if (!known) {
      std::fprintf(stderr, "partyline: '%s' is not a command%s; the commands are: %s\nRun with --help for more information.\n",
                   word.c_str(), best.empty() ? "" : (" (did you mean '" + best + "'?)").c_str(), all.c_str());
      return pl::exit_bad_input;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? pl::exit_ok : pl::exit_bad_input;
  }

  try {
    if (*run) return cmd_run(ra, command_line);
    if (*validate) return cmd_validate(vfiles, vbudget, vquiet);
    if (*show) return cmd_show(sfile, sbudget);
    if (*init) return cmd_init(iname, iforce);
    if (*sweep) return cmd_sweep(sa, command_line);
    if (*exp) return cmd_export(edir, eout, eforce, command_line);
    if (*summarize) return cmd_summarize(mdir, mpoints, mformat, moutcomes, mwide);
    if (*compare) return cmd_compare(ca, cb, cpa, cpb, cformat);
    if (*sensitivity) return cmd_sensitivity(sdir2, sformat);
    if (*merge) return cmd_merge(mshards, mout);
    if (*parameters) return cmd_parameters(pupdate);
    if (*verify) return cmd_verify(vdirs, vdquiet);
    if (*params) return cmd_params(pfile, psets, pformat, pbudget);
    if (*calibrate) return cmd_calibrate(kfile, kout, kresume, kthreads, kquiet, khold);
    if (*report) return cmd_report(rdir, rout, rforce);
  } catch (const pl::scenario_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return pl::exit_bad_input;
  } catch (const pl::usage_error& e) {
    std::fprintf(stderr, "partyline: %s\n", e.what());
    return pl::exit_bad_input;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "partyline: internal error: %s\n", e.what());
    return pl::exit_failure;
  }
  return pl::exit_ok;
}
