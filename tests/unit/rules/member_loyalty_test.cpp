// R14: members' loyalty answers the central actions in their area -- those far from the executive lose some, those
// near it gain a little -- once per action, and only in the area where the centre acted.
#include <gtest/gtest.h>

#include <cmath>

#include "../../test_support.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

struct loyalty_by_distance {
  double near = 0, far = 0;
  int n_near = 0, n_far = 0;
};

loyalty_by_distance loyalty_near_and_far(const world& w, std::size_t ci) {
  loyalty_by_distance x;
  const council_state& c = w.councils[ci];
  for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m) {
    if (w.members.status[m] != member_status::member) continue;
    const double d = std::abs(w.members.position_of(m) - w.national.executive_median);
    if (d < 0.15) {
      x.near += w.members.loyalty_of(m);
      ++x.n_near;
    } else if (d > 0.6) {
      x.far += w.members.loyalty_of(m);
      ++x.n_far;
    }
  }
  x.near /= std::max(1, x.n_near);
  x.far /= std::max(1, x.n_far);
  return x;
}

}  // namespace

TEST(MemberLoyaltyR14, CentralActionsCostTheLoyaltyOfMembersWhoDisagreeAndRallyThoseWhoAgree) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 100;
    for (auto& c : sc.councils) c.members.position_sd = 0.5;  // members on both sides of the executive
  });
  world w = build_world(s, 1, 3);
  w.national.executive_median = 0.0;
  const loyalty_by_distance before = loyalty_near_and_far(w, 0);
  ASSERT_GT(before.n_near, 20);
  ASSERT_GT(before.n_far, 20);
  detail::central_action(w.councils[0], 3.0);  // e.g. three decisions of the executive about this council
  member_exit::react_to_central_actions(w, 0);
  const loyalty_by_distance after = loyalty_near_and_far(w, 0);
  std::printf("loyalty near the executive %.3f -> %.3f, far from it %.3f -> %.3f\n", before.near, after.near, before.far, after.far);
  EXPECT_LT(after.far, before.far - 0.1);
  EXPECT_GT(after.near, before.near);
  // Once per action: reacting again without a new action changes nothing.
  const std::vector<std::uint8_t> snapshot(w.members.loyalty.begin(), w.members.loyalty.end());
  member_exit::react_to_central_actions(w, 0);
  EXPECT_EQ(std::vector<std::uint8_t>(w.members.loyalty.begin(), w.members.loyalty.end()), snapshot);
}

TEST(MemberLoyaltyR14, MembersElsewhereDoNotReact) {
  const auto s = tiny_scenario([](scenario& sc) {
    sc.weeks = 100;
    sc.councils.push_back(sc.councils[0]);
    sc.councils[1].id = "othertown";
  });
  world w = build_world(s, 1, 3);
  ASSERT_EQ(w.councils.size(), 2u);
  const auto& other = w.councils[1].rows;
  const std::vector<std::uint8_t> before(w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_begin),
                                         w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_end));
  detail::central_action(w.councils[0], 3.0);
  member_exit::react_to_central_actions(w, 0);
  member_exit::react_to_central_actions(w, 1);
  const std::vector<std::uint8_t> after(w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_begin),
                                        w.members.loyalty.begin() + static_cast<std::ptrdiff_t>(other.member_end));
  EXPECT_EQ(after, before);
}
