#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 8
#error "partyline/sweep/sweep.hpp belongs to stage 8 (sweep): a lower stage may not include it"
#endif
/// @brief Sweep files: a scenario to vary, replicates, a base seed, a design and parameters addressed by dotted
/// path. A scalar is held, a list is swept, a {min, max} range is sampled. Documented in scenarios/README.md.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "partyline/engine/load.hpp"
#include "partyline/scenario/yaml_edit.hpp"  // set_path, apply_overrides: a point is the base scenario edited
#include "partyline/scenario/yaml_tree.hpp"
#include "partyline/store/results_store.hpp"

namespace partyline {

enum class sweep_design : std::uint8_t { grid, random, lhs, sobol, morris };
template <>
struct enum_names<sweep_design> {
  static constexpr std::array<std::string_view, 5> names{"grid", "random", "lhs", "sobol", "morris"};
};

/// @brief One swept or held parameter as written.
struct sweep_parameter {
  std::string path;                 ///< dotted path, e.g. rules.R2.b_backlash or councils[0].group.confrontation
  enum class kind : std::uint8_t { held, list, range } form = kind::held;
  std::vector<yaml_node> values;    ///< held: one value; list: the values
  double min = 0, max = 0;          ///< range
  source_mark mark;                 ///< where the parameter's key is written
};

/// @brief A point of the design: one value (as YAML text) per parameter, and its numeric value where it has one.
struct sweep_point {
  std::vector<std::string> text;
  std::vector<double> number;  ///< NaN for non-numeric values
  // For the sobol design (Saltelli sampling): which block the point belongs to. For the morris design: 'M', the
  // trajectory in sobol_row and, after a trajectory's first point, the ranged parameter that moved in sobol_param.
  char sobol_block = 0;        ///< 'A', 'B' or 'C' (A with column i from B), 'M' (Morris), 0 for other designs
  int sobol_row = -1;
  int sobol_param = -1;        ///< for 'C': the index (among ranged parameters) taken from B; for 'M': the one moved
};

/// @brief A loaded, validated sweep: the base scenario tree and every point's frozen scenario.
struct sweep_spec {
  std::string name;
  std::filesystem::path file;
  std::string text;                 ///< the sweep file as read (its SHA-256 identifies the sweep)
  std::filesystem::path scenario_file;
  std::string scenario_text;
  int replicates = 10;
  std::uint64_t seed = 1;
  sweep_design design = sweep_design::grid;
  int samples = 0;
  bool weekly = false;  ///< keep every run's weekly series (party-wide and each focus council) in the store
  bool events = false;  ///< keep every run's events (as `run --events` writes them) in the store
  bool agents = false;  ///< keep each focus seat at every run's start and end (as `run --agents` writes councillors.csv)
  int levels = 4;  ///< morris: the grid levels of each range (even); a step moves levels / (2 (levels - 1)) of the range
  std::vector<sweep_parameter> parameters;
  std::vector<sweep_point> points;
  std::vector<frozen_scenario> scenarios;  ///< one per point, in point order

  [[nodiscard]] std::size_t runs() const { return points.size() * static_cast<std::size_t>(replicates); }
  /// The seed of a point's runs: derived from the base seed and the point, so results do not depend on order.
  [[nodiscard]] std::uint64_t point_seed(std::size_t point) const;
  /// Names of the ranged parameters (the inputs of a sensitivity analysis), in order.
  [[nodiscard]] std::vector<std::string> ranged_parameters() const;
  /// What the results store records of this sweep.
  [[nodiscard]] store_design for_store() const;
  /// Run `index` of the sweep (point index / replicates, replicate index % replicates), ready to store: the same
  /// wherever it is computed (a thread, a shard, an MPI rank). With `cancel` raised part-way, throws run_cancelled.
  [[nodiscard]] stored_run compute(std::size_t index, const std::atomic<bool>* cancel = nullptr) const;
};

/// @brief What a sweep may ask for. Points hold a frozen scenario each, so their number is also a memory cost.
struct sweep_limits {
  std::size_t max_points = 100'000;
  std::size_t max_runs = 100'000'000;  ///< `--max-runs`
};

/// @brief Reads a sweep file, builds the design and validates every point's scenario (errors name the sweep file).
[[nodiscard]] sweep_spec load_sweep_file(const std::filesystem::path& path, const load_options& opt = {},
                                         const sweep_limits& lim = {});

/// @brief The same from text (the Python module's dicts); `scenario` is resolved against `base_dir`.
[[nodiscard]] sweep_spec load_sweep_text(const std::string& text, const std::string& label,
                                         const std::filesystem::path& base_dir, const load_options& opt = {},
                                         const sweep_limits& lim = {});

/// @brief Ranged parameters a Sobol' (Saltelli) design can take: each needs two dimensions of the sequence, and
/// the design costs (inputs + 2) points per sample.
inline constexpr std::size_t max_sobol_inputs = 100;

/// @brief The Morris design's step in a ranged parameter, as a share of its range: levels / (2 (levels - 1)).
[[nodiscard]] constexpr double morris_step(int levels) { return levels / (2.0 * (levels - 1)); }

/// @brief The first `n` points of the `dims`-dimensional Sobol' sequence (Boost.Random: Joe-Kuo direction numbers,
/// up to 3,667 dimensions), row-major, skipping the initial zero point.
[[nodiscard]] std::vector<double> sobol_sequence(std::size_t n, std::size_t dims);

}  // namespace partyline
