// R5 Reselection by members.
#include "partyline/rules/r05_reselection.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/selection.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/r06_central_selection.hpp"

namespace partyline {

using namespace detail;

namespace {

/// One active member in a selection ballot between a candidate at x and one at `other`: whether they turn out, and
/// their probability of backing x.
struct ballot_weight {
  double turnout, support;
};
ballot_weight weigh(const world& w, const council_state& c, member_id k, const place& x, const place& other) {
  const auto& p = w.params->R5;
  const double turnout = reselection::turnout(w, c, k);
  const place member = member_place(w, k);
  return {turnout, sigmoid(p.v0 - p.v_distance * (distance(w, member, x) - distance(w, member, other)))};
}

}  // namespace

double reselection::turnout(const world& w, const council_state& c, member_id k) {
  const auto& p = w.params->R5;
  return sigmoid(p.t0 + p.t_activism * activism(w, c, k) + p.t_faction * w.members.faction[k]);
}

double reselection::expected_support(const world& w, const council_state& c, std::uint16_t ward, const place& x, const place& other) {
  double expected_for = 0, expected_all = 0;
  for (const member_id k : ward_members(w, c, ward)) {
    if (!member_is_active(w, c, k)) continue;
    const ballot_weight b = weigh(w, c, k, x, other);
    expected_all += b.turnout;
    expected_for += b.turnout * b.support;
  }
  return expected_all > 0 ? expected_for / expected_all : 0.5;
}

void reselection::deselect(world& w, council_id ci, councillor_id r, selection_state how, double replacement, double support,
                           const draw_stream& rng, std::string detail, int value, int of) {
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  cl.selection[r] = how;
  cl.candidate_position[r] = static_cast<float>(replacement);
  cl.status[r] = how == selection_state::withdrawn ? councillor_status::withdrawn : councillor_status::deselected;
  ++c.selections.deselected_or_withdrawn;
  cl.ballot_support[r] = static_cast<float>(support);
  cl.stands_independent[r] = 0;
  auto told = [&] { return std::move(detail); };
  if (how == selection_state::withdrawn) {
    emit(w, ci, id, event::withdrawal, value, told);
    return;
  }
  const bool central = how == selection_state::deselected_central;
  if (central) central_action(c, w.params->R6.publicity);  // centralisation made visible
  independent_candidacy::consider_standing(
      w, r, support,
      independent_candidacy::grievance(w, c, support, central, independent_candidacy::accused_severity(w, c, r)), rng, 7);
  emit(w, ci, central ? stream::R6 : id, central ? event::deselection_central : event::deselection_members,
       part_of{value, of}, told);
}

namespace {

/// The ward's active members decide whether a sitting councillor is the candidate again.
void members_ballot(world& w, council_id ci, councillor_id r, const draw_stream& rng) {
  const auto& p = w.params->R5;
  const council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const auto& m = w.members;
  const auto ward = ward_members(w, c, cl.ward[r]);
  // The challenger: from the organised faction if it is active here, else from the ward's active members (their
  // mean on every axis; the draw on the first).
  place sum_all{}, sum_faction{};
  int n_all = 0, n_faction = 0;
  for (const member_id k : ward) {
    if (!member_is_active(w, c, k)) continue;
    const place at = member_place(w, k);
    sum_all.x += at.x;
    for (int a = 0; a < w.space.others; ++a) sum_all.more[a] += at.more[a];
    ++n_all;
    if (m.faction[k]) {
      sum_faction.x += at.x;
      for (int a = 0; a < w.space.others; ++a) sum_faction.more[a] += at.more[a];
      ++n_faction;
    }
  }
  if (n_all == 0) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  // The organised faction picks the challenger with a chance that rises smoothly with its share of the ward's active
  // members (about even at `faction_lead_share`), not from one share up.
  const double faction_share = static_cast<double>(n_faction) / n_all;
  const bool faction_leads =
      n_faction > 0 && rng.bernoulli(sigmoid(p.lead_slope * (faction_share - p.faction_lead_share)), row(r), 9);
  const place& sum = faction_leads ? sum_faction : sum_all;
  const double n_base = faction_leads ? n_faction : n_all;
  place challenger_at{std::clamp(sum.x / n_base + p.challenger_sd * rng.normal(row(r), 0), -1.0, 1.0), {}};
  for (int a = 0; a < w.space.others; ++a) challenger_at.more[a] = sum.more[a] / n_base;
  double& challenger = challenger_at.x;
  if (const candidate_panel panel = panel_of(w, ci); panel.shortlists) {
    // The centre (or the council's tier) vets the candidates: the members' choice is the shortlisted candidate
    // nearest the one they would have put up.
    challenger = std::clamp(challenger, panel.shortlist_median - p.shortlist_width, panel.shortlist_median + p.shortlist_width);
  }
  const place councillor = councillor_place(w, r);
  const double x = councillor.x;
  // A councillor close to the challenger the members would put up is likely left unopposed: the chance of a contest
  // rises smoothly with the distance (about even at `unopposed_within`).
  if (!rng.bernoulli(sigmoid(p.contest_slope * (distance(w, councillor, challenger_at) - p.unopposed_within)), row(r), 10)) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  // Expected vote share (what the councillor can canvass), then perhaps withdraw, then the ballot.
  double expected_for = 0, expected_all = 0;
  int votes_for = 0, votes = 0;
  for (const member_id k : ward) {
    if (!member_is_active(w, c, k)) continue;
    const ballot_weight b = weigh(w, c, k, councillor, challenger_at);
    expected_all += b.turnout;
    expected_for += b.turnout * b.support;
    if (!rng.bernoulli(b.turnout, k, 1)) continue;
    ++votes;
    votes_for += rng.bernoulli(b.support, k, 2);
  }
  const double expected = expected_all > 0 ? expected_for / expected_all : 0.5;
  if (rng.bernoulli(sigmoid(p.w0 + p.w_expected * (0.5 - expected)), row(r), 3)) {
    reselection::deselect(w, ci, r, selection_state::withdrawn, challenger, expected, rng,
                          w.log.recording ? format("a sitting councillor withdraws before the ballot (expected %.0f%% of members' votes)",
                                                   100 * expected)
                                          : std::string(),
                          static_cast<int>(std::lround(100 * expected)));
    return;
  }
  if (2 * votes_for > votes) {
    cl.selection[r] = selection_state::reselected;
    return;
  }
  reselection::deselect(w, ci, r, selection_state::deselected_members, challenger,
                        votes > 0 ? static_cast<double>(votes_for) / votes : expected, rng,
                        w.log.recording ? format("members deselect a sitting councillor: %d of %d votes (challenger at %+.2f, "
                                                 "councillor at %+.2f)",
                                                 votes_for, votes, challenger, x)
                                        : std::string(),
                        votes_for, votes);
}

}  // namespace

void reselection::run(world& w, council_id ci) {
  if (central_selection::applies(w, w.councils[ci])) return;  // the centre chooses (R6)
  for_each_meeting(w, ci, [&](councillor_id r, const draw_stream& rng) { members_ballot(w, ci, r, rng); });
}

}  // namespace partyline
