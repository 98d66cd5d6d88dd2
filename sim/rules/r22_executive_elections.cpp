#include "partyline/rules/r22_executive_elections.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/r23_party_leader.hpp"

namespace partyline {

using namespace detail;

namespace {

/// Draw counters of one election: its index among the scenario's events picks a block of them, so two elections in
/// one week never share a draw.
constexpr std::uint64_t counter(std::uint64_t election, std::uint64_t k) { return election * 8 + k; }

/// A new holder of a seat for bloc `left` (or a union's nominee near `place`): position around the bloc's place,
/// centralism as the executive's members'.
executive_member new_holder(const world& w, exec_section section, bool left, double place, const draw_stream& rng,
                            std::uint64_t seat, std::uint64_t election) {
  const executive_def& e = w.scen->executive;
  executive_member m;
  m.section = section;
  m.left_bloc = left;
  m.position = static_cast<float>(std::clamp(place + e.position_sd * rng.normal(seat, counter(election, 4)), -1.0, 1.0));
  m.own_centralism = static_cast<float>(std::clamp(e.centralism_mean + e.centralism_sd * rng.normal(seat, counter(election, 5)), 0.0, 1.0));
  m.centralism = party_leader_office::centralism_of(w, m);  // drawn towards the leader's project by their loyalty (R23)
  return m;
}

}  // namespace

executive_elections::ballot executive_elections::members_vote(const world& w, std::uint64_t election) {
  const auto& p = w.params->R22;
  const executive_def& e = w.scen->executive;
  const draw_stream rng = draws(w, id);
  const double backing = party_leader_office::backing_for_left(w);  // the leader's office backs a slate (R23)
  std::int64_t left = 0, voters = 0;
  for (const auto& c : w.councils) {
    for (const member_id m : c.rows.members()) {
      if (w.members.status[m] != member_status::member) continue;
      const double turnout = std::min(1.0, p.turnout * (w.members.faction[m] ? p.faction_turnout : 1.0));
      if (rng.uniform(m, counter(election, 0)) >= turnout) continue;
      const double x = w.members.position_of(row(m));
      // How much nearer the left slate stands to them than the right.
      const double nearer = std::abs(x - e.right_position) - std::abs(x - e.left_position);
      left += rng.uniform(m, counter(election, 1)) < sigmoid(p.slate_choice * nearer + backing);
      ++voters;
    }
  }
  return {voters > 0 ? static_cast<double>(left) / static_cast<double>(voters) : 0.5, voters};
}

void executive_elections::run(world& w) {
  const scenario& s = *w.scen;
  const auto& p = w.params->R22;
  const executive_def& def = s.executive;
  const draw_stream rng = draws(w, id);
  for (std::size_t ei = 0; ei < s.events.size(); ++ei) {
    const event_def& e = s.events[ei];
    if (e.week != w.week || e.type != event_kind::executive_election) continue;
    const std::uint64_t election = ei;
    const auto seats = static_cast<std::size_t>(e.seats);
    const exec_section section = e.section == "union"        ? exec_section::union_seat
                                 : e.section == "frontbench" ? exec_section::frontbench
                                                             : exec_section::clp;
    std::vector<executive_member> winners;
    ballot vote{};
    if (section == exec_section::clp && e.method == "stv") {
      vote = members_vote(w, election);
      // The single transferable vote with voters who rank their own slate first: each slate elects one candidate per
      // Droop quota of the votes it holds; the seats left go to the slates with the larger remainders (the
      // transfers of a slate's surplus stay within it). Ties go to the slate with more votes.
      const double quota = 1.0 / static_cast<double>(seats + 1);
      const double shares[2] = {vote.left_share, 1 - vote.left_share};
      std::size_t won_by[2];
      for (int k = 0; k < 2; ++k) won_by[k] = std::min(seats, static_cast<std::size_t>(std::floor(shares[k] / quota)));
      while (won_by[0] + won_by[1] < seats) {
        const double rest0 = shares[0] - quota * static_cast<double>(won_by[0]), rest1 = shares[1] - quota * static_cast<double>(won_by[1]);
        ++won_by[rest0 > rest1 || (rest0 == rest1 && shares[0] >= shares[1]) ? 0 : 1];
      }
      while (won_by[0] + won_by[1] > seats) --won_by[won_by[0] > won_by[1] ? 0 : 1];  // two full quotas each at 1/(S+1)
      for (std::size_t k = 0; k < seats; ++k) {
        const bool left = k < won_by[0];
        winners.push_back(new_holder(w, section, left, left ? def.left_position : def.right_position, rng, k, election));
      }
    } else if (section == exec_section::clp) {
      vote = members_vote(w, election);
      // One candidate per seat from each slate, each on their slate's votes times a personal factor.
      std::vector<std::pair<double, bool>> candidates;  // (votes, of the left slate)
      for (std::size_t k = 0; k < seats; ++k) {
        candidates.emplace_back(vote.left_share * std::exp(p.candidate_sd * rng.normal(k, counter(election, 2))), true);
        candidates.emplace_back((1 - vote.left_share) * std::exp(p.candidate_sd * rng.normal(k, counter(election, 3))), false);
      }
      std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      for (std::size_t k = 0; k < seats; ++k) {
        const bool left = candidates[k].second;
        winners.push_back(new_holder(w, section, left, left ? def.left_position : def.right_position, rng, k, election));
      }
    } else if (section == exec_section::frontbench) {
      // The leader appoints the frontbench seats (the loader checked a leader is stated): appointees stand near the
      // leader and side with the nearer bloc.
      const double at = party_leader_office::in_office(w)->position;
      const bool left = party_leader_office::leaders_bloc(w) > 0;  // equidistant: the right, as before
      for (std::size_t k = 0; k < seats; ++k) winners.push_back(new_holder(w, section, left, at, rng, k, election));
    } else {
      // The unions as blocs: the seats in turn to the declared unions, each to its own nominee.
      for (std::size_t k = 0; k < seats; ++k) {
        const union_def& u = s.unions[k % s.unions.size()];
        const bool left = std::abs(u.position - def.left_position) < std::abs(u.position - def.right_position);
        winners.push_back(new_holder(w, section, left, u.position, rng, k, election));
      }
    }

    auto& members = w.executive.members;
    if (e.new_seats) {
      members.insert(members.end(), winners.begin(), winners.end());
    } else {
      // The section's members in order give up their seats to the winners (the loader checked there are enough).
      std::size_t k = 0;
      for (auto& m : members)
        if (m.section == section && k < winners.size()) m = winners[k++];
    }
    w.executive.median_position = executive_median(w.executive);
    std::size_t won = 0, left_bloc = 0;
    for (const auto& m : winners) won += m.left_bloc;
    for (const auto& m : members) left_bloc += m.left_bloc;
    if (section == exec_section::clp)
      emit(w, -1, id, event::executive_vote, std::lround(100 * vote.left_share));
    emit(w, -1, id, event::executive_election, part_of{static_cast<std::int64_t>(won), static_cast<std::int64_t>(seats)}, [&] {
      const std::string how = section == exec_section::clp
                                  ? format("the members elect %zu constituency seat%s%s: the left slate has %.0f%% of %lld votes",
                                           seats, seats == 1 ? "" : "s", e.method == "stv" ? " by single transferable vote" : "",
                                           100 * vote.left_share, static_cast<long long>(vote.voters))
                                  : section == exec_section::frontbench
                                      ? format("the leader appoints %zu frontbench seat%s", seats, seats == 1 ? "" : "s")
                                      : format("the unions elect %zu seat%s as blocs", seats, seats == 1 ? "" : "s");
      return how + format(" and wins %zu of %zu; the executive's left bloc is now %zu of %zu members (median position %+.2f)", won,
                          seats, left_bloc, members.size(), w.executive.median_position);
    });
  }
}

}  // namespace partyline
