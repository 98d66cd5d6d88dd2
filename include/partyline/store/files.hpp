#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/files.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief Writing a run's outputs: runs.csv, councils.csv, weekly.csv, events.csv and manifest.json.
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


/// @brief Column names of runs.csv after `run` and `seed`.
[[nodiscard]] std::vector<std::string> runs_csv_outcome_columns();
/// @brief Column names of councils.csv.
[[nodiscard]] std::vector<std::string> councils_csv_columns(const scenario& s);

[[nodiscard]] std::string runs_csv(const std::vector<run_result>& results, std::uint64_t seed);
[[nodiscard]] std::string councils_csv(const scenario& s, const std::vector<run_result>& results);
[[nodiscard]] std::string weekly_csv(const std::vector<run_result>& results);
[[nodiscard]] std::string events_csv(const scenario& s, const std::vector<run_result>& results);


/// @brief A minimal JSON writer for manifests (objects of strings, numbers, booleans and nested objects).
class json_writer {
 public:
  json_writer& begin();
  json_writer& end();
  json_writer& field(const std::string& key, const std::string& value);
  json_writer& field(const std::string& key, const char* value) { return field(key, std::string(value)); }
  json_writer& field(const std::string& key, double value);
  json_writer& field(const std::string& key, long long value);
  json_writer& field(const std::string& key, int value) { return field(key, static_cast<long long>(value)); }
  json_writer& field(const std::string& key, bool value);
  json_writer& object(const std::string& key);
  json_writer& strings(const std::string& key, const std::vector<std::string>& values);
  [[nodiscard]] std::string str() const { return out_ + "\n"; }
  static std::string quote(const std::string& s);

 private:
  void comma();
  std::string out_;
  std::vector<bool> first_;
  int depth_ = 0;
};

}  // namespace partyline
