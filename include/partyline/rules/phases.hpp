#pragma once
/// @brief The week's phases (MODEL.md section 2). The engine calls them in order; the local and apply phases run
/// in parallel over councils, and each reads only its own council and the national snapshot of last week.
#include <cstddef>
#include <array>
#include <string>
#include <utility>

#include "partyline/engine/random.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

/// Local phase for one council: scripted events, disputes (R8), councillor satisfaction and opinion (R16),
/// member mood, backbench letter (R7), regional referral (R9), leadership challenge (R10).
void local_phase(world& w, std::size_t council);

/// The local phase's steps, in order (public for benchmarks and tests).
void local_calendar(world& w, std::size_t council);         ///< next election; decay of division stocks
void local_scripted_events(world& w, std::size_t council);
void local_disputes(world& w, std::size_t council);         ///< R8
void local_group_opinion(world& w, std::size_t council);    ///< satisfaction and R16
void local_member_mood(world& w, std::size_t council);      ///< activism
void local_backbench_letter(world& w, std::size_t council); ///< R7
void local_request(world& w, std::size_t council);          ///< R1
void local_regional_referral(world& w, std::size_t council);///< R9
void local_selections(world& w, std::size_t council);       ///< R5, R6
void local_leader_response(world& w, std::size_t council);  ///< R3
void local_leadership_challenge(world& w, std::size_t council);  ///< R10
void local_policy_course(world& w, std::size_t council);    ///< R15
void local_formation(world& w, std::size_t council);        ///< R11 at week 0 and sign-off deadlines; R12
void local_member_exit(world& w, std::size_t council);      ///< R14

/// R11: forms an administration after a count without a majority (options, sign-off requests, minority).
void start_formation(world& w, std::size_t council);
/// R11: applies the executive's approval or refusal of a coalition deal (defiance, next option).
void apply_coalition_decision(world& w, std::size_t council, const decision& d);
/// R12: after a count where the party and a would-be partner both gained, an allegation may arise.
void pact_allegation(world& w, std::size_t council, const std::array<std::int32_t, max_parties>& seats_before);

/// Election phase for one council (R13), if it has an election this week.
void election_phase(world& w, std::size_t council);

// ---- shared by the rules -------------------------------------------------------------------------

/// A councillor row of the party's group: sitting, or deselected/withdrawn but in office until the election.
[[nodiscard]] bool in_group(const world& w, std::uint32_t row);
/// Whether the seat in `row` is up at the council's next election (all-out: every seat; thirds: one per ward).
[[nodiscard]] bool seat_up(const world& w, const council_state& c, std::uint32_t row);
/// The group councillor nearest `target`, other than `except`; -1 if none.
[[nodiscard]] std::int64_t nearest_group_councillor(const world& w, const council_state& c, double target,
                                                    std::int64_t except);
/// Replaces the leader: the centre appoints (nearest the executive's median) under special measures, else the
/// group picks the councillor nearest its median. Returns the new leader's row, or -1.
std::int64_t replace_leader(world& w, std::size_t council, stream rule);
/// The rows of a ward's members inside the council's member range (members are sorted by ward).
[[nodiscard]] std::pair<std::uint64_t, std::uint64_t> ward_member_range(const world& w, const council_state& c,
                                                                       std::uint16_t ward);
/// The group's division index: share dissatisfied + 0.2 x visible-division stock (R6).
[[nodiscard]] double division_index(const council_state& c);

/// Central phase: the executive's agenda, meetings and member-by-member votes (R2 machinery).
void central_phase(world& w);

/// National phase: reductions over all councils (backlash decay, media risk, the executive's median).
void national_phase(world& w);

/// Apply phase for one council: the decisions published this week that concern it.
void apply_phase(world& w, std::size_t council);

/// Installs a new group leader (drawn resolve and autonomy) and a cabinet of the councillors nearest them; a
/// leader far from the flagship policy scraps it (R15).
void install_leader(world& w, std::size_t council, std::int64_t new_leader, std::uint64_t draw_entity, stream rule);

/// Appends an event to a council's buffer (thread-safe for distinct councils) or, with council -1, to the log.
void log_event(world& w, int council, int rule, std::string event, std::string detail, int value = 0);

/// printf-style formatting for event details.
[[nodiscard]] std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/// Weeks of a crisis window covering `week`, or nullptr.
[[nodiscard]] const crisis_window* crisis_at(const scenario& s, int week);

}  // namespace partyline
