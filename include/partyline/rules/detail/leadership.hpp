#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/detail/leadership.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief Changing a group's leader, shared by the rules that do it (R2, R3, R10, R13) and the world's setup.
#include <cstdint>

#include "partyline/random.hpp"
#include "partyline/world/world.hpp"

namespace partyline::detail {

/// The cabinet: the leader and the `cabinet_size - 1` group councillors nearest them (ties by row).
void choose_cabinet(world& w, council_id council);

/// Installs a new group leader (drawn resolve and autonomy) and their cabinet; a leader far from the flagship
/// policy scraps it, one close to a paused policy resumes it (R15).
void install_leader(world& w, council_id council, councillor_id new_leader, std::uint64_t draw_entity, stream rule);

/// The group's ballot for a new leader (R10's `ballot_slope`, `ballot_standing_sd`): each wing of the group (the
/// sitting members either side of its median) puts up the councillor nearest the wing's own median; every sitting member
/// votes for the nearer candidate with a logistic chance in how much nearer, shifted by the candidates' standing
/// (one draw for the contest); the larger vote wins. So a bloc just short of half the group still wins sometimes and
/// one just over half loses sometimes: the successor's side moves smoothly with the blocs' sizes. Returns -1 when no
/// one is left to stand.
councillor_id elect_successor(world& w, council_id council, stream rule);

/// Replaces the leader: the centre appoints (nearest the executive's median) under special measures, else the
/// group elects one (`elect_successor`). Returns the new leader's row, or -1.
councillor_id replace_leader(world& w, council_id council, stream rule);

/// Councillor `r` is out of the party by its rules, without a complaint or a hearing (Rule Book ch. 2: a member who
/// stands against, or supports anyone standing against, an official candidate is "automatically ineligible to be or
/// remain a party member"): an independent from now on, out of the group and its cabinet. The caller replaces a
/// leader it excludes and tells the event (`auto_excluded`).
void exclude_from_party(world& w, councillor_id r);

}  // namespace partyline::detail
