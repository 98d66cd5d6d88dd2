// ABC-SMC validated on toy models whose posteriors are known analytically (issue 17, must-show 4), and its
// determinism: the same result for any thread count, and a stopped calibration resumed gives the same result.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "partyline/calibrate/abc.hpp"
#include "partyline/error.hpp"
#include "partyline/random.hpp"

using namespace partyline;

namespace {

constexpr stream toy_stream = static_cast<stream>(950);

// A normal mean with known variance: 20 observations of N(mu, 1) with sample mean 1.3; a flat prior on [-10, 10].
// The sample mean is sufficient, so the posterior is N(1.3, 1/20): mean 1.3, sd 0.2236.
double normal_mean_distance(const Eigen::VectorXd& theta, std::uint64_t key) {
  const draw_stream rng(key, 0, 0, toy_stream);
  double sum = 0;
  for (int i = 0; i < 20; ++i) sum += theta[0] + rng.normal(static_cast<std::uint64_t>(i));
  return std::abs(sum / 20 - 1.3);
}

// A binomial rate: 7 successes in 20 trials, a uniform prior: the posterior is Beta(8, 14), mean 8/22 = 0.3636,
// sd sqrt(8 * 14 / (22^2 * 23)) = 0.1003. The distance |k - 7| reaches 0: then ABC is exact.
double binomial_distance(const Eigen::VectorXd& theta, std::uint64_t key) {
  const draw_stream rng(key, 0, 0, toy_stream);
  int k = 0;
  for (int i = 0; i < 20; ++i) k += rng.bernoulli(theta[0], static_cast<std::uint64_t>(i));
  return std::abs(k - 7);
}

abc_prior uniform(const char* name, double lo, double hi) {
  abc_prior p;
  p.name = name;
  p.shape = abc_prior::kind::uniform;
  p.a = lo;
  p.b = hi;
  return p;
}

}  // namespace

TEST(AbcSmc, RecoversTheNormalMeansAnalyticPosterior) {
  abc_options opt;
  opt.particles = 1000;
  opt.generations = 10;
  opt.seed = 3;
  const auto gens = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  ASSERT_GE(gens.size(), 6u);
  const auto& last = gens.back();
  EXPECT_LT(last.tolerance, 0.03);  // the tolerance shrank from everything to a few hundredths
  const double mean = last.mean()[0], sd = std::sqrt(last.covariance()(0, 0));
  EXPECT_NEAR(mean, 1.3, 0.03);
  EXPECT_NEAR(sd, 0.2236, 0.2236 * 0.12);  // within 12% (ABC's tolerance widens it slightly)
  EXPECT_GT(last.ess(), 300);
  for (std::size_t g = 1; g < gens.size(); ++g) EXPECT_LE(gens[g].tolerance, gens[g - 1].tolerance);
}

TEST(AbcSmc, RecoversTheBinomialRatesBetaPosterior) {
  abc_options opt;
  opt.particles = 1000;
  opt.generations = 6;
  opt.seed = 5;
  const auto gens = abc_smc({uniform("p", 0, 1)}, binomial_distance, opt);
  const auto& last = gens.back();
  EXPECT_EQ(last.tolerance, 0.0);  // exact matching reached
  EXPECT_NEAR(last.mean()[0], 8.0 / 22.0, 0.015);
  EXPECT_NEAR(std::sqrt(last.covariance()(0, 0)), 0.1003, 0.1003 * 0.12);
}

TEST(AbcSmc, TheResultDoesNotDependOnThreadsAndAResumedRunEqualsAnUnbrokenOne) {
  abc_options opt;
  opt.particles = 200;
  opt.generations = 5;
  opt.seed = 11;
  opt.threads = 1;
  const auto one = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  opt.threads = 2;
  const auto two = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t g = 0; g < one.size(); ++g) {
    EXPECT_EQ(one[g].theta, two[g].theta);
    EXPECT_EQ(one[g].weight, two[g].weight);
    EXPECT_EQ(one[g].simulations, two[g].simulations);
  }
  // Stopped after two generations, resumed from them.
  opt.generations = 2;
  auto first_two = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  opt.generations = 5;
  const auto resumed = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt, first_two);
  ASSERT_EQ(resumed.size(), one.size());
  for (std::size_t g = 0; g < one.size(); ++g) EXPECT_EQ(resumed[g].theta, one[g].theta) << "generation " << g;
}

TEST(AbcSmc, PriorsHaveTheirDensitiesAndSupports) {
  abc_prior n;
  n.shape = abc_prior::kind::normal;
  n.a = 1;
  n.b = 2;
  n.lo = 0;
  EXPECT_DOUBLE_EQ(n.log_density(3) - n.log_density(1), -0.5);
  EXPECT_EQ(n.log_density(-0.1), -std::numeric_limits<double>::infinity());
  abc_prior l;
  l.shape = abc_prior::kind::lognormal;
  l.a = 0;
  l.b = 1;
  EXPECT_EQ(l.log_density(0), -std::numeric_limits<double>::infinity());
  EXPECT_NEAR(l.log_density(1), 0.0, 1e-12);
  // Samples respect the truncation.
  const draw_stream rng(1, 0, 0, toy_stream);
  for (std::uint64_t i = 0; i < 200; ++i) EXPECT_GE(n.sample([&](std::uint64_t c) { return rng.uniform(i, c); }), 0.0);
}

TEST(AbcSmc, SaysWhyItStopped) {
  const auto why = [](abc_options opt, const abc_distance& d) {
    std::vector<abc_stop> told;
    opt.on_stop = [&](abc_stop s) { told.push_back(s); };
    const auto gens = abc_smc({uniform("p", 0, 1)}, d, opt);
    EXPECT_EQ(told.size(), 1u);  // told exactly once
    return std::make_pair(told.empty() ? abc_stop::cancelled : told.front(), gens.size());
  };
  abc_options opt;
  opt.particles = 50;
  opt.generations = 3;
  opt.seed = 4;
  EXPECT_EQ(why(opt, binomial_distance), std::make_pair(abc_stop::generations, std::size_t{3}));
  // The binomial distance reaches 0 for every particle: no smaller tolerance exists.
  opt.generations = 60;
  EXPECT_EQ(why(opt, binomial_distance).first, abc_stop::exact);
  opt.final_tolerance = 0.5;
  EXPECT_EQ(why(opt, normal_mean_distance).first, abc_stop::final_tolerance);
  // One proposal per particle: the first generation takes every draw, the second (a median tolerance) cannot be filled.
  opt.final_tolerance = 0;
  opt.max_attempts = 1;
  const auto [stopped, kept] = why(opt, [](const Eigen::VectorXd&, std::uint64_t key) { return draw_stream(key, 0, 0, toy_stream).uniform(0); });
  EXPECT_EQ(stopped, abc_stop::max_attempts);
  EXPECT_EQ(kept, 1u);
  opt.max_attempts = 100'000;
  opt.min_acceptance = 0.9;  // the second generation on accepts about half its proposals
  EXPECT_EQ(why(opt, [](const Eigen::VectorXd& t, std::uint64_t) { return t[0]; }).first, abc_stop::min_acceptance);
}

TEST(AbcSmc, APriorTruncatedWhereItHasAlmostNoMassIsTruncatedNotClamped) {
  // Issue 36 F8: a normal prior N(0, 1) truncated to [5, 6] (mass 2.9e-7) put every draw at min. Its draws follow
  // the truncated normal: inside (5, 6), spread, with the truncated normal's mean phi(5) - phi(6) over
  // Phi(6) - Phi(5) = 5.1865. The same holds for a lognormal on the log scale, and for the upper tail.
  const draw_stream rng(3, 0, 0, toy_stream);
  const auto moments = [&](const abc_prior& p) {
    double sum = 0, sum2 = 0, lo = INFINITY, hi = -INFINITY;
    const int n = 4000;
    for (std::uint64_t i = 0; i < n; ++i) {
      const double x = p.sample([&](std::uint64_t c) { return rng.uniform(i, c); });
      sum += x;
      sum2 += x * x;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    const double mean = sum / n;
    return std::array<double, 4>{mean, std::sqrt(sum2 / n - mean * mean), lo, hi};
  };
  abc_prior n;
  n.shape = abc_prior::kind::normal;
  n.a = 0;
  n.b = 1;
  n.lo = 5;
  n.hi = 6;
  auto [mean, sd, lo, hi] = moments(n);
  EXPECT_NEAR(mean, 5.1865, 0.01);
  EXPECT_GT(sd, 0.12);  // the truncated normal's sd is 0.177
  EXPECT_GT(lo, 5.0);
  EXPECT_LT(hi, 6.0);
  // The lower tail, by symmetry: N(0, 1) on [-6, -5].
  n.lo = -6;
  n.hi = -5;
  const auto low = moments(n);
  EXPECT_NEAR(low[0], -5.1865, 0.01);
  EXPECT_GT(low[1], 0.12);
  EXPECT_LT(low[3], -5.0);
  // A lognormal with median 1 truncated to [e^5, e^6]: its log is the normal above.
  abc_prior l;
  l.shape = abc_prior::kind::lognormal;
  l.a = 0;
  l.b = 1;
  l.lo = std::exp(5.0);
  l.hi = std::exp(6.0);
  const auto lm = moments(l);
  EXPECT_GT(lm[2], l.lo);
  EXPECT_LT(lm[3], l.hi);
  EXPECT_GT(lm[1], 10.0);  // spread over [148, 403], not piled at one end
  // Where the mass is too small even to compute (N(0, 1) on [40, 41]), the draws still lie in the range, spread
  // near its lower end as the density is.
  n.lo = 40;
  n.hi = 41;
  const auto far = moments(n);
  EXPECT_GT(far[2], 40.0);
  EXPECT_LT(far[3], 41.0);
  EXPECT_NEAR(far[0], 40.025, 0.01);  // the tail's mean: about lo + 1/lo
}

// Issue 33 pt 1: one observation counts once. A yes/no fact observed once (the event happened), a uniform prior on
// its probability p: the posterior is Beta(2, 1), mean 2/3, sd sqrt(2 / (9 x 4)) = 0.2357. With 8 replicates per
// proposal, each its own simulation, accepted with probability the share within the tolerance, ABC gives that
// posterior; scoring the replicates' mean (the old distance: the share of the 8 runs in which it happened, against 1)
// gives Beta(9, 1) instead, mean 0.9 -- a particle fitted best where the event happens in every run.
TEST(AbcSmc, AOnceObservedYesNoFactYieldsItsBetaPosteriorWithReplicates) {
  const abc_replicate_distances replicates = [](const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& out) {
    const draw_stream rng(key, 0, 0, toy_stream);
    out.clear();
    for (int j = 0; j < 8; ++j) out.push_back(rng.bernoulli(theta[0], static_cast<std::uint64_t>(j)) ? 0.0 : 1.0);
  };
  const abc_distance mean_of_replicates = [&](const Eigen::VectorXd& theta, std::uint64_t key) {
    std::vector<double> d;
    replicates(theta, key, d);
    double missed = 0;
    for (double x : d) missed += x;
    return missed / static_cast<double>(d.size());  // 1 - the share of runs in which it happened
  };
  abc_options opt;
  opt.particles = 2000;
  opt.generations = 6;
  opt.seed = 11;
  const auto honest = abc_smc({uniform("p", 0, 1)}, replicates, opt).back();
  EXPECT_EQ(honest.tolerance, 0.0);
  EXPECT_NEAR(honest.mean()[0], 2.0 / 3.0, 0.02);
  EXPECT_NEAR(std::sqrt(honest.covariance()(0, 0)), 0.2357, 0.2357 * 0.08);
  const auto old = abc_smc({uniform("p", 0, 1)}, mean_of_replicates, opt).back();
  std::printf("posterior mean of p: replicates each a simulation %.3f (Beta(2,1): 0.667); distance of their mean %.3f (Beta(9,1): 0.9)\n",
              honest.mean()[0], old.mean()[0]);
  EXPECT_NEAR(old.mean()[0], 0.9, 0.02);
}

// The second sampler (abc_sampler::metropolis: Metropolis-Hastings moves, Del Moral, Doucet and Jasra 2012) on the
// same analytic posteriors, and where the importance sampler cannot go: many parameters, most of which the data do
// not inform.
namespace {

abc_options metropolis(int particles, int generations, std::uint64_t seed, int replicates = 1) {
  abc_options opt;
  opt.sampler = abc_sampler::metropolis;
  opt.particles = particles;
  opt.generations = generations;
  opt.seed = seed;
  opt.replicates = replicates;
  opt.moves = 2;
  return opt;
}

}  // namespace

TEST(AbcSmcMetropolis, RecoversTheNormalMeansAnalyticPosterior) {
  auto opt = metropolis(1000, 10, 3);
  opt.moves = 6;  // the acceptance falls with the tolerance (to about 2% in the last generation): more moves mix
  const auto gens = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  ASSERT_EQ(gens.size(), 10u);
  const auto& last = gens.back();
  EXPECT_LT(last.tolerance, 0.03);
  EXPECT_NEAR(last.mean()[0], 1.3, 0.03);
  EXPECT_NEAR(std::sqrt(last.covariance()(0, 0)), 0.2236, 0.2236 * 0.12);
  for (std::size_t g = 1; g < gens.size(); ++g) {
    EXPECT_LT(gens[g].tolerance, gens[g - 1].tolerance);
    EXPECT_EQ(gens[g].simulations, 6000) << "particles x moves proposals a generation (a bounded prior is never left)";
    EXPECT_GT(gens[g].acceptance(), 0.01);
  }
}

TEST(AbcSmcMetropolis, AOnceObservedYesNoFactYieldsItsBetaPosteriorWithReplicates) {
  const abc_replicate_distances replicates = [](const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& out) {
    const draw_stream rng(key, 0, 0, toy_stream);
    out.clear();
    for (int j = 0; j < 8; ++j) out.push_back(rng.bernoulli(theta[0], static_cast<std::uint64_t>(j)) ? 0.0 : 1.0);
  };
  std::vector<abc_stop> told;
  auto opt = metropolis(2000, 6, 11, 8);
  opt.on_stop = [&](abc_stop s) { told.push_back(s); };
  const auto gens = abc_smc({uniform("p", 0, 1)}, replicates, opt);
  const auto& last = gens.back();
  EXPECT_EQ(last.tolerance, 0.0);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0], abc_stop::exact) << "0 is the smallest distance: the tolerance can fall no further";
  EXPECT_NEAR(last.mean()[0], 2.0 / 3.0, 0.02);
  EXPECT_NEAR(std::sqrt(last.covariance()(0, 0)), 0.2357, 0.2357 * 0.08);
}

TEST(AbcSmcMetropolis, TheResultDoesNotDependOnThreadsAndAResumedRunEqualsAnUnbrokenOne) {
  auto opt = metropolis(200, 5, 11);
  opt.threads = 1;
  const auto one = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  opt.threads = 2;
  const auto two = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  ASSERT_EQ(one.size(), 5u);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t g = 0; g < one.size(); ++g) {
    EXPECT_EQ(one[g].theta, two[g].theta);
    EXPECT_EQ(one[g].weight, two[g].weight);
    EXPECT_EQ(one[g].replicates, two[g].replicates);
    EXPECT_EQ(one[g].accepted, two[g].accepted);
  }
  opt.generations = 2;
  const auto first_two = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  opt.generations = 5;
  const auto resumed = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt, first_two);
  ASSERT_EQ(resumed.size(), one.size());
  for (std::size_t g = 0; g < one.size(); ++g) EXPECT_EQ(resumed[g].theta, one[g].theta) << "generation " << g;
  // Generations saved without their replicates' distances (by the importance sampler) cannot be continued.
  opt.sampler = abc_sampler::importance;
  opt.generations = 2;
  const auto importance = abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt);
  opt.sampler = abc_sampler::metropolis;
  opt.generations = 5;
  EXPECT_THROW((void)abc_smc({uniform("mu", -10, 10)}, normal_mean_distance, opt, importance), usage_error);
}

// Sixty parameters with uniform priors, of which the data (7 successes in 20 trials) inform only the first: its
// posterior is Beta(8, 14); the other 59 keep their prior, uniform on [0, 1] (mean 0.5, sd 0.2887). The importance
// sampler's kernel leaves one of the sixty priors on almost every move and gives up; the Metropolis moves stay inside.
TEST(AbcSmcMetropolis, FitsSixtyParametersWhereTheImportanceSamplerCannot) {
  std::vector<abc_prior> priors;
  for (int p = 0; p < 60; ++p) priors.push_back(uniform("p", 0, 1));
  std::vector<abc_stop> told;
  abc_options importance;
  importance.particles = 200;
  importance.generations = 4;
  importance.seed = 5;
  importance.max_attempts = 2000;
  importance.on_stop = [&](abc_stop s) { told.push_back(s); };
  const auto stuck = abc_smc(priors, binomial_distance, importance);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0], abc_stop::max_attempts);
  EXPECT_EQ(stuck.size(), 1u);

  auto opt = metropolis(1000, 8, 5);
  opt.on_stop = [&](abc_stop s) { told.push_back(s); };
  const auto gens = abc_smc(priors, binomial_distance, opt);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_NE(told[1], abc_stop::max_attempts);
  const auto& last = gens.back();
  EXPECT_EQ(last.tolerance, 0.0);
  const Eigen::VectorXd mean = last.mean();
  const Eigen::MatrixXd cov = last.covariance();
  EXPECT_NEAR(mean[0], 8.0 / 22.0, 0.02);
  EXPECT_NEAR(std::sqrt(cov(0, 0)), 0.1003, 0.1003 * 0.15);
  double mean_rest = 0, sd_rest = 0;
  for (Eigen::Index p = 1; p < 60; ++p) mean_rest += mean[p] / 59, sd_rest += std::sqrt(cov(p, p)) / 59;
  EXPECT_NEAR(mean_rest, 0.5, 0.02);
  EXPECT_NEAR(sd_rest, 0.2887, 0.2887 * 0.1) << "the uninformed parameters keep their prior's spread";
  std::printf("60 parameters: p0 %.3f (sd %.3f), the other 59 mean %.3f (mean sd %.3f); acceptance of the last moves %.2f\n", mean[0],
              std::sqrt(cov(0, 0)), mean_rest, sd_rest, last.acceptance());
}

// A prior bounded on one side (a lognormal, a normal truncated below) maps to the line by a log: the sampler's
// posterior for a flat likelihood is the prior itself.
TEST(AbcSmcMetropolis, KeepsThePriorWhereTheDataSayNothing) {
  abc_prior l;
  l.name = "l";
  l.shape = abc_prior::kind::lognormal;
  l.a = 0;
  l.b = 0.5;
  abc_prior n;
  n.name = "n";
  n.shape = abc_prior::kind::normal;
  n.a = 1;
  n.b = 1;
  n.lo = 0;
  // A distance that ignores the parameters: every simulation's tolerance share is the same.
  const abc_distance flat = [](const Eigen::VectorXd&, std::uint64_t key) { return draw_stream(key, 0, 0, toy_stream).uniform(0); };
  const auto gens = abc_smc({l, n}, flat, metropolis(4000, 5, 8));
  const auto& last = gens.back();
  // lognormal(0, 0.5): mean exp(0.125) = 1.1331; N(1, 1) truncated to [0, inf): mean 1 + phi(1) / Phi(1) = 1.2876.
  EXPECT_NEAR(last.mean()[0], 1.1331, 0.03);
  EXPECT_NEAR(last.mean()[1], 1.2876, 0.04);
  EXPECT_GE(last.theta.col(1).minCoeff(), 0.0);
}
