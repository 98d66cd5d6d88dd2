#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 7
#error "partyline/calibrate/posterior.hpp belongs to stage 7 (calibrate): a lower stage may not include it"
#endif
/// @brief A calibration's posterior as a source of coefficients for ordinary runs (`partyline run FILE --posterior DIR`):
/// each run draws one particle of the last generation by its weight, and runs with that particle's values set. So a
/// run set carries the parameters' uncertainty as well as the runs' own randomness.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "partyline/scenario/read.hpp"

namespace partyline {

/// @brief The last generation of a calibration folder's posterior.csv: its free parameters (dotted paths), each
/// particle's values and normalised weights.
struct posterior_sample {
  std::filesystem::path folder;
  int generation = -1;
  std::vector<std::string> parameters;
  std::vector<int> particle_ids;              ///< the particle column, as the calibration numbered them
  std::vector<std::vector<double>> values;    ///< [particle][parameter]
  std::vector<double> weights;                ///< normalised: they sum to 1
};

/// Reads DIR/posterior.csv (written by `partyline calibrate`); throws usage_error naming the file and what is wrong.
[[nodiscard]] posterior_sample read_posterior(const std::filesystem::path& folder);

/// The particle (an index into the sample) run `run` draws: by weight, with a counter-based draw keyed by (seed, run),
/// so the same seed gives every run the same particle whatever the thread count.
[[nodiscard]] std::size_t posterior_particle(const posterior_sample& p, std::uint64_t seed, std::uint64_t run);

/// A (dotted path, value text) assignment, as `--set` and the Python module's overrides take them.
using path_value = std::pair<std::string, std::string>;

/// @brief Each run's scenario under a posterior, in run order, and the particle (as the calibration numbered it) each drew.
struct posterior_runs {
  std::vector<frozen_scenario> scenarios;
  std::vector<int> particles;
};

/// Runs 0..runs-1 each draw a particle (posterior_particle); `load` makes one scenario per particle drawn from that
/// particle's values (the caller applies them after its own overrides), shared by every run that drew it.
[[nodiscard]] posterior_runs draw_posterior_runs(const posterior_sample& p, std::uint64_t seed, long long runs,
                                                 const std::function<frozen_scenario(const std::vector<path_value>&)>& load);

}  // namespace partyline
