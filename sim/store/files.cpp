#include "partyline/store/files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
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

output_lock::output_lock(const std::filesystem::path& dir) : file_(dir / output_lock_file) {
  // The lock file is removed when the lock is released (issue 36 F13: a finished run leaves nothing behind). A file
  // that is unlinked while another process has it open can still be locked, by that process, without excluding
  // anyone: so after locking we check that the name still leads to the file we hold, and start again if not.
  for (int attempt = 0;; ++attempt) {
    fd_ = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw usage_error(file_.string() + ": cannot create the output folder's lock file");
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
    struct stat held {}, named {};
    if (::fstat(fd_, &held) == 0 && ::stat(file_.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev)
      break;
    ::close(fd_);  // the previous writer removed the file we locked: lock the one the name now leads to
    fd_ = -1;
    if (attempt == 100) throw usage_error(file_.string() + ": the lock file keeps changing; is another program removing it?");
  }
  const std::string mine = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, mine.data(), mine.size(), 0) < 0) {
    // The pid is only for the other writer's message; the lock itself holds.
  }
}

output_lock::~output_lock() {
  if (fd_ < 0) return;
  // Removed while still held, so no other process can lock this file in between and find it gone afterwards.
  ::unlink(file_.c_str());
  ::close(fd_);  // releases the lock
}

std::string output_folder_writer(const std::filesystem::path& dir) {
  const int fd = ::open((dir / output_lock_file).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string who;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    char pid[32] = {};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    who = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : std::string("unknown");
    while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
    if (who.empty()) who = "unknown";
  }
  ::close(fd);  // releases the shared lock, if we took it
  return who;
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

namespace {

/// The folder's entries that are not `expected` and not housekeeping: what a result set does not account for.
std::vector<std::string> foreign_entries(const std::filesystem::path& dir, const std::function<bool(const std::string&)>& expected) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!is_housekeeping(e.path()) && !expected(name)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> verify_run_set(const std::filesystem::path& dir, std::string& what);

std::vector<std::string> verify_sweep_store(const std::filesystem::path& dir, std::string& what) {
  std::vector<std::string> problems;
  const auto store = results_store::open_read(dir);
  what = "a sweep's results store";
  const std::string check = store.quick_check();
  if (check != "ok") {
    problems.push_back("results.sqlite: SQLite quick_check: " + check.substr(0, 200));
    return problems;  // nothing else in a damaged store can be trusted
  }
  try {
    const long long points = std::atoll(store.manifest_value("points").c_str());
    const long long reps = std::atoll(store.manifest_value("replicates").c_str());
    // A shard (--shard K/N) holds the runs i of the design with i % N == K - 1, as `merge` expects them.
    long long shard_k = 1, shard_n = 1;
    const std::string shard = store.manifest_value("shard");
    if (const auto slash = shard.find('/'); slash != std::string::npos) {
      shard_k = std::atoll(shard.c_str());
      shard_n = std::max(1LL, std::atoll(shard.c_str() + slash + 1));
    }
    const long long design = points * reps;
    long long expected = 0;
    for (long long i = 0; i < design; ++i) expected += i % shard_n == shard_k - 1;
    const long long runs = store.count("SELECT COUNT(*) FROM runs");
    what = "a sweep's results store: " + std::to_string(runs) + " runs stored of " + std::to_string(points) + " points x " +
           std::to_string(reps) + " replicates" + (shard_n > 1 ? " (shard " + shard + ", " + std::to_string(expected) + " runs)" : "");
    const long long outside = store.count("SELECT COUNT(*) FROM runs WHERE point < 0 OR point >= " + std::to_string(points) +
                                          " OR replicate < 0 OR replicate >= " + std::to_string(reps) +
                                          " OR (point * " + std::to_string(reps) + " + replicate) % " + std::to_string(shard_n) +
                                          " != " + std::to_string(shard_k - 1));
    if (outside > 0) problems.push_back("runs: " + std::to_string(outside) + " runs outside the sweep's design (another sweep's rows?)");
    if (runs - outside < expected)
      problems.push_back("runs: " + std::to_string(expected - (runs - outside)) + " of the " + std::to_string(expected) +
                         " runs are missing: the sweep did not finish (complete it with `partyline sweep " +
                         store.manifest_value("sweep_path") + " --out " + dir.string() + " --resume`" +
                         (shard_n > 1 ? " and --shard " + shard : "") + ") or rows were deleted");
    if (store.count("SELECT COUNT(*) FROM points") != points)
      problems.push_back("points: " + std::to_string(store.count("SELECT COUNT(*) FROM points")) + " rows, the manifest says " +
                         std::to_string(points));
    // Every stored run is whole: its council rows (and weekly rows) are all there. A run stores the same councils as
    // every other run of its point, and no row belongs to a run that is not stored.
    for (const std::string table : {"councils", "weekly"}) {
      if (table == "weekly" && !store.has_weekly()) continue;
      const long long orphans = store.count("SELECT COUNT(*) FROM " + table + " t WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE "
                                            "r.point = t.point AND r.replicate = t.replicate)");
      if (orphans > 0) problems.push_back(table + ": " + std::to_string(orphans) + " rows of runs that are not stored");
      const long long bare = store.count("SELECT COUNT(*) FROM runs r WHERE NOT EXISTS (SELECT 1 FROM " + table +
                                         " t WHERE t.point = r.point AND t.replicate = r.replicate)");
      if (bare > 0) problems.push_back(table + ": " + std::to_string(bare) + " stored runs have no rows here (rows deleted?)");
      const long long short_runs = store.count(
          "WITH n AS (SELECT point, replicate, COUNT(*) AS k FROM " + table + " GROUP BY point, replicate), "
          "m AS (SELECT point, MAX(k) AS k FROM n GROUP BY point) "
          "SELECT COUNT(*) FROM n JOIN m USING (point) WHERE n.k < m.k");
      if (short_runs > 0)
        problems.push_back(table + ": " + std::to_string(short_runs) + " runs have fewer rows than the other runs of their point (rows deleted?)");
    }
  } catch (const usage_error& e) {
    problems.push_back(std::string("results.sqlite: not a sweep's results store: ") + e.what());
  }
  const auto store_file = [](const std::string& n) {
    return n == "results.sqlite" || n == "results.sqlite-wal" || n == "results.sqlite-shm" || n == "results.sqlite-journal" ||
           n == "export";  // `partyline export DIR` writes into DIR/export by default
  };
  for (const auto& name : foreign_entries(dir, store_file))
    problems.push_back(name + (name.size() > 4 && name.substr(name.size() - 4) == ".csv" ? ": a run's table beside a sweep's store"
                                                                                          : ": not part of a sweep's result set"));
  // An export written into the store's folder (the default) is checked as its own result set.
  std::error_code ec;
  if (std::filesystem::is_directory(dir / "export", ec)) {
    std::string export_what;
    if (!std::filesystem::exists(dir / "export" / "manifest.json", ec))
      problems.emplace_back("export/manifest.json is missing: the export is incomplete (interrupted?) or from an older partyline; "
                            "export again with --force");
    else
      for (const auto& p : verify_run_set(dir / "export", export_what)) problems.push_back("export/" + p);
  }
  return problems;
}

std::vector<std::string> verify_run_set(const std::filesystem::path& dir, std::string& what) {
  namespace fs = std::filesystem;
  std::vector<std::string> problems;
  std::error_code ec;
  what = "a run's result set";
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(read_text_file(dir / "manifest.json", std::size_t{64} << 20));
  } catch (const nlohmann::json::exception& e) {
    problems.push_back("manifest.json: not valid JSON: " + std::string(e.what()));
    return problems;
  }
  if (!manifest.is_object() || !manifest.contains("tables") || !manifest["tables"].is_object()) {
    problems.emplace_back("manifest.json: lists no tables with checksums (written by an older partyline?)");
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
    if (!entry.is_object() || sha256_hex(text) != entry.value("sha256", "")) problems.push_back(name + ": its SHA-256 is not the manifest's");
    else if (csv_rows(text) != entry.value("rows", -1LL)) problems.push_back(name + ": its row count is not the manifest's");
    ++checked;
  }
  const auto listed = [&](const std::string& n) { return n == "manifest.json" || manifest["tables"].contains(n); };
  for (const auto& name : foreign_entries(dir, listed))
    problems.push_back(name + (fs::path(name).extension() == ".csv" ? ": a table the manifest does not list (another run's?)"
                                                                      : ": not part of the result set (the manifest does not list it)"));
  const bool complete = manifest.value("complete", false);
  if (manifest.value("kind", "") == "export") {
    what = "a sweep's export: " + std::to_string(checked) + " tables, " + manifest.value("source_runs", nlohmann::json()).dump() +
           " runs of " + manifest.value("source", nlohmann::json()).dump();
    return problems;
  }
  what += ": " + std::to_string(checked) + " tables, seed " + manifest.value("seed", nlohmann::json()).dump() + ", " +
          manifest.value("runs_completed", nlohmann::json()).dump() + " runs";
  // A run stopped by a signal keeps its finished runs, consistently, but it is not the set that was asked for.
  if (!complete)
    problems.push_back("manifest.json: the run was interrupted after " + manifest.value("runs_completed", nlohmann::json()).dump() +
                       " of " + manifest.value("runs_requested", nlohmann::json()).dump() + " runs (complete: false)");
  return problems;
}

}  // namespace

std::vector<std::string> verify_result_folder(const std::filesystem::path& dir, std::string& what) {
  namespace fs = std::filesystem;
  std::vector<std::string> problems;
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw usage_error(dir.string() + ": no such folder");
  if (!fs::is_directory(dir, ec))
    throw usage_error(dir.string() + ": is a file, not a folder; verify takes the folder a run, sweep or calibration wrote");
  // A live writer's folder is not finished, whatever it holds at this instant.
  const std::string writer = output_folder_writer(dir);
  if (!writer.empty())
    problems.push_back("a partyline (pid " + writer + ") is writing into it now: not finished yet");
  std::vector<std::string> found;
  if (fs::exists(results_store::file_in(dir), ec)) {
    found = verify_sweep_store(dir, what);
  } else if (fs::exists(dir / "manifest.json", ec)) {
    found = verify_run_set(dir, what);
  } else {
    what = "no result set";
    std::vector<std::string> entries, housekeeping;
    for (const auto& e : fs::directory_iterator(dir, ec))
      (is_housekeeping(e.path()) ? housekeeping : entries).push_back(e.path().filename().string());
    if (entries.empty() && housekeeping.empty())
      found.emplace_back("the folder is empty: it holds no result set");
    else if (entries.empty() && writer.empty())
      found.emplace_back("only a dead writer's leftovers (" + [&] {
        std::sort(housekeeping.begin(), housekeeping.end());
        std::string s;
        for (const auto& h : housekeeping) s += (s.empty() ? "" : ", ") + h;
        return s;
      }() + "): it was stopped (killed?) before it wrote any result");
    else if (!entries.empty())
      found.emplace_back("manifest.json is missing: the folder's result set is incomplete (a write was interrupted), or this "
                         "is not a folder partyline wrote");
  }
  problems.insert(problems.end(), found.begin(), found.end());
  return problems;
}

}  // namespace partyline
