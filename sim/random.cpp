// The keyed normal draw (random.hpp): Boost.Random's ziggurat fed by the counter-based bits.
#include "partyline/random.hpp"

#include <boost/random/normal_distribution.hpp>

namespace partyline {

namespace {

/// A uniform random bit generator over the keyed bits of one (entity, counter) pair: its first two outputs are the
/// bits at counters 2c and 2c+1, any further ones a SplitMix64 sequence started from the second.
class keyed_bits {
 public:
  using result_type = std::uint64_t;
  keyed_bits(const draw_stream& s, entity e, std::uint64_t counter) noexcept : s_(s), e_(e), at_(2 * counter) {}
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return ~result_type{0}; }
  result_type operator()() noexcept {
    if (n_ < 2) {
      const result_type b = s_.bits(e_, at_ + n_++);
      last_ = b;
      return b;
    }
    return splitmix64(last_ + 0x9e3779b97f4a7c15ULL * n_++);
  }

 private:
  const draw_stream& s_;
  entity e_;
  std::uint64_t at_;
  std::uint64_t n_ = 0;
  result_type last_ = 0;
};

}  // namespace

double draw_stream::normal(entity e, std::uint64_t counter) const noexcept {
  keyed_bits bits(*this, e, counter);
  return boost::random::normal_distribution<double>()(bits);
}

}  // namespace partyline
