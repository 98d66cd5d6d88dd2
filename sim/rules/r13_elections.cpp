// R13 Elections: ward elections by first past the post in multi-member wards, all-out or by thirds; then control and
// the administration. Runs in parallel over councils; each council touches only its own rows.
#include "partyline/rules/r13_elections.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "partyline/rules/independents.hpp"

namespace partyline {

using namespace detail;

namespace {

struct candidate {
  double vote = 0;
  councillor_id incumbent = nobody;  ///< the candidate's own seat if they hold one that is up
  float position = 0;
  std::uint8_t party = 0;
  /// An independent standing on the ward's own independent vote (the kind the starting map holds), not a party's
  /// former councillor or refused choice on their following: elected, they stay an ordinary sitting independent.
  bool ward_independent = false;
};

// A ward elects at most 20 seats (the scenario's limit); slates of up to 12 parties plus independents.
constexpr std::size_t max_candidates = 20 * (max_parties + 1);

}  // namespace

double elections::results_decline(const world& w, const council_state& c) {
  const electoral_state& el = c.electoral;
  // The seats a cycle ago: the latest of the run's own counts at least a cycle old (kept in order), else the record.
  std::int32_t then = el.seats_a_cycle_ago;
  for (int k = 0; k < el.counts_kept; ++k)
    if (el.count_weeks[static_cast<std::size_t>(k)] <= w.week - w.params->R13.results_cycle_weeks)
      then = el.count_seats[static_cast<std::size_t>(k)];
  if (then <= 0) return 0.0;
  return std::clamp(1.0 - static_cast<double>(el.seats_by_party[our_party(w)]) / then, 0.0, 1.0);
}

void elections::record_count(const world& w, electoral_state& el, std::int32_t party_seats) {
  auto drop_oldest = [&el] {
    el.seats_a_cycle_ago = el.count_seats[0];
    for (std::size_t k = 1; k < el.count_weeks.size(); ++k) {
      el.count_weeks[k - 1] = el.count_weeks[k];
      el.count_seats[k - 1] = el.count_seats[k];
    }
    --el.counts_kept;
  };
  // A count a cycle old is superseded once a later one is a cycle old too (the week only grows).
  const int old_enough = w.week - w.params->R13.results_cycle_weeks;
  while (el.counts_kept >= 2 && el.count_weeks[1] <= old_enough) drop_oldest();
  // More counts in a cycle than kept (none of Labour's cycles has so many): the oldest stands for the cycle's start.
  if (el.counts_kept == static_cast<int>(el.count_weeks.size())) drop_oldest();
  el.count_weeks[static_cast<std::size_t>(el.counts_kept)] = w.week;
  el.count_seats[static_cast<std::size_t>(el.counts_kept)] = party_seats;
  ++el.counts_kept;
}

double elections::party_penalty(const world& w, const council_state& c) {
  const auto& p = w.params->R13;
  const double members = member_roll(c);
  const double active = members > 0 ? static_cast<double>(active_members(w, c)) / members : p.campaign_baseline;
  const double suspended = members > 0 ? static_cast<double>(c.membership.suspended) / members : 0.0;
  return p.division_penalty * c.division.stock + p.intervention_penalty * c.centre.intervention_stock +
         p.protest_penalty * w.executive.protest_stock + p.suspension_penalty * suspended -
         p.campaign_bonus * (active - p.campaign_baseline);
}

elections::shares elections::shares_on_the_day(const world& w, const std::array<float, max_parties>& base, double penalty,
                                              const draw_stream& rng, std::uint64_t entity) {
  const scenario& s = *w.scen;
  const auto party = our_party(w);
  shares share{};
  double others = 0;
  const named_values& swing = s.national.swing_in(w.week);
  for (std::size_t q = 0; q < s.parties.size(); ++q) {
    if (base[q] <= 0) continue;
    share[q] = std::max(0.001, base[q] + swing.get(s.parties[q].id, 0.0) + w.params->R13.noise_sd * rng.normal(entity, q));
    if (q != party) others += share[q];
  }
  if (share[party] > 0 && others > 0) {
    const double lost = std::clamp(penalty, -share[party], share[party] - 0.001);
    for (std::size_t q = 0; q < s.parties.size(); ++q)
      if (q != party) share[q] += lost * share[q] / others;
    share[party] -= lost;
  }
  return share;
}

namespace {

void seat_new_councillor(world& w, council_id ci, councillor_id r, const candidate& winner, const draw_stream& rng) {
  const scenario& s = *w.scen;
  auto& cl = w.councillors;
  // On the other axes the party's new councillor stands where whoever chose them does: the members (at their local
  // mean, with the axis' spread), or the centre's panel that imposed them (at its place); another party's at its place.
  const bool own = winner.party == s.party_index;
  const bool imposed = own && (cl.selection[r] == selection_state::deselected_central || cl.endorsement[r] == endorsement_state::refused);
  policy_point where = s.party_point(winner.party);
  if (imposed) {
    const place panel = cl.endorsement[r] == endorsement_state::refused ? panel_of(w, ci).median : centre_place(w, 0.0);
    for (int k = 0; k < w.space.others; ++k) where[static_cast<std::size_t>(k) + 1] = panel.more[static_cast<std::size_t>(k)];
  } else if (own) {
    where = s.councils[row(ci)].members.more;
  }
  place_on_other_axes(w, row(r), where, own && !imposed, rng, 40);
  cl.party[r] = winner.party;
  cl.position[r] = winner.position;
  const bool former_party = winner.party == s.party_id("ind") && !winner.ward_independent;
  cl.status[r] = former_party ? councillor_status::independent : councillor_status::sitting;
  cl.selection[r] = selection_state::undecided;
  // An independent elected from the party's ranks will defend the seat on their own following.
  cl.stands_independent[r] = former_party ? independent_stand::councillor : 0;
  cl.ballot_support[r] = 0;
  cl.grievance[r] = 0;
  cl.endorsement[r] = endorsement_state::pending;
  cl.dissent[r] = 0;
  cl.cabinet[r] = 0;
  cl.complained_of[r] = 0;  // a complaint is against the person, not the seat
  independent_candidacy::draw_following(w, r, s.councils[row(ci)].community, rng, 24);
  if (winner.party == s.party_index) {
    elections::draw_party_councillor(w, ci, r, rng, {20, 21, 22, 23});
  } else {
    cl.loyalty[r] = 1.0f;
    cl.satisfaction[r] = 0.0f;
    cl.union_ties[r] = 0.0f;
  }
}

/// One ward's contest: rewrites the rows of the seats that were up.
void count_ward(world& w, council_id ci, std::uint32_t wi, double penalty, const draw_stream& rng) {
  const step_context x(w, ci, elections::id);
  const scenario& s = *w.scen;
  const auto& p = w.params->R13;
  council_state& c = w.councils[ci];
  auto& cl = w.councillors;
  const ward_state& ward = w.wards[wi];
  const auto party = static_cast<std::uint8_t>(s.party_index);
  const auto ind = static_cast<std::uint8_t>(s.party_id("ind"));
  const std::size_t n_parties = s.parties.size();

  std::array<councillor_id, 20> up{};
  std::size_t k = 0;
  for (const councillor_id r : id_range<councillor_id, std::uint32_t>{ward.seat_begin, ward.seat_begin + ward.seats})
    if (seat_up(w, c, r)) up[k++] = r;
  if (k == 0) return;

  // Party shares on the day: baseline + national swing + noise; the party's penalty goes to the others.
  elections::shares share = elections::shares_on_the_day(w, ward.base_share, penalty, rng, wi);

  std::array<candidate, max_candidates> cands{};
  std::size_t n = 0;
  // Independents: councillors who lost the party's candidacy (or were expelled) and a members' choice the centre
  // refused. Each carries a personal vote from every party's voters and takes a share of the party's own voters.
  double personal = 0, transfer = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const councillor_id r = up[i];
    const std::uint8_t stand = cl.stands_independent[r];
    const bool councillor = (stand & independent_stand::councillor) &&
                            ((cl.party[r] == party && cl.status[r] == councillor_status::deselected) ||
                             (cl.party[r] == ind && cl.status[r] == councillor_status::independent));
    const bool refused_choice = (stand & independent_stand::refused_choice) && cl.party[r] == party;
    if (!councillor && !refused_choice) continue;
    const double following = councillor ? cl.following[r] : w.params->independents.refused_following;
    const independent_candidacy::vote v = independent_candidacy::vote_of(w, following, cl.ballot_support[r], cl.grievance[r]);
    personal += v.personal;
    transfer += v.transfer;
    const double bonus = councillor ? p.incumbency_bonus : 0.0;
    const double vote = (v.personal + v.transfer * share[party]) * (1 + bonus + p.candidate_sd * rng.normal(row(r), 30));
    const float pos = councillor ? cl.position[r] : static_cast<float>(members_choice(w, c, cl.ward[r], cl.position[r]));
    cands[n++] = {vote, councillor ? r : nobody, pos, ind};
    x.emit(event::independent_standing);
  }
  // Parties that stand aside for them (a scenario fact) field no candidate in the ward; `v_stand_aside` of their
  // voters follow the independents, shared equally among those standing (as at a mayoral contest, R21).
  if (n > 0)
    for (const std::string& id : s.councils[row(ci)].stand_aside) {  // ids the loader checked
      const int q = s.party_id(id);
      if (q < 0 || share[static_cast<std::size_t>(q)] <= 0) continue;
      const double each = w.params->independents.v_stand_aside * share[static_cast<std::size_t>(q)] / static_cast<double>(n);
      for (std::size_t i = 0; i < n; ++i) cands[i].vote += each;
      share[static_cast<std::size_t>(q)] = 0;
    }
  // A voter has one vote per seat up: one who backs an independent gives them one of those votes, which the other
  // candidates lose.
  const double seats_up = static_cast<double>(k);
  const double others_keep = std::max(p.slate_floor, 1.0 - personal / seats_up);
  const double party_slate = share[party] * std::max(p.slate_floor, others_keep - transfer / seats_up);
  for (std::size_t q = 0; q < n_parties; ++q)
    if (q != party) share[q] *= others_keep;

  // The parties' slates; the independents' (`ind`) is the ward's own independent vote -- sitting independents of the
  // starting map and others like them -- besides the party's former councillors and refused choices above.
  for (std::size_t q = 0; q < n_parties; ++q) {
    if (share[q] <= 0) continue;
    const double base = q == party ? party_slate : share[q];
    std::size_t fielded = 0;
    // Incumbents standing again: the party's reselected (or undecided) councillors, other parties' holders.
    for (std::size_t i = 0; i < k && fielded < k; ++i) {
      const councillor_id r = up[i];
      if (cl.party[r] != q) continue;
      if (q == party && (cl.status[r] != councillor_status::sitting || cl.selection[r] == selection_state::withdrawn)) continue;
      if (q == party && r == c.leadership.leader && c.leadership.stand_down_at_election) continue;
      if (q == ind && cl.status[r] != councillor_status::sitting) continue;  // a former party councillor: stood above
      cands[n++] = {base * (1 + p.incumbency_bonus + p.candidate_sd * rng.normal(row(r), 31)), r, cl.position[r],
                    static_cast<std::uint8_t>(q), q == ind};
      ++fielded;
    }
    // New candidates: for the party, those who replaced deselected or withdrawn councillors, then the members'
    // choice; for other parties, someone near the party's position.
    for (std::size_t i = 0; i < k && fielded < k; ++i) {
      const councillor_id r = up[i];
      const bool replaced = q == party && cl.party[r] == party && cl.selection[r] != selection_state::undecided &&
                            cl.selection[r] != selection_state::reselected;
      if (!replaced) continue;
      cands[n++] = {base * (1 + p.candidate_sd * rng.normal(row(r), 32)), nobody, cl.candidate_position[r], static_cast<std::uint8_t>(q)};
      ++fielded;
    }
    const double fallback = s.parties[q].position;
    const double choice = q == party ? members_choice(w, c, cl.ward[up[0]], fallback) : fallback;
    for (std::size_t j = 0; fielded < k; ++j, ++fielded) {
      const float pos = static_cast<float>(std::clamp(choice + p.candidate_position_sd * rng.normal(wi * 64 + q, 40 + j), -1.0, 1.0));
      cands[n++] = {base * (1 + p.candidate_sd * rng.normal(wi * 64 + q, 60 + j)), nobody, pos, static_cast<std::uint8_t>(q), q == ind};
    }
  }

  // First past the post: the k candidates with the most votes win.
  std::stable_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(n),
                   [](const candidate& a, const candidate& b) { return a.vote > b.vote; });
  const std::size_t winners = std::min(k, n);
  // Incumbents who won keep their rows; the other winners take the rows that were freed.
  std::array<bool, 20> kept{};
  std::array<bool, max_candidates> placed{};
  for (std::size_t i = 0; i < winners; ++i) {
    const candidate& win = cands[i];
    if (win.incumbent == nobody) continue;
    for (std::size_t j = 0; j < k; ++j)
      if (up[j] == win.incumbent) {
        kept[j] = true;
        placed[i] = true;
        cl.selection[up[j]] = selection_state::undecided;
        if (win.party == ind && !win.ward_independent) {  // a deselected councillor re-elected as an independent
          cl.party[up[j]] = ind;
          cl.status[up[j]] = councillor_status::independent;
          cl.cabinet[up[j]] = 0;
          x.emit(event::independent_elected);
        }
      }
  }
  std::size_t next_row = 0;
  for (std::size_t i = 0; i < winners; ++i) {
    if (placed[i]) continue;
    while (next_row < k && kept[next_row]) ++next_row;
    if (next_row >= k) break;
    if (up[next_row] == c.leadership.leader) c.leadership.leader = nobody;  // the seat changed hands
    seat_new_councillor(w, ci, up[next_row], cands[i], rng);
    if (cands[i].party == ind && !cands[i].ward_independent) x.emit(event::independent_elected);
    kept[next_row] = true;
  }
}

}  // namespace

void elections::draw_party_councillor(world& w, council_id ci, councillor_id r, const draw_stream& rng, trait_draws k) {
  const auto& p = w.params->R13;
  const group_def& g = w.scen->councils[row(ci)].group;
  auto& cl = w.councillors;
  cl.loyalty[r] = static_cast<float>(std::clamp(g.loyalty_mean + g.loyalty_sd * rng.normal(row(r), k.loyalty), 0.0, 1.0));
  cl.satisfaction[r] =
      static_cast<float>(std::clamp(g.satisfaction_mean + g.satisfaction_sd * rng.normal(row(r), k.satisfaction), -1.0, 1.0));
  const double u = rng.uniform(row(r), k.ties_level);
  cl.union_ties[r] = static_cast<float>(rng.uniform(row(r), k.ties_strong) < g.union_ties_share
                                              ? p.union_ties_strong_min + p.union_ties_strong_span * u
                                              : p.union_ties_weak_max * u);
}

void elections::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const scenario& s = *w.scen;
  council_state& c = x.c;
  electoral_state& el = c.electoral;
  if (el.next_election != w.week) return;
  const auto party = our_party(w);
  const auto before = el.seats_by_party;
  const double penalty = elections::party_penalty(w, c);
  for (std::uint32_t wi = c.rows.ward_begin; wi < c.rows.ward_end; ++wi) count_ward(w, ci, wi, penalty, x.rng);

  // The count: seats, control, administration (a majority party, else the largest party governs as a minority).
  el.seats_by_party = {};
  for (const councillor_id r : c.rows.councillors()) ++el.seats_by_party[w.councillors.party[r]];
  const int seats = c.rows.seats();
  el.control = -1;
  for (std::size_t q = 0; q < s.parties.size(); ++q)
    if (2 * el.seats_by_party[q] > seats) el.control = static_cast<int>(q);
  el.counted = true;  // the hooks on a count follow (schedule::on_count: R12, R11)
  el.seats_before_count = before;
  record_count(w, el, el.seats_by_party[party]);  // the group's results over the cycle (R17, R18)

  // A new electoral cycle for the group: the leader who announced they would go has gone.
  leadership_state& lead = c.leadership;
  const bool leader_gone = lead.leader == nobody || !in_group(w, lead.leader) || lead.stand_down_at_election;
  for (const councillor_id r : c.rows.councillors()) {
    w.councillors.selection[r] = selection_state::undecided;
    w.councillors.endorsement[r] = endorsement_state::pending;
    if (w.councillors.party[r] == party) w.councillors.stands_independent[r] = 0;  // a new cycle of candidacies
    if (w.councillors.party[r] == party && (w.councillors.status[r] == councillor_status::deselected ||
                                            w.councillors.status[r] == councillor_status::withdrawn))
      w.councillors.status[r] = councillor_status::sitting;  // their seat was not up (by-thirds cycle)
  }
  c.selections.deselected_or_withdrawn = 0;
  ++el.elections_held;
  if (leader_gone && el.seats_by_party[party] > 0) {
    lead.leader = nobody;
    lead.stand_down_at_election = false;
    const councillor_id next = replace_leader(w, ci, id);
    if (next != nobody)
      x.emit(event::new_leader, 0, [&] {
        return format("the group elects a new leader after the election, at position %+.2f",
                      w.councillors.position[next]);
      });
  } else if (el.seats_by_party[party] == 0) {
    lead.leader = nobody;
  }
  // R11: a majority governs alone; otherwise the administration is formed (sign-off for the party's deals).
  if (el.control >= 0) {
    el.administration = 1u << static_cast<std::size_t>(el.control);
    c.coalition.pending = 0;
  }
  x.emit(event::election, el.seats_by_party[party], [&] {
    std::string result, change;
    for (std::size_t q = 0; q < s.parties.size(); ++q) {
      if (el.seats_by_party[q] == 0 && before[q] == 0) continue;
      result += (result.empty() ? "" : ", ") + s.parties[q].id + " " + std::to_string(el.seats_by_party[q]);
      change += (change.empty() ? "" : ", ") + s.parties[q].id + " " + std::to_string(before[q]);
    }
    return format("%s (was %s); %s", result.c_str(), change.c_str(),
                  el.control >= 0 ? (s.parties[static_cast<std::size_t>(el.control)].id + " majority").c_str() : "no majority");
  });
  if (c.mayoralty.party >= 0) {
    el.administration = 1u << static_cast<std::size_t>(c.mayoralty.party);  // the mayor leads the administration (R21)
    c.coalition.pending = 0;
  }
}

}  // namespace partyline
