// Independents: standing against the party after losing its candidacy, and the personal vote.
#include "partyline/rules/independents.hpp"

#include <algorithm>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void independent_candidacy::draw_following(world& w, councillor_id r, const community_def& community, const draw_stream& rng,
                                           std::uint64_t k) {
  const auto& p = w.params->independents;
  double following = std::clamp(p.following_mean + p.following_sd * rng.normal(row(r), k), 0.0, 1.0);
  // Rooted in a community with close networks, they bring `community_reach` of its voters with them whatever their
  // party: in the units of a following (whose vote is v_following x following), that is reach x share / v_following.
  // The draw is apart from the following's, so a council that states no community draws exactly as before.
  if (community.rooted_share() > 0 && p.v_following > 0 && rng.bernoulli(community.rooted_share(), row(r), k + (1u << 24)))
    following += p.community_reach * community.share / p.v_following;
  w.councillors.following[r] = static_cast<float>(following);
}

float independent_candidacy::grievance(const world& w, const council_state& c, double support, bool by_centre,
                                       double accused_severity) {
  const auto& p = w.params->independents;
  const double seen = by_centre ? std::clamp(p.g_central + (c.centre.acted_without_notice ? p.g_no_notice : 0.0) +
                                                 p.g_against_members * support,
                                             0.0, 1.0)
                                : 0.0;
  return static_cast<float>(std::clamp(seen - p.g_allegation * accused_severity, -1.0, 1.0));
}

double independent_candidacy::accused_severity(const world& w, const council_state& c, councillor_id r) {
  return w.councillors.complained_of[r] ? static_cast<double>(c.centre.allegation) : 0.0;
}

double independent_candidacy::stand_probability(const world& w, double support, double following, double grievance, double loyalty) {
  const auto& p = w.params->independents;
  return sigmoid(p.s0 + p.s_support * support + p.s_following * following + p.s_grievance * grievance - p.s_loyalty * loyalty);
}

bool independent_candidacy::consider_standing(world& w, councillor_id r, double support, float grievance,
                                     const draw_stream& rng, std::uint64_t k) {
  auto& cl = w.councillors;
  cl.ballot_support[r] = static_cast<float>(support);
  cl.grievance[r] = grievance;
  const bool stands = rng.bernoulli(stand_probability(w, support, cl.following[r], grievance, cl.loyalty[r]), row(r), k);
  cl.stands_independent[r] = stands ? independent_stand::councillor : 0;
  return stands;
}

bool independent_candidacy::consider_refused_choice(world& w, council_id ci, councillor_id r, double support, float grievance,
                                           const draw_stream& rng, std::uint64_t k) {
  const auto& p = w.params->independents;
  auto& cl = w.councillors;
  // A members' choice has no record of loyalty to the group yet: the group's mean stands in for it.
  const double loyalty = w.scen->councils[row(ci)].group.loyalty_mean;
  const bool stands = rng.bernoulli(stand_probability(w, support, p.refused_following, grievance, loyalty), row(r), k);
  if (!stands) return false;
  // One independent per seat: the local rebels unite behind the members' refused choice (a deselected councillor
  // who meant to stand gives way).
  cl.stands_independent[r] = independent_stand::refused_choice;
  cl.ballot_support[r] = static_cast<float>(support);
  cl.grievance[r] = grievance;
  return true;
}

independent_candidacy::vote independent_candidacy::vote_of(const world& w, double following, double support, double grievance) {
  const auto& p = w.params->independents;
  // A negative grievance (removed over a grave allegation) costs them the party's voters, never more than all of them.
  return {p.v_following * following, std::clamp(p.v_support * support + p.v_grievance * grievance, 0.0, p.transfer_max)};
}

}  // namespace partyline
