#pragma once
// Shared by the CLI's commands: signals, the progress bar, small helpers.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "partyline/engine/load.hpp"
#include "partyline/sweep/sweep.hpp"

namespace partyline::cli {

/// Raised by SIGINT or SIGTERM: long commands stop starting work, keep what is finished and say how to resume.
extern std::atomic<bool> g_stop;
void install_signal_handlers();

/// A progress bar with work done, rate and ETA, redrawn on stderr when it is a terminal.
class progress_bar {
 public:
  progress_bar(long total, bool enabled, std::string unit = "runs", long already = 0);
  ~progress_bar();
  void tick(long n = 1) { done_.fetch_add(n, std::memory_order_relaxed); }
  void finish();

 private:
  void loop();
  void draw();
  long total_;
  bool enabled_;
  std::string unit_;
  long already_;
  std::atomic<long> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  bool finished_ = false;
  std::thread thread_;
};

[[nodiscard]] std::string timestamp(const char* fmt);
[[nodiscard]] load_options load_opts(double budget_mib, int concurrent);
[[nodiscard]] int effective_threads(int requested);
/// A scenario's text loaded with the --set PATH=VALUE settings applied (errors at "--set:N:1").
[[nodiscard]] frozen_scenario load_with_sets(const std::string& text, const std::string& file, const load_options& opts,
                                             const std::vector<std::string>& sets);

// The commands.
struct run_args {
  std::string file;
  int runs = 1000;
  long long seed = -1;
  int threads = 0;
  std::string out;
  bool weekly = false;
  bool events = false;
  bool agents = false;  ///< --agents: councillors.csv
  bool force = false;
  bool quiet = false;
  double memory_budget_mib = 0;
  double time_budget_hours = 24;  ///< refuse work estimated to take longer (0: no limit)
  int story = 20;
  std::vector<std::string> sets;  ///< --set PATH=VALUE, in order
  std::string posterior;          ///< --posterior DIR: each run draws its coefficients from this calibration's posterior
};
int cmd_run(const run_args& a, const std::string& command_line);
int cmd_validate(const std::vector<std::string>& files, double budget_mib, bool quiet);
int cmd_show(const std::string& file, double budget_mib);
int cmd_init(const std::string& name, bool force);
int cmd_verify(const std::vector<std::string>& dirs, bool quiet);
int cmd_params(const std::string& file, const std::vector<std::string>& sets, const std::string& format, double budget_mib);
int cmd_calibrate(const std::string& file, const std::string& out, bool resume, int threads, bool quiet, const std::string& hold_out);
int cmd_parameters(const std::string& update_file);
/// `partyline report DIR`: hands over to the Python module's report (never returns on success).
int cmd_report(const std::string& dir, const std::string& out, bool force);

struct sweep_args {
  std::string file;
  std::string out;
  int threads = 0;
  bool resume = false;
  bool quiet = false;
  double memory_budget_mib = 0;
  double time_budget_hours = 24;  ///< refuse work estimated to take longer (0: no limit)
  std::string shard;  ///< "K/N"
  long long max_runs = 10'000'000;
};
int cmd_sweep(const sweep_args& a, const std::string& command_line);
int cmd_merge(const std::vector<std::string>& shards, const std::string& out);
int cmd_export(const std::string& dir, const std::string& out, bool force, const std::string& command_line);
int cmd_summarize(const std::string& dir, int max_points, const std::string& format, const std::vector<std::string>& outcomes,
                  bool wide);
int cmd_compare(const std::string& a, const std::string& b, int point_a, int point_b, const std::string& format);
int cmd_sensitivity(const std::string& dir, const std::string& format);

}  // namespace partyline::cli
