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

/// @brief The run a summary tells: the first whose pattern of what happened (which run outcomes are > 0) is the
/// most common across the runs -- a typical run, not an unusual one. 0 for no runs.
[[nodiscard]] std::size_t typical_run(const std::vector<run_result>& results);

/// @brief The story of one run kept with its event log. At most `max_lines` lines of focus events (major ones are
/// kept first); the background follows as counts per period. Each line starts with four spaces.
[[nodiscard]] std::string tell_story(const scenario& s, const run_result& r, int max_lines);

}  // namespace partyline
