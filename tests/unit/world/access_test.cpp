// What a step may touch: a fingerprint per concern sees a change there and only there, and every council step declares
// what it reads and writes. (Stepping every shipped scenario against the declarations is an integration test:
// tests/integration/access_test.cpp.)
#include <gtest/gtest.h>

#include "../../test_support.hpp"

using namespace partyline;

TEST(RuleAccess, AFingerprintSeesAChangeInItsConcernAndOnlyThere) {
  const auto s = partyline::testing::tiny_scenario();
  world w = build_world(s, 1, 0);
  std::array<std::uint64_t, concern_count> before{};
  for (std::size_t k = 0; k < concern_count; ++k) before[k] = fingerprint(w, council_at(0), static_cast<concern>(k));
  w.councils[0].leadership.confrontation += 0.1f;
  w.councillors.dissent[w.councils[0].rows.seat_begin] += 1;
  for (std::size_t k = 0; k < concern_count; ++k) {
    const auto c = static_cast<concern>(k);
    const bool touched = c == concern::leadership || c == concern::councillor_dissent;
    EXPECT_EQ(fingerprint(w, council_at(0), c) != before[k], touched) << concern_names[k];
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

// A test step: reads the leadership's confrontation and writes it into the derived state's worst intensity.
void copies_confrontation(world& w, council_id c) {
  w.councils[c].derived.worst_intensity = w.councils[c].leadership.confrontation;
}

}  // namespace

TEST(RuleAccess, TheCheckCatchesAnUndeclaredWrite) {
  world w = build_world(partyline::testing::tiny_scenario(), 1, 0);
  const council_step s{"writes derived, declares leadership", stream::R16, concern::leadership, concern::leadership,
                       copies_confrontation};
  const auto v = check_step_access(w, council_at(0), s, false);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("wrote derived"), std::string::npos) << v[0];
}

TEST(RuleAccess, TheCheckCatchesAnUndeclaredRead) {
  world w = build_world(partyline::testing::tiny_scenario(), 1, 0);
  const council_step undeclared{"reads leadership, declares nothing", stream::R16, partyline::access{}, concern::derived,
                                copies_confrontation};
  const auto v = check_step_access(w, council_at(0), undeclared, true);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("reads what it does not declare: its derived"), std::string::npos) << v[0];
  EXPECT_NE(v[0].find("leadership"), std::string::npos) << v[0];

  const council_step declared{"reads leadership, declares it", stream::R16, concern::leadership, concern::derived,
                              copies_confrontation};
  EXPECT_TRUE(check_step_access(w, council_at(0), declared, true).empty());
}
