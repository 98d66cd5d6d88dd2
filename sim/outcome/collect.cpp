// Runs and their outcomes.
#include "partyline/outcome/collect.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "partyline/engine/build.hpp"
#include "partyline/engine/engine.hpp"
#include "partyline/error.hpp"
#include "partyline/outcome/targets.hpp"

namespace partyline {

namespace {

/// The focus councils' seats as the run starts: who holds them and where they stand (the end fills in the rest).
std::vector<councillor_record> seats_at_start(const world& w) {
  std::vector<councillor_record> out;
  for (std::size_t c = 0; c < w.scen->councils.size(); ++c) {
    if (!w.scen->councils[c].focus) continue;
    const auto& council = w.councils[c];
    int seat = 0;
    for (const councillor_id r : council.rows.councillors()) {
      councillor_record rec;
      rec.council = static_cast<int>(c);
      rec.seat = seat++;
      rec.ward = w.councillors.ward[r];
      rec.party_start = w.councillors.party[r];
      rec.position_start = w.councillors.position[r];
      out.push_back(rec);
    }
  }
  return out;
}

councillor_id seat_row(const world& w, const councillor_record& rec) {
  return councillor_at(w.councils[static_cast<std::size_t>(rec.council)].rows.seat_begin + static_cast<std::uint32_t>(rec.seat));
}

/// The seats' selections as they stand at the end of `week` (an election starts a new term: the last one is kept).
void note_selections(const world& w, int week, std::vector<councillor_record>& seats) {
  for (auto& rec : seats) {
    const selection_state now = w.councillors.selection[seat_row(w, rec)];
    if (now == selection_state::undecided || now == rec.selection) continue;
    rec.selection = now;
    rec.selection_week = week;
    // Support is only known from a contested ballot (0 otherwise: left empty).
    const float share = w.councillors.ballot_support[seat_row(w, rec)];
    char support[16] = "";
    if (share > 0) std::snprintf(support, sizeof support, "%.2f", static_cast<double>(share));
    if (!rec.selection_history.empty()) rec.selection_history += ';';
    rec.selection_history += std::string(selection_name(now)) + ':' + std::to_string(week) + ':' + support;
  }
}

/// The same seats at the run's end.
void seats_at_end(const world& w, std::vector<councillor_record>& seats) {
  for (auto& rec : seats) {
    const councillor_id r = seat_row(w, rec);
    rec.party_end = w.councillors.party[r];
    rec.position_end = w.councillors.position[r];
    rec.status_end = w.councillors.status[r];
    rec.endorsement_end = w.councillors.endorsement[r];
    rec.cabinet_end = w.councillors.cabinet[r] != 0;
    rec.dissent_end = w.councillors.dissent[r];
    rec.ballot_support_end = w.councillors.ballot_support[r];
    rec.stands_independent = w.councillors.stands_independent[r] != 0;
  }
}

}  // namespace

run_result simulate_run(const frozen_scenario& scen, std::uint64_t seed, std::uint64_t run, bool weekly, bool events,
                        const std::atomic<bool>* cancel, bool agents) {
  world w = build_world(scen, seed, run, cancel);  // the world keeps the flag: the engine checks it at every step
  w.log.recording = events;
  run_result result;
  result.run = static_cast<int>(run);
  if (agents) result.councillors = seats_at_start(w);
  run_counters start;
  for (std::size_t k = 0; k < run_outcome_count; ++k)
    if (run_outcome_info[k].how == measure::level_start) start.values[k] = level_of(w, run_outcome_info[k].what, run_outcome_info[k].focus_only);
  // Weekly rows: party-wide, then each focus council (the case's own series, apart from the background).
  std::vector<int> series{-1};
  for (std::size_t c = 0; c < scen->councils.size(); ++c)
    if (scen->councils[c].focus) series.push_back(static_cast<int>(c));
  if (weekly) result.weekly.reserve(static_cast<std::size_t>(scen->weeks) * series.size());
  // The weeks the dated targets read (week -1: before the first), each with the councils they read them in.
  std::vector<std::pair<int, int>> checkpoints;  // (week, council)
  for (const target_def& t : scen->targets) {
    if (t.at_week < 0) continue;
    checkpoints.emplace_back(t.at_week, t.council_index);
    if (t.since_week >= -1) checkpoints.emplace_back(t.since_week, t.council_index);
  }
  std::sort(checkpoints.begin(), checkpoints.end());
  checkpoints.erase(std::unique(checkpoints.begin(), checkpoints.end()), checkpoints.end());
  auto next_checkpoint = checkpoints.begin();
  const auto record_checkpoints = [&](int week) {
    for (; next_checkpoint != checkpoints.end() && next_checkpoint->first == week; ++next_checkpoint) {
      weekly_row row;
      row.week = week;
      row.council = next_checkpoint->second;
      for (std::size_t k = 0; k < weekly_reporters.size(); ++k) row.values[k] = weekly_reporters[k].report(w, row.council);
      result.checkpoints.push_back(row);
    }
  };
  record_checkpoints(-1);
  // The facts on when (within_weeks): the target's counts at the end of the week before its window (week -1: the
  // world as built) must be 0, and at the end of its window's last week positive -- counts only grow.
  struct timing_check {
    int target, council, before, after;
    std::vector<std::size_t> counts;  // run outcomes (council -1) or council counts
    bool before_zero = false;
  };
  std::vector<timing_check> timings;
  for (std::size_t i = 0; i < scen->targets.size(); ++i) {
    const target_def& t = scen->targets[i];
    if (!t.timed()) continue;
    const int n = static_cast<int>(t.within_weeks);
    timing_check c{static_cast<int>(i), t.council_index, std::max(-1, t.happened_week - n - 1), std::min(scen->weeks - 1, t.happened_week + n), {}};
    for (const std::string& column : target_columns(t.outcome)) {
      const std::size_t count = c.council < 0 ? run_outcome_count : council_count_count;
      for (std::size_t k = 0; k < count; ++k)
        if ((c.council < 0 ? run_outcome_info[k].name : council_count_info[k].name) == column) c.counts.push_back(k);
    }
    timings.push_back(std::move(c));
  }
  const auto check_timings = [&](int week) {
    for (timing_check& c : timings) {
      if (week != c.before && week != c.after) continue;
      std::int64_t so_far = 0;
      for (std::size_t k : c.counts) so_far += count_so_far(w, k, c.council);
      if (week == c.before) c.before_zero = so_far == 0;
      else result.on_time.emplace_back(c.target, c.before_zero && so_far > 0 ? 1.0 : 0.0);
    }
  };
  check_timings(-1);
  for (int week = 0; week < scen->weeks; ++week) {
    step_week(w);
    record_checkpoints(week);
    check_timings(week);
    if (agents) note_selections(w, week, result.councillors);
    if (events)  // the week's decisions, as the bodies published them (the next meeting clears the list)
      for (const decision& d : w.institutions.published) {
        std::string votes;  // every motion put, with its tally
        for (int k = 0; k < d.votes; ++k)
          votes += (k ? "; " : "") + std::string(d.put[static_cast<std::size_t>(k)]->name) + " " +
                   std::to_string(d.put_yes[static_cast<std::size_t>(k)]) + "/" + std::to_string(d.of);
        result.decisions.push_back({week, d.body, static_cast<int>(row(d.council)), std::string(d.kind->name),
                                    d.motion ? std::string(d.motion->name) : std::string("none"), d.yes, d.of, d.emergency,
                                    d.notice_given, d.weeks_waiting, d.coalition, std::move(votes)});
      }
    if (!weekly) continue;
    for (int council : series) {
      weekly_row row;
      row.week = week;
      row.council = council;
      for (std::size_t k = 0; k < weekly_reporters.size(); ++k) row.values[k] = weekly_reporters[k].report(w, council);
      result.weekly.push_back(row);
    }
  }
  result.counters = collect_run(w, start);
  result.councils = collect_councils(w);
  result.events = std::move(w.log.merged);
  if (agents) seats_at_end(w, result.councillors);
  return result;
}

std::vector<run_result> simulate_runs(const frozen_scenario& scen, const run_options& opt) {
  std::vector<run_result> results(static_cast<std::size_t>(opt.runs));
  std::vector<char> done(results.size(), 0);
  parallel_over(results.size(), [&](std::size_t i) {
    if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) return;
    try {
      results[i] = simulate_run(opt.per_run.empty() ? scen : opt.per_run[i], opt.seed, static_cast<std::uint64_t>(opt.first_run) + i, opt.weekly, opt.events, opt.cancel,
                                opt.agents);
    } catch (const run_cancelled&) {
      return;  // abandoned part-way: not kept
    }
    done[i] = 1;
    if (opt.on_run_done) opt.on_run_done(results[i]);
  });
  if (std::find(done.begin(), done.end(), 0) != done.end()) {
    std::vector<run_result> finished;
    for (std::size_t i = 0; i < results.size(); ++i)
      if (done[i]) finished.push_back(std::move(results[i]));
    return finished;
  }
  return results;
}

}  // namespace partyline
