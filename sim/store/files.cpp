#include "partyline/store/files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "partyline/error.hpp"
#include "partyline/store/csv.hpp"

namespace partyline {

void prepare_output_dir(const std::filesystem::path& dir, bool force) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw usage_error(dir.string() + ": exists and is not a directory");
    // A folder holding only a lock file (left by a writer that died before writing anything) counts as empty.
    bool empty = true;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().filename() != output_lock_file) empty = false;
    if (!empty && !force)
      throw usage_error(dir.string() + ": is not empty; refusing to overwrite results (use --force, or another --out)");
  } else {
    fs::create_directories(dir, ec);
    if (ec) throw usage_error(dir.string() + ": cannot create the output directory: " + ec.message());
  }
  if (access(dir.c_str(), W_OK) != 0) throw usage_error(dir.string() + ": the output directory is not writable");
}

output_lock::output_lock(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / output_lock_file;
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw usage_error(file.string() + ": cannot create the output folder's lock file");
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    const ssize_t n = ::pread(fd_, pid, sizeof pid - 1, 0);
    ::close(fd_);
    fd_ = -1;
    std::string who = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : std::string("unknown");
    while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
    throw usage_error(dir.string() + ": another partyline (pid " + who +
                      ") is writing into this folder; wait for it to finish, or use another --out");
  }
  const std::string mine = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, mine.data(), mine.size(), 0) < 0) {
    // The pid is only for the other writer's message; the lock itself holds.
  }
}

output_lock::~output_lock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw usage_error(tmp.string() + ": cannot be written");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw usage_error(path.string() + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);  // nothing half-written is left behind (issue 19)
    throw usage_error(path.string() + ": cannot be renamed into place: " + ec.message());
  }
}


std::vector<std::string> runs_csv_outcome_columns() {
  std::vector<std::string> cols;
  for (const auto& info : run_outcome_info) cols.emplace_back(info.name);
  return cols;
}

std::vector<std::string> councils_csv_columns(const scenario& s) {
  std::vector<std::string> cols{"run", "council"};
  for (const auto& p : s.parties) cols.push_back("seats_end_" + p.id);
  cols.emplace_back("control_end");
  cols.emplace_back("administration_end");
  for (auto name : council_count_names) cols.emplace_back(name);
  cols.emplace_back("policy_stage_end");
  return cols;
}

std::string runs_csv(const std::vector<run_result>& results, std::uint64_t seed) {
  std::vector<std::string> header{"run", "seed"};
  for (const auto& c : runs_csv_outcome_columns()) header.push_back(c);
  csv_writer w(header);
  for (const auto& r : results) {
    w.cell(r.run).cell(seed);
    for (auto v : r.counters.values) w.cell(v);
    w.end_row();
  }
  return w.text();
}

std::string councils_csv(const scenario& s, const std::vector<run_result>& results) {
  csv_writer w(councils_csv_columns(s));
  for (const auto& r : results) {
    for (std::size_t c = 0; c < r.councils.size(); ++c) {
      const auto& cr = r.councils[c];
      w.cell(r.run).cell(s.councils[c].id);
      for (int seats : cr.seats_end) w.cell(seats);
      w.cell(cr.control_end >= 0 ? s.parties[static_cast<std::size_t>(cr.control_end)].id : std::string("none"));
      w.cell(administration_text(s, cr.administration_end));
      for (auto v : cr.counts) w.cell(v);
      w.cell(to_string(static_cast<policy_stage>(cr.policy_stage_end)));
      w.end_row();
    }
  }
  return w.text();
}

std::string weekly_csv(const std::vector<run_result>& results) {
  std::vector<std::string> header{"run", "week"};
  for (const auto& reporter : weekly_reporters) header.emplace_back(reporter.name);
  csv_writer w(header);
  for (const auto& r : results)
    for (const auto& row : r.weekly) {
      w.cell(r.run).cell(row.week);
      for (double v : row.values) w.cell(v);
      w.end_row();
    }
  return w.text();
}

std::string events_csv(const scenario& s, const std::vector<run_result>& results) {
  csv_writer w({"run", "week", "council", "rule", "event", "detail"});
  for (const auto& r : results)
    for (const auto& e : r.events) {
      w.cell(r.run).cell(e.week);
      w.cell(e.council >= 0 ? s.councils[static_cast<std::size_t>(e.council)].id : std::string("national"));
      w.cell(e.rule ? "R" + std::to_string(e.rule) : std::string("scenario"));
      w.cell(e.event).cell(e.detail);
      w.end_row();
    }
  return w.text();
}

}  // namespace partyline
