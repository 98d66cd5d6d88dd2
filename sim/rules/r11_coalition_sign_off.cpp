// R11 Coalition formation and sign-off. Everything but the executive's vote touches one council's state and its
// outbox, so it runs inside the (parallel) local, apply and election phases.
#include "partyline/rules/r11_coalition_sign_off.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <string>
#include <vector>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r02_executive_decision.hpp"
#include "partyline/rules/r18_investigations.hpp"

namespace partyline {

using namespace detail;

namespace {

/// Seats behind an arrangement: its governing parties' and its supporters'.
int seats_of(const council_state& c, std::uint32_t arrangement) {
  const std::uint32_t parties = arrangement_parties(arrangement);
  int n = 0;
  for (std::size_t p = 0; p < c.electoral.seats_by_party.size(); ++p)
    if (parties & (1u << p)) n += c.electoral.seats_by_party[p];
  return n;
}

std::size_t largest_party(const world& w, const council_state& c) {
  std::size_t largest = 0;
  for (std::size_t q = 1; q < w.scen->parties.size(); ++q)
    if (c.electoral.seats_by_party[q] > c.electoral.seats_by_party[largest]) largest = q;
  return largest;
}

/// The body that signs off council `ci`'s deals (`institutions`: its region's, else the national one).
const body_def& signing_def(const world& w, council_id ci) {
  const int b = w.institutions.body_for(coalition_sign_off::item, w.scen->councils[row(ci)].region_index);
  return body_of(w, b);
}

/// Whether the body that signs off the council's deals can sanction a group that defies it: a regional tier with
/// `powers.discipline`, or a national body where the executive holds `powers.suspend_individuals`.
bool signing_body_disciplines(const world& w, council_id ci) {
  const body_def& b = signing_def(w, ci);
  return b.region_index < 0 ? w.scen->executive.powers.suspend_individuals
                            : region_of(w, b.region_index).powers.discipline;
}

/// Whether the executive's disciplinary process reaches a group that defies the body signing off its deals: a
/// national body signs off and the executive holds `powers.charges` (a complaint goes to it, R17-R18, which can end
/// in expulsion).
bool charges_follow(const world& w, council_id ci) { return signing_def(w, ci).region_index < 0 && w.scen->executive.powers.charges; }

std::string signing_body(const world& w, council_id ci) { return signing_def(w, ci).name; }

/// The mean centralism of the body that signs off the council's deals: what a group expects of its sanctions (the
/// executive's, for a body of its seats or its staff).
double signing_centralism(const world& w, council_id ci) {
  const int b = w.institutions.body_for(coalition_sign_off::item, w.scen->councils[row(ci)].region_index);
  const body_state& body = w.institutions.bodies[static_cast<std::size_t>(b)];
  if (body.own.empty()) return w.national.executive_centralism;
  double sum = 0;
  for (const auto& m : body.own) sum += m.centralism;
  return sum / static_cast<double>(body.own.size());
}

/// The policy an arrangement makes: on each axis, its parties' seat-weighted mean position, a supporter's seats
/// counting `support_influence` as much as a governing party's.
policy_point arrangement_position(const world& w, const council_state& c, std::uint32_t arrangement) {
  const std::uint32_t governing = governing_parties(arrangement), supporting = supporting_parties(arrangement);
  policy_point sum{};
  double n = 0;
  for (std::size_t q = 0; q < w.scen->parties.size(); ++q) {
    const double weight = ((governing >> q) & 1u) ? 1.0 : ((supporting >> q) & 1u) ? w.params->R11.support_influence : 0.0;
    const policy_point x = w.scen->party_point(q);
    for (std::size_t a = 0; a < x.size(); ++a) sum[a] += weight * c.electoral.seats_by_party[q] * x[a];
    n += weight * c.electoral.seats_by_party[q];
  }
  if (n > 0)
    for (double& a : sum) a /= n;
  return sum;
}

/// Where a member of the executive (or of a tier's board) stands: its drawn position on the first axis, the
/// executive's declared positions on the others.
policy_point member_point(const world& w, const executive_member& m) {
  policy_point x = w.scen->executive.more;
  x[0] = m.position;
  return x;
}

/// A party's office payoff from an administration, 0..1: leading it (the most seats in it) and its share of the
/// cabinet (its share of the administration's seats). Out of it, or only sustaining it from outside: 0.
double office_payoff(const world& w, const council_state& c, std::size_t q, std::uint32_t arrangement) {
  const std::uint32_t mask = governing_parties(arrangement);
  if (!((mask >> q) & 1u)) return 0.0;
  const auto& seats = c.electoral.seats_by_party;
  bool leads = true;
  for (std::size_t r = 0; r < w.scen->parties.size(); ++r)
    if (r != q && ((mask >> r) & 1u) && seats[r] > seats[q]) leads = false;
  const double lead = w.params->R11.office_lead;
  return (leads ? lead : 0.0) + (1.0 - lead) * seats[q] / std::max(1, seats_of(c, mask));
}

/// What a party makes of an administration: its office payoff less `partner_policy` x its distance from the
/// administration's seat-weighted position. Parties rank options by it and accept offers by it (issue 16).
double utility(const world& w, const council_state& c, std::size_t q, std::uint32_t mask) {
  return office_payoff(w, c, q, mask) -
         w.params->R11.partner_policy * w.scen->distance(w.scen->party_point(q), arrangement_position(w, c, mask));
}

/// Minimal winning, mutually acceptable coalitions (connected on the axis if `connected` asks for it), each also as a
/// minority of its largest party sustained by the others from outside (confidence and supply), in the order they are
/// tried: by the sum of their parties' ranks (each ranks the options it is in by office and policy, `utility`), then
/// formal coalitions before minorities, the narrowest range on the axis, the fewest seats.
void coalition_options(const world& w, const council_state& c, coalition_state& co) {
  const scenario& s = *w.scen;
  const int total = c.rows.seats();
  const auto& seats = c.electoral.seats_by_party;
  std::array<std::size_t, max_parties> present{};
  std::size_t n = 0;
  for (std::size_t p = 0; p < s.parties.size(); ++p)
    if (seats[p] > 0) present[n++] = p;
  struct option {
    std::uint32_t mask;
    double range;
    int seats;
    int rank_sum = 0;
  };
  const bool connected = w.params->R11.connected != 0;
  std::array<option, 512> found{};
  std::size_t n_found = 0;
  for (std::uint32_t sub = 1; sub < (1u << n) && n_found + 1 < found.size(); ++sub) {
    std::uint32_t mask = 0;
    double lo = 2, hi = -2, range = 0;  // lo, hi on the first axis (connectedness); range: the widest pair apart
    for (std::size_t k = 0; k < n; ++k)
      if (sub & (1u << k)) {
        mask |= 1u << present[k];
        lo = std::min(lo, s.parties[present[k]].position);
        hi = std::max(hi, s.parties[present[k]].position);
        for (std::size_t j = 0; j < k; ++j)
          if (sub & (1u << j)) range = std::max(range, s.distance(s.party_point(present[k]), s.party_point(present[j])));
      }
    if (std::popcount(mask) < 2) continue;
    const int in = seats_of(c, mask);
    if (2 * in <= total) continue;  // not winning
    bool ok = true;
    for (std::size_t k = 0; k < n && ok; ++k) {
      const std::size_t p = present[k];
      const bool member = mask & (1u << p);
      if (member && 2 * (in - seats[p]) > total) ok = false;                                 // not minimal
      if (connected && !member && s.parties[p].position > lo && s.parties[p].position < hi) ok = false;  // not connected
      if (member)
        for (std::size_t q = p + 1; q < s.parties.size() && ok; ++q)
          if ((mask & (1u << q)) && !coalition_sign_off::will_govern_together(w, p, q)) ok = false;
    }
    if (!ok) continue;
    found[n_found++] = option{mask, range, in};
    // The same parties as a minority of the largest of them, the others sustaining it from outside.
    std::size_t lead = 0;
    for (std::size_t p = 0; p < s.parties.size(); ++p)
      if (((mask >> p) & 1u) && (!((mask >> lead) & 1u) || seats[p] > seats[lead])) lead = p;
    found[n_found++] = option{(1u << lead) | ((mask & ~(1u << lead)) << support_shift), range, in};
  }
  // Each party's rank of each option it is in (0 = its best by office and policy, `utility`).
  std::array<double, 512> mine{};
  const auto in = [](const option& o, std::size_t p) { return (arrangement_parties(o.mask) >> p) & 1u; };
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t p = present[k];
    for (std::size_t i = 0; i < n_found; ++i)
      if (in(found[i], p)) mine[i] = utility(w, c, p, found[i].mask);
    for (std::size_t i = 0; i < n_found; ++i) {
      if (!in(found[i], p)) continue;
      int better = 0;
      for (std::size_t j = 0; j < n_found; ++j)
        if (in(found[j], p) && mine[j] > mine[i]) ++better;
      found[i].rank_sum += better;
    }
  }
  std::sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n_found), [](const option& a, const option& b) {
    if (a.rank_sum != b.rank_sum) return a.rank_sum < b.rank_sum;
    const bool a_formal = supporting_parties(a.mask) == 0, b_formal = supporting_parties(b.mask) == 0;
    if (a_formal != b_formal) return a_formal;
    if (a.range != b.range) return a.range < b.range;
    if (a.seats != b.seats) return a.seats < b.seats;
    return a.mask < b.mask;
  });
  co.count = static_cast<int>(std::min<std::size_t>(n_found, co.options.size()));
  for (int i = 0; i < co.count; ++i) co.options[static_cast<std::size_t>(i)] = found[static_cast<std::size_t>(i)].mask;
  co.next = 0;
}

/// The administration that forms if party `q` stays out: the first option without it, else the largest party's
/// minority (the largest other party's, if `q` is the largest).
std::uint32_t administration_without(const world& w, const council_state& c, std::size_t q) {
  const std::uint32_t bit = 1u << q;
  coalition_state options;
  coalition_options(w, c, options);
  for (int i = 0; i < options.count; ++i)
    if (!(arrangement_parties(options.options[static_cast<std::size_t>(i)]) & bit)) return options.options[static_cast<std::size_t>(i)];
  std::size_t largest = q == 0 ? 1 : 0;
  for (std::size_t r = 0; r < w.scen->parties.size(); ++r)
    if (r != q && c.electoral.seats_by_party[r] > c.electoral.seats_by_party[largest]) largest = r;
  return 1u << largest;
}

/// What the group weighs against the executive's rule on `deal` (log-odds, before an intercept): its leader's
/// autonomy, the office it loses by staying out (for as long as it would hold it), the policy it gains by the deal,
/// and the sanction it expects.
double defiance_payoff(const world& w, const council_state& c, std::uint32_t deal) {
  const auto& p = w.params->R11;
  const auto party = our_party(w);
  const std::uint32_t without = administration_without(w, c, party);
  // Office is worth what it runs for: the share of a term left before the council's next election.
  const double term = std::min(1.0, weeks_to_election(w, c) / p.office_term_weeks);
  const double office_lost = term * (office_payoff(w, c, party, deal) - office_payoff(w, c, party, without));
  policy_point x = w.scen->party_point(party);  // the leader's own place (the party's, without a leader)
  if (c.leadership.leader != nobody) {
    const place leader = councillor_place(w, c.leadership.leader);
    x[0] = leader.x;
    for (int k = 0; k < w.space.others; ++k) x[static_cast<std::size_t>(k) + 1] = leader.more[static_cast<std::size_t>(k)];
  }
  const double policy_gain =
      w.scen->distance(x, arrangement_position(w, c, without)) - w.scen->distance(x, arrangement_position(w, c, deal));
  const council_id ci = index_of(w, c);
  // The sanction expected: the signing body's centralism if it can discipline the group, + sanction_line across a
  // national line.
  const double sanction = (signing_body_disciplines(w, ci) ? signing_centralism(w, ci) : 0.0) +
                          (charges_follow(w, ci) ? p.sanction_charges * w.national.executive_centralism : 0.0) +
                          (coalition_sign_off::crosses_lines(w, deal) ? p.sanction_line : 0.0);
  return p.d_autonomy * c.leadership.autonomy + p.d_office * office_lost + p.d_policy * policy_gain - p.d_sanction * sanction;
}

/// The office the group gives up by complying with the centre on `deal` (0..1): its office payoff in the deal less in
/// the administration that forms without it.
double office_given_up(const world& w, const council_state& c, std::uint32_t deal) {
  const auto party = our_party(w);
  return std::max(0.0, office_payoff(w, c, party, deal) - office_payoff(w, c, party, administration_without(w, c, party)));
}

/// The group obeys an override of its deal: the cost its councillors may blame the leader for (satisfaction).
void bear_override(council_state& c, double publicity, double office) {
  c.centre.override_cost += static_cast<float>(publicity * office);
}

/// The group's councillors leave the party's whip: suspended for defying the executive. Returns how many.
int suspend_group(world& w, council_state& c) {
  int suspended = 0;
  for (const councillor_id r : c.rows.councillors())
    if (in_group(w, r)) {
      w.councillors.status[r] = councillor_status::suspended;
      w.councillors.cabinet[r] = 0;
      ++suspended;
    }
  c.leadership.leader = nobody;
  return suspended;
}

/// Puts a deal the group made without sign-off (or across a national line) before the body that signs off.
void file_after_the_fact(const step_context& x, std::uint32_t mask) {
  world& w = x.w;
  const council_id ci = x.ci;
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  c.coalition.unapproved = mask;
  agenda_item item = new_item(w, ci, coalition_sign_off::item, w.params->R11.urgency,
                              static_cast<double>(c.electoral.seats_by_party[our_party(w)]) /
                                  std::max(1, seats_of(c, mask)),
                              c.leadership.leader != nobody ? w.councillors.position[c.leadership.leader]
                                                       : s.parties[our_party(w)].position);
  item.coalition = mask;
  file_item(w, ci, item);
}

/// The other parties decide too: each partner of the simulated party in `mask` (every member, if the party is not
/// in it) weighs what it gets from the offer against what it gets if it stays out (`utility` of the administration
/// that forms without it) and accepts with sigmoid(q0 + q_utility x gain); a partner with its own centre also needs
/// that centre's sign-off (`parties[].sign_off`). Returns the first party refusing, or -1.
int refusing_partner(const world& w, council_id ci, std::uint32_t mask) {
  const scenario& s = *w.scen;
  const auto& p = w.params->R11;
  const council_state& c = w.councils[ci];
  const draw_stream rng = draws(w, coalition_sign_off::id);
  if (mask == c.coalition.negotiated) return -1;  // the partners have agreed it already
  for (std::size_t q = 0; q < s.parties.size(); ++q) {
    if (!((arrangement_parties(mask) >> q) & 1u) || static_cast<int>(q) == s.party_index) continue;
    const std::uint64_t key = (static_cast<std::uint64_t>(mask) << 8) | (32 + q);
    const double gain = utility(w, c, q, mask) - utility(w, c, q, administration_without(w, c, q));
    if (!rng.bernoulli(sigmoid(p.q0 + p.q_utility * gain), ci, key)) return static_cast<int>(q);
    if (s.parties[q].sign_off < 1 && !rng.bernoulli(s.parties[q].sign_off, ci, key | (1ull << 7))) return static_cast<int>(q);
  }
  return -1;
}

void govern(const step_context& x, std::uint32_t mask, const char* how) {
  world& w = x.w;
  const council_id ci = x.ci;
  council_state& c = w.councils[ci];
  const scenario& s = *w.scen;
  c.electoral.administration = mask;
  c.coalition.pending = 0;
  if (supporting_parties(mask)) x.emit(event::support_arrangement);
  const bool without_party = !(governing_parties(mask) & (1u << s.party_index));
  const bool after_veto = c.coalition.refused_by_vote && without_party;
  if (after_veto) x.emit(event::other_control_after_veto);
  x.emit(event::administration, 0, [&] {
    return format("%s administration: %s (%d of %d seats)%s", how, administration_text(s, mask).c_str(), seats_of(c, mask),
                  c.rows.seats(), after_veto ? " after the executive's veto" : "");
  });
}

/// Tries the next coalition: one with the party needs the executive's sign-off; others form at once; with none
/// left, the largest party governs as a minority.
void try_next_coalition(const step_context& x) {
  world& w = x.w;
  const council_id ci = x.ci;
  const scenario& s = *w.scen;
  const auto& p = w.params->R11;
  council_state& c = w.councils[ci];
  coalition_state& co = c.coalition;
  const std::uint32_t party_bit = 1u << s.party_index;
  while (co.next < co.count) {
    const std::uint32_t mask = co.options[static_cast<std::size_t>(co.next++)];
    if (mask == 0) continue;  // the same partners as a deal the signing body refused
    if (const int q = refusing_partner(w, ci, mask); q >= 0) {
      x.emit(event::offer_refused, 0, [&] {
        return format("%s refuses %s", s.parties[static_cast<std::size_t>(q)].name.c_str(), administration_text(s, mask).c_str());
      });
      continue;
    }
    if (!(arrangement_parties(mask) & party_bit)) {
      govern(x, mask, supporting_parties(mask) ? "minority" : "coalition");
      return;
    }
    if (co.party_stays_out || c.leadership.leader == nobody) continue;
    if (!coalition_sign_off::sign_off_needed(*w.scen, ci)) {  // the party's rules leave its groups' deals to them
      govern(x, mask, "coalition (no sign-off needed)");
      return;
    }
    const int seats = seats_of(c, mask);
    // A group sure of what it stands to gain, and not fearing the centre, may go ahead without asking.
    const double p_skip = sigmoid(p.k0 + defiance_payoff(w, c, mask));
    if (x.rng.bernoulli(p_skip, ci, 3)) {
      x.emit(event::deal_without_sign_off, 0, [&] {
        return format("the group joins %s without asking the executive (p %.2f)", administration_text(s, mask).c_str(), p_skip);
      });
      govern(x, mask, "coalition (without sign-off)");
      file_after_the_fact(x, mask);
      return;
    }
    // A group knows its party's published lines: it does not ask for a deal across them, which the body would refuse
    // almost surely (Scottish Labour 2022: under the rule of no formal coalitions with the SNP or the Conservatives,
    // the groups put minority administrations on their votes, not coalitions with them). It may still have gone
    // ahead without asking, above, at the price the lines add to the sanction it expects.
    if (coalition_sign_off::crosses_lines(w, mask)) continue;
    agenda_item item = new_item(w, ci, coalition_sign_off::item, p.urgency,
                                static_cast<double>(c.electoral.seats_by_party[our_party(w)]) / seats,
                                w.councillors.position[c.leadership.leader]);
    item.coalition = mask;
    file_item(w, ci, item);
    co.pending = mask;
    x.emit(event::coalition_request, 0, [&] {
      return format("the group asks %s to sign off %s (%d of %d seats, %d partner%s)%s", signing_body(w, ci).c_str(),
                    administration_text(s, mask).c_str(), seats, c.rows.seats(), std::popcount(arrangement_parties(mask)) - 1,
                    std::popcount(arrangement_parties(mask)) == 2 ? "" : "s", co.pact_alleged ? "; a pact allegation stands" : "");
    });
    return;
  }
  govern(x, 1u << largest_party(w, c), "minority");
}

/// The sanctions a group meets for defying the body that signs off its deals: its councillors' suspension by a body
/// that can discipline, and, where charges follow, the breach put to the executive as established findings (R18's
/// item: it may bring charges, and the disciplinary hearing may expel the suspended). Returns how many were suspended.
int sanction_defiance(const step_context& x) {
  world& w = x.w;
  const council_id ci = x.ci;
  council_state& c = w.councils[ci];
  if (charges_follow(w, ci)) c.centre.breach_leader = c.leadership.leader;  // whom the breach's case is against
  const int suspended = signing_body_disciplines(w, ci) ? suspend_group(w, c) : 0;
  if (charges_follow(w, ci) && !pending(w, c, investigations::findings_item)) {
    const double severity = w.params->R11.breach_severity;
    c.centre.findings = static_cast<float>(std::max<double>(c.centre.findings, severity));
    file_item(w, ci, new_item(w, ci, investigations::findings_item, investigations::urgency(w, severity), severity,
                              w.national.executive_median));
  }
  return suspended;
}

void refused(const step_context& x, std::uint32_t mask, const char* why) {
  world& w = x.w;
  const council_id ci = x.ci;
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  c.coalition.pending = 0;
  c.coalition.refused_by_vote = true;
  central_action(c, w.params->R11.veto_visibility);  // a veto is a central action in the area
  const draw_stream rng = x.rng;
  const double p_defy = c.leadership.leader != nobody ? sigmoid(w.params->R11.d0 + defiance_payoff(w, c, mask)) : 0.0;
  if (c.leadership.leader != nobody && rng.bernoulli(p_defy, ci, 0)) {
    // The group joins anyway; it meets the sanctions of the body it defies.
    const int suspended = sanction_defiance(x);
    x.emit(event::veto_defied, suspended, [&] {
      return format("%s: the group defies the veto and joins %s (p %.2f); %d councillors suspended%s", why,
                    administration_text(s, mask).c_str(), p_defy, suspended,
                    charges_follow(w, ci) ? ", the breach put to the executive" : "");
    });
    govern(x, mask, "coalition (in defiance)");
    return;
  }
  // The body refused this deal, not every deal: the group may still ask for one with other partners (Lewes 2023: a
  // three-party alliance refused, then a two-party one agreed; Canterbury 2023: a deal with the Greens ruled out, then
  // one with the Liberal Democrats). The same partners in another form (a coalition for a minority they sustain) are
  // not put again: the body refused those partners (Cherwell 2023: after the refusal the Conservatives governed; a
  // looser tie with the same partners, tried, gave Labour office in half the runs).
  const std::uint32_t party_bits = (1u << s.party_index) | (1u << (s.party_index + support_shift));
  const std::uint32_t partners = arrangement_parties(mask & ~party_bits);
  coalition_state& co = c.coalition;
  for (int i = co.next; i < co.count; ++i) {
    std::uint32_t& option = co.options[static_cast<std::size_t>(i)];
    if (((arrangement_parties(option) >> s.party_index) & 1u) && arrangement_parties(option & ~party_bits) == partners) option = 0;
  }
  bear_override(c, w.params->R11.publicity_veto, office_given_up(w, c, mask));
  x.emit(event::veto_accepted, 0,
       [&] { return format("%s: the group stays out of %s", why, administration_text(s, mask).c_str()); });
  try_next_coalition(x);
}

/// No answer came before the deal's deadline (the signing body did not decide it): not a veto. The group goes ahead
/// anyway, as it would defy a veto (the same weighing of office, policy and sanction), and the deal is looked at after
/// the fact; or it stays out and the next option is tried.
void no_answer(const step_context& x, std::uint32_t mask) {
  world& w = x.w;
  const council_id ci = x.ci;
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  c.coalition.pending = 0;
  const double p_go = c.leadership.leader != nobody ? sigmoid(w.params->R11.d0 + defiance_payoff(w, c, mask)) : 0.0;
  if (c.leadership.leader != nobody && x.rng.bernoulli(p_go, ci, 5)) {
    govern(x, mask, "coalition (no answer in time: the group goes ahead)");
    file_after_the_fact(x, mask);
    return;
  }
  c.coalition.party_stays_out = true;  // it stays out: the other options are tried without the party
  x.emit(event::stays_out, 0, [&] {
    return format("no answer in time: the group stays out of %s (p of going ahead %.2f)", administration_text(s, mask).c_str(), p_go);
  });
  try_next_coalition(x);
}

/// The executive's look at a deal made without its sign-off: it stands, or the group is ordered to withdraw and
/// complies (the administration falls and the other options are tried without the party) or defies.
void after_the_fact(const step_context& x, const decision& d) {
  world& w = x.w;
  const council_id ci = x.ci;
  const scenario& s = *w.scen;
  council_state& c = w.councils[ci];
  const std::uint32_t deal = d.coalition;
  c.coalition.unapproved = 0;
  if (c.electoral.administration != deal) return;  // the deal has fallen meanwhile
  if (d.is(coalition_sign_off::approve)) {
    x.emit(event::approved_after_the_fact, 0,
         [&] { return format("%s lets %s stand", signing_body(w, ci).c_str(), administration_text(s, deal).c_str()); });
    return;
  }
  central_action(c, w.params->R11.reversal_visibility);  // an order to withdraw is a central override (R3, satisfaction, member mood)
  x.emit(event::reversal_ordered, 0, [&] {
    return format("%s orders the group to withdraw from %s%s", signing_body(w, ci).c_str(), administration_text(s, deal).c_str(),
                  coalition_sign_off::crosses_lines(w, deal) ? " (across the party's national cooperation lines)" : "");
  });
  const double p_defy = c.leadership.leader != nobody ? sigmoid(w.params->R11.d0 + defiance_payoff(w, c, deal)) : 0.0;
  if (c.leadership.leader != nobody && x.rng.bernoulli(p_defy, ci, 4)) {
    const int suspended = sanction_defiance(x);
    x.emit(event::reversal_defied, suspended, [&] {
      return format("the group stays in office against the order (p %.2f); %d councillors suspended%s", p_defy, suspended,
                    charges_follow(w, ci) ? ", the breach put to the executive" : "");
    });
    return;
  }
  bear_override(c, w.params->R11.publicity_reversal, office_given_up(w, c, deal));
  x.emit(event::reversal_complied, 0, [&] {
    return format("the group withdraws (p of defying %.2f): %s falls", p_defy, administration_text(s, deal).c_str());
  });
  c.electoral.administration = 0;
  c.coalition.party_stays_out = true;  // the other options are tried without the party
  c.coalition.refused_by_vote = true;
  c.coalition.pending = 0;
  coalition_options(w, c, c.coalition);
  try_next_coalition(x);
}

/// A body's members' log-odds of approving a deal. The vote knows the partners: one across the party's national
/// cooperation lines is refused almost surely, and each member weighs how far the partners stand from them.
void deal_logits(const world& w, const agenda_item& item, const motion_def&, std::span<const executive_member> members,
                 std::span<double> out) {
  const auto& p = w.params->R11;
  const std::uint32_t coalition = item.coalition;
  const council_state& c = council_of(w, item);
  const int seats = seats_of(c, coalition);
  const double total = static_cast<double>(c.rows.seats());
  const double margin = (seats - total / 2) / total;
  const int partners = std::popcount(arrangement_parties(coalition)) - 1;
  const bool across_line = coalition_sign_off::crosses_lines(w, coalition);
  const bool in_office = c.coalition.unapproved == coalition && c.electoral.administration == coalition;
  const std::uint32_t party_bits = (1u << w.scen->party_index) | (1u << (w.scen->party_index + support_shift));
  const policy_point partners_at = arrangement_position(w, c, coalition & ~party_bits);
  const double looser = supporting_parties(coalition) ? p.a_support : 0.0;  // confidence and supply, not a coalition
  const double shared = p.a0 + looser + p.a_margin * margin - p.a_partners * (partners - 1) + p.a_strength * (item.strength - 0.5) -
                        p.a_media * w.national.media_risk - (c.coalition.pact_alleged ? p.a_pact : 0.0) -
                        (across_line ? p.a_line : 0.0) + (in_office ? p.a_in_office : 0.0);
  for (std::size_t m = 0; m < members.size(); ++m)
    out[m] = shared - p.a_central * members[m].centralism - p.a_distance * w.scen->distance(partners_at, member_point(w, members[m]));
}

/// The deal's draws: keyed by the deal (a body's index keeps its draws apart from another's).
std::uint64_t deal_counter(const agenda_item& item, const motion_def&) { return item.coalition; }

void deal_menu(const world&, const agenda_item&, motion_list& out) { out.offer(coalition_sign_off::approve); }

std::string deal_told(const world& w, const agenda_item& item, const decision& d) {
  const council_state& c = w.councils[d.council];
  const int seats = seats_of(c, d.coalition);
  const double total = static_cast<double>(c.rows.seats());
  const int partners = std::popcount(arrangement_parties(d.coalition)) - 1;
  const bool in_office = c.coalition.unapproved == d.coalition && c.electoral.administration == d.coalition;
  const body_def& body = body_of(w, d.body);
  return format("%s%s (%d partner%s, margin %.0f%% of seats, the party's share %.0f%%), %s, %s meeting: %d of %d "
                "members approve%s",
                in_office ? "after the fact, " : "", supporting_parties(d.coalition) ? "confidence and supply" : "coalition deal",
                partners, partners == 1 ? "" : "s", 100 * (seats - total / 2) / total, 100 * item.strength, body.name.c_str(),
                d.emergency ? "emergency" : "ordinary", d.yes, d.of, c.coalition.pact_alleged ? "; a pact allegation stands" : "");
}

}  // namespace

int coalition_sign_off::regional_signer(const scenario& s, council_id ci) {
  const int region = s.councils[row(ci)].region_index;
  if (region < 0) return -1;
  for (std::size_t b = 0; b < s.institutions.bodies.size(); ++b) {
    const body_def& body = s.institutions.bodies[b];
    if (body.region_index == region && std::find(body.decides.begin(), body.decides.end(), item.name) != body.decides.end())
      return static_cast<int>(b);
  }
  return -1;
}

bool coalition_sign_off::sign_off_needed(const scenario& s, council_id ci) {
  return regional_signer(s, ci) >= 0 || s.executive.powers.coalition_sign_off;
}

bool coalition_sign_off::crosses_lines(const scenario& s, std::uint32_t mask) {
  // Where the lines forbid only governing together (`support_across_lines`), a party across them may sustain a
  // minority of the party's from outside (Scottish Labour 2022: no formal coalitions with the SNP or the
  // Conservatives; minority administrations on their votes allowed).
  const std::uint32_t parties = s.executive.support_across_lines ? governing_parties(mask) : arrangement_parties(mask);
  for (const auto& id : s.executive.cooperation_lines)
    if ((parties >> s.party_id(id)) & 1u) return true;
  return false;
}

bool coalition_sign_off::will_govern_together(const world& w, std::size_t a, std::size_t b) {
  const scenario& s = *w.scen;
  if (s.distance(s.party_point(a), s.party_point(b)) > w.params->R11.max_partner_distance) return false;
  for (const auto& other : s.parties[a].refuses)
    if (other == s.parties[b].id) return false;
  for (const auto& other : s.parties[b].refuses)
    if (other == s.parties[a].id) return false;
  return true;
}

void coalition_sign_off::start_formation(world& w, council_id ci) {
  const step_context x(w, ci, id);
  council_state& c = x.c;
  c.coalition.party_stays_out = false;
  c.coalition.refused_by_vote = false;
  c.coalition.pending = 0;
  c.coalition.unapproved = 0;
  coalition_options(w, c, c.coalition);
  if (const std::uint32_t deal = c.coalition.negotiated) {
    // The deal the local parties have negotiated is on the table first.
    coalition_state& co = c.coalition;
    std::array<std::uint32_t, 16> ordered{deal};
    int n = 1;
    for (int i = 0; i < co.count && n < static_cast<int>(ordered.size()); ++i)
      if (co.options[static_cast<std::size_t>(i)] != deal) ordered[static_cast<std::size_t>(n++)] = co.options[static_cast<std::size_t>(i)];
    co.options = ordered;
    co.count = n;
  }
  try_next_coalition(x);
  c.coalition.negotiated = 0;  // a fact of the first formation only
}

void coalition_sign_off::on_count(world& w, council_id ci) {
  const council_state& c = w.councils[ci];
  if (c.electoral.control < 0 && c.mayoralty.party < 0) start_formation(w, ci);
}

void coalition_sign_off::setup(world& w, council_id ci) {
  const scenario& s = *w.scen;
  const council_def& def = s.councils[row(ci)];
  council_state& c = w.councils[ci];
  c.electoral.administration = def.administration_mask;
  c.coalition.negotiated = def.negotiated_mask;
  if (c.electoral.administration == 0) {
    // Hung at the count just before the run, with no administration given: the hooks on a count run in week 0.
    c.electoral.counted = true;
    for (std::size_t k = 0; k < def.seats_before.keys.size(); ++k)
      c.electoral.seats_before_count[static_cast<std::size_t>(s.party_id(def.seats_before.keys[k]))] =
          static_cast<std::int32_t>(def.seats_before.values[k]);
    return;
  }
  // A given deal of the party with others that was not signed off, or that crosses the party's national cooperation
  // lines, goes to the body that signs off at week 0 (sign-off after the fact), if the party's rules ask for it.
  const std::uint32_t deal = c.electoral.administration;
  const std::uint32_t parties = arrangement_parties(deal);
  if (((parties >> s.party_index) & 1u) && std::popcount(parties) >= 2 && sign_off_needed(s, ci) &&
      (!def.administration_approved || crosses_lines(s, deal))) {
    c.coalition.unapproved = deal;
    c.coalition.review_at_start = true;
  }
}

void coalition_sign_off::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  council_state& c = x.c;
  coalition_state& co = c.coalition;
  if (co.review_at_start && w.week == 0) {
    co.review_at_start = false;
    file_after_the_fact(x, co.unapproved);
    x.emit(event::coalition_request, 0, [&] {
      return format("%s is to look at %s, in office without its sign-off%s", signing_body(w, ci).c_str(), administration_text(*w.scen, co.unapproved).c_str(),
                    crosses_lines(w, co.unapproved) ? " and across the party's national cooperation lines" : "");
    });
    return;
  }
}

void coalition_sign_off::apply(world& w, council_id ci, const decision& d) {
  const step_context x(w, ci, id);
  council_state& c = x.c;
  clear_pending(w, c, item);
  if (d.is(lapsed)) {
    if (c.coalition.unapproved && c.coalition.unapproved == d.coalition) c.coalition.unapproved = 0;  // unreviewed, it stands
    if (c.coalition.pending == d.coalition) no_answer(x, d.coalition);
    return;
  }
  if (c.coalition.unapproved && c.coalition.unapproved == d.coalition) {
    after_the_fact(x, d);
    return;
  }
  if (c.coalition.pending != d.coalition) return;  // a stale decision about a deal no longer on the table
  if (d.is(approve)) {
    x.emit(event::coalition_approved);
    govern(x, d.coalition, "coalition (signed off)");
    return;
  }
  refused(x, d.coalition, (signing_body(w, ci) + " refuses the deal").c_str());
}

const motion_def coalition_sign_off::approve{.name = "approve_coalition", .decided = event::decision_approve_coalition, .draw_key = 7};
const motion_def coalition_sign_off::refuse{.name = "refuse_coalition", .decided = event::decision_refuse_coalition, .draw_key = 8};
const motion_def coalition_sign_off::lapsed{.name = "deal_lapsed", .decided = event::deal_lapsed};

namespace {
int deal_deadline(const world& w) { return w.params->R11.deadline_weeks; }
}  // namespace

const item_kind_def coalition_sign_off::item{.name = "coalition",
    .by = "R11: the deal governs, is refused (defied or not), lapses, or is let stand or reversed after the fact",
                                             .votes = coalition_sign_off::id,
                                             .no_majority = &coalition_sign_off::refuse,
                                             .lapsed = &coalition_sign_off::lapsed,
                                             .deadline_weeks = deal_deadline,
                                             .menu = deal_menu,
                                             .logits = deal_logits,
                                             .counter = deal_counter,
                                             .decided = coalition_sign_off::apply,
                                             .told = deal_told};

}  // namespace partyline
