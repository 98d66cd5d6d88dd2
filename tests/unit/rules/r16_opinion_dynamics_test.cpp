// R16 Opinion dynamics: councillors' positions drift towards those of the group within a confidence bound.
//
// The bounded-confidence step against the published Hegselmann-Krause pattern (Hegselmann & Krause 2002; Lorenz
// 2007): with uniform starting opinions on a complete graph, consensus for epsilon >= 0.25, and about
// floor(1/(2 epsilon)) clusters below it.
//
// Tolerance, stated: major clusters (>= 2% of agents) averaged over 10 seeds of 1,000 agents lie within
// [0.65, 1.1] x floor(1/(2 epsilon)) for epsilon in 0.05..0.2. Measured with this implementation: 0.74x at 0.05,
// 0.72x at 0.10, 0.87x at 0.15, 1.0x at 0.20 -- clusters end up a little more than 2 epsilon apart, as in the
// published bifurcation diagrams.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "partyline/random.hpp"
#include "partyline/rules/r16_opinion_dynamics.hpp"
#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

namespace {

struct hk_result {
  int major_clusters = 0;
  int iterations = 0;
};

hk_result run_hk(double epsilon, std::uint64_t seed, int n = 1000) {
  const draw_stream rng(seed, 0, 0, stream::R16);
  std::vector<float> x(static_cast<std::size_t>(n)), work(x.size());
  std::vector<std::uint32_t> agents(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<float>(rng.uniform(i));
    agents[i] = static_cast<std::uint32_t>(i);
  }
  hk_result r;
  for (; r.iterations < 5000; ++r.iterations) {
    const std::vector<float> before = x;
    bounded_confidence_step(x.data(), agents, work, epsilon, 1.0);
    float moved = 0;
    for (std::size_t i = 0; i < x.size(); ++i) moved = std::max(moved, std::abs(x[i] - before[i]));
    if (moved < 1e-7f) break;
  }
  std::sort(x.begin(), x.end());
  int size = 0;
  for (std::size_t i = 0; i <= x.size(); ++i) {
    if (i == x.size() || (i > 0 && x[i] - x[i - 1] > 1e-4f)) {
      r.major_clusters += size >= n / 50;
      size = 0;
    }
    ++size;
  }
  return r;
}

}  // namespace

TEST(OpinionR16, GroupPositionsDrawTogether) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 40);
    sc.councils[0].group.position_sd = 0.1;
    coefficients(sc).R16.epsilon = 0.5;
    coefficients(sc).R16.rate = 0.2;
  });
  world w = build_world(s, 1, 0);
  auto spread = [&] {
    float lo = 1, hi = -1;
    const auto& c = w.councils[0];
    for (const councillor_id r : c.rows.councillors()) {
      lo = std::min(lo, w.councillors.position[r]);
      hi = std::max(hi, w.councillors.position[r]);
    }
    return hi - lo;
  };
  const float before = spread();
  for (int week = 0; week < 30; ++week) step_week(w);
  EXPECT_LT(spread(), 0.1f * before);
}

// The rule keeps each group's opinion order from one week to the next (a step keeps it) and sorts again only when it
// no longer holds. Week by week it must move every councillor exactly as a fresh sort and step would: through weeks
// where nothing else moves, a week where another rule moves a councillor across the group, and a week where one
// leaves the group.
TEST(OpinionR16, AGroupsKeptOrderStepsExactlyAsAFreshSort) {
  const auto s = tiny_scenario([](scenario& sc) {
    long_quiet(sc);
    sc.councils[0].seats = {};
    sc.councils[0].seats.set("lab", 40);
    sc.councils[0].seats.set("con", 10);
    sc.councils[0].group.position_sd = 0.3;
    coefficients(sc).R16.rate = 0.2;
  });
  world w = build_world(s, 1, 0);
  const council_id ci = council_at(0);
  const double bound = 2.0 * w.params->R16.epsilon / w.space.first_salience, rate = w.params->R16.rate;
  std::vector<float> expected(w.councillors.position.begin(), w.councillors.position.end());
  std::vector<float> work(expected.size());
  for (int week = 0; week < 30; ++week) {
    std::vector<councillor_id> group;
    for (const councillor_id r : detail::group_rows(w, w.councils[ci])) group.push_back(r);
    ASSERT_GE(group.size(), 30u);
    if (week == 10) {  // another rule moves a councillor from one end of the group to the other
      const auto [lo, hi] = std::minmax_element(group.begin(), group.end(), [&](councillor_id a, councillor_id b) {
        return w.councillors.position[a] < w.councillors.position[b];
      });
      w.councillors.position[*lo] = w.councillors.position[*hi] + 0.05f;
      expected[row(*lo)] = w.councillors.position[*lo];
    }
    if (week == 20) {  // a councillor (not the leader) leaves the group
      const councillor_id gone = group.front() == w.councils[ci].leadership.leader ? group[1] : group.front();
      w.councillors.party[gone] = static_cast<std::uint8_t>(w.scen->party_index == 0 ? 1 : 0);
      group.erase(std::find(group.begin(), group.end(), gone));
    }
    std::vector<std::uint32_t> agents;
    for (const councillor_id r : group) agents.push_back(static_cast<std::uint32_t>(row(r)));
    bounded_confidence_step(expected.data(), agents, work, bound, rate);  // a fresh sort every week
    opinion_dynamics::run(w, ci);
    for (const councillor_id r : group) ASSERT_EQ(w.councillors.position[r], expected[row(r)]) << "week " << week;
  }
}

TEST(BoundedConfidence, ConsensusForEpsilonFromAQuarter) {
  for (double eps : {0.25, 0.3, 0.4, 0.5})
    for (std::uint64_t seed = 1; seed <= 10; ++seed)
      EXPECT_EQ(run_hk(eps, seed).major_clusters, 1) << "epsilon " << eps << " seed " << seed;
}

TEST(BoundedConfidence, AboutOneOverTwoEpsilonClustersBelowAQuarter) {
  for (double eps : {0.05, 0.08, 0.1, 0.12, 0.15, 0.2}) {
    double total = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) total += run_hk(eps, seed).major_clusters;
    const double mean = total / 10;
    const double expected = std::floor(1 / (2 * eps));
    EXPECT_GE(mean, 0.65 * expected) << "epsilon " << eps;
    EXPECT_LE(mean, 1.1 * expected) << "epsilon " << eps;
  }
}

TEST(BoundedConfidence, MoreConfidenceNeverMeansMoreClusters) {
  double previous = 1e9;
  for (double eps : {0.05, 0.1, 0.15, 0.2, 0.25}) {
    double total = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) total += run_hk(eps, seed).major_clusters;
    EXPECT_LE(total, previous) << "epsilon " << eps;
    previous = total;
  }
}

TEST(BoundedConfidence, PartialRateMovesPartWay) {
  std::vector<float> x{0.0f, 0.1f, 1.0f};
  std::vector<std::uint32_t> agents{0, 1, 2};
  std::vector<float> work(3);
  bounded_confidence_step(x.data(), agents, work, 0.2, 0.5);
  EXPECT_FLOAT_EQ(x[0], 0.025f);  // halfway to the mean of {0, 0.1}
  EXPECT_FLOAT_EQ(x[1], 0.075f);
  EXPECT_FLOAT_EQ(x[2], 1.0f);  // alone: nobody within 0.2
}

// Issue 36: on more than one axis a councillor's confidants are weighed over every axis. A real group is looked at
// pair by pair; a group above 512 (a stress test: no council is that large) samples at most 64 of the councillors
// near enough on the first axis, so that the step costs n log n rather than n^2. One sampled step is noisy for a
// councillor (a few confidants among 64), but the group must evolve as under the exact step: here 1,200
// councillors on three axes, 60 weeks of each, the group's spread and mean on the first axis compared.
TEST(OpinionR16, AVeryLargeGroupOnThreeAxesEvolvesAsUnderTheExactStep) {
  std::string yaml =
      "name: big-group\nweeks: 4\nseed: 3\naxes:\n  - {id: left_right}\n  - {id: b, spread: 0.3}\n  - {id: c, spread: 0.3}\n"
      "parties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\nregions:\n  - {id: north}\n"
      "councils:\n  - id: big\n    region: north\n    seats: {lab: 1200, con: 400}\n    seats_per_ward: 1\n"
      "    members: {count: 2000}\n    group: {cabinet_size: 6, position_sd: 0.4}\n";
  const frozen_scenario s = load_scenario_text(yaml, "big-group");
  world sampled = build_world(s, 1, 0);
  world exact = build_world(s, 1, 0);
  std::vector<councillor_id> rows;
  for (const councillor_id r : detail::group_rows(sampled, sampled.councils[0])) rows.push_back(r);
  ASSERT_GT(rows.size(), 512u);
  const double bound = 2.0 * exact.params->R16.epsilon, rate = exact.params->R16.rate;
  const auto spread_and_mean = [&](const world& w) {
    double sum = 0, sq = 0;
    for (const councillor_id r : rows) sum += w.councillors.position[r];
    const double mean = sum / static_cast<double>(rows.size());
    for (const councillor_id r : rows) sq += (w.councillors.position[r] - mean) * (w.councillors.position[r] - mean);
    return std::pair{std::sqrt(sq / static_cast<double>(rows.size())), mean};
  };
  const auto [spread0, mean0] = spread_and_mean(exact);
  std::vector<float> next(rows.size());
  for (int week = 0; week < 60; ++week) {
    opinion_dynamics::run(sampled, council_at(0));
    for (std::size_t k = 0; k < rows.size(); ++k) {  // the exact step, every pair
      const detail::place at = detail::councillor_place(exact, rows[k]);
      double sum = 0;
      int n = 0;
      for (const councillor_id j : rows) {
        const detail::place other = detail::councillor_place(exact, j);
        if (detail::distance(exact, at, other) > bound) continue;
        sum += other.x;
        ++n;
      }
      const double x = exact.councillors.position[rows[k]];
      next[k] = static_cast<float>(x + rate * (sum / n - x));
    }
    for (std::size_t k = 0; k < rows.size(); ++k) exact.councillors.position[rows[k]] = next[k];
  }
  const auto [spread_exact, mean_exact] = spread_and_mean(exact);
  const auto [spread_sampled, mean_sampled] = spread_and_mean(sampled);
  ASSERT_LT(spread_exact, spread0 - 0.01) << "the exact step must draw the group together for the comparison to say anything";
  // Measured: the spread falls from 0.399 to 0.3585 under the exact step and to 0.3619 sampled (8% of the fall
  // short; 24% short before each sampled confidant was weighed for the councillors it stands for).
  EXPECT_NEAR(spread_sampled, spread_exact, 0.15 * (spread0 - spread_exact))
      << "spread " << spread0 << " -> exact " << spread_exact << ", sampled " << spread_sampled;
  EXPECT_NEAR(mean_sampled, mean_exact, 0.01) << "mean " << mean0 << " -> exact " << mean_exact << ", sampled " << mean_sampled;
}
