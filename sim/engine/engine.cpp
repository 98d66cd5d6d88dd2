#include "partyline/engine/engine.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cassert>

#include "partyline/rules/phases.hpp"

namespace partyline {

double media_risk(const scenario& s, int week) {
  const int ge = s.national.general_election_week;
  if (ge < 0 || week > ge) return 0.0;
  return std::clamp(1.0 - (ge - week) / s.national.media_horizon_weeks, 0.0, 1.0);
}

namespace {

/// parallel_for over [0, n) with grain `grain`. The completion counter makes the workers' writes visible to
/// ThreadSanitizer, which cannot see oneTBB's own synchronisation (Debian's libtbb is not instrumented); it costs
/// one atomic add per chunk.
template <class F>
void parallel_over(std::size_t n, std::size_t grain, F&& f) {
  std::atomic<std::size_t> done{0};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
    done.fetch_add(r.size(), std::memory_order_release);
  });
  [[maybe_unused]] const std::size_t all = done.load(std::memory_order_acquire);
  assert(all == n || n == 0 || !"parallel_over lost a chunk");
}

template <class F>
void for_each_council(world& w, F&& f) {
  parallel_over(w.councils.size(), 1, f);
}

/// Moves the councils' event buffers into the run's log in council order.
void flush_council_events(world& w) {
  if (!w.record_events) return;
  for (auto& buf : w.council_events) {
    for (auto& e : buf) w.result.events.push_back(std::move(e));
    buf.clear();
  }
}

void collect_weekly(world& w) {
  weekly_row row;
  row.week = w.week;
  row.backlash = w.executive.backlash;
  double sat = 0;
  int n = 0;
  for (const auto& c : w.councils) {
    if (c.group_size > 1) {
      sat += c.mean_satisfaction * (c.group_size - 1);
      n += c.group_size - 1;
    }
    row.disputes_active += c.disputes_active;
  }
  row.satisfaction = n > 0 ? sat / n : 0.0;
  row.agenda_open = static_cast<int>(w.executive.agenda.size());
  std::int64_t members = 0;
  for (auto st : w.members.status) members += (st == member_status::member || st == member_status::suspended);
  row.members = members;
  w.result.weekly.push_back(row);
}

void finish_run(world& w) {
  const scenario& s = *w.scen;
  auto& rc = w.result.counters;
  const auto party = static_cast<std::size_t>(s.party_index);
  for (const auto& c : w.councils)
    for (std::size_t k = 0; k < run_outcome_count; ++k) rc.values[k] += c.tally.values[k];
  rc[run_outcome::seats_end] = 0;
  rc[run_outcome::councils_controlled_end] = 0;
  w.result.councils.resize(w.councils.size());
  for (std::size_t i = 0; i < w.councils.size(); ++i) {
    const auto& c = w.councils[i];
    rc[run_outcome::seats_end] += c.seats_by_party[party];
    if (c.control == s.party_index) ++rc[run_outcome::councils_controlled_end];
    auto& out = w.result.councils[i];
    out.seats_end.assign(c.seats_by_party.begin(), c.seats_by_party.begin() + static_cast<long>(s.parties.size()));
    out.control_end = c.control;
    out.administration_end = c.administration;
    out.counts = c.counts;
    out.policy_stage_end = static_cast<std::uint8_t>(c.policy);
  }
  std::int64_t members = 0;
  for (auto st : w.members.status) members += (st == member_status::member || st == member_status::suspended);
  rc[run_outcome::members_end] = members;
}

}  // namespace

void step_week(world& w, bool collect_weekly_row) {
  for_each_council(w, [&](std::size_t c) { local_phase(w, c); });
  flush_council_events(w);
  central_phase(w);
  national_phase(w);
  if (!w.executive.published.empty()) {
    for_each_council(w, [&](std::size_t c) { apply_phase(w, c); });
    flush_council_events(w);
  }
  bool election = false;
  for (const auto& c : w.councils) election |= c.next_election == w.week;
  if (election) {
    for_each_council(w, [&](std::size_t c) { election_phase(w, c); });
    flush_council_events(w);
  }
  if (collect_weekly_row) collect_weekly(w);
  // Publish the national state that councils will read next week.
  w.national.week = w.week + 1;
  w.national.backlash = w.executive.backlash;
  w.national.media_risk = media_risk(*w.scen, w.week + 1);
  w.national.executive_median = w.executive.median_position;
  ++w.week;
}

run_result simulate_run(const frozen_scenario& scen, std::uint64_t seed, std::uint64_t run, bool weekly, bool events) {
  world w = build_world(scen, seed, run);
  w.record_events = events;
  w.national.media_risk = media_risk(*scen, 0);
  if (weekly) w.result.weekly.reserve(static_cast<std::size_t>(scen->weeks));
  for (int week = 0; week < scen->weeks; ++week) step_week(w, weekly);
  finish_run(w);
  return std::move(w.result);
}

std::vector<run_result> simulate_runs(const frozen_scenario& scen, const run_options& opt) {
  std::vector<run_result> results(static_cast<std::size_t>(opt.runs));
  std::vector<char> done(results.size(), 0);
  parallel_over(results.size(), 1, [&](std::size_t i) {
    if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) return;
    results[i] = simulate_run(scen, opt.seed, static_cast<std::uint64_t>(opt.first_run) + i, opt.weekly, opt.events);
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
