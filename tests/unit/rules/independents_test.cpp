// Independents: who stands against the party after losing its candidacy, and their personal vote (R13).
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"

using namespace partyline;
using partyline::testing::tiny_scenario;

namespace {

/// A council (Labour 30 of 54; by default on an even vote) whose every sitting Labour councillor is deselected by a
/// central panel just before the election; `more` sets the independents' coefficients.
std::vector<run_result> centre_deselects_everyone(const std::function<void(scenario&)>& more, int runs = 10,
                                                  double labour_vote = 0.5) {
  const auto s = tiny_scenario([&](scenario& sc) {
    sc.weeks = 10;
    sc.events.clear();
    coefficients(sc).R8.b0_new = -50;
    auto& c = sc.councils[0];
    c.disputes.clear();
    c.seats = {};
    c.seats.set("lab", 30);
    c.seats.set("con", 24);
    c.seats_per_ward = 3;
    c.vote_shares = {};
    c.vote_shares.set("lab", labour_vote);
    c.vote_shares.set("con", 1.0 - labour_vote);
    c.election_weeks = {5};
    c.members.count = 2000;
    coefficients(sc).R13.noise_sd = 0.0;
    coefficients(sc).R13.campaign_bonus = 0.0;
    coefficients(sc).R6.d0 = 20.0;
    coefficients(sc).R5.window_open_weeks_before = 4;
    coefficients(sc).R5.window_close_weeks_before = 1;
    coefficients(sc).independents.following_sd = 0.0;
    sc.events.push_back(event_def{0, event_kind::central_selection, "smalltown", "", "", 1.0, 100, "", 0, -1});
    more(sc);
  });
  run_options opt;
  opt.runs = runs;
  opt.seed = 11;
  return simulate_runs(s, opt);
}

double mean_of(const std::vector<run_result>& rs, run_outcome o) {
  double sum = 0;
  for (const auto& r : rs) sum += static_cast<double>(r.counters[o]);
  return sum / static_cast<double>(rs.size());
}

}  // namespace

TEST(Independents, APopularIndependentCanWinAndAnObscureOneCannot) {
  auto with_following = [](double following) {
    return [following](scenario& sc) {
      coefficients(sc).independents.s0 = 20.0;  // every deselected councillor stands
      coefficients(sc).independents.following_mean = following;
    };
  };
  const auto popular = centre_deselects_everyone(with_following(0.9));
  const auto obscure = centre_deselects_everyone(with_following(0.0));
  EXPECT_GT(mean_of(popular, run_outcome::independents_standing), 20);
  EXPECT_GT(mean_of(obscure, run_outcome::independents_standing), 20);
  EXPECT_GT(mean_of(popular, run_outcome::independents_elected), 5);
  EXPECT_EQ(mean_of(obscure, run_outcome::independents_elected), 0);
}

TEST(Independents, ThoseWithAFollowingStandMoreOften) {
  auto with_following = [](double following) {
    return [following](scenario& sc) { coefficients(sc).independents.following_mean = following; };
  };
  const double strong = mean_of(centre_deselects_everyone(with_following(0.8), 20), run_outcome::independents_standing);
  const double weak = mean_of(centre_deselects_everyone(with_following(0.0), 20), run_outcome::independents_standing);
  EXPECT_GT(strong, weak + 5);
}

TEST(Independents, TheGrievanceOfACentralActionBringsThemVotes) {
  // The same obscure candidates in a safe Labour council, standing after a central deselection seen as an outrage or
  // as nothing at all: the outrage brings them enough of the party's voters to win.
  auto seen_as = [](double grievance) {
    return [grievance](scenario& sc) {
      coefficients(sc).independents.s0 = 20.0;
      coefficients(sc).independents.following_mean = 0.2;
      coefficients(sc).independents.g_central = grievance;
      coefficients(sc).independents.g_against_members = 0.0;
      coefficients(sc).independents.v_grievance = 0.5;
    };
  };
  const auto outrage = centre_deselects_everyone(seen_as(1.0), 10, 0.7);
  const auto shrug = centre_deselects_everyone(seen_as(0.0), 10, 0.7);
  EXPECT_GT(mean_of(outrage, run_outcome::independents_elected), 10);
  EXPECT_LT(mean_of(shrug, run_outcome::independents_elected), 2);
}
