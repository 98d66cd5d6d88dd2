#include "partyline/engine/engine.hpp"

#include <algorithm>
#include <chrono>
#include <span>
#include <cstring>
#include <type_traits>

#include "partyline/error.hpp"
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
void run_council_steps(world& w, council_id council, const std::array<council_step, N>& steps) {
  for (const council_step& s : steps) {
    stop_if_cancelled(w);
    s.run(w, council);
  }
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
  w.national.officers_centralism = party_leader_office::officers_centralism(w, w.national.executive_centralism);
  ++w.week;
}

/// How much of the council the run simulates (a background council runs schedule::background in the local phase).
council_detail detail_of(const world& w, council_id council) { return w.scen->councils[row(council)].detail; }

}  // namespace

void local_phase(world& w, council_id council) {
  if (detail_of(w, council) == council_detail::background)
    run_council_steps(w, council, schedule::background);
  else
    run_council_steps(w, council, schedule::local);
}
void apply_phase(world& w, council_id council) { run_council_steps(w, council, schedule::apply); }
void election_phase(world& w, council_id council) { run_council_steps(w, council, schedule::election); }
void central_phase(world& w) {
  for (const world_step& s : schedule::central) {
    stop_if_cancelled(w);
    s.run(w);
  }
}
void national_phase(world& w) {
  for (const world_step& s : schedule::national) {
    stop_if_cancelled(w);
    s.run(w);
  }
}

void step_week(world& w) {
  for_each_council(w, [&](std::size_t i) { local_phase(w, council_at(i)); });
  flush_council_events(w);
  central_phase(w);
  national_phase(w);
  if (!w.institutions.published.empty()) {
    for_each_council(w, [&](std::size_t i) { apply_phase(w, council_at(i)); });
    flush_council_events(w);
  }
  if (election_this_week(w)) {
    for_each_council(w, [&](std::size_t i) { election_phase(w, council_at(i)); });
    flush_council_events(w);
  }
  publish_national(w);
}

// ---- where the time goes -----------------------------------------------------------------------------------

double week_profile::member_seconds() const {
  double t = 0;
  for (const entry& e : steps) t += e.members ? e.seconds : 0.0;
  return t;
}

double week_profile::other_seconds() const {
  double t = 0;
  for (const entry& e : steps) t += e.members ? 0.0 : e.seconds;
  return t;
}

namespace {

/// The steps that loop over the members' columns rather than the councillors'.
bool member_step(stream rule, std::string_view name) {
  return rule == stream::R14 || rule == executive_elections::id || name == "member mood";
}

template <class Steps>
void add_entries(week_profile& p, const Steps& steps) {
  for (const auto& s : steps) p.steps.push_back({s.name, member_step(s.rule, s.name), 0.0});
}

}  // namespace

void step_week_profiled(world& w, week_profile& p) {
  using clock = std::chrono::steady_clock;
  if (p.steps.empty()) {
    add_entries(p, schedule::local);
    add_entries(p, schedule::central);
    add_entries(p, schedule::national);
    add_entries(p, schedule::apply);
    add_entries(p, schedule::election);
  }
  std::size_t k = 0;
  const auto timed = [&](auto&& run) {
    const auto start = clock::now();
    run();
    p.steps[k++].seconds += std::chrono::duration<double>(clock::now() - start).count();
  };
  const auto over_councils = [&](const auto& steps) {
    for (const council_step& s : steps)
      timed([&] {
        for (std::size_t i = 0; i < w.councils.size(); ++i) {
          stop_if_cancelled(w);
          if (schedule::runs_in(detail_of(w, council_at(i)), s)) s.run(w, council_at(i));
        }
      });
  };
  over_councils(schedule::local);
  flush_council_events(w);
  for (const auto& phase : {std::span<const world_step>(schedule::central), std::span<const world_step>(schedule::national)})
    for (const world_step& s : phase)
      timed([&] {
        stop_if_cancelled(w);
        s.run(w);
      });
  if (!w.institutions.published.empty()) {
    over_councils(schedule::apply);
    flush_council_events(w);
  } else {
    k += schedule::apply.size();
  }
  if (election_this_week(w)) {
    over_councils(schedule::election);
    flush_council_events(w);
  }
  publish_national(w);
}

// ---- checking the rules' access declarations ---------------------------------------------------------------

namespace {

using prints = std::array<std::uint64_t, concern_count>;

prints fingerprints(const world& w, council_id council) {
  prints p{};
  for (std::size_t k = 0; k < concern_count; ++k) p[k] = fingerprint(w, council, static_cast<concern>(k));
  return p;
}

/// A council's own state, saved so that a step can be run again from the same start: its state structs, its rows of
/// the agent columns (every value visit_concern reaches), its disputes and wards, its outbox and the length of its
/// part of the story.
struct council_snapshot {
  council_state state;
  std::vector<unsigned char> columns;
  std::vector<dispute_state> disputes;
  std::vector<ward_state> wards;
  std::vector<agenda_item> outbox;
  std::size_t told = 0;
};

constexpr concern column_concerns[] = {concern::councillor_seats, concern::councillor_positions, concern::councillor_mood,
                                       concern::councillor_traits, concern::councillor_dissent, concern::councillor_cabinet,
                                       concern::councillor_candidacy, concern::member_status, concern::member_traits};

council_snapshot save(const world& w, council_id ci) {
  council_snapshot snap;
  const council_state& c = w.councils[ci];
  snap.state = c;
  for (const concern k : column_concerns)
    visit_concern(w, ci, k, [&](const auto& x) {
      const auto* p = reinterpret_cast<const unsigned char*>(&x);
      snap.columns.insert(snap.columns.end(), p, p + sizeof x);
    });
  snap.disputes.assign(w.disputes.begin() + c.rows.dispute_begin, w.disputes.begin() + c.rows.dispute_end);
  snap.wards.assign(w.wards.begin() + c.rows.ward_begin, w.wards.begin() + c.rows.ward_end);
  snap.outbox = w.outbox[ci];
  snap.told = w.log.by_council[ci].size();
  return snap;
}

void restore(world& w, council_id ci, const council_snapshot& snap) {
  council_state& c = w.councils[ci];
  c = snap.state;
  std::size_t at = 0;
  for (const concern k : column_concerns)
    visit_concern(w, ci, k, [&](auto& x) {
      std::memcpy(&x, snap.columns.data() + at, sizeof x);
      at += sizeof x;
    });
  std::copy(snap.disputes.begin(), snap.disputes.end(), w.disputes.begin() + c.rows.dispute_begin);
  std::copy(snap.wards.begin(), snap.wards.end(), w.wards.begin() + c.rows.ward_begin);
  w.outbox[ci] = snap.outbox;
  w.log.by_council[ci].resize(snap.told);
}

/// Moves every real-valued part of concern `k` of the council a little (towards the middle of its range: 0.9 x + 0.05):
/// a step that reads it, however lightly, is likely to end differently.
void perturb(world& w, council_id ci, concern k) {
  const auto nudge = [](auto& x) {
    using T = std::remove_cvref_t<decltype(x)>;
    if constexpr (std::is_floating_point_v<T>) {
      x = static_cast<T>(0.9 * x + 0.05);
    } else if constexpr (requires { x.size(); x[0]; }) {
      if constexpr (std::is_floating_point_v<std::remove_cvref_t<decltype(x[0])>>)
        for (auto& e : x) e = static_cast<std::remove_cvref_t<decltype(e)>>(0.9 * e + 0.05);
    }
  };
  visit_concern(w, ci, k, nudge);
}

}  // namespace

std::vector<std::string> check_step_access(world& w, council_id c, const council_step& s, bool reads) {
  std::vector<std::string> violations;
  const auto where = [&] { return "week " + std::to_string(w.week) + " · council " + std::to_string(row(c)) + " · " + std::string(s.name); };
  const prints before = fingerprints(w, c);
  const council_snapshot start = reads ? save(w, c) : council_snapshot{};
  s.run(w, c);
  const prints after = fingerprints(w, c);
  for (std::size_t k = 0; k < concern_count; ++k)
    if (before[k] != after[k] && !s.writes.has(static_cast<concern>(k)))
      violations.push_back(where() + " wrote " + std::string(concern_names[k]));
  if (!reads) return violations;
  // Run the step again from the same start with every concern it neither reads nor writes moved a little: what it
  // writes must come out the same. Random draws are keyed by (seed, run, week, rule, entity), so the rerun draws the
  // same numbers; only floating-point fields are moved (moving a status or a count could make a state no rule can
  // reach), so an undeclared read of an integer field is not caught here.
  const council_snapshot end = save(w, c);
  restore(w, c, start);
  std::vector<std::size_t> moved;
  for (std::size_t k = 0; k < static_cast<std::size_t>(concern::executive); ++k) {
    const auto kc = static_cast<concern>(k);
    if (kc == concern::events || kc == concern::outbox || s.reads.has(kc) || s.writes.has(kc)) continue;
    perturb(w, c, kc);
    moved.push_back(k);
  }
  s.run(w, c);
  const prints perturbed = fingerprints(w, c);
  for (std::size_t k = 0; k < concern_count; ++k) {
    const auto kc = static_cast<concern>(k);
    if (!s.writes.has(kc) || perturbed[k] == after[k]) continue;
    std::string which;
    for (const std::size_t m : moved) which += (which.empty() ? "" : ", ") + std::string(concern_names[m]);
    violations.push_back(where() + " reads what it does not declare: its " + std::string(concern_names[k]) +
                         " came out different with these moved: " + which);
    break;
  }
  restore(w, c, end);
  return violations;
}

namespace {

/// Runs each step for each council, checking it writes only what it declares and (with `reads`) that it reads nothing
/// it does not declare: the step is run a second time from the same start with every concern it declares it neither
/// reads nor writes perturbed; what it writes must come out the same.
template <std::size_t N>
void checked_steps(world& w, const std::array<council_step, N>& steps, bool reads, std::vector<std::string>& violations) {
  for (std::size_t c = 0; c < w.councils.size(); ++c)
    for (const council_step& s : steps) {
      if (!schedule::runs_in(detail_of(w, council_at(c)), s)) continue;
      auto v = check_step_access(w, council_at(c), s, reads);
      violations.insert(violations.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
    }
}

}  // namespace

std::vector<std::string> step_week_checking_access(world& w, bool reads) {
  std::vector<std::string> violations;
  checked_steps(w, schedule::local, reads, violations);
  flush_council_events(w);
  central_phase(w);
  national_phase(w);
  if (!w.institutions.published.empty()) {
    checked_steps(w, schedule::apply, reads, violations);
    flush_council_events(w);
  }
  if (election_this_week(w)) {
    checked_steps(w, schedule::election, reads, violations);
    flush_council_events(w);
  }
  publish_national(w);
  return violations;
}

}  // namespace partyline
