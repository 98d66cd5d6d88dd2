// R16 Opinion dynamics: bounded confidence inside each group.
#include "partyline/rules/r16_opinion_dynamics.hpp"

#include <algorithm>
#include <cassert>

#include "partyline/rules/detail/common.hpp"

namespace partyline {

using namespace detail;

namespace {

/// The step proper, on `agents` already in opinion order (ties in any order: every sum runs over the opinions in
/// order, so the step is the same whatever order tied agents are in).
void step_in_order(float* x, std::span<const std::uint32_t> agents, std::span<float> work, double bound, double rate) {
  const std::size_t n = agents.size();
  // Confidants of the k-th smallest form a window [lo, hi] that only moves right as k grows.
  std::size_t lo = 0, hi = 0;
  double window = 0;  // sum of x over [lo, hi)
  float mean = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double xk = x[agents[k]];
    const std::size_t was_lo = lo, was_hi = hi;
    while (hi < n && x[agents[hi]] <= xk + bound) window += x[agents[hi++]];
    while (x[agents[lo]] < xk - bound) window -= x[agents[lo++]];
    // In a group within the bound of itself the window seldom moves: the same confidants, the same mean.
    if (k == 0 || lo != was_lo || hi != was_hi) mean = static_cast<float>(window / static_cast<double>(hi - lo));
    work[k] = mean;
  }
  for (std::size_t k = 0; k < n; ++k) {
    float& v = x[agents[k]];
    v += static_cast<float>(rate) * (work[k] - v);
  }
}

}  // namespace

void bounded_confidence_step(float* x, std::span<std::uint32_t> agents, std::span<float> work, double bound, double rate) {
  assert(work.size() >= agents.size() && "work space too small");
  std::sort(agents.begin(), agents.end(), [x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
  step_in_order(x, agents, work, bound, rate);
}

namespace {

/// Groups up to this size look at every pair (exact); larger ones sample (confidants_sampled).
constexpr std::uint32_t exact_group_limit = 512;
/// How many of the councillors near enough on the first axis a councillor in a very large group looks at.
constexpr std::size_t sampled_confidants = 64;

/// The mean first-axis position of each councillor's confidants in a very large group, at a cost of n log n + 64 n.
/// The city-block distance is at least the first axis' part, so confidants lie in a window of the group sorted on
/// the first axis; the window is looked at whole when it holds at most 64 others, else as a systematic sample of 64
/// (every step-th councillor in position order: deterministic, and spread over the window as the group is). Each
/// councillor is their own confidant. `work[k]` is for the k-th row of `rows` in the order it is left (sorted).
void confidants_sampled(const world& w, std::span<std::uint32_t> rows, std::span<float> work, double bound) {
  const float* x = w.councillors.position.data();
  std::sort(rows.begin(), rows.end(), [x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
  const std::size_t n = rows.size();
  const double reach = w.space.first_salience > 0 ? bound / w.space.first_salience : 1e9;  // on the first axis
  std::size_t lo = 0, hi = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double xk = x[rows[k]];
    while (hi < n && x[rows[hi]] <= xk + reach) ++hi;
    while (x[rows[lo]] < xk - reach) ++lo;
    const place at = councillor_place(w, councillor_at(rows[k]));
    // Each sampled confidant stands for `step` of the window's (the councillor for themself alone), so the mean
    // weighs the councillor's own position as the exact step does.
    const std::size_t step = std::max<std::size_t>(1, (hi - lo + sampled_confidants - 1) / sampled_confidants);
    const auto weight = static_cast<double>(step);
    double sum = xk, confidants = 1;
    for (std::size_t j = lo; j < hi; j += step) {
      if (j == k) continue;
      const place other = councillor_place(w, councillor_at(rows[j]));
      if (distance(w, at, other) > bound) continue;
      sum += weight * other.x;
      confidants += weight;
    }
    work[k] = static_cast<float>(sum / confidants);
  }
}

}  // namespace

void opinion_dynamics::run(world& w, council_id ci) {
  const auto& p = w.params->R16;
  const council_state& c = w.councils[ci];
  if (p.rate <= 0 || c.leadership.leader == nobody) return;
  std::uint32_t* rows = w.work.rows.data() + c.rows.seat_begin;
  std::uint32_t n = 0;
  for (const councillor_id r : group_rows(w, c)) rows[n++] = row(r);  // the work buffer holds plain rows
  if (n <= 1) return;
  float* work = w.work.values.data() + c.rows.seat_begin;
  if (w.space.others == 0) {
    // The bound: epsilon x the axis width (2), in salience-weighted distance, on the one axis.
    const double bound = w.space.first_salience > 0 ? 2.0 * p.epsilon / w.space.first_salience : 1e9;
    float* x = w.councillors.position.data();
    // A step keeps the group's order (each moves to a convex mix of itself and its confidants' mean, and both are
    // monotone in its opinion), so last week's order is usually still the order: then the sort is an O(n) check.
    // Any other change -- a member gone or new, a position moved by another rule, rounding that swaps two nearly
    // equal -- fails the check and the group is sorted afresh. Either way the step is the same.
    std::uint32_t* order = w.work.opinion_order.data() + c.rows.seat_begin;
    std::uint32_t& kept = w.work.opinion_count[row(ci)];
    bool in_order = kept == n;
    for (std::uint32_t k = 0; in_order && k < n; ++k)
      in_order = in_group(w, councillor_at(order[k])) && (k == 0 || x[order[k - 1]] <= x[order[k]]);
    if (!in_order) {
      std::sort(rows, rows + n, [x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
      std::copy(rows, rows + n, order);
      kept = n;
    }
    step_in_order(x, std::span<const std::uint32_t>(order, n), std::span<float>(work, n), bound, p.rate);
    return;
  }
  // More axes: confidants are those within 2 epsilon over all of them; positions move on the first axis only (the
  // other axes are identities that a group's talk does not shift). A real group (the largest English council has
  // about 100 seats) is small: every pair is looked at. A group above exact_group_limit (a stress test, not a
  // council) is not allowed to cost n^2: see confidants_sampled.
  const double bound = 2.0 * p.epsilon;
  if (n > exact_group_limit) {
    confidants_sampled(w, std::span<std::uint32_t>(rows, n), std::span<float>(work, n), bound);
  } else {
    for (std::uint32_t k = 0; k < n; ++k) {
      const place at = councillor_place(w, councillor_at(rows[k]));
      double sum = 0;
      int confidants = 0;
      for (std::uint32_t j = 0; j < n; ++j) {
        const place other = councillor_place(w, councillor_at(rows[j]));
        if (distance(w, at, other) > bound) continue;
        sum += other.x;
        ++confidants;
      }
      work[k] = static_cast<float>(sum / confidants);  // k is its own confidant
    }
  }
  for (std::uint32_t k = 0; k < n; ++k) {
    float& v = w.councillors.position[rows[k]];
    v += static_cast<float>(p.rate) * (work[k] - v);
  }
}

}  // namespace partyline
