// R21 Directly elected mayors: the party's selection from an approved shortlist, and the contest across the area.
#include "partyline/rules/r21_mayoralty.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/independents.hpp"
#include "partyline/rules/r05_reselection.hpp"
#include "partyline/rules/r06_central_selection.hpp"
#include "partyline/rules/r13_elections.hpp"
#include "partyline/rules/r20_endorsement.hpp"

namespace partyline {

using namespace detail;

namespace {

constexpr std::size_t max_shortlist = 4;

int next_contest(const world& w, council_id ci) {
  int next = -1;
  for (int week : w.scen->councils[row(ci)].mayor.election_weeks)
    if (week >= w.week && (next < 0 || week < next)) next = week;
  return next;
}

/// The group councillor nearest `target` who is not already on the shortlist (nobody: none).
councillor_id nearest_not_listed(const world& w, const council_state& c, double target, const std::array<councillor_id, max_shortlist>& list,
                                 std::size_t n) {
  councillor_id best = nobody;
  double best_d = 1e9;
  for (const councillor_id r : group_rows(w, c)) {
    if (w.councillors.status[r] != councillor_status::sitting) continue;
    if (std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n), r) !=
        list.begin() + static_cast<std::ptrdiff_t>(n))
      continue;
    const double d = std::abs(w.councillors.position[r] - target);
    if (d < best_d) {
      best_d = d;
      best = r;
    }
  }
  return best;
}

/// The sitting mayor of the party, if they lead its group.
councillor_id sitting_mayor(const world& w, const council_state& c) {
  return c.mayoralty.party == w.scen->party_index && c.leadership.directly_elected ? c.leadership.leader : nobody;
}

/// Once someone who lost the party's candidacy stands against its candidate, each councillor of the group decides
/// whether to campaign for them: the standing decision's terms at campaigning's lower cost (`k0` for `s0`), less the
/// distance between them (the candidate's camp campaigns). The party's rules end the membership of those who do, as of
/// the candidate: Rule Book ch. 2 (a member who "supports any candidate who stands against an official Labour
/// candidate ... shall automatically be ineligible to be or remain a party member"), without a complaint or a hearing
/// (Tower Hamlets 2010: eight councillors who backed the independent "automatically excluded themselves ... by virtue
/// of their support for an opposition candidate", the party's statement of 1 October 2010). They sit as independents
/// and leave the group; a campaigner who led it is replaced. Runs once, when the candidate declares.
void campaigners_for(world& w, council_id ci, councillor_id rival, double support, double grievance, const draw_stream& rng) {
  const auto& p = w.params->independents;
  council_state& c = w.councils[ci];
  const auto& cl = w.councillors;  // read here; exclude_from_party writes
  constexpr std::uint64_t counter = 1u << 16;  // apart from the step's draws keyed by the council
  int campaigners = 0;
  bool leader_excluded = false;
  // Each decides on their own terms alone, so one who leaves changes nothing for the next (the iterator has moved on).
  for (const councillor_id r : group_rows(w, c)) {
    if (r == rival || r == c.mayoralty.candidate) continue;
    // A directly elected mayor who leads the group keeps the office and its lead until a contest decides it.
    if (r == c.leadership.leader && c.leadership.directly_elected) continue;
    const double logit = p.k0 + p.s_support * support + p.s_grievance * grievance - p.s_loyalty * cl.loyalty[r] -
                         p.k_distance * std::abs(cl.position[r] - cl.position[rival]);
    if (!rng.bernoulli(sigmoid(logit), row(r), counter)) continue;
    exclude_from_party(w, r);
    leader_excluded |= r == c.leadership.leader;
    ++campaigners;
  }
  if (campaigners == 0) return;
  const step_context x(w, ci, mayoralty::id);
  x.emit(event::campaigned_for_rival, campaigners, [&] {
    return format("%d of the group's councillors campaign for the independent against the party's candidate", campaigners);
  });
  x.emit(event::auto_excluded, campaigners, [&] {
    return format("supporting a candidate against the party's own, %d councillor%s %s excluded from the party", campaigners,
                  campaigners == 1 ? "" : "s", campaigners == 1 ? "is" : "are");
  });
  if (leader_excluded) (void)replace_leader(w, ci, mayoralty::id);  // the group elects another
}

/// Someone who sought the party's candidacy for mayor and lost it -- the sitting mayor, or the members' choice the
/// panel struck off the shortlist, in a first contest too -- decides whether to stand against its candidate: more
/// likely the larger their base (`support`: their share of the members' ballot) and their following, and the more
/// the centre's act is resented (a grave complaint against them turns that round). Counter `k` of the step's draws.
void candidate_may_stand(world& w, council_id ci, councillor_id who, double following, double support, bool by_centre,
                         const draw_stream& rng, std::uint64_t k) {
  const step_context x(w, ci, mayoralty::id);
  council_state& c = w.councils[ci];
  mayoralty_state& m = c.mayoralty;
  if (m.rival != nobody) return;  // one independent across the area
  const float grievance =
      independent_candidacy::grievance(w, c, support, by_centre, independent_candidacy::accused_severity(w, c, who));
  const double p = independent_candidacy::stand_probability(w, support, following, grievance, w.councillors.loyalty[who]);
  if (!rng.bernoulli(p, ci, k)) return;
  m.rival = who;
  m.rival_support = static_cast<float>(support);
  m.rival_grievance = grievance;
  x.emit(event::independent_standing);
  // Standing against the party's candidate ends their membership: Rule Book ch. 2 (a member who stands against an
  // official Labour candidate is automatically ineligible to remain a member), applied without a hearing. They sit as
  // an independent and leave the group. Not the sitting mayor who leads it: they keep the office and the group's lead
  // until the contest decides it (the model does not split the mayor from the group before then).
  const auto& cl = w.councillors;
  if (who != sitting_mayor(w, c) && cl.party[who] == w.scen->party_index && cl.status[who] != councillor_status::former) {
    exclude_from_party(w, who);
    x.emit(event::auto_excluded, 1, [] {
      return std::string("standing against the party's candidate for mayor, the councillor is excluded from the party");
    });
    if (who == c.leadership.leader) (void)replace_leader(w, ci, mayoralty::id);  // the group elects another
  }
  campaigners_for(w, ci, who, support, grievance, rng);
}

/// A sitting mayor who lost the party's candidacy decides whether to stand against its candidate.
void mayor_may_stand(world& w, council_id ci, councillor_id mayor, double support, bool by_centre, const draw_stream& rng) {
  candidate_may_stand(w, ci, mayor, w.councils[ci].mayoralty.following, support, by_centre, rng, 9);
}

/// The party's candidate was removed after the members' selection window closed (as for a ward's candidate, R20): too
/// late for the members to choose again, the panel that endorses the candidates imposes its own, the councillor
/// nearest its median (Rule Book ch. 5: where there is not time for a full selection the NEC may select the candidate;
/// Tower Hamlets 2010: "nominations ... close this week and ... the NEC had no option but to impose another candidate").
void impose_replacement(world& w, council_id ci) {
  const step_context x(w, ci, mayoralty::id);
  council_state& c = w.councils[ci];
  mayoralty_state& m = c.mayoralty;
  const candidate_panel panel = panel_of(w, ci);
  m.candidate = nearest_group_councillor(w, c, panel.median.x, nobody);
  m.candidate_imposed = true;
  m.candidate_support = 0;
  x.emit(event::candidate_imposed, 0, [&] {
    return format("too late for the members to choose again: %s imposes a councillor as the party's candidate for mayor",
                  panel.said());
  });
}

}  // namespace

void mayoralty::select(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const auto& p = w.params->R21;
  council_state& c = w.councils[ci];
  mayoralty_state& m = c.mayoralty;
  auto& cl = w.councillors;
  const draw_stream& rng = x.rng;  // the step's own stream
  const councillor_id sitting = sitting_mayor(w, c);
  const double centre = w.national.executive_median;

  // The centre chooses when it runs the group's selections (R6) or the local party is suspended (R18).
  if (central_selection::applies(w, c) || c.centre.local_party_suspended) {
    // It keeps a sitting mayor its panel would endorse (R20's test); otherwise it picks the councillor nearest it.
    const bool keep = sitting != nobody && !rng.bernoulli(endorsement::p_refuse(w, executive_panel(w), councillor_place(w, sitting),
                                                                           cl.dissent[sitting],
                                                                           cl.complained_of[sitting] ? c.centre.allegation : 0.0),
                                                     ci, 15);
    m.candidate = keep ? sitting : nearest_group_councillor(w, c, centre, nobody);
    m.candidate_imposed = true;  // the centre's own choice (counted with R6's, not as an imposition on the members)
    m.candidate_support = 0;
    x.emit(event::mayoral_selection, 0, [&] {
      if (keep) return std::string("the centre, which runs the selections, keeps the sitting mayor as the party's candidate");
      return format("the centre, which runs the selections, chooses %s as the party's candidate for mayor (position %+.2f)",
                    sitting != nobody ? "a councillor in place of the sitting mayor" : "a councillor",
                    m.candidate != nobody ? cl.position[m.candidate] : 0.0f);
    });
    if (sitting != nobody && m.candidate != sitting)
      mayor_may_stand(w, ci, sitting, w.params->independents.support_unmeasured, true, rng);
    return;
  }

  // The shortlist: the sitting mayor, then the councillors nearest the active members and the organised faction.
  double sum = 0, sum_faction = 0;
  int n_active = 0, n_faction = 0;
  for (const member_id k : c.rows.members()) {
    if (!member_is_active(w, c, k)) continue;
    sum += w.members.position_of(k);
    ++n_active;
    if (w.members.faction[k]) {
      sum_faction += w.members.position_of(k);
      ++n_faction;
    }
  }
  const double members_x = n_active > 0 ? sum / n_active : c.membership.mean_position;
  std::array<councillor_id, max_shortlist> list{};
  std::size_t n = 0;
  const auto size = static_cast<std::size_t>(std::clamp(p.shortlist_size, 1, static_cast<int>(max_shortlist)));
  if (sitting != nobody) list[n++] = sitting;
  if (n < size && n_faction > 0 && n_faction >= w.params->R5.faction_lead_share * n_active) {
    const councillor_id r = nearest_not_listed(w, c, sum_faction / n_faction, list, n);
    if (r != nobody) list[n++] = r;
  }
  while (n < size) {
    const councillor_id r = nearest_not_listed(w, c, members_x, list, n);
    if (r == nobody) break;
    list[n++] = r;
  }

  // The panel approves the shortlist (R20's test of every members' choice): the executive's, or the tier's.
  const candidate_panel panel = panel_of(w, ci);
  std::array<bool, max_shortlist> approved{};
  int n_approved = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const councillor_id r = list[j];
    const double allegation = cl.complained_of[r] ? c.centre.allegation : 0.0;
    approved[j] = panel.endorses
                      ? !rng.bernoulli(endorsement::p_refuse(w, panel, councillor_place(w, r), cl.dissent[r], allegation), ci, 16 + j)
                      : true;
    n_approved += approved[j];
    if (!approved[j])
      x.emit(event::endorsement_refused, 0, [&] {
        return format("%s strikes %s (position %+.2f) off the shortlist for mayor", panel.said(),
                      list[j] == sitting ? "the sitting mayor" : "a councillor", cl.position[r]);
      });
  }
  if (n_approved == 0) {  // nobody approved: the panel imposes its own
    m.candidate = nearest_group_councillor(w, c, panel.median.x, nobody);
    m.candidate_imposed = true;
    m.candidate_support = 0;
    x.emit(event::candidate_imposed);
    if (sitting != nobody && m.candidate != sitting)
      mayor_may_stand(w, ci, sitting, w.params->independents.support_unmeasured, true, rng);
    return;
  }

  // The members' ballot across the area: each who turns out votes for one approved candidate (logit choice).
  // `preferred`: whom each voter would have chosen had the panel struck nobody off -- the base of a refused choice.
  std::array<int, max_shortlist> votes{}, preferred{};
  std::array<double, max_shortlist> weight{}, weight_all{};
  std::array<place, max_shortlist> at{};
  for (std::size_t j = 0; j < n; ++j) at[j] = councillor_place(w, list[j]);
  for (const member_id k : c.rows.members()) {
    if (!member_is_active(w, c, k) || !rng.bernoulli(reselection::turnout(w, c, k), k, 4)) continue;
    const place member = member_place(w, k);
    double total = 0, total_all = 0;
    for (std::size_t j = 0; j < n; ++j) {
      weight_all[j] = std::exp(-p.v_distance * distance(w, member, at[j]) + (list[j] == sitting ? p.v_incumbent : 0.0));
      weight[j] = approved[j] ? weight_all[j] : 0.0;
      total += weight[j];
      total_all += weight_all[j];
    }
    const double draw = rng.uniform(k, 5);
    double u_all = draw * total_all;
    for (std::size_t j = 0; j < n; ++j) {
      u_all -= weight_all[j];
      if (u_all <= 0) {
        ++preferred[j];
        break;
      }
    }
    double u = draw * total;
    for (std::size_t j = 0; j < n; ++j) {
      if (!approved[j]) continue;
      u -= weight[j];
      if (u <= 0) {
        ++votes[j];
        break;
      }
    }
  }
  std::size_t win = 0;
  int cast = 0;
  for (std::size_t j = 0; j < n; ++j) {
    cast += votes[j];
    if (approved[j] && (!approved[win] || votes[j] > votes[win])) win = j;
  }
  m.candidate = list[win];
  m.candidate_imposed = false;
  m.candidate_support = cast > 0 ? static_cast<float>(votes[win]) / static_cast<float>(cast) : 0.0f;
  x.emit(event::mayoral_selection, part_of{votes[win], cast}, [&] {
    return format("the members select %s as the party's candidate for mayor: %d of %d votes (%d shortlisted, %d approved)",
                  list[win] == sitting ? "the sitting mayor" : "a councillor", votes[win], cast, static_cast<int>(n), n_approved);
  });
  if (sitting != nobody && m.candidate != sitting) {
    // Their support: their share of the ballot, or (struck off by the panel) what they could expect against the winner.
    const bool struck = !approved[0];
    const double support =
        struck ? w.params->independents.support_unmeasured : (cast > 0 ? static_cast<double>(votes[0]) / cast : 0.0);
    mayor_may_stand(w, ci, sitting, support, struck, rng);
  }
  // The members' own first choice, struck off by the panel (not the sitting mayor, who decided above): their base is
  // the share of the ballot they would have had.
  std::size_t favourite = 0;
  int cast_all = 0;
  for (std::size_t j = 0; j < n; ++j) {
    cast_all += preferred[j];
    if (preferred[j] > preferred[favourite]) favourite = j;
  }
  if (!approved[favourite] && list[favourite] != sitting && cast_all > 0)
    candidate_may_stand(w, ci, list[favourite], cl.following[list[favourite]],
                        static_cast<double>(preferred[favourite]) / cast_all, true, rng, 10);
}

void mayoralty::contest_step(world& w, council_id ci) {
  if (w.councils[ci].mayoralty.next_contest == w.week) contest(w, ci);
}

void mayoralty::contest(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const scenario& s = *w.scen;
  const auto& p = w.params->R21;
  council_state& c = w.councils[ci];
  mayoralty_state& m = c.mayoralty;
  auto& cl = w.councillors;
  const auto party = our_party(w);
  const auto ind = static_cast<std::size_t>(s.party_id("ind"));
  const draw_stream& rng = x.rng;  // the step's own stream

  // The area's shares: the wards' baselines weighted by their seats, on the day as in R13.
  std::array<float, max_parties> base{};
  double seats = 0;
  for (std::uint32_t wi = c.rows.ward_begin; wi < c.rows.ward_end; ++wi) {
    seats += w.wards[wi].seats;
    for (std::size_t q = 0; q < s.parties.size(); ++q) base[q] += static_cast<float>(w.wards[wi].base_share[q] * w.wards[wi].seats);
  }
  if (seats <= 0) return;
  for (auto& b : base) b = static_cast<float>(b / seats);
  base[ind] = 0;  // no independent list across the whole area; an independent ex-mayor stands on their own
  const elections::shares share = elections::shares_on_the_day(w, base, elections::party_penalty(w, c), rng, (std::uint64_t{1} << 32) + row(ci));

  // One vote each: the independent's voters are lost by the others.
  independent_candidacy::vote rival{};
  if (m.rival != nobody) {
    // A sitting mayor's following is the office's (m.following); a councillor's is their own.
    const double following = m.rival == sitting_mayor(w, c) ? m.following : cl.following[m.rival];
    rival = independent_candidacy::vote_of(w, following, m.rival_support, m.rival_grievance);
  }
  std::array<double, max_parties + 1> vote{};
  const councillor_id sitting = sitting_mayor(w, c);
  for (std::size_t q = 0; q < s.parties.size(); ++q) vote[q] = share[q] * (1.0 - rival.personal);
  vote[party] = m.candidate != nobody ? std::max(0.0, share[party] * (1.0 - rival.personal - rival.transfer)) : 0.0;
  if (m.candidate != nobody) {
    const bool incumbent = m.candidate == sitting;
    const double following = incumbent ? m.following : cl.following[m.candidate];
    vote[party] = vote[party] * (1.0 + (incumbent ? p.incumbency_bonus : 0.0)) + w.params->independents.v_following * following;
  }
  vote[ind] = m.rival != nobody ? (rival.personal + rival.transfer * share[party]) * (1.0 + p.incumbency_bonus) : 0.0;
  // Parties that stand aside for the independent (a scenario fact) field no candidate; some of their voters follow.
  if (m.rival != nobody)
    for (const std::string& id : s.councils[row(ci)].mayor.stand_aside) {  // ids the loader checked
      const int q = s.party_id(id);
      if (q < 0) continue;
      vote[ind] += w.params->independents.v_stand_aside * vote[static_cast<std::size_t>(q)];
      vote[static_cast<std::size_t>(q)] = 0;
    }
  std::size_t winner = 0;
  for (std::size_t q = 1; q < s.parties.size(); ++q)
    if (vote[q] > vote[winner]) winner = q;

  const int before = m.party;
  const bool rival_was_mayor = m.rival != nobody && m.rival == sitting;
  if (winner == party && m.candidate != nobody) {
    if (m.candidate != c.leadership.leader || !c.leadership.directly_elected) {
      install_leader(w, ci, m.candidate, (std::uint64_t{1} << 32) + row(ci), id);
      m.following = cl.following[m.candidate];
    }
    c.leadership.directly_elected = true;
  } else if (c.leadership.directly_elected) {
    // The party's mayor is gone: the group chooses its own leader again, who can be challenged and removed.
    c.leadership.directly_elected = false;
    replace_leader(w, ci, id);
  }
  m.party = static_cast<int>(winner);
  c.electoral.administration = 1u << winner;  // the mayor leads the administration
  x.emit(event::mayor_elected, winner == party, [&] {
    const double total = std::accumulate(vote.begin(), vote.end(), 0.0);
    const char* independent = rival_was_mayor ? "the former mayor, as an independent," : "the party's refused candidate, as an independent,";
    return format("%s wins the mayoralty with %.0f%% of the vote%s", winner == ind ? independent : s.parties[winner].name.c_str(),
                  total > 0 ? 100 * vote[winner] / total : 0.0,
                  before == static_cast<int>(party) && winner != party ? "; the party loses the office" : "");
  });
  if (before == static_cast<int>(party) && winner != party) x.emit(event::mayoralty_lost);
  m.candidate = nobody;
  m.candidate_imposed = false;
  m.rival = nobody;
}

void mayoralty::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  council_state& c = x.c;
  mayoralty_state& m = c.mayoralty;
  m.next_contest = next_contest(w, ci);
  if (m.next_contest < 0) return;
  // A candidate who has left the group (suspended, expelled) is replaced by a new selection. If the party's discipline
  // removed them, they may stand against its new candidate on the base the members gave them (Rule Book ch. 6: a
  // member suspended pending an investigation cannot be the party's candidate; Tower Hamlets 2010).
  if (m.candidate != nobody && !in_group(w, m.candidate)) {
    const councillor_id removed = m.candidate;
    const auto status = w.councillors.status[removed];
    m.candidate = nobody;
    if (status == councillor_status::suspended || status == councillor_status::independent)
      candidate_may_stand(w, ci, removed, w.councillors.following[removed], m.candidate_support, true, x.rng, 11);
    m.candidate_support = 0;
    if (w.week > m.next_contest - w.params->R5.window_close_weeks_before && w.week < m.next_contest &&
        c.derived.group_size > 0)
      impose_replacement(w, ci);
  }
  const int open = m.next_contest - w.params->R5.window_open_weeks_before;
  if (m.candidate == nobody && w.week >= open && w.week < m.next_contest && c.derived.group_size > 0) select(w, ci);
  // The contest itself is held in the week's election phase, by R13.
}

}  // namespace partyline
