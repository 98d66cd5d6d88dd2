// Every step of the schedule declares the concerns it reads and writes; running every shipped scenario one council and
// one step at a time, nothing a step does not declare it writes may change, and what it writes may not depend on a
// concern it does not declare it reads. (The cheap checks of fingerprints and declarations are
// unit tests: tests/unit/world/access_test.cpp.)
#include <gtest/gtest.h>

#include "../test_support.hpp"

using namespace partyline;
using partyline::testing::scenario_path;

namespace {

// Reads are checked from week `reads_from` on (a second run of every step: the slow half of the check).
std::vector<std::string> violations_of(const std::string& name, int weeks, int reads_from = 0) {
  const auto s = load_scenario_file(scenario_path(name));
  world w = build_world(s, 7, 0);
  std::vector<std::string> all;
  for (int week = 0; week < std::min(weeks, s->weeks); ++week) {
    const auto v = step_week_checking_access(w, week >= reads_from);
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
    EXPECT_TRUE(v.empty()) << name << ": " << v.size() << " undeclared reads or writes, e.g.\n" << first_few(v);
  }
}

TEST(RuleAccess, TheNationalScenarioToo) {
  const auto v = violations_of("national.yaml", 50, 44);  // the first round of elections is in week 48
  EXPECT_TRUE(v.empty()) << v.size() << " undeclared reads or writes, e.g.\n" << first_few(v);
}
