#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/files.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief Writing a run's result set (its tables as CSV, csv.hpp; manifest.json: nlohmann-json) and checking one.
/// Files are written to a temporary name and renamed, so a crash never leaves a half-written table.
#include <filesystem>
#include <string>
#include <vector>

#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

/// @brief Creates `dir` if needed. A non-empty directory is refused (usage_error) unless `force`; a sweep's results
/// store is refused even with `force` (it is never replaced by a run's tables). The lock file and a crashed
/// writer's staging folder do not count as content.
void prepare_output_dir(const std::filesystem::path& dir, bool force);

/// @brief Whether `dir` holds nothing but the lock file and staging leftovers (see result_set_writer).
[[nodiscard]] bool holds_no_results(const std::filesystem::path& dir);

/// @brief Writes `text` to `path` atomically (temporary file + rename). usage_error on failure.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// @brief One writer per output folder: an exclusive lock on DIR/.partyline.lock, held while the object lives (and
/// released by the kernel if the process dies). A second writer is refused with a usage_error naming the first's pid.
/// The lock file is removed when the lock is released; only a writer that died leaves one behind.
class output_lock {
 public:
  explicit output_lock(const std::filesystem::path& dir);
  ~output_lock();
  output_lock(const output_lock&) = delete;
  output_lock& operator=(const output_lock&) = delete;
  output_lock(output_lock&& other) noexcept : file_(std::move(other.file_)), fd_(other.fd_) { other.fd_ = -1; }
  output_lock& operator=(output_lock&&) = delete;

 private:
  std::filesystem::path file_;
  int fd_ = -1;
};

/// @brief The pid (as the lock file says it) of a live partyline holding `dir`'s lock, or empty when none does.
[[nodiscard]] std::string output_folder_writer(const std::filesystem::path& dir);
/// The lock file's name, which an otherwise empty output folder may hold.
inline constexpr const char* output_lock_file = ".partyline.lock";
/// Prefix of a writer's staging folder inside the output folder (".staging-PID").
inline constexpr const char* staging_prefix = ".staging-";

/// @brief Takes an output folder for writing: creates it if needed, locks it (output_lock), and only then checks
/// it is empty (prepare_output_dir), so two writers can never both find it empty. A crashed writer's staging folder
/// is removed. The folder stays this process's while the returned lock lives.
[[nodiscard]] output_lock claim_output_dir(const std::filesystem::path& dir, bool force);

/// @brief One result set (a run's tables and its manifest) written as a whole. Tables are staged in
/// DIR/.staging-PID/ (written and fsync'd); commit() first removes the folder's old manifest (so the old set is no
/// longer vouched for), removes the old set's tables, moves the new tables in and the new manifest last. At every
/// instant the folder holds either a manifest whose checksums match every table beside it, or no manifest (an
/// interrupted write, which `partyline verify` reports). Call with the folder claimed (claim_output_dir).
class result_set_writer {
 public:
  struct table_entry {
    std::string name, sha256;
    long long rows = 0;
  };
  explicit result_set_writer(std::filesystem::path dir);
  ~result_set_writer();  ///< removes the staging folder and whatever is still staged (nothing, after commit)
  result_set_writer(const result_set_writer&) = delete;
  result_set_writer& operator=(const result_set_writer&) = delete;

  /// Stages a CSV table; its checksum and row count go into tables().
  void add(const std::string& name, const std::string& csv_text);
  [[nodiscard]] const std::vector<table_entry>& tables() const { return tables_; }
  /// Moves the staged tables into the folder, removes the tables of `replaced` that were not staged (a previous
  /// result set's), and writes `manifest_text` as `manifest_name` last.
  void commit(const std::string& manifest_name, const std::string& manifest_text, const std::vector<std::string>& replaced);

 private:
  std::filesystem::path dir_, staging_;
  std::vector<table_entry> tables_;
};

/// @brief Rows of a CSV text (its records after the header; line breaks inside quoted fields do not count).
[[nodiscard]] long long csv_rows(const std::string& csv_text);

/// @brief Checks a result folder: a run's (manifest.json's tables against their SHA-256 and rows, and no table
/// beside them the manifest does not list) or a sweep's (SQLite quick_check, and runs stored against the design).
/// Returns the problems found (empty: the folder holds one complete result set) and sets `what` to a description.
[[nodiscard]] std::vector<std::string> verify_result_folder(const std::filesystem::path& dir, std::string& what);

}  // namespace partyline
