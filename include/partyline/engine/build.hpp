#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 4
#error "partyline/engine/build.hpp belongs to stage 4 (engine): a lower stage may not include it"
#endif
/// @brief Building the world of one run from a frozen scenario: wards and their vote geography, seats, the
/// party's councillors and leaders (with the rules' own cabinet choice and councillor draws), members, disputes
/// (staged by R8's thresholds), the executive. Every setup draw is keyed by (seed, run).
#include <atomic>
#include <cstdint>
#include <memory>

#include "partyline/scenario/read.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

/// With `cancel` raised part-way, throws run_cancelled between councils (and between the setup steps).
[[nodiscard]] world build_world(frozen_scenario scen, std::uint64_t seed, std::uint64_t run,
                                const std::atomic<bool>* cancel = nullptr);

/// Works out which body decides each kind of item (w.institutions.kinds) for each region's councils: the region's
/// body that lists the kind in `decides`, else the national body that lists it, else the first body. build_world
/// does this; call it again after adding a kind of item to a world (a test of a new kind).
void route_items(world& w);

}  // namespace partyline
