#include "partyline/store/files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "partyline/error.hpp"
#include "partyline/store/results_store.hpp"
#include "partyline/store/sha256.hpp"
#include "partyline/scenario/yaml_tree.hpp"

namespace partyline {

namespace {

/// The lock file and a crashed writer's staging folder: what an output folder with no results may hold.
bool is_housekeeping(const std::filesystem::path& name) {
  const std::string n = name.filename().string();
  return n == output_lock_file || n.rfind(staging_prefix, 0) == 0;
}

}  // namespace

bool holds_no_results(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (!is_housekeeping(entry.path())) return false;
  return true;
}

void prepare_output_dir(const std::filesystem::path& dir, bool force) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw usage_error(dir.string() + ": exists and is not a directory");
    // --force replaces a previous run's tables, never a sweep's store (a folder holds one result set).
    if (fs::exists(dir / "results.sqlite", ec))
      throw usage_error(dir.string() + ": holds a sweep's results store (results.sqlite), which is never overwritten, "
                        "even with --force; use another --out");
    if (!holds_no_results(dir) && !force)
      throw usage_error(dir.string() + ": is not empty; refusing to overwrite results (use --force, or another --out)");
  } else {
    fs::create_directories(dir, ec);
    if (ec) throw usage_error(dir.string() + ": cannot create the output directory: " + ec.message());
  }
  if (access(dir.c_str(), W_OK) != 0) throw usage_error(dir.string() + ": the output directory is not writable");
}

output_lock claim_output_dir(const std::filesystem::path& dir, bool force) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) throw usage_error(dir.string() + ": exists and is not a directory");
  fs::create_directories(dir, ec);
  if (ec) throw usage_error(dir.string() + ": cannot create the output directory: " + ec.message());
  output_lock lock(dir);
  prepare_output_dir(dir, force);  // checked under the lock: no other writer can fill the folder meanwhile
  // A staging folder here belongs to a writer that died (a live one would hold the lock): remove it.
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (is_housekeeping(entry.path()) && entry.path().filename() != output_lock_file) fs::remove_all(entry.path(), ec);
  return lock;
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


namespace {

/// Writes `text` to a new file and flushes it to the disk (fsync), so a rename after it never exposes a file
/// whose content is still in flight.
void write_durably(const std::filesystem::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw usage_error(path.string() + ": cannot be written");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw usage_error(path.string() + ": write failed (disk full?)");
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced) throw usage_error(path.string() + ": write failed (disk full?)");
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);  // best effort: the renames are atomic either way; this makes them durable
  ::close(fd);
}

}  // namespace

long long csv_rows(const std::string& csv_text) {
  long long lines = 0;
  bool quoted = false;
  for (char c : csv_text) {
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice: no change
    else if (c == '\n' && !quoted) ++lines;
  }
  if (!csv_text.empty() && csv_text.back() != '\n') ++lines;
  return std::max(0LL, lines - 1);
}

result_set_writer::result_set_writer(std::filesystem::path dir) : dir_(std::move(dir)) {
  staging_ = dir_ / (std::string(staging_prefix) + std::to_string(::getpid()));
  std::error_code ec;
  std::filesystem::remove_all(staging_, ec);
  std::filesystem::create_directory(staging_, ec);
  if (ec) throw usage_error(staging_.string() + ": cannot create the staging folder: " + ec.message());
}

result_set_writer::~result_set_writer() {
  std::error_code ec;
  std::filesystem::remove_all(staging_, ec);
}

void result_set_writer::add(const std::string& name, const std::string& csv_text) {
  write_durably(staging_ / name, csv_text);
  tables_.push_back({name, sha256_hex(csv_text), csv_rows(csv_text)});
}

void result_set_writer::commit(const std::string& manifest_name, const std::string& manifest_text,
                               const std::vector<std::string>& replaced) {
  namespace fs = std::filesystem;
  write_durably(staging_ / manifest_name, manifest_text);
  std::error_code ec;
  // 1. The old manifest goes first: from here until step 4 the folder vouches for no result set.
  fs::remove(dir_ / manifest_name, ec);
  if (ec) throw usage_error((dir_ / manifest_name).string() + ": the previous manifest cannot be removed: " + ec.message());
  // 2. The previous set's tables that this set does not replace.
  for (const auto& name : replaced) {
    if (std::any_of(tables_.begin(), tables_.end(), [&](const table_entry& t) { return t.name == name; })) continue;
    fs::remove(dir_ / name, ec);
    if (ec) throw usage_error((dir_ / name).string() + ": a previous run's table cannot be removed: " + ec.message());
  }
  // 3. The new tables, each by an atomic rename; 4. the manifest last.
  for (const auto& t : tables_) {
    fs::rename(staging_ / t.name, dir_ / t.name, ec);
    if (ec) throw usage_error((dir_ / t.name).string() + ": cannot be moved into place: " + ec.message());
  }
  fs::rename(staging_ / manifest_name, dir_ / manifest_name, ec);
  if (ec) throw usage_error((dir_ / manifest_name).string() + ": cannot be moved into place: " + ec.message());
  sync_directory(dir_);
  fs::remove_all(staging_, ec);
}

std::vector<std::string> verify_result_folder(const std::filesystem::path& dir, std::string& what) {
  namespace fs = std::filesystem;
  std::vector<std::string> problems;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw usage_error(dir.string() + ": no such folder");
  if (fs::exists(results_store::file_in(dir), ec)) {
    const auto store = results_store::open_read(dir);
    const std::string check = store.quick_check();
    if (check != "ok") problems.push_back("results.sqlite: SQLite quick_check: " + check.substr(0, 200));
    const std::string points = store.manifest_value("points"), reps = store.manifest_value("replicates");
    const auto runs = store.read_table("runs").rows.size();
    what = "a sweep's results store: " + std::to_string(runs) + " runs stored of " + points + " points x " + reps +
           " replicates";
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".csv") problems.push_back(entry.path().filename().string() + ": a run's table beside a sweep's store");
    return problems;
  }
  const fs::path manifest_file = dir / "manifest.json";
  if (!fs::exists(manifest_file, ec)) {
    what = "no result set";
    if (!holds_no_results(dir)) problems.emplace_back("manifest.json is missing: the folder's result set is incomplete (a write was interrupted)");
    return problems;
  }
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(read_text_file(manifest_file, std::size_t{64} << 20));
  } catch (const nlohmann::json::exception& e) {
    problems.push_back("manifest.json: not valid JSON: " + std::string(e.what()));
    what = "a run's result set";
    return problems;
  }
  if (!manifest.contains("tables") || !manifest["tables"].is_object()) {
    problems.emplace_back("manifest.json: lists no tables with checksums (written by an older partyline?)");
    what = "a run's result set";
    return problems;
  }
  std::size_t checked = 0;
  for (const auto& [name, entry] : manifest["tables"].items()) {
    const fs::path table = dir / name;
    if (name.find('/') != std::string::npos || !fs::is_regular_file(table, ec)) {
      problems.push_back(name + ": listed in the manifest but missing");
      continue;
    }
    const std::string text = read_text_file(table, std::size_t{1} << 34);
    if (sha256_hex(text) != entry.value("sha256", "")) problems.push_back(name + ": its SHA-256 is not the manifest's");
    else if (csv_rows(text) != entry.value("rows", -1LL)) problems.push_back(name + ": its row count is not the manifest's");
    ++checked;
  }
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".csv" && !manifest["tables"].contains(name))
      problems.push_back(name + ": a table the manifest does not list (another run's?)");
  }
  what = "a run's result set: " + std::to_string(checked) + " tables, seed " + manifest.value("seed", nlohmann::json()).dump() +
         ", " + manifest.value("runs_completed", nlohmann::json()).dump() + " runs" +
         (manifest.value("complete", false) ? "" : " (interrupted: complete is false)");
  return problems;
}

}  // namespace partyline
