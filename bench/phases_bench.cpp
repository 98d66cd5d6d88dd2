// Google Benchmark: each phase of the week at a small size (Birmingham), at national size (350 councils,
// 7,000 party councillors, 400,000 members) and for the Haringey case (151 councils), reported in seconds per agent-week (`agent_week`, shown with an SI
// prefix: 1.2n = 1.2 ns), and whole runs per second.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "partyline/outcome/collect.hpp"
#include "partyline/partyline.hpp"
#include "partyline/rules/detail/common.hpp"
#include "partyline/rules/detail/leadership.hpp"
#include "synthetic.hpp"

using namespace partyline;

namespace {

const frozen_scenario& birmingham() {
  static const frozen_scenario s = load_scenario_file(PARTYLINE_SOURCE_DIR "/scenarios/birmingham-2019.yaml");
  return s;
}
const frozen_scenario& national() {
  static const frozen_scenario s = bench::synthetic_national();
  return s;
}
const frozen_scenario& haringey() {
  static const frozen_scenario s = load_scenario_file(PARTYLINE_SOURCE_DIR "/scenarios/haringey-2018.yaml");
  return s;
}
const frozen_scenario& pick(std::int64_t size) { return size == 0 ? birmingham() : size == 1 ? national() : haringey(); }
const char* label(std::int64_t size) { return size == 0 ? "birmingham" : size == 1 ? "national" : "haringey"; }

double party_councillors(const world& w) {
  double n = 0;
  for (const auto& c : w.councils) n += c.derived.group_size;
  return n;
}

void per_agent_week(benchmark::State& state, double agents) {
  state.counters["agents"] = agents;
  state.counters["agent_week"] = benchmark::Counter(agents, benchmark::Counter::kIsIterationInvariantRate |
                                                                benchmark::Counter::kInvert);
}

template <class Step>
void bench_local_step(benchmark::State& state, Step step, bool per_member) {
  world w = build_world(pick(state.range(0)), 1, 0);
  step_week(w);  // group sizes and dispute stats are set
  for (auto _ : state) {
    for (std::size_t c = 0; c < w.councils.size(); ++c) step(w, council_at(c));
    ++w.week;
    benchmark::ClobberMemory();
  }
  state.SetLabel(label(state.range(0)));
  per_agent_week(state, per_member ? static_cast<double>(w.members.size()) : party_councillors(w));
}

void BM_member_mood(benchmark::State& state) { bench_local_step(state, members_mood::run, true); }
void group_opinion(world& w, council_id c) {
  councillor_satisfaction::run(w, c);
  opinion_dynamics::run(w, c);
}
void BM_group_opinion(benchmark::State& state) { bench_local_step(state, group_opinion, false); }
void BM_disputes(benchmark::State& state) { bench_local_step(state, industrial_disputes::run, false); }
void BM_backbench_letter(benchmark::State& state) { bench_local_step(state, backbench_letter::run, false); }
void BM_regional_referral(benchmark::State& state) { bench_local_step(state, regional_referral::run, false); }
void BM_leadership_challenge(benchmark::State& state) { bench_local_step(state, leadership_challenge::run, false); }
void BM_local_phase(benchmark::State& state) { bench_local_step(state, local_phase, false); }
void BM_request(benchmark::State& state) { bench_local_step(state, request_to_centre::run, false); }
void BM_leader_response(benchmark::State& state) { bench_local_step(state, leader_response::run, false); }
void BM_policy_course(benchmark::State& state) { bench_local_step(state, policy_course::run, false); }
/// R17: the officers' weekly look at every group (per councillor of the party).
void BM_own_initiative(benchmark::State& state) { bench_local_step(state, own_initiative::run, false); }
/// R18: investigations and hearings that end this week (per councillor of the party).
void BM_investigations(benchmark::State& state) { bench_local_step(state, investigations::run, false); }
/// R14's recruits: the week's joiners (per member). Recruits use up the rows kept for them, so the world is rebuilt
/// (untimed) every 200 weeks.
void BM_recruitment(benchmark::State& state) {
  world w = build_world(pick(state.range(0)), 1, 0);
  step_week(w);
  int weeks = 0;
  for (auto _ : state) {
    if (++weeks % 200 == 0) {
      state.PauseTiming();
      w = build_world(pick(state.range(0)), 1, 0);
      step_week(w);
      state.ResumeTiming();
    }
    for (std::size_t c = 0; c < w.councils.size(); ++c) member_exit::recruit(w, council_at(c));
    ++w.week;
    benchmark::ClobberMemory();
  }
  state.SetLabel(label(state.range(0)));
  per_agent_week(state, static_cast<double>(w.members.size()));
}

/// The member phase (mood, then R14 exits) of a synthetic national world with 40,000, 400,000 or 4,000,000
/// members, per member-week: the columns should not make the cost per member grow with their number.
void BM_member_phase(benchmark::State& state) {
  const auto members = static_cast<int>(state.range(0));
  static std::map<int, frozen_scenario> scenarios;
  auto& s = scenarios[members];
  if (!s) s = bench::synthetic_national(350, members);
  world w = build_world(s, 1, 0);
  step_week(w);
  for (auto _ : state) {
    for (std::size_t c = 0; c < w.councils.size(); ++c) {
      members_mood::run(w, council_at(c));
      member_exit::run(w, council_at(c));
    }
    ++w.week;
    benchmark::ClobberMemory();
  }
  // How tight R14's thinning bound is: the members' mean weekly exit probability over the bound (1 = every
  // candidate leaves; the lower, the more candidates are drawn and rejected).
  const auto& p = w.params->R14;
  double accepted = 0;
  for (const council_state& c : w.councils) {
    const double central = c.centre.intervention_stock;
    const double centre = w.national.executive_median;
    const double reach = std::max(c.membership.exit_reach_right - p.e_distance * centre, c.membership.exit_reach_left + p.e_distance * centre);
    const double bound = sigmoid(p.e0 + p.e_central * central + reach);
    for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m)
      accepted += sigmoid(p.e0 + p.e_central * central + p.e_distance * std::abs(w.members.position_of(m) - centre) -
                                  p.e_loyalty * w.members.loyalty_of(m)) / bound;
  }
  state.counters["acceptance"] = accepted / static_cast<double>(w.members.size());
  state.SetLabel(std::to_string(members) + " members");
  per_agent_week(state, static_cast<double>(w.members.size()));
}

/// R5 selections: every Haringey councillor's selection meeting, members' ballots included (per councillor).
void BM_selections(benchmark::State& state) {
  world w = build_world(haringey(), 1, 0);
  step_week(w);
  const int election = haringey()->councils[0].election_weeks.at(0);
  const auto& p = coefficients(*haringey()).R5;
  for (auto _ : state) {
    state.PauseTiming();
    for (auto& sel : w.councillors.selection) sel = selection_state::undecided;
    for (auto& st : w.councillors.status)
      if (st != councillor_status::former && st != councillor_status::independent) st = councillor_status::sitting;
    state.ResumeTiming();
    for (int week = election - p.window_open_weeks_before; week <= election - p.window_close_weeks_before; ++week) {
      w.week = week;
      council_calendar::run(w, council_at(0));
      central_selection::run(w, council_at(0));
      reselection::run(w, council_at(0));
    }
  }
  per_agent_week(state, w.councils[0].derived.group_size);
}

/// R20 endorsement: the panel looks at every party councillor of the national scenario as a members' choice
/// (the worst week: every candidate pending at once), per councillor.
void BM_endorsement(benchmark::State& state) {
  world w = build_world(national(), 1, 0);
  step_week(w);
  auto& cl = w.councillors;
  for (auto& c : w.councils) {
    c.electoral.next_election = w.week + 10;  // after the selection window: refused candidates are imposed
    c.selections.central_from = -1;
    c.centre.special_measures = false;
  }
  for (auto _ : state) {
    state.PauseTiming();
    for (std::size_t r = 0; r < cl.size(); ++r) {
      cl.selection[r] = selection_state::reselected;
      cl.endorsement[r] = endorsement_state::pending;
      if (cl.status[r] == councillor_status::deselected) cl.status[r] = councillor_status::sitting;
    }
    state.ResumeTiming();
    for (std::size_t c = 0; c < w.councils.size(); ++c) endorsement::run(w, council_at(c));
    benchmark::ClobberMemory();
  }
  state.SetLabel("national, every candidate pending");
  per_agent_week(state, party_councillors(w));
}

/// R21 a mayoral selection and contest: Leicester's shortlist, the members' ballot across the city (3,000
/// members) and the contest, per member.
void BM_mayoralty(benchmark::State& state) {
  static const frozen_scenario leicester = [] {
    auto s = std::make_shared<scenario>(*load_scenario_file(PARTYLINE_SOURCE_DIR "/scenarios/leicester-2023.yaml"));
    s->executive.powers.take_over_selections = false;  // the members' ballot, not the centre's choice
    return frozen_scenario(s);
  }();
  world w = build_world(leicester, 1, 0);
  step_week(w);
  const mayoralty_state start = w.councils[0].mayoralty;
  const leadership_state lead = w.councils[0].leadership;
  for (auto _ : state) {
    state.PauseTiming();
    w.councils[0].mayoralty = start;
    w.councils[0].leadership = lead;
    state.ResumeTiming();
    mayoralty::select(w, council_at(0));
    mayoralty::contest(w, council_at(0));
    benchmark::ClobberMemory();
  }
  state.SetLabel("leicester, selection and contest");
  per_agent_week(state, static_cast<double>(w.members.size()));
}

/// R13: Haringey's all-out election (57 seats in 19 wards), per seat.
void BM_election(benchmark::State& state) {
  world w = build_world(haringey(), 1, 0);
  const int election = haringey()->councils[0].election_weeks.at(0);
  for (auto _ : state) {
    w.week = election;
    w.councils[0].electoral.next_election = election;
    election_phase(w, council_at(0));
  }
  per_agent_week(state, static_cast<double>(w.councils[0].rows.seat_end - w.councils[0].rows.seat_begin));
}

/// R4: a protest letter over 150 other councils after an intervention, per council.
void BM_protest_letter(benchmark::State& state) {
  world w = build_world(haringey(), 1, 0);
  decision d;
  d.motion = &executive_decision::advise_pause;
  d.kind = &request_to_centre::item;
  d.council = council_id{0};
  for (auto _ : state) {
    w.institutions.published.assign(1, d);
    national_phase(w);
  }
  per_agent_week(state, static_cast<double>(w.councils.size()));
}

void BM_central_phase(benchmark::State& state) {
  world w = build_world(pick(state.range(0)), 1, 0);
  for (auto _ : state) {
    state.PauseTiming();
    // A realistic load: one referral from every tenth council waiting.
    w.institutions.bodies[0].agenda.clear();
    for (std::size_t c = 0; c < w.councils.size(); c += 10) {
      agenda_item it;
      it.kind = &regional_referral::item;
      it.council = council_at(c);
      it.week_filed = w.week;
      w.institutions.bodies[0].agenda.push_back(it);
    }
    w.week = 2;
    state.ResumeTiming();
    central_phase(w);
  }
  state.SetLabel(label(state.range(0)));
  per_agent_week(state, static_cast<double>(w.executive.members.size()));
}

void BM_national_and_apply(benchmark::State& state) {
  world w = build_world(pick(state.range(0)), 1, 0);
  for (auto _ : state) {
    national_phase(w);
    for (std::size_t c = 0; c < w.councils.size(); ++c) apply_phase(w, council_at(c));
  }
  state.SetLabel(label(state.range(0)));
  per_agent_week(state, static_cast<double>(w.councils.size()));
}

/// The whole week, all phases, on `threads` threads.
void BM_step_week(benchmark::State& state) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(1)));
  world w = build_world(pick(state.range(0)), 1, 0);
  for (auto _ : state) {
    if (w.week >= w.scen->weeks) {
      state.PauseTiming();
      w = build_world(pick(state.range(0)), 1, 0);
      state.ResumeTiming();
    }
    step_week(w);
  }
  state.SetLabel(std::string(label(state.range(0))) + ", " + std::to_string(state.range(1)) + " thread(s)");
  per_agent_week(state, static_cast<double>(w.members.size()) + party_councillors(w));
}

const frozen_scenario& national_scenario() {
  static const frozen_scenario s = load_scenario_file(PARTYLINE_SOURCE_DIR "/scenarios/national.yaml");
  return s;
}

/// scenarios/national.yaml: one whole run (350 councils, 208 weeks, four rounds of elections) on one thread,
/// with the process's peak resident memory. Run it alone for a clean peak:
///   partyline_bench --benchmark_filter=national_run
void whole_scenario_run(benchmark::State& state, const frozen_scenario& scen) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, 1);
  std::uint64_t run = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate_run(scen, 1, run++, false, false));
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  state.SetItemsProcessed(state.iterations());
  // The whole run's cost spread over its agents' weeks (issue 34: England's no worse than the generated scenario's).
  // (Read after the peak: the worlds built below, one at a time, are no larger than the timed runs'.)
  const auto rate = benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert;
  {
    const world w = build_world(scen, 1, 0);
    state.counters["member_week"] = benchmark::Counter(static_cast<double>(w.members.size()) * scen->weeks, rate);
    state.counters["councillor_week"] = benchmark::Counter(static_cast<double>(w.councillors.size()) * scen->weeks, rate);
  }
  // Spread that way, a scenario with more councillors per member looks dearer per councillor whatever its code costs.
  // So, from one run stepped step by step: the member steps (mood, exits, recruits, votes for the executive) per
  // member-week and every other step per councillor-week, in nanoseconds; the build per agent. The least of three
  // runs: on a shared machine the least is the one the neighbours disturbed least.
  double build_seconds = 1e300, member_seconds = 1e300, other_seconds = 1e300, members = 0, councillors = 0;
  for (std::uint64_t r = 1; r <= 3; ++r) {
    const auto built = std::chrono::steady_clock::now();
    world fresh = build_world(scen, 1, r);
    build_seconds = std::min(build_seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - built).count());
    week_profile profile;
    for (int week = 0; week < scen->weeks; ++week) step_week_profiled(fresh, profile);
    member_seconds = std::min(member_seconds, profile.member_seconds());
    other_seconds = std::min(other_seconds, profile.other_seconds());
    members = static_cast<double>(fresh.members.size());
    councillors = static_cast<double>(fresh.councillors.size());
  }
  const double weeks = scen->weeks;
  state.counters["step_ns_member_week"] = 1e9 * member_seconds / (members * weeks);
  state.counters["step_ns_councillor_week"] = 1e9 * other_seconds / (councillors * weeks);
  state.counters["build_ns_agent"] = 1e9 * build_seconds / (members + councillors);
}
void BM_national_run(benchmark::State& state) { whole_scenario_run(state, national_scenario()); }

/// scenarios/england-2018.yaml: England's 326 real councils (7,410 wards, 15,806 councillors of every party, 437,000
/// members), 196 weeks, three rounds of elections, on one thread (issue 34: at most 0.5 s and 64 MiB). Alone:
///   partyline_bench --benchmark_filter=england_run
void BM_england_run(benchmark::State& state) {
  static const frozen_scenario s = load_scenario_file(PARTYLINE_SOURCE_DIR "/scenarios/england-2018.yaml");
  whole_scenario_run(state, s);
}

/// Whole runs (build + every week) per second.
void BM_full_run(benchmark::State& state) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, 1);
  std::uint64_t run = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate_run(pick(state.range(0)), 1, run++, false, false));
  state.SetLabel(label(state.range(0)));
  state.SetItemsProcessed(state.iterations());  // items/s = runs per second
}

/// Issue 36: how a run's cost grows with one council's size (1k, 10k, 100k seats) on one and on three axes. A whole
/// run (build, 12 weeks, an election), per seat-week: flat (or growing as log n) when no phase is quadratic.
void BM_one_big_council(benchmark::State& state) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, 1);
  const long seats = static_cast<long>(state.range(0));
  const int axes = static_cast<int>(state.range(1));
  const frozen_scenario scen = load_scenario_text(bench::one_big_council_yaml(seats, axes), "one-big-council");
  std::uint64_t run = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate_run(scen, 1, run++, false, false));
  state.SetLabel(std::to_string(seats) + " seats, " + std::to_string(axes) + (axes == 1 ? " axis" : " axes"));
  state.counters["seat_week"] = benchmark::Counter(static_cast<double>(seats) * scen->weeks,
                                                   benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(BM_member_mood)->Arg(0)->Arg(1);
BENCHMARK(BM_member_phase)->Arg(40000)->Arg(400000)->Arg(4000000);
BENCHMARK(BM_group_opinion)->Arg(0)->Arg(1);
BENCHMARK(BM_disputes)->Arg(0)->Arg(1);
BENCHMARK(BM_backbench_letter)->Arg(0)->Arg(1);
BENCHMARK(BM_regional_referral)->Arg(0)->Arg(1);
BENCHMARK(BM_leadership_challenge)->Arg(0)->Arg(1);
BENCHMARK(BM_local_phase)->Arg(0)->Arg(1);
BENCHMARK(BM_request)->Arg(1)->Arg(2);
BENCHMARK(BM_own_initiative)->Arg(1)->Arg(2);
BENCHMARK(BM_investigations)->Arg(1)->Arg(2);
BENCHMARK(BM_recruitment)->Arg(0)->Arg(1);
BENCHMARK(BM_leader_response)->Arg(1)->Arg(2);
BENCHMARK(BM_policy_course)->Arg(1)->Arg(2);
BENCHMARK(BM_selections);
BENCHMARK(BM_endorsement);
BENCHMARK(BM_mayoralty);
BENCHMARK(BM_election);
BENCHMARK(BM_protest_letter);
BENCHMARK(BM_central_phase)->Arg(0)->Arg(1);
BENCHMARK(BM_national_and_apply)->Arg(0)->Arg(1);
BENCHMARK(BM_step_week)->Args({0, 1})->Args({1, 1})->Args({1, 2});
BENCHMARK(BM_full_run)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_one_big_council)
    ->Args({1000, 1})->Args({10000, 1})->Args({100000, 1})
    ->Args({1000, 3})->Args({10000, 3})->Args({100000, 3})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_national_run)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_england_run)->Unit(benchmark::kMillisecond)->MinTime(3.0);

BENCHMARK_MAIN();
