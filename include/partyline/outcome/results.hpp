#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/results.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief A run set's results as typed tables in memory: runs.csv, councils.csv, weekly.csv and events.csv before
/// they are written, built once from the runs (build_run_tables). The CSV writer (store/csv.hpp: to_csv), the targets
/// (target_table) and calibration read these tables, so inside a process results are never written as text to be
/// parsed back. Columns are found by name, as in table_data (the text tables read from files and stores).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

/// @brief One column: integers, reals or texts. A text column holds each row's index into its labels, so a council's
/// id or a party's is held once, not once per row.
struct result_column {
  enum class type : std::uint8_t { integer, real, text };
  std::string name;
  type kind = type::integer;
  std::vector<std::int64_t> integers;  ///< kind integer: one per row
  std::vector<double> reals;           ///< kind real: one per row
  std::vector<std::uint32_t> codes;    ///< kind text: one per row, an index into labels
  std::vector<std::string> labels;     ///< kind text: the texts the rows name
  /// kind integer: the column is a yes/no (1/0), written as 1/0 in CSV and handed to Python as bool.
  bool flag = false;

  [[nodiscard]] std::size_t size() const;
  /// Row `row`'s text (kind text).
  [[nodiscard]] const std::string& text(std::size_t row) const { return labels[codes[row]]; }
  /// Row `row` as a number: an integer or a real as it is, a text read as a number (NaN when it is none), as
  /// table_data::numbers reads a cell.
  [[nodiscard]] double number(std::size_t row) const;
};

/// @brief A table of a run set's results, typed, with named columns of equal length.
struct result_table {
  std::vector<result_column> columns;

  [[nodiscard]] std::size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
  /// The column `name`; std::invalid_argument naming it when the table has none.
  [[nodiscard]] const result_column& column(std::string_view name) const;
  /// Column `name` as numbers (see result_column::number).
  [[nodiscard]] std::vector<double> numbers(std::string_view name) const;
  /// Column `name` as numbers, on the rows whose text column `key` reads `value` (councils.csv's rows of a council).
  [[nodiscard]] std::vector<double> numbers_where(std::string_view name, std::string_view key, std::string_view value) const;
  /// Appends the rows of a table with the same columns (std::invalid_argument otherwise).
  void append(const result_table& more);
};

/// @brief Column names of runs.csv after `run` and `seed`: the run outcomes, in order.
[[nodiscard]] std::vector<std::string> runs_csv_outcome_columns();
/// @brief Column names of councils.csv.
[[nodiscard]] std::vector<std::string> councils_csv_columns(const scenario& s);

/// @brief runs.csv: run, seed, then every run outcome (integers). `seed` must be below 2^63.
[[nodiscard]] result_table runs_table(const std::vector<run_result>& results, std::uint64_t seed);
/// @brief councils.csv: one row per run and council (the columns of councils_csv_columns).
[[nodiscard]] result_table councils_table(const scenario& s, const std::vector<run_result>& results);
/// @brief weekly.csv: run, week, date, council (`all`, then each focus council), then the weekly reporters (reals).
[[nodiscard]] result_table weekly_table(const scenario& s, const std::vector<run_result>& results);
/// @brief The weekly reporters at the weeks the dated targets read (run_result::checkpoints): run, week (-1: before the
/// first), council (`all` or a council id), then the reporters, `target` (-1) and `on_time` (NaN); then the facts on
/// when (run_result::on_time): the target's index, its documented week and council, `on_time` 1 or 0 (reporters NaN).
/// Kept in memory for the targets; not written.
[[nodiscard]] result_table checkpoints_table(const scenario& s, const std::vector<run_result>& results);
/// @brief events.csv: run, week, date, council (`national` for national events), rule (`R<n>`, `scenario`), event, value
/// (the event's number), of (the whole it is a part of, 0: none), value_is and of_is (what they count; empty: none),
/// detail (the same in words).
[[nodiscard]] result_table events_table(const scenario& s, const std::vector<run_result>& results);
/// The same for runs held elsewhere (a sweep's batch).
[[nodiscard]] result_table events_table(const scenario& s, const std::vector<const run_result*>& results);

/// @brief decisions.csv: run, week, date, body, council, item, decision, yes, of, meeting (`ordinary`, `emergency`,
/// `none` for a lapse), notice (0/1), weeks_waiting, deal (a coalition item's administration, else empty).
[[nodiscard]] result_table decisions_table(const scenario& s, const std::vector<run_result>& results);
/// The same for runs held elsewhere (a sweep's batch): their `run` ids as they are.
[[nodiscard]] result_table decisions_table(const scenario& s, const std::vector<const run_result*>& results);

/// @brief councillors.csv: one row per run and seat of a focus council: run, council, seat, ward, party_start,
/// party_end, position_start, position_end, status_end, selection, selection_week, endorsement_end, cabinet_end, dissent_end,
/// ballot_support_end, stands_independent, selections, selection_history (docs/outcomes.md).
[[nodiscard]] result_table councillors_table(const scenario& s, const std::vector<run_result>& results);
/// The same for runs held elsewhere (a sweep's batch).
[[nodiscard]] result_table councillors_table(const scenario& s, const std::vector<const run_result*>& results);

/// @brief Which of a run set's optional tables to build.
struct table_choice {
  bool weekly = false;  ///< weekly.csv (the runs must have kept weekly rows)
  bool events = false;  ///< events.csv and decisions.csv (the runs must have kept their event logs)
  bool agents = false;  ///< councillors.csv (the runs must have kept their seats)
};

/// @brief Everything a run set's tables hold, as `partyline run` writes them.
struct run_set_tables {
  result_table runs, councils;
  result_table weekly, events, decisions, councillors;  ///< no columns unless chosen
  result_table checkpoints;     ///< what the dated targets read (checkpoints_table)
  table_data targets;           ///< the scenario's targets against the runs (targets.csv); no columns without targets or runs
};

/// @brief The one builder of a run set's tables (`partyline run`, the Python module's runs): runs and councils, weekly
/// and events when chosen, and the targets when the scenario states them and there are runs.
[[nodiscard]] run_set_tables build_run_tables(const scenario& s, const std::vector<run_result>& results, std::uint64_t seed,
                                              table_choice choice = {});

/// @brief Only the targets of a run set, as build_run_tables finds them, from only the tables they read: the runs, and
/// the councils when a target reads a council (calibration measures every particle this way).
[[nodiscard]] table_data run_targets(const scenario& s, const std::vector<run_result>& results, std::uint64_t seed);

}  // namespace partyline
