// Every step of the schedule declares the concerns it writes; running every shipped scenario one council and one
// step at a time, nothing a step does not declare may change.
#include <gtest/gtest.h>

#include "../../test_support.hpp"

using namespace partyline;
using partyline::testing::scenario_path;

namespace {

std::vector<std::string> violations_of(const std::string& name, int weeks) {
  const auto s = load_scenario_file(scenario_path(name));
  world w = build_world(s, 7, 0);
  std::vector<std::string> all;
  for (int week = 0; week < std::min(weeks, s->weeks); ++week) {
    const auto v = step_week_checking_access(w);
    all.insert(all.end(), v.begin(), v.end());
  }
  return all;
}

std::string first_few(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < 5; ++i) out += v[i] + "\n";
  return out;
}

}  // namespace

TEST(RuleAccess, EveryStepWritesOnlyWhatItDeclares) {
  for (const char* name : {"haringey-2018.yaml", "birmingham-2019.yaml", "coalitions-2023.yaml", "leicester-2023.yaml"}) {
    const auto v = violations_of(name, 1000);
    EXPECT_TRUE(v.empty()) << name << ": " << v.size() << " undeclared writes, e.g.\n" << first_few(v);
  }
}

TEST(RuleAccess, TheNationalScenarioToo) {
  const auto v = violations_of("national.yaml", 50);  // the first round of elections is in week 48
  EXPECT_TRUE(v.empty()) << v.size() << " undeclared writes, e.g.\n" << first_few(v);
}

TEST(RuleAccess, AFingerprintSeesAChangeInItsConcernAndOnlyThere) {
  const auto s = partyline::testing::tiny_scenario();
  world w = build_world(s, 1, 0);
  std::array<std::uint64_t, concern_count> before{};
  for (std::size_t k = 0; k < concern_count; ++k) before[k] = fingerprint(w, 0, static_cast<concern>(k));
  w.councils[0].leadership.confrontation += 0.1f;
  w.councillors.dissent[w.councils[0].rows.seat_begin] += 1;
  for (std::size_t k = 0; k < concern_count; ++k) {
    const auto c = static_cast<concern>(k);
    const bool touched = c == concern::leadership || c == concern::councillor_dissent;
    EXPECT_EQ(fingerprint(w, 0, c) != before[k], touched) << concern_names[k];
  }
}

TEST(RuleAccess, EveryCouncilStepDeclaresEventsWhenItCanEmit) {
  // Declarations are data: a step that reads or writes nothing is a declaration that was never written.
  for (const auto& s : schedule::local) {
    EXPECT_NE(s.writes.bits, 0u) << s.name;
    EXPECT_NE(s.reads.bits, 0u) << s.name;
    EXPECT_FALSE(s.writes.has(concern::executive)) << s.name << ": the local phase may not write the executive";
    EXPECT_FALSE(s.writes.has(concern::national)) << s.name << ": the local phase may not write the national state";
  }
}

namespace {

// Test steps: each reads the leadership's confrontation and writes it into the derived state's worst intensity.
void copies_confrontation(world& w, std::size_t c) {
  w.councils[c].derived.worst_intensity = w.councils[c].leadership.confrontation;
}

}  // namespace

TEST(RuleAccess, TheCheckCatchesAnUndeclaredWrite) {
  world w = build_world(partyline::testing::tiny_scenario(), 1, 0);
  const council_step s{"writes derived, declares leadership", stream::R16, concern::leadership, concern::leadership,
                       copies_confrontation};
  const auto v = check_step_access(w, 0, s, false);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("wrote derived"), std::string::npos) << v[0];
}

TEST(RuleAccess, TheCheckCatchesAnUndeclaredRead) {
  world w = build_world(partyline::testing::tiny_scenario(), 1, 0);
  const council_step undeclared{"reads leadership, declares nothing", stream::R16, partyline::access{}, concern::derived,
                                copies_confrontation};
  const auto v = check_step_access(w, 0, undeclared, true);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("reads what it does not declare: its derived"), std::string::npos) << v[0];
  EXPECT_NE(v[0].find("leadership"), std::string::npos) << v[0];

  const council_step declared{"reads leadership, declares it", stream::R16, concern::leadership, concern::derived,
                              copies_confrontation};
  EXPECT_TRUE(check_step_access(w, 0, declared, true).empty());
}
