// ABC-SMC (population Monte Carlo): see include/partyline/calibrate/abc.hpp.
#include "partyline/calibrate/abc.hpp"

#include "partyline/error.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <Eigen/Cholesky>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <numeric>
#include <optional>
#include <tuple>

#include "partyline/random.hpp"

namespace partyline {

namespace {

constexpr stream abc_stream = static_cast<stream>(901);

/// The keyed stream of one attempt of one particle of one generation.
draw_stream attempt_stream(std::uint64_t seed, int generation, int particle, long long attempt) {
  return draw_stream(seed, static_cast<std::uint64_t>(generation) * 1'000'003ULL + static_cast<std::uint64_t>(particle),
                     static_cast<std::uint64_t>(attempt), abc_stream);
}

double log_prior(const std::vector<abc_prior>& priors, const Eigen::VectorXd& theta) {
  double s = 0;
  for (std::size_t i = 0; i < priors.size(); ++i) s += priors[i].log_density(theta[static_cast<Eigen::Index>(i)]);
  return s;
}

/// The q-quantile of `v` (type 7).
double quantile_of(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

const char* name_of(abc_sampler s) { return s == abc_sampler::metropolis ? "metropolis" : "importance"; }

const char* describe(abc_stop why) {
  switch (why) {
    case abc_stop::generations: return "every generation run";
    case abc_stop::min_acceptance: return "the acceptance rate fell below min_acceptance";
    case abc_stop::final_tolerance: return "the tolerance reached final_tolerance";
    case abc_stop::exact: return "every particle matches the facts exactly";
    case abc_stop::max_attempts: return "a particle found no parameters within the tolerance in max_attempts proposals";
    case abc_stop::cancelled: return "cancelled";
  }
  return "";
}

double abc_prior::log_density(double x) const {
  if (!(x >= lo && x <= hi)) return -std::numeric_limits<double>::infinity();
  switch (shape) {
    case kind::uniform:
      return x >= a && x <= b ? -std::log(b - a) : -std::numeric_limits<double>::infinity();
    case kind::normal:
      return -0.5 * ((x - a) / b) * ((x - a) / b) - std::log(b);
    case kind::lognormal:
      if (x <= 0) return -std::numeric_limits<double>::infinity();
      return -0.5 * ((std::log(x) - a) / b) * ((std::log(x) - a) / b) - std::log(b) - std::log(x);
  }
  return -std::numeric_limits<double>::infinity();
}

std::vector<double> cumulative_weights(const Eigen::VectorXd& weight) {
  std::vector<double> cumulative(static_cast<std::size_t>(weight.size()));
  double c = 0;
  for (Eigen::Index j = 0; j < weight.size(); ++j) cumulative[static_cast<std::size_t>(j)] = c += weight[j];
  return cumulative;
}

Eigen::Index pick_by_weight(const std::vector<double>& cumulative, double u) {
  const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u * cumulative.back()) - cumulative.begin();
  return static_cast<Eigen::Index>(std::min<std::size_t>(static_cast<std::size_t>(at), cumulative.size() - 1));
}

double abc_prior::centre() const {
  const double c = shape == kind::uniform ? (a + b) / 2 : shape == kind::normal ? a : std::exp(a);
  return std::clamp(c, lo, hi);
}

double abc_prior::sample(const std::function<double(std::uint64_t)>& uniform) const {
  for (std::uint64_t k = 0; k < 4096; k += 2) {
    double x = 0;
    if (shape == kind::uniform) {
      x = a + (b - a) * uniform(k);
    } else {
      const double u1 = 1.0 - uniform(k), u2 = uniform(k + 1);  // Box-Muller
      const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
      x = shape == kind::normal ? a + b * z : std::exp(a + b * z);
    }
    if (std::isfinite(log_density(x))) return x;
  }
  // Rejection found nothing: the truncation keeps almost none of the prior's mass. Draw from the truncated
  // distribution itself, by inversion (issue 36 F8: clamping put every draw at one end). The draws rejection accepts
  // are kept as they were, so calibrations whose priors keep their mass are unchanged.
  return truncated_by_inversion(uniform(4096));
}

namespace {

/// The normal CDF in the lower tail's precision: the range [alpha, beta] (in sd) mirrored below the mean when it lies
/// above it, and its CDF at both ends.
struct tail_range {
  double alpha, beta, pa, pb;
  bool mirrored;
};
tail_range lower_tail(double alpha, double beta) {
  tail_range t{alpha, beta, 0, 0, alpha > 0};
  if (t.mirrored) std::tie(t.alpha, t.beta) = std::make_pair(-beta, -alpha);
  const auto cdf = [](double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); };
  t.pa = cdf(t.alpha);
  t.pb = cdf(t.beta);
  return t;
}

}  // namespace

double abc_prior::mass_inside() const {
  if (shape == kind::uniform) return 1.0;
  const auto scale = [&](double v) {
    if (shape == kind::lognormal) v = v > 0 ? std::log(v) : -std::numeric_limits<double>::infinity();
    return (v - a) / b;
  };
  const tail_range t = lower_tail(scale(lo), scale(hi));
  return t.pb - t.pa;
}

double abc_prior::truncated_by_inversion(double u) const {
  if (shape == kind::uniform) return std::clamp(a + (b - a) * u, std::max(a, lo), std::min(b, hi));
  // On the normal's own scale (a lognormal's log), the range [lo, hi] is [alpha, beta] in standard deviations.
  const auto scale = [&](double v) {
    if (shape == kind::lognormal) v = v > 0 ? std::log(v) : -std::numeric_limits<double>::infinity();
    return (v - a) / b;
  };
  // Work in the lower tail, where the normal CDF keeps its precision: a range above the mean is mirrored.
  const auto [alpha, beta, pa, pb, mirrored] = lower_tail(scale(lo), scale(hi));
  double z = 0;
  if (pb - pa > 0 && std::isfinite(pb - pa)) {
    z = -std::numbers::sqrt2 * boost::math::erfc_inv(2 * (pa + u * (pb - pa)));
  } else {
    // Too far out for the CDF (beyond about 37 sd): the tail's density falls as exp(beta * (z - beta)) from the end
    // nearer the mean, an exponential truncated to the range.
    const double rate = -beta, width = beta - alpha;
    z = beta + std::log1p(-u * -std::expm1(-rate * width)) / rate;
  }
  if (mirrored) z = -z;
  const double x = shape == kind::normal ? a + b * z : std::exp(a + b * z);
  return std::clamp(x, lo, hi);  // rounding only
}

Eigen::VectorXd abc_generation::mean() const { return theta.transpose() * weight; }

Eigen::MatrixXd abc_generation::covariance() const {
  const Eigen::VectorXd m = mean();
  const Eigen::MatrixXd centred = theta.rowwise() - m.transpose();
  return centred.transpose() * weight.asDiagonal() * centred;
}

namespace {

/// What both samplers keep for the length of a run: the thread limit, and telling on_stop once why the run stopped.
class sampler_run {
 public:
  explicit sampler_run(const abc_options& opt) : opt_(opt) {
    if (opt.threads > 0) limit_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, opt.threads);
  }
  void stop(abc_stop why) {
    stopped_ = true;
    if (opt_.on_stop) opt_.on_stop(why);
  }
  /// Every generation run, unless a stop was told.
  void finish() {
    if (!stopped_) stop(abc_stop::generations);
  }

 private:
  const abc_options& opt_;
  std::unique_ptr<tbb::global_control> limit_;
  bool stopped_ = false;
};

/// Why ABC-SMC stops before generation g, after `prev` (either sampler): its acceptance fell below min_acceptance (from
/// the second generation on), or its tolerance reached final_tolerance.
std::optional<abc_stop> stops_after(const abc_generation& prev, int g, const abc_options& opt) {
  if (prev.acceptance() < opt.min_acceptance && g > 1) return abc_stop::min_acceptance;
  if (opt.final_tolerance > 0 && prev.tolerance <= opt.final_tolerance) return abc_stop::final_tolerance;
  return std::nullopt;
}

/// Fills a generation's `slots` (n x width numbers): by opt.run_slots (MPI ranks) when given, else on this process's threads.
void run_generation_slots(const abc_options& opt, int n, int width, const std::function<void(int, double*)>& fill_slot,
                          std::vector<double>& slots) {
  if (opt.run_slots) {
    opt.run_slots(n, width, fill_slot, slots);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<int>(0, n, 1), [&](const tbb::blocked_range<int>& r) {
    for (int i = r.begin(); i != r.end(); ++i) fill_slot(i, slots.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(width));
  });
}

double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

/// A prior's support [lo, hi] (either end may be infinite) and a map onto it from the whole line: the logistic of a
/// bounded range, the exponential of a half-bounded one. The Metropolis moves step on that unbounded scale, so a
/// proposal never leaves the support -- with many parameters a step on the natural scale leaves one of them almost
/// surely -- and the prior's density there carries the map's Jacobian.
struct unbounded_scale {
  double lo, hi;
  explicit unbounded_scale(const abc_prior& p) : lo(p.lo), hi(p.hi) {
    if (p.shape == abc_prior::kind::uniform) lo = std::max(lo, p.a), hi = std::min(hi, p.b);
    if (p.shape == abc_prior::kind::lognormal) lo = std::max(lo, 0.0);
  }
  [[nodiscard]] double to_unbounded(double x) const {
    const bool below = std::isfinite(lo), above = std::isfinite(hi);
    if (below && above) {
      // A draw exactly at an end (a uniform's lower end) maps to a large finite value, not an infinite one.
      const double s = std::clamp((x - lo) / (hi - lo), 1e-300, std::nextafter(1.0, 0.0));
      return std::log(s) - std::log1p(-s);
    }
    if (below) return std::log(std::max(x - lo, 1e-300));
    if (above) return -std::log(std::max(hi - x, 1e-300));
    return x;
  }
  [[nodiscard]] double from_unbounded(double u) const {
    const bool below = std::isfinite(lo), above = std::isfinite(hi);
    if (below && above) return lo + (hi - lo) * sigmoid(u);
    if (below) return lo + std::exp(u);
    if (above) return hi - std::exp(-u);
    return u;
  }
  /// log |dx/du|
  [[nodiscard]] double log_jacobian(double u) const {
    const bool below = std::isfinite(lo), above = std::isfinite(hi);
    if (below && above) return std::log(hi - lo) - softplus(u) - softplus(-u);
    if (below) return u;
    if (above) return -u;
    return 0;
  }
};

double effective_size(const Eigen::VectorXd& w) {
  const double sum = w.sum(), squares = w.squaredNorm();
  return squares > 0 ? sum * sum / squares : 0;
}

constexpr std::uint64_t resample_entity = 0xFFFFFFull;

/// ABC-SMC with Metropolis-Hastings moves (abc_sampler::metropolis; Del Moral, Doucet and Jasra 2012): see abc.hpp.
std::vector<abc_generation> abc_smc_metropolis(const std::vector<abc_prior>& priors, const abc_replicate_distances& distances,
                                               const abc_options& opt, std::vector<abc_generation> done,
                                               const std::function<void(const abc_generation&)>& on_generation) {
  const auto n = static_cast<Eigen::Index>(opt.particles);
  const auto k = static_cast<Eigen::Index>(priors.size());
  const auto m = static_cast<Eigen::Index>(std::max(1, opt.replicates));
  std::vector<unbounded_scale> scales;
  for (const auto& p : priors) scales.emplace_back(p);
  const auto to_unbounded = [&](const Eigen::VectorXd& theta) {
    Eigen::VectorXd u(k);
    for (Eigen::Index p = 0; p < k; ++p) u[p] = scales[static_cast<std::size_t>(p)].to_unbounded(theta[p]);
    return u;
  };
  // The prior's log density on the unbounded scale at u, whose parameters are theta.
  const auto log_prior_unbounded = [&](const Eigen::VectorXd& u, const Eigen::VectorXd& theta) {
    double s = 0;
    for (Eigen::Index p = 0; p < k; ++p)
      s += priors[static_cast<std::size_t>(p)].log_density(theta[p]) + scales[static_cast<std::size_t>(p)].log_jacobian(u[p]);
    return s;
  };
  for (const auto& g : done)
    if (g.replicates.rows() != n || g.replicates.cols() != m)
      throw usage_error("generation " + std::to_string(g.index) + " was saved without its " + std::to_string(m) +
                        " replicates' distances per particle: the metropolis sampler cannot continue it");
  sampler_run run(opt);
  const auto stop = [&run](abc_stop why) { run.stop(why); };
  std::vector<abc_generation> out = std::move(done);
  const auto within = [](const auto& replicates, double tolerance) {
    Eigen::Index c = 0;
    for (Eigen::Index j = 0; j < replicates.size(); ++j) c += replicates[j] <= tolerance;
    return c;
  };
  while (static_cast<int>(out.size()) < opt.generations) {
    const int g = static_cast<int>(out.size());
    const abc_generation* prev = out.empty() ? nullptr : &out.back();
    abc_generation next;
    next.index = g;
    // Where each slot starts (an ancestor, resampled by weight: every particle then weighs the same), and the kernel.
    std::vector<Eigen::Index> ancestor(static_cast<std::size_t>(n));
    Eigen::MatrixXd chol;
    if (prev) {
      if (const auto why = stops_after(*prev, g, opt)) {
        stop(*why);
        break;
      }
      // The next tolerance: the smallest replicate distance at which the reweighted particles keep `quantile` of the
      // last effective sample size (for one replicate and equal weights, the quantile of the distances).
      const auto reweighted = [&](double tolerance) {
        Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
        for (Eigen::Index i = 0; i < n; ++i) {
          if (!(prev->weight[i] > 0)) continue;
          const auto was = within(prev->replicates.row(i), prev->tolerance);
          if (was > 0) w[i] = prev->weight[i] * static_cast<double>(within(prev->replicates.row(i), tolerance)) / static_cast<double>(was);
        }
        return w;
      };
      std::vector<double> candidates;
      for (Eigen::Index i = 0; i < n; ++i)
        if (prev->weight[i] > 0)
          for (Eigen::Index j = 0; j < m; ++j)
            if (prev->replicates(i, j) < prev->tolerance) candidates.push_back(prev->replicates(i, j));
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      if (candidates.empty()) {  // every live replicate already matches exactly
        stop(abc_stop::exact);
        break;
      }
      const double wanted = opt.quantile * effective_size(prev->weight);
      std::size_t lo = 0, hi = candidates.size() - 1;  // the effective size grows with the tolerance
      while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (effective_size(reweighted(candidates[mid])) >= wanted) hi = mid;
        else lo = mid + 1;
      }
      next.tolerance = candidates[lo];
      Eigen::VectorXd w = reweighted(next.tolerance);
      w /= w.sum();
      // The kernel on the unbounded scale: the particles' weighted covariance there, scaled by 2.38^2 / parameters
      // (the random-walk scaling of Roberts, Gelman and Gilks 1997).
      Eigen::MatrixXd u(n, k);
      for (Eigen::Index i = 0; i < n; ++i) u.row(i) = to_unbounded(prev->theta.row(i).transpose()).transpose();
      const Eigen::VectorXd mean = u.transpose() * w;
      const Eigen::MatrixXd centred = u.rowwise() - mean.transpose();
      Eigen::MatrixXd cov = (2.38 * 2.38 / static_cast<double>(k)) * (centred.transpose() * w.asDiagonal() * centred);
      cov.diagonal().array() += 1e-12;
      chol = Eigen::LLT<Eigen::MatrixXd>(cov).matrixL();
      // Resampled every generation (systematic, keyed): a particle whose replicates all fell outside would otherwise
      // hold a slot without moving (with one replicate, half the population each generation).
      const std::vector<double> cumulative = cumulative_weights(w);
      const double start = draw_stream(opt.seed, static_cast<std::uint64_t>(g), 0, abc_stream).uniform(resample_entity);
      for (Eigen::Index i = 0; i < n; ++i)
        ancestor[static_cast<std::size_t>(i)] = pick_by_weight(cumulative, (static_cast<double>(i) + start) / static_cast<double>(n));
    }
    if (opt.on_generation_start) opt.on_generation_start(g, next.tolerance);
    // One slot: its replicates' distances, parameters, recorded distance, accepted moves and simulations (the
    // distance third from the end, as in the importance sampler's slots).
    const int width = static_cast<int>(m + k) + 3;
    std::atomic<bool> failed{false};
    const auto fill_slot = [&](int i, double* slot) {
      Eigen::Map<Eigen::VectorXd> reps(slot, m), theta(slot + m, k);
      double& recorded = slot[m + k];
      double& accepted = slot[m + k + 1];
      double& simulations = slot[m + k + 2];
      recorded = std::numeric_limits<double>::quiet_NaN();
      accepted = simulations = 0;
      std::vector<double> d;  // a proposal's replicates (a small list, once per proposal)
      const auto simulate = [&](const Eigen::VectorXd& at, const draw_stream& rng) {
        if (failed.load(std::memory_order_relaxed) || (opt.cancel && opt.cancel->load(std::memory_order_relaxed))) throw run_cancelled();
        distances(at, rng.bits(0, 1), d);
        if (static_cast<Eigen::Index>(d.size()) != m)
          throw usage_error("a simulation gave " + std::to_string(d.size()) + " replicate distances, not " + std::to_string(m));
        simulations += 1;
      };
      try {
        if (!prev) {  // the prior, drawn as the importance sampler's first generation draws it
          const draw_stream rng = attempt_stream(opt.seed, g, i, 0);
          Eigen::VectorXd at(k);
          for (Eigen::Index p = 0; p < k; ++p)
            at[p] = priors[static_cast<std::size_t>(p)].sample([&](std::uint64_t c) { return rng.uniform(static_cast<std::uint64_t>(p) + 1, c); });
          simulate(at, rng);
          theta = at;
          reps = Eigen::Map<const Eigen::VectorXd>(d.data(), m);
          accepted = 1;
        } else {
          const Eigen::Index from = ancestor[static_cast<std::size_t>(i)];
          theta = prev->theta.row(from).transpose();
          reps = prev->replicates.row(from).transpose();
          auto kept_within = within(reps, next.tolerance);  // positive: a particle with none inside weighs 0, never resampled
          Eigen::VectorXd u = to_unbounded(theta);
          double log_prior_here = log_prior_unbounded(u, theta);
          for (int step = 0; step < opt.moves; ++step) {
            const draw_stream rng = attempt_stream(opt.seed, g, i, step);
            Eigen::VectorXd z(k);
            for (Eigen::Index p = 0; p < k; ++p) z[p] = rng.normal(static_cast<std::uint64_t>(p) + 1, 0);
            const Eigen::VectorXd u_new = u + chol * z;
            Eigen::VectorXd at(k);
            for (Eigen::Index p = 0; p < k; ++p) at[p] = scales[static_cast<std::size_t>(p)].from_unbounded(u_new[p]);
            const double log_prior_new = log_prior_unbounded(u_new, at);
            if (!std::isfinite(log_prior_new)) continue;  // rounded onto an edge the prior excludes: rejected
            simulate(at, rng);
            Eigen::Index now_within = 0;
            for (double x : d) now_within += x <= next.tolerance;
            // Metropolis-Hastings on the ABC target: prior x the share of replicates within the tolerance (the
            // proposal is symmetric on the unbounded scale).
            const double ratio = std::exp(log_prior_new - log_prior_here) * static_cast<double>(now_within) / static_cast<double>(kept_within);
            if (now_within == 0 || rng.uniform(0, 2) >= ratio) continue;
            u = u_new;
            theta = at;
            log_prior_here = log_prior_new;
            reps = Eigen::Map<const Eigen::VectorXd>(d.data(), m);
            kept_within = now_within;
            accepted += 1;
          }
        }
      } catch (const run_cancelled&) {
        failed = true;  // the generation in flight is dropped
        return;
      }
      // The recorded distance: one of the replicates within the tolerance, drawn uniformly (keyed). There is always one:
      // generation 0's tolerance is infinite, a later particle is resampled only with a replicate within the new
      // tolerance (weight 0 otherwise), and a move is accepted only if it keeps one.
      const auto count = within(reps, next.tolerance);
      if (count == 0) throw std::logic_error("abc_smc_metropolis: a particle with no replicate within the tolerance");
      auto pick = std::min(count - 1, static_cast<Eigen::Index>(attempt_stream(opt.seed, g, i, opt.moves).uniform(0, 3) * static_cast<double>(count)));
      for (Eigen::Index j = 0; j < m; ++j)
        if (reps[j] <= next.tolerance && pick-- == 0) {
          recorded = reps[j];
          break;
        }
      if (opt.on_particle) opt.on_particle();
    };
    std::vector<double> slots(static_cast<std::size_t>(n) * static_cast<std::size_t>(width), std::numeric_limits<double>::quiet_NaN());
    run_generation_slots(opt, static_cast<int>(n), width, fill_slot, slots);
    next.theta.resize(n, k);
    next.replicates.resize(n, m);
    next.distance.resize(n);
    next.weight = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
    next.accepted = 0;
    bool filled = true;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double* slot = slots.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(width);
      if (std::isnan(slot[m + k])) {
        filled = false;
        continue;
      }
      next.replicates.row(i) = Eigen::Map<const Eigen::VectorXd>(slot, m).transpose();
      next.theta.row(i) = Eigen::Map<const Eigen::VectorXd>(slot + m, k).transpose();
      next.distance[i] = slot[m + k];
      next.accepted += static_cast<long long>(slot[m + k + 1]);
      next.simulations += static_cast<long long>(slot[m + k + 2]);
    }
    if (!filled) {
      stop(abc_stop::cancelled);
      break;
    }
    out.push_back(next);
    if (on_generation) on_generation(out.back());
  }
  run.finish();
  return out;
}

}  // namespace

std::vector<abc_generation> abc_smc(const std::vector<abc_prior>& priors, const abc_distance& distance, const abc_options& opt,
                                    std::vector<abc_generation> done, const std::function<void(const abc_generation&)>& on_generation) {
  const abc_replicate_distances one = [&distance](const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& out) {
    out.assign(1, distance(theta, key));
  };
  abc_options single = opt;
  single.replicates = 1;
  return abc_smc(priors, one, single, std::move(done), on_generation);
}

std::vector<abc_generation> abc_smc(const std::vector<abc_prior>& priors, const abc_replicate_distances& distances,
                                    const abc_options& opt, std::vector<abc_generation> done,
                                    const std::function<void(const abc_generation&)>& on_generation) {
  if (opt.sampler == abc_sampler::metropolis) return abc_smc_metropolis(priors, distances, opt, std::move(done), on_generation);
  const auto n = static_cast<Eigen::Index>(opt.particles);
  const auto k = static_cast<Eigen::Index>(priors.size());
  sampler_run run(opt);
  const auto stop = [&run](abc_stop why) { run.stop(why); };
  std::vector<abc_generation> out = std::move(done);
  while (static_cast<int>(out.size()) < opt.generations) {
    const int g = static_cast<int>(out.size());
    abc_generation next;
    next.index = g;
    next.theta.resize(n, k);
    next.distance.resize(n);
    next.weight.resize(n);
    const abc_generation* prev = out.empty() ? nullptr : &out.back();
    // The tolerance: a quantile of the last generation's distances (the first generation takes every prior draw).
    if (prev) {
      if (const auto why = stops_after(*prev, g, opt)) {
        stop(*why);
        break;
      }
      next.tolerance = quantile_of(std::vector<double>(prev->distance.data(), prev->distance.data() + n), opt.quantile);
      if (next.tolerance >= prev->tolerance) {
        // Discrete distances can hold the quantile still: step down to the largest distance below the last tolerance.
        double below = -1;
        for (Eigen::Index i = 0; i < n; ++i)
          if (prev->distance[i] < prev->tolerance) below = std::max(below, prev->distance[i]);
        if (below < 0) {  // every particle already matches exactly
          stop(abc_stop::exact);
          break;
        }
        next.tolerance = below;
      }
    }
    // The kernel: a multivariate normal with twice the weighted covariance (Beaumont et al. 2009).
    Eigen::MatrixXd chol;
    Eigen::MatrixXd inv_cov;
    double log_norm = 0;
    std::vector<double> cumulative;
    if (prev) {
      Eigen::MatrixXd cov = 2.0 * prev->covariance();
      cov.diagonal().array() += 1e-12;  // a degenerate dimension still moves a little
      const Eigen::LLT<Eigen::MatrixXd> llt(cov);
      chol = llt.matrixL();
      inv_cov = llt.solve(Eigen::MatrixXd::Identity(k, k));
      log_norm = -chol.diagonal().array().log().sum();
      cumulative = cumulative_weights(prev->weight);
    }
    if (opt.on_generation_start) opt.on_generation_start(g, next.tolerance);
    // One slot: proposals until one is within the tolerance; its parameters, distance, weight and simulations.
    const int width = static_cast<int>(k) + 3;
    std::atomic<bool> failed{false};
    const auto fill_slot = [&](int i, double* slot) {
      Eigen::Map<Eigen::VectorXd> kept(slot, k);
      double& kept_distance = slot[k];
      double& kept_weight = slot[k + 1];
      double& simulations = slot[k + 2];
      kept_distance = std::numeric_limits<double>::quiet_NaN();
      simulations = 0;
      Eigen::VectorXd theta(k);
      for (long long a = 0;; ++a) {
        if (a >= opt.max_attempts || failed.load(std::memory_order_relaxed) || (opt.cancel && opt.cancel->load(std::memory_order_relaxed))) {
          failed = true;
          return;
        }
        const draw_stream rng = attempt_stream(opt.seed, g, i, a);
        if (!prev) {
          for (Eigen::Index p = 0; p < k; ++p)
            theta[p] = priors[static_cast<std::size_t>(p)].sample(
                [&](std::uint64_t c) { return rng.uniform(static_cast<std::uint64_t>(p) + 1, c); });
        } else {
          // An ancestor by weight, moved by the kernel; a move outside the prior's support is redrawn.
          const Eigen::Index j = pick_by_weight(cumulative, rng.uniform(0, 0));
          Eigen::VectorXd z(k);
          for (Eigen::Index p = 0; p < k; ++p) z[p] = rng.normal(static_cast<std::uint64_t>(p) + 1, 0);
          theta = prev->theta.row(j).transpose() + chol * z;
          if (!std::isfinite(log_prior(priors, theta))) continue;
        }
        std::vector<double> d;  // a proposal's replicates (one per simulation: a small list, once per proposal)
        try {
          distances(theta, rng.bits(0, 1), d);
        } catch (const run_cancelled&) {
          failed = true;  // stopped part-way through this proposal's runs: the generation in flight is dropped
          return;
        }
        simulations += 1;  // proposals simulated (a move outside the prior's support runs none)
        // Accepted with probability the share of replicates within the tolerance (with one replicate: when it is).
        std::size_t within = 0;
        for (double x : d) within += x <= next.tolerance;
        if (within == 0 || rng.uniform(0, 2) * static_cast<double>(d.size()) >= static_cast<double>(within)) continue;
        auto pick = std::min(within - 1, static_cast<std::size_t>(rng.uniform(0, 3) * static_cast<double>(within)));
        for (double x : d) {
          if (x > next.tolerance) continue;
          if (pick-- == 0) {
            kept_distance = x;
            break;
          }
        }
        kept = theta;
        if (opt.on_particle) opt.on_particle();
        break;
      }
      // The importance weight: prior over the mixture of kernels the particle could have come from.
      if (!prev) {
        kept_weight = 1.0;
      } else {
        double mix = 0;
        for (Eigen::Index j = 0; j < n; ++j) {
          const Eigen::VectorXd diff = theta - prev->theta.row(j).transpose();
          mix += prev->weight[j] * std::exp(log_norm - 0.5 * diff.dot(inv_cov * diff));
        }
        kept_weight = std::exp(log_prior(priors, theta)) / std::max(mix, 1e-300);
      }
    };
    std::vector<double> slots(static_cast<std::size_t>(n) * static_cast<std::size_t>(width), std::numeric_limits<double>::quiet_NaN());
    run_generation_slots(opt, static_cast<int>(n), width, fill_slot, slots);
    bool filled = true;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double* slot = slots.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(width);
      if (std::isnan(slot[k])) {
        filled = false;
        continue;
      }
      next.theta.row(i) = Eigen::Map<const Eigen::VectorXd>(slot, k).transpose();
      next.distance[i] = slot[k];
      next.weight[i] = slot[k + 1];
      next.simulations += static_cast<long long>(slot[k + 2]);
    }
    if (!filled) {
      stop(opt.cancel && opt.cancel->load() ? abc_stop::cancelled : abc_stop::max_attempts);
      break;
    }
    next.weight /= next.weight.sum();
    out.push_back(next);
    if (on_generation) on_generation(out.back());
  }
  run.finish();
  return out;
}

}  // namespace partyline
