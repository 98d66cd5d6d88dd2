#pragma once
// A synthetic national-size scenario for benchmarks: 350 councils, about 20,000 seats of which the party holds
// 7,000, 400,000 members, unions, regions and some disputes. Written as YAML and loaded through the normal loader.
#include <string>

#include "partyline/engine/load.hpp"

namespace partyline::bench {

inline std::string synthetic_national_yaml(int councils = 350, int members_total = 400000) {
  std::string y =
      "name: synthetic-national\nweeks: 208\nseed: 1\nparty: lab\n"
      "parties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\n  - {id: ld, position: 0.05}\n"
      "  - {id: grn, position: -0.55}\n"
      "unions:\n  - {id: unite, militancy: 0.8}\n  - {id: unison, militancy: 0.6}\n"
      "regions:\n";
  for (int r = 0; r < 10; ++r) y += "  - {id: r" + std::to_string(r) + ", first_meeting_week: " + std::to_string(r % 4) + "}\n";
  y += "councils:\n";
  const int members_each = members_total / councils;
  for (int c = 0; c < councils; ++c) {
    // 57 seats on average (20,000 in all), the party holding 20 (7,000 in all).
    const int seats = 45 + (c * 7) % 25;
    const int lab = 20;
    const int rest = seats - lab;
    const int con = rest * 6 / 10, ld = rest * 3 / 10, grn = rest - con - ld;
    y += "  - id: c" + std::to_string(c) + "\n    region: r" + std::to_string(c % 10) + "\n    seats: {lab: " +
         std::to_string(lab) + ", con: " + std::to_string(con) + ", ld: " + std::to_string(ld) + ", grn: " +
         std::to_string(grn) + "}\n    members: {count: " + std::to_string(members_each) +
         ", faction_share: 0.1}\n    group: {cabinet_size: 6, confrontation: " + std::to_string(0.2 + 0.1 * (c % 6)) + "}\n";
    if (c % 5 == 0) y += "    disputes:\n      - {id: d" + std::to_string(c) + ", union: unite, intensity: 0.5, weeks_running: 30}\n";
  }
  return y;
}

/// One council of `seats` seats (half the party's), three a ward, ten members a seat, on `axes` policy axes, for
/// 12 weeks with an election in week 6: every phase at the size of one council, to show how cost grows with it.
inline std::string one_big_council_yaml(long seats, int axes) {
  std::string y = "name: one-big-council\nweeks: 12\nseed: 1\nparty: lab\n";
  if (axes > 1) {
    y += "axes:\n  - {id: left_right}\n";
    for (int a = 1; a < axes; ++a) y += "  - {id: axis" + std::to_string(a) + ", spread: 0.3}\n";
  }
  y += "parties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\nregions:\n  - {id: north}\n"
       "councils:\n  - id: big\n    region: north\n    seats: {lab: " + std::to_string(seats / 2) + ", con: " +
       std::to_string(seats - seats / 2) + "}\n    seats_per_ward: 3\n    election_weeks: [6]\n    members: {count: " +
       std::to_string(seats * 10) + "}\n    group: {cabinet_size: 6, confrontation: 0.5}\n";
  return y;
}

inline frozen_scenario synthetic_national(int councils = 350, int members_total = 400000) {
  return load_scenario_text(synthetic_national_yaml(councils, members_total), "synthetic-national");
}

}  // namespace partyline::bench
