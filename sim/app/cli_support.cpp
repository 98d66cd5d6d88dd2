#include <tbb/info.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <ctime>

#include "cli.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/scenario/yaml_edit.hpp"

namespace pl = partyline;

namespace partyline::cli {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_signal(int) { g_stop.store(true); }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);  // a closed terminal or ssh session: keep the finished runs as for Ctrl-C
}

progress_bar::progress_bar(long total, bool enabled, std::string unit, long already)
    : total_(total), enabled_(enabled && isatty(STDERR_FILENO)), unit_(std::move(unit)), already_(already) {
  start_ = std::chrono::steady_clock::now();
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

progress_bar::~progress_bar() { finish(); }

void progress_bar::finish() {
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

void progress_bar::loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (finished_) return;
    }
    draw();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void progress_bar::draw() {
  const long done = done_.load(std::memory_order_relaxed);
  const long all_done = done + already_;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
  const int width = 30;
  const int filled = total_ > 0 ? static_cast<int>(width * all_done / total_) : width;
  std::string bar(static_cast<std::size_t>(std::min(filled, width)), '#');
  bar.resize(width, '.');
  char eta[32] = "--";
  if (rate > 0 && all_done < total_) std::snprintf(eta, sizeof eta, "%.0fs", static_cast<double>(total_ - all_done) / rate);
  if (all_done >= total_) std::snprintf(eta, sizeof eta, "done");
  std::fprintf(stderr, "\r  [%s] %ld/%ld %s  %.1f %s/s  ETA %s   ", bar.c_str(), all_done, total_, unit_.c_str(), rate,
               unit_.c_str(), eta);
  std::fflush(stderr);
}

std::string timestamp(const char* fmt) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

load_options load_opts(double budget_mib, int concurrent) {
  load_options opt;
  opt.memory_budget_bytes = budget_mib > 0 ? budget_mib * 1024.0 * 1024.0 : 0.0;
  opt.concurrent_runs = concurrent;
  return opt;
}

int effective_threads(int requested) { return requested > 0 ? requested : tbb::info::default_concurrency(); }

frozen_scenario load_with_sets(const std::string& text, const std::string& file, const load_options& opts,
                               const std::vector<std::string>& set_args) {
  // --set path=value, as in sweep files: applied to the file's tree before it is checked, so a bad path or value is
  // reported like any scenario error (at "--set:N:1", the N-th --set).
  std::vector<std::pair<std::string, std::string>> sets;
  for (const auto& item : set_args) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw usage_error("--set takes PATH=VALUE (a sweep file's dotted path), e.g. --set executive.left_share=0.3; got '" +
                        item + "'");
    sets.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  frozen_scenario scen;
  if (sets.empty()) {
    scen = load_scenario_text(text, file, opts);
  } else {
    yaml_node root = parse_yaml_text(text, file, opts.yaml);
    apply_overrides(root, sets, "--set");
    scen = load_scenario_tree(root, opts);
  }
  check_targets(*scen);
  return scen;
}

}  // namespace partyline::cli
