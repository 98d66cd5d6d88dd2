// Google Benchmark: each phase of the week at a small size (Birmingham) and at national size (350 councils,
// 7,000 party councillors, 400,000 members), reported in seconds per agent-week (`agent_week`, shown with an SI
// prefix: 1.2n = 1.2 ns), and whole runs per second.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include "partyline/engine/engine.hpp"
#include "partyline/rules/phases.hpp"
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
const frozen_scenario& pick(std::int64_t size) { return size == 0 ? birmingham() : national(); }
const char* label(std::int64_t size) { return size == 0 ? "birmingham" : "national"; }

double party_councillors(const world& w) {
  double n = 0;
  for (const auto& c : w.councils) n += c.group_size;
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
  step_week(w, false);  // group sizes and dispute stats are set
  for (auto _ : state) {
    for (std::size_t c = 0; c < w.councils.size(); ++c) step(w, c);
    ++w.week;
    benchmark::ClobberMemory();
  }
  state.SetLabel(label(state.range(0)));
  per_agent_week(state, per_member ? static_cast<double>(w.members.size()) : party_councillors(w));
}

void BM_member_mood(benchmark::State& state) { bench_local_step(state, local_member_mood, true); }
void BM_group_opinion(benchmark::State& state) { bench_local_step(state, local_group_opinion, false); }
void BM_disputes(benchmark::State& state) { bench_local_step(state, local_disputes, false); }
void BM_backbench_letter(benchmark::State& state) { bench_local_step(state, local_backbench_letter, false); }
void BM_regional_referral(benchmark::State& state) { bench_local_step(state, local_regional_referral, false); }
void BM_leadership_challenge(benchmark::State& state) { bench_local_step(state, local_leadership_challenge, false); }
void BM_local_phase(benchmark::State& state) { bench_local_step(state, local_phase, false); }

void BM_central_phase(benchmark::State& state) {
  world w = build_world(pick(state.range(0)), 1, 0);
  for (auto _ : state) {
    state.PauseTiming();
    // A realistic load: one referral from every tenth council waiting.
    w.executive.agenda.clear();
    for (std::size_t c = 0; c < w.councils.size(); c += 10) {
      agenda_item it;
      it.council = static_cast<int>(c);
      it.week_filed = w.week;
      w.executive.agenda.push_back(it);
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
    for (std::size_t c = 0; c < w.councils.size(); ++c) apply_phase(w, c);
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
    step_week(w, false);
  }
  state.SetLabel(std::string(label(state.range(0))) + ", " + std::to_string(state.range(1)) + " thread(s)");
  per_agent_week(state, static_cast<double>(w.members.size()) + party_councillors(w));
}

/// Whole runs (build + every week) per second.
void BM_full_run(benchmark::State& state) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, 1);
  std::uint64_t run = 0;
  for (auto _ : state) benchmark::DoNotOptimize(simulate_run(pick(state.range(0)), 1, run++, false, false));
  state.SetLabel(label(state.range(0)));
  state.SetItemsProcessed(state.iterations());  // items/s = runs per second
}

}  // namespace

BENCHMARK(BM_member_mood)->Arg(0)->Arg(1);
BENCHMARK(BM_group_opinion)->Arg(0)->Arg(1);
BENCHMARK(BM_disputes)->Arg(0)->Arg(1);
BENCHMARK(BM_backbench_letter)->Arg(0)->Arg(1);
BENCHMARK(BM_regional_referral)->Arg(0)->Arg(1);
BENCHMARK(BM_leadership_challenge)->Arg(0)->Arg(1);
BENCHMARK(BM_local_phase)->Arg(0)->Arg(1);
BENCHMARK(BM_central_phase)->Arg(0)->Arg(1);
BENCHMARK(BM_national_and_apply)->Arg(0)->Arg(1);
BENCHMARK(BM_step_week)->Args({0, 1})->Args({1, 1})->Args({1, 2});
BENCHMARK(BM_full_run)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
