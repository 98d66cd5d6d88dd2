#include "partyline/rules/opinion.hpp"

#include <algorithm>
#include <cassert>

namespace partyline {

void bounded_confidence_step(float* x, std::span<std::uint32_t> agents, std::span<float> work, double bound,
                             double rate) {
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

}  // namespace partyline
