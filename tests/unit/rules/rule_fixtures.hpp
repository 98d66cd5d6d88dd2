#pragma once
// Small worlds that several rules' tests share (tests/unit/rules/*_test.cpp). A world only one rule's tests use stays
// in that rule's file.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "../../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"

namespace partyline::rule_fixtures {

using partyline::testing::tiny_scenario;

// ---- a divided group (R1, R3, R4, R5, R6, R15) --------------------------------------------------------------------

/// A 40-seat group with a left bloc, a centrist leader and a live flagship policy on the right.
inline frozen_scenario divided_group(const std::function<void(scenario&)>& more = {}) {
  return tiny_scenario([&](scenario& s) {
    s.weeks = 40;
    s.events.clear();
    coefficients(s).R8.b0_new = -50;
    auto& c = s.councils[0];
    c.disputes.clear();
    c.seats = {};
    c.seats.set("lab", 40);
    c.seats.set("con", 10);
    c.seats_per_ward = 2;
    c.group.left_share = 0.45;
    c.group.position = 0.15;
    c.group.position_sd = 0.1;
    c.group.leader.position = 0.15;
    c.group.policy = policy_def{"scheme", 0.4, 0.9, policy_stage::pursuing, 0, -1, "", 0};
    s.executive.left_share = 0.7;  // the executive sits with the left bloc
    if (more) more(s);
  });
}

// ---- many runs of the local rules (R7, R8, R9, R10, R16, satisfaction, member mood) ------------------------------
// Statistical claims use 20-40 runs and generous margins.

/// The runs (with their stories) and how many of them had each outcome.
struct tallies {
  int runs = 0;
  int with[run_outcome_count]{};
  std::vector<run_result> results;
  int share_pct(run_outcome o) const { return 100 * with[static_cast<std::size_t>(o)] / runs; }
};

inline tallies run_many(const frozen_scenario& s, int runs) {
  tallies t;
  t.runs = runs;
  for (int r = 0; r < runs; ++r) {
    t.results.push_back(simulate_run(s, 11, static_cast<std::uint64_t>(r), false, true));
    for (std::size_t k = 0; k < run_outcome_count; ++k) t.with[k] += t.results.back().counters.values[k] > 0;
  }
  return t;
}

/// 30 weeks, no scripted events, no elections.
inline void long_quiet(scenario& s) {
  s.weeks = 30;
  s.events.clear();
  for (auto& c : s.councils) c.election_weeks.clear();
}

// ---- a hung council (R11, R12) ------------------------------------------------------------------------------------

/// A hung council at the count: lab 13, con 20, ld 10, grn 3, ind 2 (Cherwell's shape).
inline frozen_scenario hung(const std::function<void(scenario&)>& more = {}) {
  return partyline::testing::tiny_scenario([&](scenario& s) {
    s.weeks = 10;
    s.events.clear();
    coefficients(s).R8.b0_new = -50;
    const auto party = [](const char* id, const char* name, double position, std::vector<std::string> refuses) {
      party_def p;
      p.id = id;
      p.name = name;
      p.position = position;
      p.refuses = std::move(refuses);
      return p;
    };
    s.parties = {party("lab", "Labour", -0.3, {}), party("con", "Conservative", 0.55, {}),
                 party("ld", "Liberal Democrat", 0.05, {"con"}), party("grn", "Green", -0.55, {"con"}),
                 party("ind", "Independent", 0.0, {})};
    auto& c = s.councils[0];
    c.disputes.clear();
    c.seats = {};
    for (auto [id, n] : {std::pair{"lab", 13}, {"con", 20}, {"ld", 10}, {"grn", 3}, {"ind", 2}}) c.seats.set(id, n);
    c.seats_before = c.seats;
    c.vote_shares = {};
    for (auto [id, v] : {std::pair{"lab", 0.27}, {"con", 0.42}, {"ld", 0.21}, {"grn", 0.06}, {"ind", 0.04}}) c.vote_shares.set(id, v);
    c.administration_mask = 0;  // formed at week 0
    c.group.cabinet_size = 4;
    if (more) more(s);
  });
}

// ---- a group the executive or its officers look at (R17, R19) ----------------------------------------------------

inline constexpr int now = 10;

/// The facts about the group the executive decides on.
struct group_facts {
  bool divided = false;
  bool investigated = false;
  int weeks_to_election = 200;
  int advice_refused = 0;
  double complaint_strength = 0.1;
};

inline void set_facts(world& w, const group_facts& f) {
  council_state& c = w.councils[0];
  w.week = now;
  // Divided: two in five of the group dissatisfied and a letter published (division index about 0.6).
  c.derived.dissatisfied = f.divided ? (c.derived.group_size - 1) * 2 / 5 : 0;
  c.division.stock = f.divided ? 1.0f : 0.0f;
  c.centre.investigation_until = f.investigated ? now + 20 : -1;
  c.electoral.next_election = now + f.weeks_to_election;
  c.centre.advice_refused = f.advice_refused;
}

/// An executive of centralist bent (mean centralism 0.65), over 60 weeks.
inline frozen_scenario centralist(const std::function<void(scenario&)>& more = {}) {
  return tiny_scenario([&](scenario& sc) {
    sc.weeks = 60;
    sc.executive.centralism_mean = 0.65;
    if (more) more(sc);
  });
}

}  // namespace partyline::rule_fixtures
