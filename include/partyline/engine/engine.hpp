#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 4
#error "partyline/engine/engine.hpp belongs to stage 4 (engine): a lower stage may not include it"
#endif
/// @brief Stepping a world week by week through the schedule of rules (rules/model.hpp): the local, apply and
/// election phases in parallel over councils (oneTBB), the central and national phases in sequence.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <cassert>
#include <string>
#include <string_view>
#include <vector>

#include "partyline/error.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

/// @brief f(i) for every i in [0, n), in parallel (oneTBB, grain 1). The completion counter makes the workers'
/// writes visible to ThreadSanitizer, which cannot see oneTBB's own synchronisation (Debian's libtbb is not
/// instrumented); it costs one atomic add per chunk.
template <class F>
void parallel_over(std::size_t n, F&& f) {
  std::atomic<std::size_t> done{0};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
    done.fetch_add(r.size(), std::memory_order_release);
  });
  [[maybe_unused]] const std::size_t all = done.load(std::memory_order_acquire);
  assert(all == n || n == 0 || !"parallel loop lost a chunk");
}

/// @brief Throws run_cancelled when the world's cancel flag is raised (one relaxed load): the engine calls it before
/// every step, and world building between councils, their parts and every 65,536 members, so a stop is prompt.
inline void stop_if_cancelled(const world& w) {
  if (w.cancel != nullptr && w.cancel->load(std::memory_order_relaxed)) throw run_cancelled();
}

/// @brief Advances a world by one week through the phases of MODEL.md section 2.
void step_week(world& w);

/// @brief Where a week's time goes: seconds per step of the schedule, summed over the weeks stepped.
struct week_profile {
  struct entry {
    std::string_view step;  ///< the step's name in the schedule (rules/model.hpp)
    bool members = false;   ///< a step over the members' columns (their mood, exits, recruits, votes for the executive)
    double seconds = 0;
  };
  std::vector<entry> steps;  ///< every step of every phase, in schedule order (filled on first use)
  /// Seconds in the member steps, and in all the others (the councillors', the groups' and the bodies').
  [[nodiscard]] double member_seconds() const;
  [[nodiscard]] double other_seconds() const;
};

/// @brief step_week on one thread, step by step over all councils (each local step for every council, then the
/// next: the councils' local steps are independent, so the world comes out as step_week leaves it), timing each step
/// (for the benchmarks: what a member-week and a councillor-week cost).
void step_week_profiled(world& w, week_profile& profile);

/// @brief The phases of a week, each running its steps of the schedule (for tests and benchmarks; step_week runs
/// them all, in parallel where the schedule allows).
void local_phase(world& w, council_id council);
void central_phase(world& w);
void national_phase(world& w);
void apply_phase(world& w, council_id council);
void election_phase(world& w, council_id council);

/// @brief Advances a world by one week, one council at a time, checking every council step's declarations: after
/// each step, every concern of the council (and the executive and national state) that the step does not declare
/// it writes must be unchanged; and, with `reads`, the step is run again from the same start with every concern it
/// declares it neither reads nor writes perturbed (its real values moved a little), and what it writes must come out
/// the same. Returns one line per violation ("week 3 · council 0 · R7 backbench letter wrote leadership"). Slow; for
/// tests.
[[nodiscard]] std::vector<std::string> step_week_checking_access(world& w, bool reads = true);

struct council_step;  // partyline/rules/model.hpp

/// @brief Checks one council step for council `c` as step_week_checking_access does (the step is run; the world is
/// left as the step leaves it). Public so tests can show the check catches a step that breaks its declaration.
[[nodiscard]] std::vector<std::string> check_step_access(world& w, council_id c, const council_step& s, bool reads = true);

/// @brief Media risk in `week`: rises linearly to 1 over the horizon before a general election.
[[nodiscard]] double media_risk(const scenario& s, int week);

}  // namespace partyline
