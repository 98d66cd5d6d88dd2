#include "partyline/sweep/runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "partyline/outcome/collect.hpp"
#include "partyline/error.hpp"
#include "partyline/store/results_store.hpp"

namespace partyline {

namespace {

/// Finished runs wait here for the writer thread, which commits them in batches.
class run_queue {
 public:
  void push(stored_run r) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(r));
    }
    ready_.notify_one();
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_one();
  }
  /// Waits up to `wait` for at least `want` runs (or closing); returns what is there. Empty and closed: done.
  std::vector<stored_run> take(std::size_t want, std::chrono::milliseconds wait, bool& closed) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, wait, [&] { return items_.size() >= want || closed_; });
    std::vector<stored_run> out;
    out.swap(items_);
    closed = closed_;
    return out;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<stored_run> items_;
  bool closed_ = false;
};

}  // namespace

sweep_report run_sweep(const sweep_spec& spec, const std::filesystem::path& dir, const sweep_run_options& opt) {
  const auto started = std::chrono::steady_clock::now();
  results_store store = results_store::open_for_sweep(dir, spec.for_store(), opt.resume, opt.manifest);
  const std::vector<char> done = store.done_runs(spec.points.size(), spec.replicates);

  std::vector<std::size_t> todo;
  sweep_report report;
  for (std::size_t i = 0; i < done.size(); ++i) {
    if (i % opt.shard_count != opt.shard_index) continue;
    ++report.total;
    if (done[i])
      ++report.already_done;
    else
      todo.push_back(i);
  }

  if (opt.on_start) opt.on_start(report.already_done, report.total);
  run_queue queue;
  std::exception_ptr writer_error;
  std::atomic<bool> writer_failed{false};
  std::thread writer([&] {
    try {
      bool closed = false;
      while (true) {
        auto batch = queue.take(64, std::chrono::milliseconds(500), closed);
        if (!batch.empty()) {
          store.write(batch);
          report.ran += batch.size();
          if (opt.on_run_done) opt.on_run_done(batch.size());
        }
        if (closed && batch.empty()) break;
      }
    } catch (...) {
      writer_error = std::current_exception();
      writer_failed = true;
    }
  });

  std::atomic<std::size_t> scheduled{0};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, todo.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      if ((opt.cancel && opt.cancel->load(std::memory_order_relaxed)) || writer_failed.load(std::memory_order_relaxed)) return;
      try {
        queue.push(spec.compute(todo[k], opt.cancel));
      } catch (const run_cancelled&) {
        return;  // abandoned part-way: not stored, run again by --resume
      }
      scheduled.fetch_add(1, std::memory_order_release);
    }
  });
  [[maybe_unused]] const std::size_t pushed = scheduled.load(std::memory_order_acquire);
  queue.close();
  writer.join();
  if (writer_error) {
    try {
      std::rethrow_exception(writer_error);
    } catch (const std::exception& e) {
      throw usage_error(std::string(e.what()) + "; every run committed before is intact in " +
                        results_store::file_in(dir).string() + ": fix the cause (free space?) and rerun with --resume");
    }
  }
  report.complete = report.already_done + report.ran == report.total;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace partyline
