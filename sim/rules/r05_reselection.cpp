// R5 Reselection by members.
#include "partyline/rules/r05_reselection.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/selection.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r06_central_selection.hpp"
#include "partyline/rules/r19_escalation.hpp"

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

// ---- the panel of candidates: where a body holds the selection stages ----------------------------------------------

/// The bodies holding a council's selection stages (-1: the stage is not held) and who sits on them at its selections.
struct selection_stages_here {
  int interview = -1;  ///< candidate_interview: a Local Campaign Forum panel
  int list = -1;       ///< candidate_list: the regional office, approving the panel for the party
  [[nodiscard]] bool held() const { return interview >= 0 || list >= 0; }
};
selection_stages_here stages_of(const world& w, council_id ci) {
  const auto at = static_cast<std::size_t>(w.scen->councils[row(ci)].region_index + 1);
  const auto& inst = w.institutions;
  // The list is approved for the party: only where its executive (or the council's region) may refuse a candidate
  // (executive.powers.refuse_endorsement, regions[].powers.selections).
  const bool may_refuse = panel_of(w, ci).endorses;
  return {inst.interview_body.empty() ? -1 : inst.interview_body[at],
          inst.list_body.empty() || !may_refuse ? -1 : inst.list_body[at]};
}

/// Who sits on body `b` at council `ci`'s selections: a local party's panel is `size` of its active members, drawn once
/// for the election (the smallest keyed draws among them); any other body sits as at its meetings.
void sitting(const world& w, council_id ci, int b, std::vector<executive_member>& out) {
  const body_def& def = body_of(w, b);
  if (def.members.from != member_source::local) {
    executive_decision::members_of(w, static_cast<std::size_t>(b), out);
    return;
  }
  out.clear();
  const council_state& c = w.councils[ci];
  const draw_stream keyed = draws_at(w, c.electoral.next_election, reselection::id);
  thread_local std::vector<std::pair<double, member_id>> pool;
  pool.clear();
  for (const member_id k : c.rows.members())
    if (member_is_active(w, c, k)) pool.emplace_back(keyed.uniform(row(k), 20 + static_cast<std::uint64_t>(b)), k);
  const auto n = std::min(pool.size(), static_cast<std::size_t>(def.members.size));
  std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n), pool.end());
  for (std::size_t i = 0; i < n; ++i) {
    const auto centralism = static_cast<float>(std::clamp(
        def.members.centralism_mean + def.members.centralism_sd * keyed.normal(row(pool[i].second), 40 + static_cast<std::uint64_t>(b)),
        0.0, 1.0));
    out.push_back({exec_section::other, false, w.members.position_of(pool[i].second), centralism, centralism});
  }
}

/// Where a sitting member of body `b` stands on every axis: a local panel's at its local party's mean on the axes
/// after the first, any other body's at the executive's.
place sitter_place(const world& w, council_id ci, int b, const executive_member& m) {
  return body_of(w, b).members.from == member_source::local ? local_place(w, ci, m.position) : centre_place(w, m.position);
}

/// The two stages as they sit for one ward's selection: their bodies and members (drawn once for the ward).
struct sitting_stages {
  selection_stages_here at;
  std::vector<executive_member>* interview = nullptr;
  std::vector<executive_member>* list = nullptr;
};
sitting_stages sit_stages(const world& w, council_id ci) {
  thread_local std::vector<executive_member> interview, list;
  sitting_stages s{stages_of(w, ci), &interview, &list};
  if (s.at.interview >= 0) sitting(w, ci, s.at.interview, interview);
  if (s.at.list >= 0) sitting(w, ci, s.at.list, list);
  return s;
}

/// The stages as they sit for one council's meetings of the week, drawn at the first meeting that needs them: who
/// sits is keyed by the election and the members' activity, which the week's meetings do not change, so every ward
/// of the week meets the same panel (and a local panel's draw over the whole membership is made once, not per ward).
class week_panels {
 public:
  const sitting_stages& of(const world& w, council_id ci) {
    if (!drawn_) {
      stages_ = sit_stages(w, ci);
      drawn_ = true;
    }
    return stages_;
  }

 private:
  sitting_stages stages_;
  bool drawn_ = false;
};

/// One stage's vote on applicant `a` (0: the sitting councillor; 1...: the ward's applicants): each member approves
/// with sigma(panel_b0 - (panel_distance d + panel_dissent dissent + panel_allegation allegation) w(c)), the body's
/// majority rule decides. Counts the votes in favour into `yes` of `of`.
bool stage_approves(const world& w, council_id ci, int b, std::span<const executive_member> members, bool list, councillor_id r,
                    int a, const place& applicant, int dissent, double allegation, const draw_stream& rng, int& yes, int& of) {
  const auto& p = w.params->R5;
  yes = 0;
  of = static_cast<int>(members.size());
  for (std::size_t m = 0; m < members.size(); ++m) {
    const double evidence = p.panel_distance * distance(w, applicant, sitter_place(w, ci, b, members[m])) +
                            p.panel_dissent * dissent + p.panel_allegation * allegation;
    const double logit = p.panel_b0 - evidence * escalation::weight_of_evidence(w, members[m].centralism);
    const std::uint64_t counter = 1000 + 4096 * static_cast<std::uint64_t>(a) + 2048 * static_cast<std::uint64_t>(list) + m;
    yes += rng.bernoulli(sigmoid(logit), row(r), counter);
  }
  return of == 0 || executive_decision::carried(body_of(w, b).majority, yes, of);
}

/// Applicant `a` before the stages, the panel's interview then the list's approval: the body that refuses them, or -1.
int interview(world& w, council_id ci, const sitting_stages& stages, councillor_id r, int a, const place& applicant, int dissent,
              double allegation, const draw_stream& rng) {
  for (const bool list : {false, true}) {
    const int b = list ? stages.at.list : stages.at.interview;
    if (b < 0) continue;
    int yes = 0, of = 0;
    if (stage_approves(w, ci, b, list ? *stages.list : *stages.interview, list, r, a, applicant, dissent, allegation, rng, yes, of))
      continue;
    emit(w, ci, reselection::id, event::candidate_not_approved, part_of{yes, of}, [&] {
      return format("%s does not approve %s for the panel of candidates: %d of %d in favour (position %+.2f)",
                    body_of(w, b).name.c_str(), a == 0 ? "a sitting councillor" : "an applicant", yes, of, applicant.x);
    });
    return b;
  }
  return -1;
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

/// The selection stages ahead of a ward's meeting (Rule Book ch. 5: no one is selected who is not on the panel of
/// candidates the Local Campaign Forum's panel interviews and the regional office approves). The sitting councillor
/// is interviewed, then the ward's applicants in the members' order of preference (the first the members would put
/// up, `challenger`, then others drawn as they are) until one is approved. A sitting councillor not approved is not
/// the candidate again: the approved applicant is, or with none the regional office's nominee. With no applicant
/// approved a sitting councillor approved is reselected unopposed. Returns whether the members' ballot follows, with
/// `challenger` the approved applicant.
bool panel_stage(world& w, council_id ci, councillor_id r, place& challenger, const draw_stream& rng, week_panels& panels) {
  const auto& p = w.params->R5;
  const council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const place councillor = councillor_place(w, r);
  const double allegation = c.centre.allegation > 0 && cl.complained_of[r] ? c.centre.allegation : 0.0;
  const sitting_stages& stages = panels.of(w, ci);
  const int refused_by = interview(w, ci, stages, r, 0, councillor, cl.dissent[r], allegation, rng);
  bool approved = false;
  place applicant = challenger;
  for (int a = 1; a <= p.panel_applicants && !approved; ++a) {
    if (a > 1) applicant.x = std::clamp(challenger.x + p.challenger_sd * rng.normal(row(r), 20 + static_cast<std::uint64_t>(a)), -1.0, 1.0);
    approved = interview(w, ci, stages, r, a, applicant, 0, 0.0, rng) < 0;
  }
  if (refused_by < 0) {
    if (!approved) {
      cl.selection[r] = selection_state::reselected;  // the only candidate on the panel
      return false;
    }
    challenger = applicant;
    return true;
  }
  // Not on the panel: the candidacy ends. The approved applicant is the candidate, else the nominee of the body that
  // approves the panel (the regional office; the LCF's panel where it alone is held), at its median, as R6's
  // panel's replacements.
  place next = applicant;
  const int nominating = stages.at.list >= 0 ? stages.at.list : stages.at.interview;
  if (!approved) {
    thread_local std::vector<float> at;
    at.clear();
    for (const auto& m : stages.at.list >= 0 ? *stages.list : *stages.interview) at.push_back(m.position);
    std::nth_element(at.begin(), at.begin() + static_cast<std::ptrdiff_t>(at.size() / 2), at.end());
    next = centre_place(w, std::clamp((at.empty() ? w.national.executive_median : at[at.size() / 2]) +
                                          w.params->R6.replacement_sd * rng.normal(row(r), 30), -1.0, 1.0));
  }
  const bool local = body_of(w, refused_by).members.from == member_source::local;
  const double support = reselection::expected_support(w, c, cl.ward[r], councillor, next);
  reselection::deselect(w, ci, r, local ? selection_state::deselected_members : selection_state::deselected_central, next.x, support,
                        rng,
                        w.log.recording ? format("a sitting councillor is not on the panel of candidates (%s); %s%s at %+.2f",
                                                 body_of(w, refused_by).name.c_str(),
                                                 approved ? "the members select an approved applicant" : body_of(w, nominating).name.c_str(),
                                                 approved ? "" : " nominates its own", next.x)
                                        : std::string(),
                        0);
  if (!approved) emit(w, ci, reselection::id, event::candidate_imposed);
  return false;
}

/// The ward's active members decide whether a sitting councillor is the candidate again.
void members_ballot(world& w, council_id ci, councillor_id r, const draw_stream& rng, week_panels& panels) {
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
  if (stages_of(w, ci).held() && !panel_stage(w, ci, r, challenger_at, rng, panels)) return;
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
  // Where the regional office approves the panel (candidate_list) it does so for the party: the candidate selected
  // from the panel needs no endorsement of the executive's panel (R20), which may still withdraw it on an allegation.
  const bool listed = stages_of(w, ci).list >= 0;
  week_panels panels;
  for_each_meeting(w, ci, [&](councillor_id r, const draw_stream& rng) {
    members_ballot(w, ci, r, rng, panels);
    if (listed && w.councillors.selection[r] != selection_state::undecided) w.councillors.endorsement[r] = endorsement_state::endorsed;
  });
}

}  // namespace partyline
