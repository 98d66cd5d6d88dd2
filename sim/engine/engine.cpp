#include "partyline/engine/engine.hpp"

#include <algorithm>

#include "partyline/rules/model.hpp"
#include "partyline/world/access.hpp"

namespace partyline {

double media_risk(const scenario& s, int week) {
  const int ge = s.national.general_election_week;
  if (ge < 0 || week > ge) return 0.0;
  return std::clamp(1.0 - (ge - week) / s.national.media_horizon_weeks, 0.0, 1.0);
}

namespace {

template <class F>
void for_each_council(world& w, F&& f) {
  parallel_over(w.councils.size(), f);
}

template <std::size_t N>
void run_council_steps(world& w, std::size_t council, const std::array<council_step, N>& steps) {
  for (const council_step& s : steps) s.run(w, council);
}

/// Moves the councils' event buffers into the run's log in council order.
void flush_council_events(world& w) {
  if (!w.log.recording) return;
  for (auto& buf : w.log.by_council) {
    for (auto& e : buf) w.log.merged.push_back(std::move(e));
    buf.clear();
  }
}

bool election_this_week(const world& w) {
  for (const auto& c : w.councils)
    if (c.electoral.next_election == w.week || c.mayoralty.next_contest == w.week) return true;  // R13, R21
  return false;
}

/// Publishes the national state that councils will read next week.
void publish_national(world& w) {
  w.national.week = w.week + 1;
  w.national.backlash = w.executive.backlash;
  w.national.media_risk = media_risk(*w.scen, w.week + 1);
  w.national.executive_median = w.executive.median_position;
  w.national.executive_centralism = executive_centralism(w.executive);
  ++w.week;
}

}  // namespace

void local_phase(world& w, std::size_t council) { run_council_steps(w, council, schedule::local); }
void apply_phase(world& w, std::size_t council) { run_council_steps(w, council, schedule::apply); }
void election_phase(world& w, std::size_t council) { run_council_steps(w, council, schedule::election); }
void central_phase(world& w) {
  for (const world_step& s : schedule::central) s.run(w);
}
void national_phase(world& w) {
  for (const world_step& s : schedule::national) s.run(w);
}

void step_week(world& w) {
  for_each_council(w, [&](std::size_t c) { local_phase(w, c); });
  flush_council_events(w);
  central_phase(w);
  national_phase(w);
  if (!w.institutions.published.empty()) {
    for_each_council(w, [&](std::size_t c) { apply_phase(w, c); });
    flush_council_events(w);
  }
  if (election_this_week(w)) {
    for_each_council(w, [&](std::size_t c) { election_phase(w, c); });
    flush_council_events(w);
  }
  publish_national(w);
}

// ---- checking the rules' access declarations ---------------------------------------------------------------

namespace {

using prints = std::array<std::uint64_t, concern_count>;

prints fingerprints(const world& w, std::size_t council) {
  prints p{};
  for (std::size_t k = 0; k < concern_count; ++k) p[k] = fingerprint(w, council, static_cast<concern>(k));
  return p;
}

template <std::size_t N>
void checked_steps(world& w, const std::array<council_step, N>& steps, std::vector<std::string>& violations) {
  for (std::size_t c = 0; c < w.councils.size(); ++c)
    for (const council_step& s : steps) {
      const prints before = fingerprints(w, c);
      s.run(w, c);
      const prints after = fingerprints(w, c);
      for (std::size_t k = 0; k < concern_count; ++k)
        if (before[k] != after[k] && !s.writes.has(static_cast<concern>(k)))
          violations.push_back("week " + std::to_string(w.week) + " · council " + std::to_string(c) + " · " +
                               std::string(s.name) + " wrote " + std::string(concern_names[k]));
    }
}

}  // namespace

std::vector<std::string> step_week_checking_access(world& w) {
  std::vector<std::string> violations;
  checked_steps(w, schedule::local, violations);
  flush_council_events(w);
  central_phase(w);
  national_phase(w);
  if (!w.institutions.published.empty()) {
    checked_steps(w, schedule::apply, violations);
    flush_council_events(w);
  }
  if (election_this_week(w)) {
    checked_steps(w, schedule::election, violations);
    flush_council_events(w);
  }
  publish_national(w);
  return violations;
}

}  // namespace partyline
