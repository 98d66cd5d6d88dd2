// R14 Member exit and defection. Exits are rare, so instead of a draw per member per week the council's candidates
// are found by geometric skipping at an upper-bound rate and each is accepted with their own probability over that
// bound (thinning): exact, and O(exits) rather than O(members).
#include "partyline/rules/r14_member_exit.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

namespace {

/// The two reaches of the thinning bound on the first axis: the largest e_distance s x - e_loyalty l over the
/// council's members (right) and the largest -e_distance s x - e_loyalty l (left).
struct first_axis_reach {
  float right = -1e30f, left = -1e30f;
  void add(double slope, double e_loyalty, double x, double l) {
    right = std::max(right, static_cast<float>(slope * x - e_loyalty * l));
    left = std::max(left, static_cast<float>(-slope * x - e_loyalty * l));
  }
};

/// Stores the bound's reaches: the first axis' as scanned, the other axes' (positions only) scanned here.
void store_reach(world& w, council_id ci, const first_axis_reach& first) {
  const auto& p = w.params->R14;
  membership_state& ms = w.councils[ci].membership;
  float more = 0;
  if (w.space.others > 0) {
    const place centre = centre_place(w, 0.0);
    for (const member_id m : w.councils[ci].rows.members()) {
      place at = member_place(w, m);
      at.x = 0;
      more = std::max(more, static_cast<float>(p.e_distance * distance(w, at, centre)));
    }
  }
  ms.exit_reach_more = more + (more > 0 ? 1e-4f : 0.0f);
  // Rounded up a little so that float rounding can never put a member above the bound.
  ms.exit_reach_right = first.right + 1e-4f;
  ms.exit_reach_left = first.left + 1e-4f;
}

}  // namespace

void member_exit::bound_exits(world& w, council_id ci) {
  const auto& p = w.params->R14;
  const double slope = p.e_distance * w.space.first_salience;
  first_axis_reach reach;
  for (const member_id m : w.councils[ci].rows.members()) reach.add(slope, p.e_loyalty, w.members.position_of(m), w.members.loyalty_of(m));
  store_reach(w, ci, reach);
}

void member_exit::react_to_central_actions(world& w, council_id ci) {
  const auto& p = w.params->R14;
  council_state& c = w.councils[ci];
  const double fresh = c.centre.central_actions - c.membership.central_actions_seen;
  if (fresh <= 0) return;
  c.membership.central_actions_seen = c.centre.central_actions;
  const place centre = centre_place(w, w.national.executive_median);
  auto& cols = w.members;
  // The loyalties move, so the thinning bound is found again: in the same pass (one walk over the members, not two).
  const double slope = p.e_distance * w.space.first_salience;
  first_axis_reach reach;
  for (const member_id m : c.rows.members()) {
    const double shift = fresh * (p.l_rally - p.l_against * distance(w, member_place(w, m), centre));
    cols.loyalty[m] = member_columns::loyalty_byte(cols.loyalty_of(m) + shift);
    reach.add(slope, p.e_loyalty, cols.position_of(m), cols.loyalty_of(m));
  }
  store_reach(w, ci, reach);
}

void member_exit::run(world& w, council_id ci) {
  const step_context x(w, ci, id);
  react_to_central_actions(w, ci);
  const scenario& s = *w.scen;
  const auto& p = w.params->R14;
  council_state& c = w.councils[ci];
  const council_rows& rows = c.rows;
  const std::uint64_t n = rows.member_end - rows.member_begin;
  if (n == 0) return;
  const double members = member_roll(c);
  const double central = c.centre.intervention_stock + p.suspended_weight * static_cast<double>(c.membership.suspended) / members;
  const double local = p.e0 + p.e_central * central;
  // The thinning bound: the largest exit probability any member here can have this week. For every member,
  // e_distance s |x - centre| - e_loyalty l <= max(right - e_distance s centre, left + e_distance s centre), the two
  // reaches being the largest values over the council's members (bound_exits), plus the largest on the other axes.
  const place centre = centre_place(w, w.national.executive_median);
  const double slope = p.e_distance * w.space.first_salience;
  const double reach = std::max(c.membership.exit_reach_right - slope * centre.x, c.membership.exit_reach_left + slope * centre.x) +
                       c.membership.exit_reach_more;
  const double bound = sigmoid(local + reach);
  if (bound <= 0) return;
  const draw_stream rng = draws(w, id);
  const double log_keep = std::log1p(-std::min(bound, 1.0 - 1e-12));
  auto& status = w.members.status;
  const auto& position = w.members.position;
  const member_columns& cols = w.members;
  // The candidates' rows depend only on the draws, so they are found a batch at a time and their columns fetched
  // ahead: in a large membership each candidate is a cache miss, and the batch lets the misses overlap.
  constexpr std::size_t batch = 128;
  std::array<std::uint64_t, batch> rows_ahead{};
  std::uint64_t m = rows.member_begin;
  std::uint64_t k = 0;
  bool more = true;
  while (more) {
    std::size_t found = 0;
    while (found < batch) {
      // Skip ahead to the next candidate: geometric with success probability `bound`.
      const double u = 1.0 - rng.uniform(ci, 2 * k);
      const double skip = std::floor(std::log(u) / log_keep);
      if (skip >= static_cast<double>(rows.member_end - m)) {
        more = false;
        break;
      }
      m += static_cast<std::uint64_t>(skip);
      rows_ahead[found++] = m;
      __builtin_prefetch(&status[m]);
      __builtin_prefetch(&position[m]);
      __builtin_prefetch(&cols.loyalty[m]);
      if (++m >= rows.member_end || ++k >= (1u << 19)) {
        more = false;
        break;
      }
    }
    for (std::size_t j = 0; j < found; ++j) {
      const auto r = static_cast<member_id>(rows_ahead[j]);  // the candidates' rows, gathered by the branch-free scan
      if (status[r] != member_status::member && status[r] != member_status::suspended) continue;
      const place member = member_place(w, r);
      const double from_centre = distance(w, member, centre);
      const double odds = local + p.e_distance * from_centre - p.e_loyalty * cols.loyalty_of(r);
      if (rng.uniform(r, 0) * bound >= sigmoid(odds)) continue;
      // The party nearest the leaver: if it is not this one, they may join it.
      std::size_t nearest = our_party(w);
      double best = from_centre;
      for (std::size_t q = 0; q < s.parties.size(); ++q) {
        if (s.parties[q].id == "ind" || q == our_party(w)) continue;
        const double d = distance(w, member, party_place(w, q));
        if (d < best) {
          best = d;
          nearest = q;
        }
      }
      if (status[r] == member_status::suspended) --c.membership.suspended;
      const bool defects = nearest != our_party(w) && rng.bernoulli(p.p_defect, r, 1);
      status[r] = defects ? member_status::defected : member_status::left;
      ++c.membership.left;
      if (defects)
        x.emit(event::defection, 1,
             [&] { return format("a member leaves and joins %s", s.parties[nearest].name.c_str()); });
    }
  }
}

void member_exit::recruit(world& w, council_id ci) {
  const step_context x(w, ci, id);
  const scenario& s = *w.scen;
  const auto& p = w.params->R14;
  council_state& c = w.councils[ci];
  membership_state& ms = c.membership;
  if (ms.prospective <= 0) return;
  const council_rows& rows = c.rows;
  const double members = member_roll(c) - static_cast<double>(ms.left);
  const double standing = s.national.standing + s.national.standing_trend * w.week / 52.0;
  const double rate = sigmoid(p.j0 + p.j_standing * standing + p.j_mobilisation * ms.mobilisation +
                              p.j_faction * s.councils[row(ci)].members.faction_share + p.j_central * c.centre.intervention_stock);
  // Each kept row joins with q = expected recruits / rows kept; rows are visited by geometric skips at rate q, so the
  // cost is O(recruits), and members' rows are skipped (they are candidates at the same rate but not recruits).
  const double q = std::min(1.0, rate * std::max(0.0, members) / static_cast<double>(ms.prospective));
  if (q <= 0) return;
  const draw_stream rng = draws(w, id);
  const double log_keep = std::log1p(-std::min(q, 1.0 - 1e-12));
  auto& status = w.members.status;
  std::int64_t joined = 0;
  std::uint64_t m = rows.member_begin;
  for (std::uint64_t k = 0; k < (1u << 19); ++k) {
    const double u = 1.0 - rng.uniform((std::uint64_t{1} << 40) + row(ci), k);
    const double skip = std::floor(std::log(u) / log_keep);
    if (skip >= static_cast<double>(rows.member_end - m)) break;
    m += static_cast<std::uint64_t>(skip);
    if (status[m] == member_status::prospective) {
      status[m] = member_status::member;
      ++joined;
    }
    if (++m >= rows.member_end) break;
  }
  ms.prospective -= joined;
  ms.joined += joined;
  if (joined > 0) x.emit(event::member_joined, joined);
}

}  // namespace partyline
