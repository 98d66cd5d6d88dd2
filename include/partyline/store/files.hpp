#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/files.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief Writing a run's outputs: runs.csv, councils.csv, weekly.csv and events.csv (manifest.json: nlohmann-json).
/// Files are written to a temporary name and renamed, so a crash never leaves a half-written table.
#include <filesystem>
#include <string>
#include <vector>

#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

/// @brief Creates `dir` if needed. A non-empty directory is refused (usage_error) unless `force`.
void prepare_output_dir(const std::filesystem::path& dir, bool force);

/// @brief Writes `text` to `path` atomically (temporary file + rename). usage_error on failure.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// @brief One writer per output folder: an exclusive lock on DIR/.partyline.lock, held while the object lives (and
/// released by the kernel if the process dies). A second writer is refused with a usage_error naming the first's pid.
class output_lock {
 public:
  explicit output_lock(const std::filesystem::path& dir);
  ~output_lock();
  output_lock(const output_lock&) = delete;
  output_lock& operator=(const output_lock&) = delete;

 private:
  int fd_ = -1;
};
/// The lock file's name, which an otherwise empty output folder may hold.
inline constexpr const char* output_lock_file = ".partyline.lock";


/// @brief Column names of runs.csv after `run` and `seed`.
[[nodiscard]] std::vector<std::string> runs_csv_outcome_columns();
/// @brief Column names of councils.csv.
[[nodiscard]] std::vector<std::string> councils_csv_columns(const scenario& s);

[[nodiscard]] std::string runs_csv(const std::vector<run_result>& results, std::uint64_t seed);
[[nodiscard]] std::string councils_csv(const scenario& s, const std::vector<run_result>& results);
[[nodiscard]] std::string weekly_csv(const std::vector<run_result>& results);
[[nodiscard]] std::string events_csv(const scenario& s, const std::vector<run_result>& results);


}  // namespace partyline
