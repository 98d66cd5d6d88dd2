// The MPI work queue shared by sweeps and calibration: see include/partyline/work_queue.hpp.
#include "partyline/work_queue.hpp"

#include <mpi.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

namespace partyline::work_queue {

namespace {

constexpr int tag_request = 1, tag_work = 2, tag_result = 3;

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <class T>
T get(const std::string& in, std::size_t& pos) {
  if (pos + sizeof(T) > in.size()) throw std::runtime_error("work queue: a truncated result message");
  T v;
  std::memcpy(&v, in.data() + pos, sizeof v);
  pos += sizeof v;
  return v;
}

/// A chunk's results as one message: per item its number, its result's size and its result.
std::string pack(const std::vector<long long>& items, const std::vector<std::string>& results) {
  std::size_t bytes = 0;
  for (const auto& r : results) bytes += 16 + r.size();
  std::string out;
  out.reserve(bytes);
  for (std::size_t i = 0; i < items.size(); ++i) {
    put(out, static_cast<std::int64_t>(items[i]));
    put(out, static_cast<std::uint64_t>(results[i].size()));
    out += results[i];
  }
  return out;
}

}  // namespace

void lead(int ranks, const std::vector<long long>& items, const compute_fn& compute, const lead_options& opt) {
  const auto stopping = [&] { return opt.cancel && opt.cancel->load(std::memory_order_relaxed); };
  std::atomic<std::size_t> next{0};  // the first item not yet taken, here or by another rank
  std::atomic<bool> abandon{false};  // this rank failed: its threads stop
  // This rank's threads take items one at a time; their results wait here for the calling thread.
  std::mutex mutex;
  std::vector<std::pair<long long, std::string>> done_here;
  std::exception_ptr failure_here;
  std::atomic<bool> finished_here{false};
  std::thread here([&] {
    try {
      const int lanes = tbb::this_task_arena::max_concurrency();
      tbb::parallel_for(0, lanes, [&](int) {
        while (!stopping() && !abandon.load(std::memory_order_relaxed)) {
          const std::size_t i = next.fetch_add(1);
          if (i >= items.size()) return;
          std::string result = compute(items[i]);
          const std::lock_guard lock(mutex);
          done_here.emplace_back(items[i], std::move(result));
        }
      });
    } catch (...) {
      failure_here = std::current_exception();
    }
    finished_here = true;
  });
  const auto collect_here = [&] {
    std::vector<std::pair<long long, std::string>> ready;
    {
      const std::lock_guard lock(mutex);
      ready.swap(done_here);
    }
    for (auto& [item, result] : ready) opt.collect(item, std::move(result), false);
  };
  try {
    int asking = ranks - 1;  // other ranks not yet told there is no more
    long long owed = 0;      // items handed out whose results have not arrived
    std::string buffer;
    // Between polls while nothing arrives: from 0.2 ms, doubling to 5 ms. The other ranks keep a request outstanding
    // while they compute, so a late answer costs them nothing, and a busy poll would take time from this rank's threads.
    constexpr std::chrono::microseconds first_pause{200}, longest_pause{5000};
    std::chrono::microseconds pause = first_pause;
    while (true) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (flag && status.MPI_TAG == tag_request) {
        int wanted = 0;
        MPI_Recv(&wanted, 1, MPI_INT, status.MPI_SOURCE, tag_request, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        std::size_t first = items.size(), last = items.size();
        if (!stopping() && wanted > 0) {
          first = std::min(next.fetch_add(static_cast<std::size_t>(wanted)), items.size());
          last = std::min(first + static_cast<std::size_t>(wanted), items.size());
        }
        MPI_Send(items.data() + first, static_cast<int>(last - first), MPI_LONG_LONG, status.MPI_SOURCE, tag_work, MPI_COMM_WORLD);
        if (first == last) --asking;  // told there is no more: it stops once its last chunk is sent
        owed += static_cast<long long>(last - first);
      } else if (flag && status.MPI_TAG == tag_result) {
        int bytes = 0;
        MPI_Get_count(&status, MPI_BYTE, &bytes);
        buffer.resize(static_cast<std::size_t>(bytes));
        MPI_Recv(buffer.data(), bytes, MPI_BYTE, status.MPI_SOURCE, tag_result, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        std::size_t pos = 0;
        while (pos < buffer.size()) {
          const auto item = get<std::int64_t>(buffer, pos);
          const auto size = get<std::uint64_t>(buffer, pos);
          if (size > buffer.size() - pos) throw std::runtime_error("work queue: a truncated result message");
          opt.collect(item, buffer.substr(pos, size), true);
          pos += size;
          --owed;
        }
      } else if (flag) {
        throw std::runtime_error("work queue: a message with an unknown tag");
      }
      collect_here();
      if (opt.idle) opt.idle();
      if (flag) {
        pause = first_pause;
        continue;
      }
      if (asking == 0 && owed == 0 && finished_here) break;  // every rank told to stop, every result in
      std::this_thread::sleep_for(pause);
      pause = std::min(2 * pause, longest_pause);
    }
  } catch (...) {
    abandon = true;
    here.join();
    throw;
  }
  here.join();
  collect_here();
  if (failure_here) std::rethrow_exception(failure_here);
}

void follow(int wanted, const compute_fn& compute) {
  const auto request = [&] { MPI_Send(&wanted, 1, MPI_INT, 0, tag_request, MPI_COMM_WORLD); };
  const auto receive = [] {
    MPI_Status status;
    MPI_Probe(0, tag_work, MPI_COMM_WORLD, &status);
    int count = 0;
    MPI_Get_count(&status, MPI_LONG_LONG, &count);
    std::vector<long long> chunk(static_cast<std::size_t>(count));
    MPI_Recv(chunk.data(), count, MPI_LONG_LONG, 0, tag_work, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return chunk;
  };
  request();
  std::vector<long long> chunk = receive();
  while (!chunk.empty()) {
    request();  // one request outstanding while this chunk is computed: the answer is waiting when it is done
    std::vector<std::string> results(chunk.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, chunk.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) results[i] = compute(chunk[i]);
    });
    const std::string message = pack(chunk, results);
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, tag_result, MPI_COMM_WORLD);
    chunk = receive();
  }
}

}  // namespace partyline::work_queue
