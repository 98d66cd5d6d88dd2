#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r22_executive_elections.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R22 Elections to the executive (Labour Rule Book ch. 1 cl. VIII and ch. 4: the NEC's constituency
/// section is elected by the members, one member one vote; its trade union section by the affiliated unions).
/// Haringey: the three new constituency seats of January 2018, all won by the Momentum-backed slate.
#include <cstdint>
#include <string_view>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

/// A scenario states when a section's seats are elected (`events: {type: executive_election, section, seats,
/// new_seats}`); who wins them is this rule's. Two slates stand, each at its bloc's place on the first axis
/// (`executive.left_position`, `right_position`), each with one candidate per seat.
///  - `clp`: the party's members vote, one member one vote. Each member turns out with probability `turnout`
///    (`faction_turnout` times that for an organised faction's members: slates are the factions' work) and votes for
///    the left slate with a logistic probability in how much nearer it stands to them (`slate_choice`). Each
///    candidate gets their slate's votes times a personal factor exp(`candidate_sd` z); the seats go to the
///    candidates with the most votes, so a slate with a clear lead takes them all and a close race splits them.
///  - `union`: the affiliated unions elect their section as blocs: the seats go to the declared unions in turn, each
///    seat to its union's nominee, who stands near the union's position and sides with the nearer bloc.
///  - `frontbench`: the party leader appoints (R23): the appointees stand near the leader and side with the nearer bloc.
/// With a party leader stated, the leader's office backs the slate nearer the leader (R23's `slate_backing`).
/// The winners take the seats (new seats are added to the executive; otherwise they replace the section's
/// members in order), with centralism drawn as the executive's members' (`executive.centralism_mean`, `_sd`) and
/// drawn towards the leader's project by their loyalty (R23).
struct executive_elections {
  static constexpr stream id = rule_stream(22);
  static constexpr std::string_view key = "R22";

  struct params {
    double turnout = 0.18;
    double faction_turnout = 2.0;
    double slate_choice = 4.0;
    double candidate_sd = 0.1;

    template <class V>
    void describe(V& v) {
      v.coef("turnout", turnout, {0, 1},
             "chance a member votes in an election to the executive's constituency section",
             "Labour NEC by-election, January 2018: over 300,000 votes, up to three a voter, from about 570,000 members");
      v.coef("faction_turnout", faction_turnout, {0, 10},
             "how many times more often an organised faction's member votes (the slates are the factions' campaigns)",
             "Momentum's NEC slates, 2016-2018 (news reports); not fitted");
      v.coef("slate_choice", slate_choice, {0, 50},
             "a member's log-odds of voting for the left slate: x how much nearer it stands to them than the right slate",
             "—");
      v.coef("candidate_sd", candidate_sd, {0, 2},
             "spread of a candidate's personal vote around their slate's (log scale): a close race splits the seats",
             "NEC January 2018: the slate's three candidates 62,982-68,388 votes");
    }
  };

  /// The executive's elections this week (central phase): the members or the unions vote, the winners take the seats.
  static void run(world& w);

  /// The left slate's share of the members' votes (0..1) and the voters, for the members of the whole party; the
  /// draws keyed by the election's index among the scenario's events and by the member (exposed for tests).
  struct ballot {
    double left_share = 0.5;
    std::int64_t voters = 0;
  };
  [[nodiscard]] static ballot members_vote(const world& w, std::uint64_t election);
};

}  // namespace partyline
