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

// Why the centre acted matters, not only that it did (issue 31): the same candidate, removed by the centre against the
// members' wishes, gains sympathy; removed over a grave complaint against them, they lose it -- fewer such candidates
// stand and fewer of the party's voters follow them. The counterfactual: no complaint, or g_allegation 0.
TEST(Independents, RemovedOverAGraveAllegationTheyLoseTheSympathyAnImpositionWins) {
  const auto s = tiny_scenario();
  world w = build_world(s, 1, 0);
  const council_state& c = w.councils[0];
  const double support = 0.7, following = 0.2, loyalty = 0.5;
  const float imposed = independent_candidacy::grievance(w, c, support, true);
  const float accused = independent_candidacy::grievance(w, c, support, true, 0.9);
  const float mild = independent_candidacy::grievance(w, c, support, true, 0.2);
  EXPECT_GT(imposed, 0.5f);  // an imposition against members who backed them (0.4 + 0.6 x 0.7)
  EXPECT_LT(accused, 0.0f);  // a grave allegation turns it round
  EXPECT_GT(mild, accused);  // graded by severity
  EXPECT_LT(mild, imposed);
  EXPECT_EQ(independent_candidacy::grievance(w, c, support, false), 0.0f);  // the members' own decision
  EXPECT_LT(independent_candidacy::grievance(w, c, support, false, 0.9), 0.0f);  // accused, whoever removed them
  EXPECT_GE(accused, -1.0f);
  const double p_imposed = independent_candidacy::stand_probability(w, support, following, imposed, loyalty);
  const double p_accused = independent_candidacy::stand_probability(w, support, following, accused, loyalty);
  EXPECT_GT(p_imposed, 2 * p_accused);
  const auto v_imposed = independent_candidacy::vote_of(w, following, support, imposed);
  const auto v_accused = independent_candidacy::vote_of(w, following, support, accused);
  EXPECT_GT(v_imposed.transfer, v_accused.transfer + 0.2);
  EXPECT_GE(v_accused.transfer, 0.0);                       // never a negative share of voters
  EXPECT_EQ(v_imposed.personal, v_accused.personal);         // their own following is their own
  // Without the coefficient the complaint changes nothing.
  const auto off = tiny_scenario([](scenario& sc) { coefficients(sc).independents.g_allegation = 0.0; });
  world w0 = build_world(off, 1, 0);
  EXPECT_EQ(independent_candidacy::grievance(w0, w0.councils[0], support, true, 0.9),
            independent_candidacy::grievance(w0, w0.councils[0], support, true));
}
