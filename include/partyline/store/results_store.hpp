#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/results_store.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief The results store of a sweep: an SQLite database DIR/results.sqlite with tables
///   manifest (key, value)                      -- version, git commit, sweep and scenario SHA-256, the sweep text
///   points   (point, seed, sobol_*, <params>)  -- one row per design point, parameters as columns
///   runs     (point, replicate, seed, <outcomes of MODEL.md section 4>)
///   councils (point, replicate, council, <councils.csv columns>)
/// Rows are committed in transactions as runs finish (WAL journal, synchronous=FULL), so a killed sweep loses at
/// most its unfinished runs.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/read.hpp"
#include "partyline/store/files.hpp"

struct sqlite3;

namespace partyline {

/// @brief What the store records of the sweep it holds: its identity, its design and every point (the sweep
/// stage describes itself this way; the store knows nothing else of sweeps).
struct store_point {
  std::uint64_t seed = 0;
  char sobol_block = 0;  ///< 'A', 'B', 'C', 'M' (a Morris trajectory's point) or 0
  int sobol_row = -1;
  int sobol_param = -1;
  std::vector<std::string> text;  ///< one value per parameter, as YAML text
  std::vector<double> number;     ///< its numeric value, NaN for non-numeric values
};
struct store_design {
  std::string sweep_text, scenario_text;  ///< their SHA-256 identify the sweep
  std::string sweep_path, scenario_path, design;
  int replicates = 1;
  std::uint64_t seed = 1;
  std::vector<std::string> parameters;         ///< dotted paths, in order
  std::vector<std::string> ranged_parameters;  ///< the inputs of a sensitivity analysis
  std::vector<std::pair<std::string, std::string>> design_settings;  ///< manifest entries the analysis needs (morris_levels)
  bool weekly = false;  ///< keep each run's weekly rows (party-wide and per focus council) in a `weekly` table
  bool events = false;  ///< keep each run's events in an `events` table (and its decisions in `decisions`)
  bool agents = false;  ///< keep each run's focus seats in a `councillors` table
  std::vector<store_point> points;
  frozen_scenario shape;  ///< a point's scenario: the councils' and parties' columns
};

/// @brief A finished run of a sweep, ready to store.
struct stored_run {
  int point = 0;
  int replicate = 0;
  std::uint64_t seed = 0;
  run_result result;
  std::string start_date;  ///< the point's scenario's start_date: the dates of weekly and event rows
};


class results_store {
 public:
  results_store(const results_store&) = delete;
  results_store& operator=(const results_store&) = delete;
  results_store(results_store&& other) noexcept;
  results_store& operator=(results_store&& other) noexcept;
  ~results_store();

  /// Creates DIR/results.sqlite for a sweep. An existing store is refused (usage_error) unless `resume`, in which
  /// case it must belong to the same sweep (same sweep and scenario SHA-256) and is reopened. The store holds the
  /// folder's lock (output_lock) while it lives: a second sweep or run into the folder is refused meanwhile.
  static results_store open_for_sweep(const std::filesystem::path& dir, const store_design& spec, bool resume,
                                      const std::vector<std::pair<std::string, std::string>>& manifest);
  /// Opens an existing store read-only.
  static results_store open_read(const std::filesystem::path& dir);

  /// done[point * replicates + replicate] for the runs already stored.
  [[nodiscard]] std::vector<char> done_runs(std::size_t points, int replicates) const;
  /// Stores a batch of runs in one transaction.
  void write(const std::vector<stored_run>& batch);

  [[nodiscard]] std::string manifest_value(const std::string& key) const;
  /// The first column of the first row of a read-only query, as a number (-1 when there is no row).
  [[nodiscard]] long long count(const std::string& sql) const;
  /// SQLite's quick_check of the store: "ok", or what is wrong.
  [[nodiscard]] std::string quick_check() const;
  /// The whole table, ordered by its key columns.
  [[nodiscard]] table_data read_table(const std::string& table) const;
  /// runs joined with points: parameter columns first, one row per run, ordered by point and replicate.
  [[nodiscard]] table_data read_runs_with_parameters() const;
  /// councils joined with points, ordered by point, replicate and council.
  [[nodiscard]] table_data read_councils_with_parameters() const;
  [[nodiscard]] std::vector<std::string> parameter_columns() const;
  /// Whether the store keeps weekly rows (the sweep asked for `weekly: true`).
  [[nodiscard]] bool has_weekly() const;
  /// weekly joined with points: parameter columns first, ordered by point, replicate, week and council.
  [[nodiscard]] table_data read_weekly_with_parameters() const;
  /// Whether the store keeps events (the sweep asked for `events: true`).
  [[nodiscard]] bool has_events() const;
  /// events joined with points: parameter columns first, in each run's order (point, replicate, seq).
  [[nodiscard]] table_data read_events_with_parameters() const;
  /// Whether the store has table `name` (a store keeping events has `decisions` too, from issue 35 on).
  [[nodiscard]] bool has_table(const std::string& name) const;
  /// decisions joined with points: parameter columns first, in each run's order (point, replicate, seq).
  [[nodiscard]] table_data read_decisions_with_parameters() const;
  /// councillors joined with points: parameter columns first (point, replicate, seq: the seats in order).
  [[nodiscard]] table_data read_councillors_with_parameters() const;

  [[nodiscard]] static std::filesystem::path file_in(const std::filesystem::path& dir) { return dir / "results.sqlite"; }

 private:
  explicit results_store(sqlite3* db, const scenario* shape) : db_(db), shape_(shape) {}
  static results_store open_claimed(const std::filesystem::path& dir, const store_design& spec, bool resume,
                                    const std::vector<std::pair<std::string, std::string>>& manifest);
  void exec(const std::string& sql) const;
  sqlite3* db_ = nullptr;
  const scenario* shape_ = nullptr;    ///< for council columns when writing
  std::unique_ptr<output_lock> lock_;  ///< a writing store holds its folder (one writer per folder)
};

/// @brief Quotes an SQL identifier ("executive.left_share").
[[nodiscard]] std::string sql_identifier(const std::string& name);

}  // namespace partyline
