#pragma once
/// @brief The week's phases (MODEL.md section 2). The engine calls them in order; the local and apply phases run
/// in parallel over councils, and each reads only its own council and the national snapshot of last week.
#include <cstddef>
#include <string>

#include "partyline/engine/random.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

/// Local phase for one council: scripted events, disputes (R8), councillor satisfaction and opinion (R16),
/// member mood, backbench letter (R7), regional referral (R9), leadership challenge (R10).
void local_phase(world& w, std::size_t council);

/// The local phase's steps, in order (public for benchmarks and tests).
void local_scripted_events(world& w, std::size_t council);
void local_disputes(world& w, std::size_t council);         ///< R8
void local_group_opinion(world& w, std::size_t council);    ///< satisfaction and R16
void local_member_mood(world& w, std::size_t council);      ///< activism
void local_backbench_letter(world& w, std::size_t council); ///< R7
void local_regional_referral(world& w, std::size_t council);///< R9
void local_leadership_challenge(world& w, std::size_t council);  ///< R10

/// Central phase: the executive's agenda, meetings and member-by-member votes (R2 machinery).
void central_phase(world& w);

/// National phase: reductions over all councils (backlash decay, media risk, the executive's median).
void national_phase(world& w);

/// Apply phase for one council: the decisions published this week that concern it.
void apply_phase(world& w, std::size_t council);

/// Installs a new group leader (drawn resolve and autonomy) and a cabinet of the councillors nearest them.
void install_leader(world& w, std::size_t council, std::int64_t new_leader, std::uint64_t draw_entity, stream rule);

/// Appends an event to a council's buffer (thread-safe for distinct councils) or, with council -1, to the log.
void log_event(world& w, int council, int rule, std::string event, std::string detail, int value = 0);

/// printf-style formatting for event details.
[[nodiscard]] std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/// Weeks of a crisis window covering `week`, or nullptr.
[[nodiscard]] const crisis_window* crisis_at(const scenario& s, int week);

}  // namespace partyline
