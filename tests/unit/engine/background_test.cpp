// A council in the case's background (`detail: background`, issue 33 pt 9): its seats, members and leader are there,
// its group's weekly rules are not run -- and the engine runs exactly that, however it steps the week.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/engine/build.hpp"
#include "partyline/engine/engine.hpp"
#include "partyline/partyline.hpp"

using namespace partyline;

namespace {

/// The tiny case's council, then `n` twins simulated in full and `n` in the background, in turn: groups far from
/// their leaders (so the full twins' councillors move), autonomous leaders (so they sign protest letters).
frozen_scenario twins(int n, council_detail odd = council_detail::background) {
  return partyline::testing::tiny_scenario([&](scenario& sc) {
    sc.events.clear();
    for (int k = 0; k < 2 * n; ++k) {
      council_def c = sc.councils[0];
      c.id = "twin-" + std::to_string(k);
      c.disputes.clear();
      c.focus = false;
      c.group.position = 0.3;
      c.group.position_sd = 0.3;
      c.group.leader.position = -0.5;
      c.group.leader.autonomy = 0.9;
      c.detail = k % 2 == 1 ? odd : council_detail::full;
      sc.councils.push_back(c);
    }
  });
}

bool background(const world& w, std::size_t c) { return w.scen->councils[c].detail == council_detail::background; }

}  // namespace

TEST(BackgroundCouncil, ItsGroupStandsStillWhileItsMembersComeAndGoAndItsLeaderIsDrawnWhereStated) {
  const frozen_scenario s = twins(20);
  world w = build_world(s, 5, 0);
  const auto satisfaction0 = w.councillors.satisfaction;
  const auto position0 = w.councillors.position;
  for (int week = 0; week < s->weeks; ++week) step_week(w);
  int full_moved = 0, full = 0;
  std::int64_t background_members_moved = 0;
  for (std::size_t c = 1; c < w.councils.size(); ++c) {
    const council_state& cs = w.councils[c];
    bool moved = false;
    for (const councillor_id r : cs.rows.councillors())
      moved |= w.councillors.satisfaction[r] != satisfaction0[row(r)] || w.councillors.position[r] != position0[row(r)];
    if (!background(w, c)) {
      full_moved += moved;
      ++full;
      continue;
    }
    // Nothing of the group moved: no satisfaction, no opinion dynamics, no letters, requests, selections or challenges.
    EXPECT_FALSE(moved) << "background council " << c;
    for (const event e : {event::backbench_letter, event::coalition_request, event::leadership_challenge, event::deselection_members})
      EXPECT_EQ(cs.tallies[static_cast<std::size_t>(e)].count, 0) << "background council " << c << ", event " << static_cast<int>(e);
    // Its seats are held, and it is led from the stated place by a councillor whose traits were drawn.
    EXPECT_EQ(cs.electoral.seats_by_party[static_cast<std::size_t>(s->party_index)], 12);
    ASSERT_NE(cs.leadership.leader, nobody);
    EXPECT_FLOAT_EQ(w.councillors.position[cs.leadership.leader], -0.5f);
    EXPECT_GT(w.councillors.loyalty[cs.leadership.leader], 0.0f);
    EXPECT_FLOAT_EQ(cs.leadership.autonomy, 0.9f);
    background_members_moved += cs.membership.left + cs.membership.joined;
  }
  EXPECT_EQ(full, 20);
  EXPECT_GE(full_moved, 18) << "the full twins' groups move week by week";
  EXPECT_GT(background_members_moved, 0) << "the background councils' members leave and join";
}

TEST(BackgroundCouncil, ItsLeaderSignsAProtestLetterExactlyAsAFullTwinsLeaderWould) {
  // The protest letter (R4) asks every other council's leader: a background council's leader stands where the
  // scenario places it, as a full council's leader does at the start, so the same draws give the same signatures.
  const frozen_scenario with_background = twins(60), all_full = twins(60, council_detail::full);
  const auto signatures = [](const frozen_scenario& s, std::uint64_t run) {
    world w = build_world(s, 9, run);
    decision d;
    d.motion = &executive_decision::advise_pause;
    d.kind = &request_to_centre::item;
    d.council = council_id{0};
    d.notice_given = false;
    w.institutions.published = {d};
    national_phase(w);
    return std::max(w.councils[0].tallies[static_cast<std::size_t>(event::protest_letter)].max,
                    w.councils[0].tallies[static_cast<std::size_t>(event::protest_fizzles)].max);
  };
  std::int64_t total = 0;
  for (std::uint64_t run = 0; run < 10; ++run) {
    const auto n = signatures(with_background, run);
    EXPECT_EQ(n, signatures(all_full, run)) << "run " << run;
    total += n;
  }
  EXPECT_GT(total, 0);
}

TEST(BackgroundCouncil, TheProfiledAndTheCheckedWeekRunWhatTheWeekRuns) {
  const frozen_scenario s = twins(4);
  world a = build_world(s, 3, 1), b = build_world(s, 3, 1), c = build_world(s, 3, 1);
  week_profile profile;
  for (int week = 0; week < s->weeks; ++week) {
    step_week(a);
    step_week_profiled(b, profile);
    EXPECT_TRUE(step_week_checking_access(c, true).empty());
  }
  for (std::uint32_t r = 0; r < a.councillors.size(); ++r) {
    EXPECT_EQ(a.councillors.satisfaction[r], b.councillors.satisfaction[r]) << r;
    EXPECT_EQ(a.councillors.satisfaction[r], c.councillors.satisfaction[r]) << r;
  }
  for (std::size_t k = 0; k < a.councils.size(); ++k) {
    EXPECT_EQ(a.councils[k].membership.left, b.councils[k].membership.left) << k;
    EXPECT_EQ(a.councils[k].membership.left, c.councils[k].membership.left) << k;
  }
}
