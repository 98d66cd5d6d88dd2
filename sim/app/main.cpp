// partyline: the command-line interface. Subcommands: run, validate, show.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>
#include <thread>

#include "partyline/engine/engine.hpp"
#include "partyline/outcome/summary.hpp"
#include "partyline/scenario/calendar.hpp"
#include "partyline/scenario/load.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/sha256.hpp"
#include "partyline/version.hpp"

namespace pl = partyline;

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_signal(int) { g_stop.store(true); }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

/// A progress bar with runs done, runs per second and ETA, redrawn on stderr when it is a terminal.
class progress_bar {
 public:
  progress_bar(long total, bool enabled) : total_(total), enabled_(enabled && isatty(STDERR_FILENO)) {
    start_ = std::chrono::steady_clock::now();
    if (enabled_) thread_ = std::thread([this] { loop(); });
  }
  ~progress_bar() { finish(); }
  void tick() { done_.fetch_add(1, std::memory_order_relaxed); }
  void finish() {
    if (!enabled_) return;
    {
      std::lock_guard lock(mutex_);
      if (finished_) return;
      finished_ = true;
    }
    thread_.join();
    draw();
    std::fputs("\n", stderr);
  }

 private:
  void loop() {
    while (true) {
      {
        std::lock_guard lock(mutex_);
        if (finished_) return;
      }
      draw();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  void draw() {
    const long done = done_.load(std::memory_order_relaxed);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
    const int width = 30;
    const int filled = total_ > 0 ? static_cast<int>(width * done / total_) : width;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    char eta[32] = "--";
    if (rate > 0 && done < total_) std::snprintf(eta, sizeof eta, "%.0fs", static_cast<double>(total_ - done) / rate);
    if (done >= total_) std::snprintf(eta, sizeof eta, "done");
    std::fprintf(stderr, "\r  [%s] %ld/%ld runs  %.1f runs/s  ETA %s   ", bar.c_str(), done, total_, rate, eta);
    std::fflush(stderr);
  }
  long total_;
  bool enabled_;
  std::atomic<long> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  bool finished_ = false;
  std::thread thread_;
};

std::string timestamp(const char* fmt) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

pl::load_options load_opts(double budget_mib, int concurrent) {
  pl::load_options opt;
  opt.memory_budget_bytes = budget_mib > 0 ? budget_mib * 1024.0 * 1024.0 : 0.0;
  opt.concurrent_runs = concurrent;
  return opt;
}

int effective_threads(int requested) {
  return requested > 0 ? requested : tbb::info::default_concurrency();
}

struct run_args {
  std::string file;
  int runs = 1000;
  long long seed = -1;
  int threads = 0;
  std::string out;
  bool weekly = false;
  bool events = false;
  bool force = false;
  bool quiet = false;
  double memory_budget_mib = 0;
  int story = 20;
};

/// The first events of a run, one line each; runs of the same event in the same council (e.g. a season of
/// deselections) are folded into one line with a count.
std::string story_of_run(const pl::scenario& s, const pl::run_result& r, int max_lines) {
  std::string out;
  int shown = 0;
  const auto& ev = r.events;
  for (std::size_t i = 0; i < ev.size();) {
    std::size_t j = i + 1;
    while (j < ev.size() && ev[j].council == ev[i].council && ev[j].rule == ev[i].rule && ev[i].rule != 0) ++j;
    if (shown++ >= max_lines) {
      out += "    ... (more events; --events writes them all to events.csv)\n";
      break;
    }
    const auto& e = ev[i];
    const std::string where = e.council >= 0 ? s.councils[static_cast<std::size_t>(e.council)].id : std::string("national");
    const std::string rule = e.rule ? "R" + std::to_string(e.rule) : std::string("scenario");
    if (j - i > 2) {
      std::vector<std::pair<std::string, int>> counts;
      for (std::size_t k = i; k < j; ++k) {
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == ev[k].event; });
        if (it == counts.end())
          counts.emplace_back(ev[k].event, 1);
        else
          ++it->second;
      }
      std::string what;
      for (const auto& [name, n] : counts) what += (what.empty() ? "" : ", ") + name + " x" + std::to_string(n);
      out += "    weeks " + std::to_string(e.week) + "-" + std::to_string(ev[j - 1].week) + " (from " +
             pl::date_of_week(s.start_date, e.week) + ") · " + where + " · " + rule + " · " + what + " · e.g. " +
             e.detail + "\n";
      i = j;
      continue;
    }
    out += "    week " + std::to_string(e.week) + " (" + pl::date_of_week(s.start_date, e.week) + ") · " + where + " · " +
           rule + " · " + e.event + " · " + e.detail + "\n";
    ++i;
  }
  if (ev.empty()) out += "    (no events)\n";
  return out;
}

int cmd_run(const run_args& a, const std::string& command_line) {
  const int threads = effective_threads(a.threads);
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const std::string text = pl::read_text_file(a.file, pl::yaml_limits{}.max_bytes);
  const auto scen = pl::load_scenario_text(text, a.file, load_opts(a.memory_budget_mib, std::min(threads, a.runs)));
  const std::uint64_t seed = a.seed >= 0 ? static_cast<std::uint64_t>(a.seed) : static_cast<std::uint64_t>(scen->seed);
  const std::filesystem::path out =
      a.out.empty() ? std::filesystem::path("results") / (scen->name + "-" + timestamp("%Y%m%d-%H%M%S")) : std::filesystem::path(a.out);
  pl::prepare_output_dir(out, a.force);

  if (!a.quiet)
    std::printf("partyline %s · %s · %d runs · seed %llu · %d thread%s\n", pl::version(), scen->name.c_str(), a.runs,
                static_cast<unsigned long long>(seed), threads, threads == 1 ? "" : "s");
  install_signal_handlers();
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = timestamp("%Y-%m-%dT%H:%M:%SZ");
  progress_bar bar(a.runs, !a.quiet);
  pl::run_options opt;
  opt.runs = a.runs;
  opt.seed = seed;
  opt.weekly = a.weekly;
  opt.events = a.events;
  opt.cancel = &g_stop;
  opt.on_run_done = [&bar](const pl::run_result&) { bar.tick(); };
  const auto results = pl::simulate_runs(scen, opt);
  bar.finish();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const bool complete = static_cast<int>(results.size()) == a.runs;

  // Outputs, each written atomically; the manifest last, so its presence means the tables are whole.
  std::vector<std::string> files{"runs.csv", "councils.csv"};
  pl::write_file_atomically(out / "runs.csv", pl::runs_csv(results, seed));
  pl::write_file_atomically(out / "councils.csv", pl::councils_csv(*scen, results));
  if (a.weekly) {
    pl::write_file_atomically(out / "weekly.csv", pl::weekly_csv(results));
    files.emplace_back("weekly.csv");
  }
  if (a.events) {
    pl::write_file_atomically(out / "events.csv", pl::events_csv(*scen, results));
    files.emplace_back("events.csv");
  }
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  pl::json_writer j;
  j.begin()
      .field("partyline_version", pl::version())
      .field("git_commit", pl::git_commit())
      .field("command", command_line)
      .field("scenario_path", a.file)
      .field("scenario_sha256", pl::sha256_hex(text))
      .field("scenario_name", scen->name)
      .field("seed", static_cast<long long>(seed))
      .field("runs_requested", a.runs)
      .field("runs_completed", static_cast<int>(results.size()))
      .field("complete", complete)
      .field("threads", threads)
      .field("weekly", a.weekly)
      .field("events", a.events)
      .strings("files", files)
      .object("timings")
      .field("started_at", started_at)
      .field("finished_at", timestamp("%Y-%m-%dT%H:%M:%SZ"))
      .field("wall_seconds", secs)
      .field("runs_per_second", secs > 0 ? static_cast<double>(results.size()) / secs : 0.0)
      .end()
      .field("host", std::string(host))
      .field("resolved_scenario", pl::to_yaml(*scen))
      .end();
  pl::write_file_atomically(out / "manifest.json", j.str());

  if (!a.quiet) {
    std::printf("\n%s: %zu runs in %.1f s (%.1f runs/s)\n\n", scen->name.c_str(), results.size(), secs,
                secs > 0 ? static_cast<double>(results.size()) / secs : 0.0);
    std::fputs(pl::format_summary(pl::summarize_runs(results)).c_str(), stdout);
    if (a.story > 0 && !results.empty()) {
      const pl::run_result story = a.events ? results.front() : pl::simulate_run(scen, seed, static_cast<std::uint64_t>(results.front().run), false, true);
      std::printf("\n  the story of run %d:\n%s", story.run, story_of_run(*scen, story, a.story).c_str());
    }
    std::printf("\n  outputs: %s/{%s}\n", out.string().c_str(), [&] {
      std::string s;
      for (const auto& f : files) s += (s.empty() ? "" : ",") + f;
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
  for (const auto& f : files) {
    try {
      const auto scen = pl::load_scenario_file(f, load_opts(budget_mib, 1));
      if (!quiet) std::printf("%s: ok (%s: %zu councils, %d weeks)\n", f.c_str(), scen->name.c_str(), scen->councils.size(), scen->weeks);
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

int cmd_show(const std::string& file, double budget_mib) {
  const auto scen = pl::load_scenario_file(file, load_opts(budget_mib, 1));
  std::fputs(pl::to_yaml(*scen).c_str(), stdout);
  return pl::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

  CLI::App app{"partyline: agent-based simulation of central versus local control in a political party.\n"
               "Exit status: 0 success, 1 internal failure, 2 bad input (scenario, arguments, paths), 130 interrupted."};
  app.name("partyline");
  app.set_version_flag("--version", std::string("partyline ") + pl::version() + " (" + pl::git_commit() + ")");
  app.require_subcommand(1);

  run_args ra;
  auto* run = app.add_subcommand("run", "Run a scenario many times and write runs.csv, councils.csv and a manifest");
  run->add_option("FILE", ra.file, "scenario file (YAML)")->required();
  run->add_option("--runs,-n", ra.runs, "number of runs")->check(CLI::Range(1, 10'000'000))->capture_default_str();
  run->add_option("--seed,-s", ra.seed, "base seed (default: the scenario's seed)")->check(CLI::Range(0LL, 9'000'000'000'000'000LL));
  run->add_option("--threads,-t", ra.threads, "worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024))->capture_default_str();
  run->add_option("--out,-o", ra.out, "output directory (default: results/<scenario>-<UTC time>)");
  run->add_flag("--weekly", ra.weekly, "also write weekly.csv (one row per run and week)");
  run->add_flag("--events", ra.events, "also write events.csv (the event log of every run)");
  run->add_flag("--force", ra.force, "write into a non-empty output directory, replacing partyline's files");
  run->add_flag("--quiet,-q", ra.quiet, "no progress bar and no summary");
  run->add_option("--memory-budget", ra.memory_budget_mib, "refuse scenarios needing more memory than this (MiB; default half of RAM)");
  run->add_option("--story", ra.story, "events of the first run to print after the summary (0: none)")->capture_default_str();

  std::vector<std::string> vfiles;
  double vbudget = 0;
  bool vquiet = false;
  auto* validate = app.add_subcommand("validate", "Check scenario files; print FILE:LINE:COL: key.path: message for each error");
  validate->add_option("FILE", vfiles, "scenario files")->required();
  validate->add_option("--memory-budget", vbudget, "memory budget in MiB (default half of RAM)");
  validate->add_flag("--quiet,-q", vquiet, "print nothing for valid files");

  std::string sfile;
  double sbudget = 0;
  auto* show = app.add_subcommand("show", "Print the scenario with every default resolved, as YAML");
  show->add_option("FILE", sfile, "scenario file")->required();
  show->add_option("--memory-budget", sbudget, "memory budget in MiB (default half of RAM)");

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
