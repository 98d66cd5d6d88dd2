#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "../../test_support.hpp"
#include "partyline/random.hpp"
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

// Issue 34: a council that lists its wards as they are gets those wards, each seat held by the party the ward
// lists, and an election on the baseline (no swing) keeps each ward's holder the strongest party there.
TEST(BuildWorld, ListedWardsAreTheCouncilsWardsWithTheirHolders) {
  const auto s = load_scenario_text(
      "name: wards\nweeks: 2\nparties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\n"
      "  - {id: ind, position: 0.0}\ncouncils:\n  - id: town\n    group: {cabinet_size: 2}\n    wards:\n"
      "      - {name: North, seats: {ind: 2, lab: 1}}\n      - {name: Centre, seats: {lab: 3}}\n"
      "      - {name: South, seats: {con: 2}}\n      - {name: Hart, seats: {lab: 1}}\n",
      "wards.yaml");
  EXPECT_EQ(s->councils[0].seats.get("lab"), 5);
  EXPECT_EQ(s->councils[0].seats.get("ind"), 2);
  const world w = build_world(s, 1, 0);
  const council_state& c = w.councils[0];
  ASSERT_EQ(c.rows.ward_end - c.rows.ward_begin, 4u);
  const std::array<int, 4> seats{3, 3, 2, 1};
  // party index per seat, ward by ward, in the order the wards list them (lab 0, con 1, ind 2)
  const std::array<std::vector<int>, 4> held{{{2, 2, 0}, {0, 0, 0}, {1, 1}, {0}}};
  for (std::uint32_t k = 0; k < 4; ++k) {
    const ward_state& ws = w.wards[c.rows.ward_begin + k];
    EXPECT_EQ(ws.seats, seats[k]) << "ward " << k;
    for (std::uint32_t j = 0; j < ws.seats; ++j) {
      EXPECT_EQ(w.councillors.party[ws.seat_begin + j], held[k][j]) << "ward " << k << " seat " << j;
      EXPECT_EQ(w.councillors.ward[ws.seat_begin + j], k);
    }
    const auto top = std::max_element(ws.base_share.begin(), ws.base_share.begin() + 3) - ws.base_share.begin();
    EXPECT_EQ(top, held[k][0]) << "ward " << k << ": its holder is not the strongest party there";
  }
  EXPECT_EQ(c.electoral.seats_by_party[0], 5);
  EXPECT_EQ(c.electoral.seats_by_party[1], 2);
  EXPECT_EQ(c.electoral.seats_by_party[2], 2);
  // North split its seats (independents 2, Labour 1): a marginal ward, Labour within split_ward_gap of the leader.
  const ward_state& north = w.wards[c.rows.ward_begin];
  const double gap = w.params->R13.split_ward_gap;
  EXPECT_GT(gap, 0);
  EXPECT_GE(north.base_share[0], north.base_share[2] - gap - 1e-6);
  EXPECT_LT(north.base_share[0], north.base_share[2]);
}

// A ward's measured votes are its baseline as they are: no drawn lean, no swap towards who holds it, no split-ward
// floor; the other wards keep theirs.
TEST(BuildWorld, AListedWardsVotesAreItsBaseline) {
  const auto s = load_scenario_text(
      "name: wards\nweeks: 2\nparties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\n"
      "  - {id: ind, position: 0.0}\ncouncils:\n  - id: town\n    group: {cabinet_size: 2}\n    wards:\n"
      "      - {name: North, seats: {ind: 2, lab: 1}, votes: {lab: 3000, con: 1000}}\n"
      "      - {name: Centre, seats: {lab: 3}}\n",
      "wards.yaml");
  for (std::uint64_t run = 0; run < 3; ++run) {
    const world w = build_world(s, 1, run);
    const ward_state& north = w.wards[w.councils[0].rows.ward_begin];
    EXPECT_FLOAT_EQ(north.base_share[0], 0.75f);  // lab: 3000 of 4000, though the independents hold two seats
    EXPECT_FLOAT_EQ(north.base_share[1], 0.25f);
    EXPECT_FLOAT_EQ(north.base_share[2], 0.0f);   // no votes stated for the independents
    const ward_state& centre = w.wards[w.councils[0].rows.ward_begin + 1];
    const auto top = std::max_element(centre.base_share.begin(), centre.base_share.begin() + 3) - centre.base_share.begin();
    EXPECT_EQ(top, 0) << "an unmeasured ward still agrees with its holder";
    EXPECT_EQ(w.councillors.party[north.seat_begin], 2);  // the seats are held as listed
  }
}

// The members' narrow columns round as std::lround did (halves away from zero), inline: the same bytes for every
// value, ties and the column's ends included, and NaN to 0 as lround's out-of-range result became.
TEST(MemberColumns, RoundingIsLroundsToTheBit) {
  std::vector<double> xs{0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 254.5, 255.0, 32766.5, -32766.5, 32767.0, -32767.0,
                         0.49999999999999994, -0.49999999999999994, std::nextafter(0.5, 1.0), std::nextafter(-0.5, -1.0)};
  const draw_stream s(3, 0, 0, stream::R14);
  for (int i = 0; i < 100000; ++i) xs.push_back((s.uniform(static_cast<std::uint64_t>(i)) * 2 - 1) * 40000.0);
  for (int i = 0; i < 1000; ++i) xs.push_back(std::floor(s.uniform(static_cast<std::uint64_t>(i), 1) * 600 - 300) + 0.5);
  for (const double x : xs) ASSERT_EQ(round_half_away(x), std::lround(x)) << x;
  for (const double x : xs) {
    const double p = std::clamp(x / 40000.0, -1.0, 1.0), l = std::clamp(x / 40000.0, 0.0, 1.0);
    ASSERT_EQ(member_columns::position_fixed(p), static_cast<std::int16_t>(std::lround(p * 32767.0))) << p;
    ASSERT_EQ(member_columns::loyalty_byte(l), static_cast<std::uint8_t>(std::lround(l * 255.0))) << l;
  }
  EXPECT_EQ(member_columns::position_fixed(std::nan("")), 0);
  EXPECT_EQ(member_columns::loyalty_byte(std::nan("")), 0);
}
