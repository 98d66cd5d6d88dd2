#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 7
#error "partyline/calibrate/calibration.hpp belongs to stage 7 (calibrate): a lower stage may not include it"
#endif
/// @brief Calibration files (scenarios/calibration/*.yaml) and running them: the cases (scenarios with targets), the
/// free parameters by dotted path with their priors, replicates per case, and ABC-SMC's settings. A simulation's
/// distance is the root mean square, over every target of every case, of the target's distance in tolerances for one
/// run of each (targets.csv's `distance`: 0 inside the documented range); a proposal's replicates are each such a
/// simulation, and it is accepted with probability the share of them within the tolerance. Documented in
/// scenarios/README.md.
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "partyline/calibrate/abc.hpp"
#include "partyline/engine/load.hpp"
#include "partyline/outcome/analysis.hpp"
#include "partyline/scenario/yaml_tree.hpp"

namespace partyline {

struct calibration_case {
  std::filesystem::path file;
  std::string text;   ///< the scenario file as read
  yaml_node tree;     ///< its YAML, to which a particle's parameters are applied
  std::string name;
  std::size_t targets = 0;
  std::size_t fitted = 0;  ///< its targets that enter the distance (`use: fit`): none, and a particle does not run it
  bool held_out = false;  ///< left out of the distance (cross-validation); still in the fit
};

struct calibration_spec {
  std::string name;
  std::filesystem::path file;
  std::string text;  ///< the calibration file as read (its SHA-256 identifies the calibration)
  std::vector<calibration_case> cases;
  std::vector<abc_prior> priors;  ///< one per free parameter, named by its dotted path
  std::vector<source_mark> prior_marks;
  int replicates = 10;            ///< runs per case per particle
  int predictive_draws = 100;     ///< particles drawn from the posterior for the fit table
  std::string hold_out;           ///< the case left out of the fit (by scenario name or file stem), or empty
  abc_options abc;
  std::vector<std::string> warnings;  ///< said before the calibration starts (a prior that keeps almost none of its mass)

  /// What identifies the calibration in its output folder: the file, and the case held out.
  [[nodiscard]] std::string identity() const { return hold_out.empty() ? text : text + "\n# --hold-out " + hold_out + "\n"; }
};

/// @brief Leaves case `name` (a scenario name or file stem) out of the distance: its facts are then predicted, not
/// fitted -- the honest test of whether the model generalises (usage_error if no case has that name).
void hold_out_case(calibration_spec& spec, const std::string& name);

/// @brief Reads and checks a calibration file: every case loads, states targets, and every parameter path applies to
/// every case (scenario_error naming the calibration file, line and column otherwise).
[[nodiscard]] calibration_spec load_calibration_file(const std::filesystem::path& path, const load_options& opt = {});
/// @brief The same for a calibration file's text, as if read from `path` (its cases are relative to path's folder).
[[nodiscard]] calibration_spec load_calibration_text(std::string text, const std::filesystem::path& path, const load_options& opt = {});

/// @brief The distances of one proposal: every case run `replicates` times with the parameters applied (seeded by
/// `key`); replicate j's distance is the root mean square, over every target of every case, of run j's own distance
/// in tolerances. ABC accepts the proposal with probability the share of them within the tolerance (abc.hpp).
void calibration_distances(const calibration_spec& spec, const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& out);
/// @brief The first replicate's distance (one simulation of every case).
[[nodiscard]] double calibration_distance(const calibration_spec& spec, const Eigen::VectorXd& theta, std::uint64_t key);

/// @brief The posterior predictive fit: for `predictive_draws` particles drawn by weight from the last generation,
/// one run of each case each; per case and target the observed value and range, the predictive statistic and the
/// runs' 5-95% range, inside or not (columns: case, held_out, then target_table's).
[[nodiscard]] table_data calibration_fit(const calibration_spec& spec, const abc_generation& last);

/// @brief Runs (or with `resume`, continues) a calibration into DIR: each generation saved as it completes
/// (DIR/generations/NNN.csv, written atomically), then DIR/posterior.csv, DIR/generations.csv and DIR/fit.csv.
/// usage_error for a used DIR without resume, or one holding another calibration.
struct calibrate_report {
  std::vector<abc_generation> generations;
  std::size_t resumed_generations = 0;
  double seconds = 0;
  bool complete = false;  ///< false when stopped by Ctrl-C (resume it); true otherwise, whatever stopped_because says
  abc_stop stopped_because = abc_stop::generations;
  int rank = 0, ranks = 1;  ///< across MPI ranks: this process's rank (only rank 0's report is meaningful) and the count
};
calibrate_report run_calibration(const calibration_spec& spec, const std::filesystem::path& dir, bool resume,
                                 const std::function<void(const abc_generation&, double seconds)>& on_generation = {});

/// @brief The same across MPI ranks (call on every rank of an mpirun; requires mpi_available()): rank 0 owns DIR and
/// hands out each generation's particle slots in chunks on request, computing slots on its own threads meanwhile;
/// every rank gets every slot's result and runs the generations in step. Results equal run_calibration's whatever
/// the number of ranks. MPI is initialised and finalised inside.
calibrate_report run_calibration_mpi(const calibration_spec& spec, const std::filesystem::path& dir, bool resume,
                                     const std::function<void(const abc_generation&, double seconds)>& on_generation = {});

/// Prefix of the calibration store's manifest keys that record a file of the folder: "file:posterior.csv" ->
/// "<SHA-256> <rows>".
inline constexpr const char* calibration_file_key = "file:";

/// @brief Whether `dir` is a calibration's folder (it holds calibration.yaml).
[[nodiscard]] bool is_calibration_folder(const std::filesystem::path& dir);

/// @brief Checks a calibration's folder as `partyline verify` does: results.sqlite's manifest names the calibration
/// (calibration.yaml) and every file it wrote with its SHA-256 and rows; the store's tables have the files' rows;
/// nothing else is in the folder; the calibration is complete. Returns the problems found (empty: one complete
/// calibration) and sets `what` to a description.
[[nodiscard]] std::vector<std::string> verify_calibration_folder(const std::filesystem::path& dir, std::string& what);

}  // namespace partyline
