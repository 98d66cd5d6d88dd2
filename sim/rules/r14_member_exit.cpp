// R14 Member exit and defection. Exits are rare, so instead of a draw per member per week the council's candidates
// are found by geometric skipping at an upper-bound rate and each is accepted with their own probability over that
// bound (thinning): exact, and O(exits) rather than O(members).
#include "partyline/rules/r14_member_exit.hpp"

#include <algorithm>
#include <cmath>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void member_exit::run(world& w, std::size_t ci) {
  const scenario& s = *w.scen;
  const auto& p = w.params->R14;
  council_state& c = w.councils[ci];
  const council_rows& rows = c.rows;
  const std::uint64_t n = rows.member_end - rows.member_begin;
  if (n == 0) return;
  const double members = static_cast<double>(n);
  const double central = c.centre.intervention_stock + p.suspended_weight * static_cast<double>(c.membership.suspended) / members;
  const double local = p.e0 + p.e_central * central;
  const double bound = sigmoid(local + std::max(0.0, p.e_distance) * 2.0 + std::max(0.0, -p.e_loyalty));
  if (bound <= 0) return;
  const double centre = w.national.executive_median;
  const draw_stream rng = draws(w, id);
  const double log_keep = std::log1p(-std::min(bound, 1.0 - 1e-12));
  auto& status = w.members.status;
  const auto& position = w.members.position;
  std::uint64_t m = rows.member_begin;
  for (std::uint64_t k = 0;; ++k) {
    // Skip ahead to the next candidate: geometric with success probability `bound`.
    const double u = 1.0 - rng.uniform(ci, 2 * k);
    const double skip = std::floor(std::log(u) / log_keep);
    if (skip >= static_cast<double>(rows.member_end - m)) break;
    m += static_cast<std::uint64_t>(skip);
    if (status[m] == member_status::member || status[m] == member_status::suspended) {
      const double x = local + p.e_distance * std::abs(position[m] - centre) - p.e_loyalty * w.members.loyalty[m];
      if (rng.uniform(m, 0) * bound < sigmoid(x)) {
        // The party nearest the leaver: if it is not this one, they may join it.
        std::size_t nearest = static_cast<std::size_t>(s.party_index);
        double best = std::abs(position[m] - centre);
        for (std::size_t q = 0; q < s.parties.size(); ++q) {
          if (s.parties[q].id == "ind" || q == static_cast<std::size_t>(s.party_index)) continue;
          const double d = std::abs(position[m] - s.parties[q].position);
          if (d < best) {
            best = d;
            nearest = q;
          }
        }
        if (status[m] == member_status::suspended) --c.membership.suspended;
        const bool defects = nearest != static_cast<std::size_t>(s.party_index) && rng.bernoulli(p.p_defect, m, 1);
        status[m] = defects ? member_status::defected : member_status::left;
        ++c.membership.left;
        if (defects)
          emit(w, static_cast<int>(ci), id, event::defection, 1,
               [&] { return format("a member leaves and joins %s", s.parties[nearest].name.c_str()); });
      }
    }
    if (++m >= rows.member_end || k + 1 >= (1u << 19)) break;
  }
}

}  // namespace partyline
