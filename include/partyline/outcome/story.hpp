#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 5
#error "partyline/outcome/story.hpp belongs to stage 5 (outcome): a lower stage may not include it"
#endif
/// @brief The story of a run, as the run summary tells it: the focus councils' events in order, the important ones
/// each on a line (requests with their size, the executive's decisions with tally and notice, letters and their
/// signatories, leader changes, the policy's course, the election result), lesser ones of a kind grouped, and the
/// background (generated councils, members' moves) as counts per period.
#include <cstddef>
#include <string>
#include <vector>

#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/scenario.hpp"

namespace partyline {

/// How an event kind enters the story.
enum class story_weight : unsigned char {
  major,    ///< a line of its own, always shown
  minor,    ///< grouped with its neighbours of the same council and rule; dropped first when lines run short
  routine,  ///< counted per period with the background (members' moves)
};
[[nodiscard]] story_weight story_weight_of(event kind);

/// @brief The outcomes a case's typical run is judged on: those its documented facts (the scenario's run-level
/// targets) name, each term of a sum; none when it has no such target (then every outcome counts).
[[nodiscard]] std::vector<run_outcome> focus_outcomes(const scenario& s);

/// @brief The run a summary tells and how typical it is.
struct typical_choice {
  std::size_t index = 0;             ///< into the results
  std::vector<run_outcome> judged;   ///< the outcomes it was judged on (those that vary over the runs)
  double distance = 0;               ///< its distance from the runs' centre (root mean square of robust z-scores)
  double median_distance = 0;        ///< the median run's distance, for scale
  double same_pattern = 0;           ///< share of runs with its pattern of what happened (which outcomes are > 0)
  bool in_bulk = false;              ///< it lies inside the middle 80% of the runs on every judged outcome
  /// One line: "nearest the centre of the N runs on ...: requests 1 (median 1), ...; the median run is D away".
  [[nodiscard]] std::string describe(const std::vector<run_result>& results) const;
};

/// @brief The run nearest the centre of the runs on the `focus` outcomes (all non-level outcomes when empty),
/// magnitudes included: each outcome is centred on its median and scaled by its interquartile range / 1.349 (its
/// standard deviation where that is 0; an outcome equal in every run is left out), and the run with the smallest
/// root mean square of these z-scores is chosen (the first on a tie) among the runs that lie inside the middle 80%
/// of the runs (10th-90th percentile) on every judged outcome -- among all runs if none does. A typical run, not an
/// unusual one: with many outcomes, the nearest to the centre overall can still be extreme on one of them (a
/// bimodal count). index 0 for no runs.
[[nodiscard]] typical_choice typical_run(const std::vector<run_result>& results, const std::vector<run_outcome>& focus = {});

/// @brief The story of one run kept with its event log. At most `max_lines` lines of focus events (major ones are
/// kept first); the background follows as counts per period. Each line starts with four spaces.
[[nodiscard]] std::string tell_story(const scenario& s, const run_result& r, int max_lines);

}  // namespace partyline
