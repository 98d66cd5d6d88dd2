#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 7
#error "partyline/calibrate/abc.hpp belongs to stage 7 (calibrate): a lower stage may not include it"
#endif
/// @brief Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC, the population Monte Carlo of
/// Beaumont et al. 2009 and Toni et al. 2009): a population of parameter vectors ("particles") drawn from the prior,
/// then generation by generation resampled by weight, moved by a multivariate normal kernel (twice the weighted
/// covariance of the last generation, Beaumont et al.), and kept when the simulated distance to the data is within
/// a tolerance that shrinks to a quantile of the last generation's distances. Importance weights prior / proposal
/// correct for the moves; the effective sample size says how many particles the weights are worth.
///
/// A second sampler for many parameters (abc_sampler::metropolis): the adaptive ABC-SMC of Del Moral, Doucet and
/// Jasra (2012), whose particles keep their replicates' distances; each generation lowers the tolerance until the
/// effective sample size falls to `quantile` of its last value, reweights each particle by the share of its
/// replicates still within, resamples every generation (systematic: a particle left without a replicate within would
/// hold its slot unmoved; Del Moral et al. resample below half), and moves each particle by Metropolis-Hastings steps
/// on an unbounded scale (the logit of a bounded prior's range, the log of a half-bounded one), so a move never leaves
/// the prior's support and no importance weight over a mixture is needed.
/// Its cost is fixed: particles x moves proposals a generation, whatever the number of parameters.
///
/// Every draw is keyed by (seed, generation, particle, attempt), so the result is the same whatever the thread count,
/// and a calibration stopped after a generation resumes from it to the same result.
#include <Eigen/Core>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace partyline {

/// @brief A parameter's prior: uniform(a = min, b = max), normal(a = mean, b = sd) or lognormal(a = mean of log,
/// b = sd of log), truncated to [lo, hi].
struct abc_prior {
  enum class kind : std::uint8_t { uniform, normal, lognormal };
  std::string name;
  kind shape = kind::uniform;
  double a = 0, b = 1;
  double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();

  /// log density up to a constant (truncation renormalises by a constant, which cancels in the weights); -inf
  /// outside the support.
  [[nodiscard]] double log_density(double x) const;
  /// The prior's centre: the middle of a uniform, a normal's mean, a lognormal's median (clamped to [lo, hi]).
  [[nodiscard]] double centre() const;
  /// A draw (by rejection inside [lo, hi]) from uniforms u(k), k = 0, 1, ... of a keyed stream; when the range keeps
  /// too little of the prior for rejection, a draw of the truncated prior by inversion.
  [[nodiscard]] double sample(const std::function<double(std::uint64_t)>& uniform) const;
  /// The quantile u of the prior truncated to [lo, hi] (exact in the far tails too).
  [[nodiscard]] double truncated_by_inversion(double u) const;
  /// The share of the untruncated prior's mass inside [lo, hi].
  [[nodiscard]] double mass_inside() const;
};

/// @brief Cumulative sums of `weight` (for pick_by_weight).
[[nodiscard]] std::vector<double> cumulative_weights(const Eigen::VectorXd& weight);
/// @brief The index i with cumulative[i-1] <= u * total < cumulative[i], u uniform on [0, 1): a draw by weight.
[[nodiscard]] Eigen::Index pick_by_weight(const std::vector<double>& cumulative, double u);

/// @brief Why ABC-SMC stopped: every generation run; the acceptance rate fell below min_acceptance; the tolerance
/// reached final_tolerance; every particle matched exactly; a particle could not be placed within max_attempts
/// proposals (the tolerance is out of the model's reach); cancelled.
enum class abc_stop : std::uint8_t { generations, min_acceptance, final_tolerance, exact, max_attempts, cancelled };
[[nodiscard]] const char* describe(abc_stop why);

/// @brief Fills one generation's particle slots. `compute(slot, out)` fills slot `slot`'s `width` numbers (its
/// parameters, distance, unnormalised weight and simulations; a NaN distance marks a slot that could not be filled);
/// the runner calls it once for every slot in [0, slots), here or on another process, and leaves every slot's numbers
/// in `results` (slots x width, row-major) -- on every process, which then go on in step. Empty: this process's threads.
using abc_slot_runner = std::function<void(int slots, int width, const std::function<void(int slot, double* out)>& compute,
                                           std::vector<double>& results)>;

/// @brief Which ABC-SMC: population Monte Carlo with importance weights (Beaumont et al. 2009; the default, fine for
/// up to about twenty-five parameters), or Metropolis-Hastings moves (Del Moral et al. 2012; for many parameters).
enum class abc_sampler : std::uint8_t { importance, metropolis };
[[nodiscard]] const char* name_of(abc_sampler s);

struct abc_options {
  abc_sampler sampler = abc_sampler::importance;
  int replicates = 1;           ///< metropolis: the distances each proposal's simulation gives (abc_replicate_distances)
  int moves = 1;                ///< metropolis: Metropolis-Hastings steps per particle per generation
  int particles = 500;
  int generations = 8;          ///< at most; fewer when the acceptance rate falls below min_acceptance
  double quantile = 0.5;        ///< the next tolerance: this quantile of the last generation's distances
  double min_acceptance = 0.01; ///< stop when a generation accepts fewer of its simulations than this
  double final_tolerance = 0;   ///< stop once the tolerance is at or below this (0: never on this account)
  long long max_attempts = 100'000;  ///< proposals a particle may try before the generation is abandoned
  std::uint64_t seed = 1;
  int threads = 0;              ///< 0: all cores; results never depend on it
  const std::atomic<bool>* cancel = nullptr;  ///< raised: stop after the generation in flight is dropped
  /// Progress: told when a generation starts (its index and tolerance), and as each particle is accepted (from
  /// worker threads, concurrently: must be thread-safe).
  std::function<void(int generation, double tolerance)> on_generation_start;
  std::function<void()> on_particle;
  std::function<void(abc_stop)> on_stop;  ///< told once why the run stopped
  abc_slot_runner run_slots;    ///< how a generation's slots are spread (MPI ranks); empty: oneTBB threads here
};

struct abc_generation {
  int index = 0;
  double tolerance = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd theta;        ///< particles x parameters
  Eigen::VectorXd weight;       ///< normalised importance weights
  Eigen::VectorXd distance;
  long long simulations = 0;    ///< simulations run to fill the generation
  /// metropolis: the moves accepted (the share of proposals accepted is then accepted / simulations); -1 otherwise,
  /// where every particle is one accepted proposal.
  long long accepted = -1;
  /// metropolis: every particle's replicate distances (particles x replicates), which the next generation reweights by.
  Eigen::MatrixXd replicates;
  [[nodiscard]] double acceptance() const {
    const auto kept = accepted >= 0 ? accepted : static_cast<long long>(theta.rows());
    return simulations > 0 ? static_cast<double>(kept) / static_cast<double>(simulations) : 0;
  }
  [[nodiscard]] double ess() const { return 1.0 / weight.squaredNorm(); }
  /// Weighted mean and covariance of the particles.
  [[nodiscard]] Eigen::VectorXd mean() const;
  [[nodiscard]] Eigen::MatrixXd covariance() const;
};

/// The distance of one simulation at `theta` from the data; `key` identifies the simulation (its random draws
/// must be a function of it, so results are reproducible).
using abc_distance = std::function<double(const Eigen::VectorXd& theta, std::uint64_t key)>;

/// The distances of several independent simulations at `theta` (replicates), each its own: `out` is cleared and
/// filled. A proposal is accepted with probability the share of them within the tolerance -- an unbiased estimate of
/// the ABC likelihood, so the posterior is the one a single simulation per proposal gives (Del Moral, Doucet and
/// Jasra 2012), never the distance of the replicates' mean (which rewards parameters where a once-observed event
/// happens in every run).
using abc_replicate_distances = std::function<void(const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& out)>;

/// @brief Runs ABC-SMC from the prior, or on from `done` (the complete generations of an earlier, stopped run with
/// the same priors and options): returns every generation, `done`'s first. `on_generation` is told of each new
/// generation as it completes (to save it). A generation that could not be filled (max_attempts, cancel) is not
/// returned.
std::vector<abc_generation> abc_smc(const std::vector<abc_prior>& priors, const abc_distance& distance, const abc_options& opt,
                                    std::vector<abc_generation> done = {},
                                    const std::function<void(const abc_generation&)>& on_generation = {});
/// The same with replicate simulations per proposal (see abc_replicate_distances). A particle's recorded distance is
/// that of one of its replicates within the tolerance, drawn uniformly (keyed): the next tolerance is a quantile of
/// single simulations' distances.
std::vector<abc_generation> abc_smc(const std::vector<abc_prior>& priors, const abc_replicate_distances& distances,
                                    const abc_options& opt, std::vector<abc_generation> done = {},
                                    const std::function<void(const abc_generation&)>& on_generation = {});

}  // namespace partyline
