// Outcomes measured from the world's event tallies and levels; the weekly reporters.
#include "partyline/outcome/outcomes.hpp"

#include <algorithm>

namespace partyline {

namespace {

std::int64_t measured(const event_tallies& t, const outcome_info& info) {
  std::int64_t v = 0;
  for (std::uint8_t i = 0; i < info.events.n; ++i) {
    const event_tally& e = t[static_cast<std::size_t>(info.events.kinds[i])];
    switch (info.how) {
      case measure::count: v += e.count; break;
      case measure::sum: v += e.sum; break;
      case measure::max: v = std::max(v, e.max); break;
      case measure::any: v = std::max<std::int64_t>(v, e.count > 0); break;
      default: break;
    }
  }
  return v;
}

std::int64_t members_in(const world& w) {
  std::int64_t n = 0;
  for (auto st : w.members.status) n += (st == member_status::member || st == member_status::suspended);
  return n;
}

bool counted(const world& w, std::size_t council, bool focus_only) { return !focus_only || w.scen->councils[council].focus; }

}  // namespace

std::int64_t level_of(const world& w, level what, bool focus_only) {
  const auto party = static_cast<std::size_t>(w.scen->party_index);
  std::int64_t v = 0;
  switch (what) {
    case level::party_seats:
      for (std::size_t i = 0; i < w.councils.size(); ++i)
        if (counted(w, i, focus_only)) v += w.councils[i].electoral.seats_by_party[party];
      return v;
    case level::councils_controlled:
      for (std::size_t i = 0; i < w.councils.size(); ++i)
        if (counted(w, i, focus_only)) v += w.councils[i].electoral.control == w.scen->party_index;
      return v;
    case level::members:
      if (!focus_only) return members_in(w);
      for (std::size_t i = 0; i < w.councils.size(); ++i) {
        if (!counted(w, i, true)) continue;
        for (auto m = w.councils[i].rows.member_begin; m < w.councils[i].rows.member_end; ++m) {
          const auto st = w.members.status[m];
          v += (st == member_status::member || st == member_status::suspended);
        }
      }
      return v;
    case level::executive_left:
      for (const auto& m : w.executive.members) v += m.left_bloc;
      return v;
    case level::executive_size: return static_cast<std::int64_t>(w.executive.members.size());
    case level::none: break;
  }
  return 0;
}

run_counters collect_run(const world& w, const run_counters& start) {
  run_counters out;
  for (std::size_t k = 0; k < run_outcome_count; ++k) {
    const outcome_info& info = run_outcome_info[k];
    if (info.how == measure::level_start) {
      out.values[k] = start.values[k];
    } else if (info.how == measure::level_end) {
      out.values[k] = level_of(w, info.what, info.focus_only);
    } else {
      out.values[k] = count_so_far(w, k, -1);
    }
  }
  return out;
}

std::int64_t count_so_far(const world& w, std::size_t k, int council) {
  if (council >= 0) return measured(w.councils[static_cast<std::size_t>(council)].tallies, council_count_info[k]);
  const outcome_info& info = run_outcome_info[k];
  std::int64_t v = info.focus_only ? 0 : measured(w.national_tallies, info);
  for (std::size_t i = 0; i < w.councils.size(); ++i) {
    if (!counted(w, i, info.focus_only)) continue;
    const std::int64_t here = measured(w.councils[i].tallies, info);
    v = info.how == measure::max ? std::max(v, here) : v + here;
  }
  return v;
}

std::vector<council_result> collect_councils(const world& w) {
  const std::size_t parties = w.scen->parties.size();
  std::vector<council_result> out(w.councils.size());
  for (std::size_t i = 0; i < w.councils.size(); ++i) {
    const council_state& c = w.councils[i];
    council_result& r = out[i];
    r.seats_end.assign(c.electoral.seats_by_party.begin(), c.electoral.seats_by_party.begin() + static_cast<long>(parties));
    r.control_end = c.electoral.control;
    r.administration_end = c.electoral.administration;
    for (std::size_t k = 0; k < council_count_count; ++k) r.counts[k] = measured(c.tallies, council_count_info[k]);
    r.policy_stage_end = static_cast<std::uint8_t>(c.policy.stage);
  }
  return out;
}

double report_backlash(const world& w, int) { return w.executive.backlash; }

double report_satisfaction(const world& w, int council) {
  double sat = 0;
  int n = 0;
  for (std::size_t i = 0; i < w.councils.size(); ++i) {
    const auto& c = w.councils[i];
    // A background council's councillors are not simulated (scenario.hpp, council_detail): not counted party-wide.
    if ((council >= 0 && static_cast<int>(i) != council) || c.derived.group_size <= 1 ||
        w.scen->councils[i].detail == council_detail::background)
      continue;
    sat += c.derived.mean_satisfaction * (c.derived.group_size - 1);
    n += c.derived.group_size - 1;
  }
  return n > 0 ? sat / n : 0.0;
}

double report_agenda_open(const world& w, int council) {
  std::size_t n = 0;
  const council_id here = council_at(static_cast<std::size_t>(std::max(council, 0)));
  for (const body_state& b : w.institutions.bodies)
    n += council < 0 ? b.agenda.size()
                     : static_cast<std::size_t>(std::count_if(b.agenda.begin(), b.agenda.end(),
                                                              [&](const agenda_item& item) { return item.council == here; }));
  return static_cast<double>(n);
}

double report_disputes_active(const world& w, int council) {
  if (council >= 0) return w.councils[static_cast<std::size_t>(council)].derived.disputes_active;
  int n = 0;
  for (const auto& c : w.councils) n += c.derived.disputes_active;
  return n;
}

double report_members(const world& w, int council) {
  if (council < 0) return static_cast<double>(members_in(w));
  const auto& rows = w.councils[static_cast<std::size_t>(council)].rows;
  std::int64_t n = 0;
  for (auto m = rows.member_begin; m < rows.member_end; ++m)
    n += (w.members.status[m] == member_status::member || w.members.status[m] == member_status::suspended);
  return static_cast<double>(n);
}

double report_seats(const world& w, int council) {
  const auto party = static_cast<std::size_t>(w.scen->party_index);
  if (council >= 0) return w.councils[static_cast<std::size_t>(council)].electoral.seats_by_party[party];
  return static_cast<double>(level_of(w, level::party_seats));
}

double report_councils_controlled(const world& w, int council) {
  if (council >= 0) return w.councils[static_cast<std::size_t>(council)].electoral.control == w.scen->party_index ? 1.0 : 0.0;
  return static_cast<double>(level_of(w, level::councils_controlled));
}

}  // namespace partyline
