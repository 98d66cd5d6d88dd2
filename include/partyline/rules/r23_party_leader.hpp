#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 3
#error "partyline/rules/r23_party_leader.hpp belongs to stage 3 (rules): a lower stage may not include it"
#endif
/// @brief R23 The party leader's office (Labour Rule Book ch. 1 cl. VIII: the NEC includes the leader, the deputy
/// and frontbench members the leader appoints; its officers and the general secretary use the powers it delegates).
/// A scenario states the national leader as a fact (`party_leader`: from when, where they stand, `centralisation`,
/// their project for the party) and later leaders as dated changes; the leader's project works through the office:
///  - the executive's members who stand near the leader take on some of the leader's project: a member's centralism
///    is their own drawn taste plus `project_pull` x loyalty x (centralisation - 0.5), loyalty exp(-`loyalty_decay` x
///    their distance from the leader). Corbyn's NEC majority spoke of a "member-led party" (the Democracy Review,
///    2018); under Starmer "the speed at which [he] seized control of the levers of Labour party machinery" (the
///    Guardian, 2020) and the NEC's control of shortlists (LabourList, October 2021).
///  - the officers, who use delegated powers (R17's own initiative, a staff official's decisions), weigh evidence
///    with the executive's mean centralism drawn `officers_share` of the way towards the leader's project;
///  - the leader appoints the frontbench section (R22, `section: frontbench`): appointees stand near the leader;
///  - the leader's office backs the slate nearer the leader at the members' elections (R22, `slate_backing`).
/// Without a stated leader none of this applies and the executive is as `executive.centralism_mean` draws it.
#include <string_view>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

struct party_leader_office {
  static constexpr stream id = rule_stream(23);
  static constexpr std::string_view key = "R23";

  struct params {
    double project_pull = 0.8;
    double loyalty_decay = 3.0;
    double officers_share = 0.5;
    double slate_backing = 0.25;

    template <class V>
    void describe(V& v) {
      v.coef("project_pull", project_pull, {0, 2},
             "how far an executive member loyal to the party leader takes on the leader's project: their centralism is "
             "their own + x loyalty x (the leader's centralisation - 0.5)",
             "Haringey 2018 (Corbyn's NEC, the Democracy Review) and Leicester 2023 (Starmer's NEC) together: set so that "
             "their executives' mean centralism comes out near what the cases stated before it was the leader's (0.4, 0.65); "
             "not fitted to any documented outcome");
      v.coef("loyalty_decay", loyalty_decay, {0, 50},
             "a member's loyalty to the leader, exp(-x their distance from the leader): 1 for the leader's own faction, "
             "about 0.15 across the party's divide (0.65 on the first axis)",
             "—");
      v.coef("officers_share", officers_share, {0, 1},
             "how far the officers who use delegated powers (R17, a staff official) are drawn from the executive's mean "
             "centralism towards the leader's project (the general secretary is the leader's choice)",
             "Starmer's NEC, 2020-21: a new general secretary and the NEC's control of shortlists (LabourList, October "
             "2021); not fitted");
      v.coef("slate_backing", slate_backing, {0, 5},
             "log-odds a member adds for the slate nearer the leader at elections to the executive (the leader's office "
             "backs it)",
             "NEC elections 2018 (the leader's backing of the left slate); not fitted");
    }
  };

  /// The leader in office at the start (build): the scenario's leader, drawing the executive towards their project.
  static void take_office(world& w);
  /// A later leader takes office in the week the scenario dates (central phase, before the elections).
  static void run(world& w);

  /// The leader in office (nullptr: none stated).
  [[nodiscard]] static const leader_term* in_office(const world& w);
  /// A member's centralism as they vote: their own, drawn towards the leader's project by their loyalty.
  [[nodiscard]] static float centralism_of(const world& w, const executive_member& m);
  /// The officers' centralism: the executive's mean drawn `officers_share` of the way towards the leader's project.
  [[nodiscard]] static double officers_centralism(const world& w, double executive_centralism);
  /// The executive's bloc the leader stands nearer: +1 the left, -1 the right, 0 equidistant or no leader.
  [[nodiscard]] static int leaders_bloc(const world& w);
  /// The log-odds a member adds for the left slate at an election to the executive: +`slate_backing` if the left
  /// slate stands nearer the leader, - if the right does, 0 with no leader.
  [[nodiscard]] static double backing_for_left(const world& w);

 private:
  static void draw_executive_towards_project(world& w);
};

}  // namespace partyline
