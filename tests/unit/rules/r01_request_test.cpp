// R1 Request to the centre: dissatisfied councillors ask the executive to act, more readily the closer it stands to
// them than their leader does.
#include <gtest/gtest.h>

#include "rule_fixtures.hpp"

using namespace partyline;
using namespace partyline::rule_fixtures;

TEST(RequestR1, LeftBlocAsksALeftExecutiveToIntervene) {
  int requested = 0;
  for (std::uint64_t run = 0; run < 20; ++run) {
    const auto r = simulate_run(divided_group(), 1, run, false, true);
    requested += r.counters[run_outcome::requests] > 0;
  }
  EXPECT_GE(requested, 18);
}

TEST(RequestR1, NoRequestWhenTheExecutiveSitsWithTheLeader) {
  int requested = 0;
  for (std::uint64_t run = 0; run < 20; ++run) {
    // The leader stays the leader (no group challenge, R10): a new leader from the left bloc would turn the
    // mainstream, now at odds with its leadership and nearer the executive, into requesters.
    const auto r = simulate_run(divided_group([](scenario& s) {
                                  s.executive.left_share = 0.0;
                                  coefficients(s).R10.trigger_share = 1.0;
                                  coefficients(s).R10.trigger_sd = 0.0;
                                }),
                                1, run, false, true);
    requested += r.counters[run_outcome::requests] > 0;
  }
  EXPECT_EQ(requested, 0);
}

TEST(RequestR1, ALessSympatheticExecutiveLowersTheRateRatherThanClosingAGate) {
  // The executive's left bloc from none to all: the share of runs with a request rises step by step, not at one line.
  std::vector<int> requested;
  for (double left : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    int n = 0;
    for (std::uint64_t run = 0; run < 40; ++run) {
      const auto r = simulate_run(divided_group([&](scenario& s) {
                                    s.executive.left_share = left;
                                    s.weeks = 8;
                                  }),
                                  1, run, false, false);
      n += r.counters[run_outcome::requests] > 0;
    }
    requested.push_back(n);
  }
  std::printf("runs with a request (of 40) as the executive's left share rises 0 -> 1: %d %d %d %d %d\n", requested[0],
              requested[1], requested[2], requested[3], requested[4]);
  for (std::size_t i = 1; i < requested.size(); ++i) EXPECT_GE(requested[i] + 2, requested[i - 1]);
  int intermediate = 0;
  for (int n : requested) intermediate += n > 2 && n < 38;
  EXPECT_GE(intermediate, 1) << "some executive gets a request in some runs and not in others";
}
