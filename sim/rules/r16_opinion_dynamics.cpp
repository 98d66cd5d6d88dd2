// R16 Opinion dynamics: bounded confidence inside each group.
#include "partyline/rules/r16_opinion_dynamics.hpp"

#include <algorithm>
#include <cassert>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

void bounded_confidence_step(float* x, std::span<std::uint32_t> agents, std::span<float> work, double bound, double rate) {
  const std::size_t n = agents.size();
  assert(work.size() >= n && "work space too small");
  std::sort(agents.begin(), agents.end(), [x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
  // Confidants of the k-th smallest form a window [lo, hi] that only moves right as k grows.
  std::size_t lo = 0, hi = 0;
  double window = 0;  // sum of x over [lo, hi)
  for (std::size_t k = 0; k < n; ++k) {
    const double xk = x[agents[k]];
    while (hi < n && x[agents[hi]] <= xk + bound) window += x[agents[hi++]];
    while (x[agents[lo]] < xk - bound) window -= x[agents[lo++]];
    work[k] = static_cast<float>(window / static_cast<double>(hi - lo));
  }
  for (std::size_t k = 0; k < n; ++k) {
    float& v = x[agents[k]];
    v += static_cast<float>(rate) * (work[k] - v);
  }
}

void opinion_dynamics::run(world& w, std::size_t ci) {
  const auto& p = w.params->R16;
  const council_state& c = w.councils[ci];
  if (p.rate <= 0 || c.leadership.leader < 0) return;
  std::uint32_t* rows = w.work.rows.data() + c.rows.seat_begin;
  std::uint32_t n = 0;
  for (std::uint32_t r : group_rows(w, c)) rows[n++] = r;
  if (n <= 1) return;
  float* work = w.work.values.data() + c.rows.seat_begin;
  if (w.space.others == 0) {
    // The bound: epsilon x the axis width (2), in salience-weighted distance, on the one axis.
    const double bound = w.space.first_salience > 0 ? 2.0 * p.epsilon / w.space.first_salience : 1e9;
    bounded_confidence_step(w.councillors.position.data(), std::span<std::uint32_t>(rows, n), std::span<float>(work, n), bound,
                            p.rate);
    return;
  }
  // More axes: confidants are those within 2 epsilon over all of them (a group is small: every pair is looked at);
  // positions move on the first axis only (the other axes are identities that a group's talk does not shift).
  const double bound = 2.0 * p.epsilon;
  for (std::uint32_t k = 0; k < n; ++k) {
    const place at = councillor_place(w, rows[k]);
    double sum = 0;
    int confidants = 0;
    for (std::uint32_t j = 0; j < n; ++j) {
      const place other = councillor_place(w, rows[j]);
      if (distance(w, at, other) > bound) continue;
      sum += other.x;
      ++confidants;
    }
    work[k] = static_cast<float>(sum / confidants);  // k is its own confidant
  }
  for (std::uint32_t k = 0; k < n; ++k) {
    float& v = w.councillors.position[rows[k]];
    v += static_cast<float>(p.rate) * (work[k] - v);
  }
}

}  // namespace partyline
