#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/world/world.hpp"

using namespace partyline;
using partyline::testing::scenario_path;
using partyline::testing::tiny_scenario;

TEST(BuildWorld, SeatsWardsAndPartiesMatchTheScenario) {
  const auto s = load_scenario_file(scenario_path("birmingham-2019.yaml"));
  const world w = build_world(s, 1, 0);
  ASSERT_EQ(w.councils.size(), 1u);
  const council_state& c = w.councils[0];
  EXPECT_EQ(c.rows.seat_end - c.rows.seat_begin, 101u);
  EXPECT_EQ(c.electoral.seats_by_party[0], 67);
  EXPECT_EQ(c.electoral.seats_by_party[1], 25);
  EXPECT_EQ(c.electoral.seats_by_party[2], 8);
  EXPECT_EQ(c.electoral.seats_by_party[3], 1);
  EXPECT_EQ(c.rows.ward_end - c.rows.ward_begin, 51u);  // 101 seats, two per ward
  EXPECT_EQ(c.electoral.control, 0);
  EXPECT_EQ(w.councillors.size(), 101u);
  EXPECT_EQ(w.members.size(), member_rows_for(8000, 0.25));  // 8,000 members and the rows kept for recruits
}

TEST(BuildWorld, LeaderAndCabinet) {
  const auto s = tiny_scenario([](scenario& sc) { sc.councils[0].group.leader.position = 0.1; });
  const world w = build_world(s, 1, 0);
  const council_state& c = w.councils[0];
  ASSERT_NE(c.leadership.leader, nobody);
  EXPECT_FLOAT_EQ(w.councillors.position[c.leadership.leader], 0.1f);
  EXPECT_EQ(w.councillors.party[c.leadership.leader], 0);
  int cabinet = 0;
  for (const councillor_id r : c.rows.councillors()) cabinet += w.councillors.cabinet[r];
  EXPECT_EQ(cabinet, s->councils[0].group.cabinet_size);
}

TEST(BuildWorld, MembersAreContiguousAndSortedByWard) {
  const auto s = tiny_scenario();
  const world w = build_world(s, 1, 0);
  const council_state& c = w.councils[0];
  EXPECT_EQ(c.rows.member_end - c.rows.member_begin, member_rows_for(300, 0.25));  // 300 members and the rows kept for recruits
  int members = 0, kept = 0;
  for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m) {
    members += w.members.status[m] == member_status::member;
    kept += w.members.status[m] == member_status::prospective;
  }
  EXPECT_EQ(members, 300);
  EXPECT_EQ(kept, static_cast<int>(member_rows_for(300, 0.25) - 300));
  EXPECT_EQ(c.membership.prospective, kept);
  for (std::uint64_t m = c.rows.member_begin + 1; m < c.rows.member_end; ++m) EXPECT_LE(w.members.ward[m - 1], w.members.ward[m]);
  EXPECT_EQ(w.members.ward[c.rows.member_end - 1], c.rows.ward_end - c.rows.ward_begin - 1);
}

TEST(BuildWorld, ExecutiveHasTheScenariosLeftShare) {
  const auto s = tiny_scenario([](scenario& sc) { sc.executive.left_share = 0.7; });
  const world w = build_world(s, 3, 0);
  int left = 0;
  for (const auto& m : w.executive.members) left += m.left_bloc;
  EXPECT_EQ(left, 27);  // round(0.7 x 39)
  EXPECT_LT(w.executive.median_position, 0.0);
}

TEST(BuildWorld, SameSeedAndRunGiveTheSameWorldOthersDiffer) {
  const auto s = tiny_scenario();
  const world a = build_world(s, 5, 2), b = build_world(s, 5, 2), c = build_world(s, 5, 3);
  EXPECT_EQ(a.councillors.position, b.councillors.position);
  EXPECT_EQ(a.members.quiet_activism, b.members.quiet_activism);
  EXPECT_NE(a.councillors.position, c.councillors.position);
}

TEST(BuildWorld, MemoryEstimateGrowsWithMembers) {
  auto s = tiny_scenario();
  const double small = estimate_world_memory(*s).bytes;
  auto big = tiny_scenario([](scenario& sc) { sc.councils[0].members.count = 1'000'000; });
  const double large = estimate_world_memory(*big).bytes;
  // Members' rows include those kept for recruits (national.member_room_share, 0.25 by default).
  EXPECT_NEAR(large - small, static_cast<double>(member_rows_for(1'000'000, 0.25) - member_rows_for(300, 0.25)) * static_cast<double>(bytes_per_member),
              1.0);
}
