// partyline._core: the engine for Python. The public API (DataFrames, dicts, load) is in partyline/__init__.py.
// Long work runs on a worker thread with the GIL released; the calling thread wakes every 100 ms to let Python
// handle signals, so Ctrl-C raises KeyboardInterrupt after the work in flight stops cleanly.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <tbb/info.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <thread>
#include <map>
#include <string>
#include <vector>

#include "partyline/calibrate/calibration.hpp"
#include "partyline/calibrate/posterior.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/engine/load.hpp"
#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/story.hpp"
#include "partyline/outcome/summary.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/sha256.hpp"
#include "partyline/sweep/plan.hpp"
#include "partyline/version.hpp"

namespace py = pybind11;
namespace pl = partyline;

namespace {

/// Runs `work(cancel)` on a worker thread without the GIL; turns a pending Python signal (Ctrl-C) into a cancel
/// request and re-raises it once the work has stopped. `poll`, when given, is called with the GIL at every wake and
/// once at the end (a progress callback); an exception it raises stops the work the same way.
template <class Result, class Work>
Result interruptible(Work&& work, const std::function<void()>& poll = {}) {
  std::atomic<bool> cancel{false};
  std::packaged_task<Result()> task([&] { return work(cancel); });
  auto future = task.get_future();
  std::thread worker;
  std::exception_ptr failure;
  {
    py::gil_scoped_release release;
    worker = std::thread(std::move(task));
  }
  bool interrupted = false;
  while (true) {
    std::future_status status;
    {
      py::gil_scoped_release release;
      status = future.wait_for(std::chrono::milliseconds(100));
    }
    if (status == std::future_status::ready) break;
    if (interrupted) continue;
    if (PyErr_CheckSignals() != 0) {
      interrupted = true;
      cancel = true;  // finish or drop the runs in flight; committed sweep rows stay committed
      continue;
    }
    if (poll) {
      try {
        poll();
      } catch (...) {
        failure = std::current_exception();
        interrupted = true;
        cancel = true;
      }
    }
  }
  {
    py::gil_scoped_release release;
    worker.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (interrupted) throw py::error_already_set();
  if (poll) poll();  // the final count
  return future.get();
}

/// A result table's columns for pandas: (name, kind, values, labels, flag) with values a NumPy array -- int64 or
/// float64, or for a text column the uint32 codes into `labels` (a Categorical in pandas).
py::list columns_of(const pl::result_table& t) {
  py::list out;
  for (const auto& c : t.columns) {
    using kind = pl::result_column::type;
    py::object values;
    if (c.kind == kind::integer) values = py::array_t<std::int64_t>(static_cast<py::ssize_t>(c.integers.size()), c.integers.data());
    else if (c.kind == kind::real) values = py::array_t<double>(static_cast<py::ssize_t>(c.reals.size()), c.reals.data());
    else values = py::array_t<std::uint32_t>(static_cast<py::ssize_t>(c.codes.size()), c.codes.data());
    out.append(py::make_tuple(c.name, c.kind == kind::integer ? "integer" : c.kind == kind::real ? "real" : "text", values,
                              c.labels, c.flag));
  }
  return out;
}

int thread_count(int threads) { return threads > 0 ? threads : tbb::info::default_concurrency(); }

// The argument checks and the scenario's loading are the library's (prepare_request), the same function the
// Python-entry fuzz harness drives (tests/fuzz/python_entry_fuzz.cpp).
py::dict run(const std::string& text, const std::string& label, long long runs, std::optional<long long> seed,
             long long threads, const std::vector<std::pair<std::string, std::string>>& overrides, bool weekly, bool events,
             bool agents, const std::optional<py::function>& progress, const std::optional<std::string>& posterior) {
  pl::run_request req;
  req.text = text;
  req.label = label;
  req.runs = runs;
  req.has_seed = seed.has_value();
  req.seed = seed.value_or(0);
  req.threads = threads;
  req.overrides = overrides;
  req.weekly = weekly;
  req.events = events;
  req.agents = agents;
  const auto scen = pl::prepare_request(req);  // std::invalid_argument -> ValueError; scenario_error -> ScenarioError
  // A calibration's posterior: each run draws a particle (keyed by seed and run), one scenario per particle drawn.
  std::vector<int> particles;
  if (posterior) {
    const pl::posterior_sample sample = pl::read_posterior(*posterior);
    const std::uint64_t base = req.has_seed ? static_cast<std::uint64_t>(req.seed) : static_cast<std::uint64_t>(scen->seed);
    pl::posterior_runs drawn = pl::draw_posterior_runs(sample, base, runs, [&](const std::vector<pl::path_value>& values) {
      pl::run_request with = req;
      with.overrides.insert(with.overrides.end(), values.begin(), values.end());
      return pl::prepare_request(with);
    });
    req.per_run = std::move(drawn.scenarios);
    particles = std::move(drawn.particles);
  }
  const int t = pl::effective_request_threads(req);
  std::atomic<std::size_t> finished{0};
  std::size_t told = static_cast<std::size_t>(-1);
  std::function<void()> poll;
  if (progress) poll = [&] {
    const std::size_t now = finished.load(std::memory_order_relaxed);
    if (now != told) (*progress)(now, runs, "runs");
    told = now;
  };
  const pl::run_tables out = interruptible<pl::run_tables>(
      [&](std::atomic<bool>& cancel) { return pl::execute_request(req, scen, t, &cancel, &finished); }, poll);
  py::dict d;
  d["runs"] = columns_of(out.tables.runs);
  d["councils"] = columns_of(out.tables.councils);
  if (weekly) d["weekly"] = columns_of(out.tables.weekly);
  if (events) d["events"] = columns_of(out.tables.events);
  if (events) d["decisions"] = columns_of(out.tables.decisions);
  if (agents) d["councillors"] = columns_of(out.tables.councillors);
  d["seed"] = out.seed;
  d["story"] = out.story;
  if (!out.tables.targets.columns.empty()) d["targets"] = pl::to_csv(out.tables.targets);
  d["typical_run"] = out.typical_run;
  d["resolved_scenario"] = pl::to_yaml(*scen);
  if (posterior) d["posterior_particles"] = particles;  // in run order (run ids 0..runs-1)
  return d;
}

py::dict sweep(const std::string& text, const std::string& label, const std::string& base_dir, const std::string& out,
               int threads, bool resume, const std::optional<py::function>& progress) {
  const int t = thread_count(threads);
  pl::load_options lo;
  lo.concurrent_runs = t;
  const auto spec = std::make_shared<const pl::sweep_spec>(pl::load_sweep_text(text, label, base_dir, lo));
  std::atomic<std::size_t> done{0}, total{0};
  std::size_t told = static_cast<std::size_t>(-1);
  std::function<void()> poll;
  if (progress) poll = [&] {
    const std::size_t n = total.load(), now = done.load();
    if (n > 0 && now != told) (*progress)(now, n, "runs");
    if (n > 0) told = now;
  };
  const pl::plan_report report = interruptible<pl::plan_report>([&](std::atomic<bool>& cancel) {
    pl::run_plan plan;
    plan.sweep = spec;
    plan.store = out;
    plan.resume = resume;
    plan.threads = t;
    plan.cancel = &cancel;
    plan.command = "partyline.sweep (Python)";
    plan.on_start = [&](std::size_t already, std::size_t n) {
      done = already;
      total = n;
    };
    plan.on_progress = [&](std::size_t n) { done.fetch_add(n); };
    return pl::execute(plan);
  }, poll);
  py::dict d;
  d["total"] = report.total;
  d["already_done"] = report.already_done;
  d["ran"] = report.ran;
  d["complete"] = report.complete;
  d["seconds"] = report.seconds;
  d["points"] = spec->points.size();
  return d;
}

py::dict calibrate(const std::string& file, const std::string& out, int threads, bool resume, const std::string& hold_out,
                   const std::optional<py::function>& progress) {
  pl::calibration_spec spec = pl::load_calibration_file(file);
  if (!hold_out.empty()) pl::hold_out_case(spec, hold_out);
  spec.abc.threads = threads;
  // Progress: the particles accepted in the generation under way.
  std::atomic<int> generation{-1};
  std::atomic<long long> accepted{0};
  std::pair<int, long long> told{-2, -1};
  std::function<void()> poll;
  if (progress) {
    spec.abc.on_generation_start = [&](int g, double) {
      accepted = 0;
      generation = g;
    };
    spec.abc.on_particle = [&] { accepted.fetch_add(1); };
    poll = [&] {
      const int g = generation.load();
      const long long n = std::min<long long>(accepted.load(), spec.abc.particles);
      if (g < 0 || std::pair{g, n} == told) return;
      (*progress)(n, spec.abc.particles, "generation " + std::to_string(g + 1) + " of up to " + std::to_string(spec.abc.generations));
      told = {g, n};
    };
  }
  const pl::calibrate_report report = interruptible<pl::calibrate_report>([&](std::atomic<bool>& cancel) {
    spec.abc.cancel = &cancel;
    return pl::run_calibration(spec, out, resume);
  }, poll);
  py::dict d;
  d["generations"] = report.generations.size();
  d["resumed_generations"] = report.resumed_generations;
  d["complete"] = report.complete;
  d["seconds"] = report.seconds;
  return d;
}

/// A scenario given as text, loaded and checked as `run` loads it (errors name `label`, its line, column and key).
pl::frozen_scenario scenario_of(const std::string& text, const std::string& label) {
  pl::run_request req;
  req.text = text;
  req.label = label;
  req.runs = 1;
  req.threads = 1;
  return pl::prepare_request(req);
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "partyline engine (use the `partyline` package, not this module)";
  static py::exception<pl::scenario_error> scenario_exc(m, "ScenarioError", PyExc_ValueError);
  static py::exception<pl::usage_error> usage_exc(m, "UsageError", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const pl::scenario_error& e) {
      scenario_exc(e.what());
    } catch (const pl::usage_error& e) {
      usage_exc(e.what());
    }
  });
  m.def("run", &run, py::arg("text"), py::arg("label"), py::arg("runs"), py::arg("seed"), py::arg("threads"),
        py::arg("overrides"), py::arg("weekly"), py::arg("events"), py::arg("agents") = false, py::arg("progress") = py::none(),
        py::arg("posterior") = py::none());
  m.def("calibrate", &calibrate, py::arg("file"), py::arg("out"), py::arg("threads"), py::arg("resume"), py::arg("hold_out"),
        py::arg("progress") = py::none());
  m.def("sweep", &sweep, py::arg("text"), py::arg("label"), py::arg("base_dir"), py::arg("out"), py::arg("threads"),
        py::arg("resume"), py::arg("progress") = py::none());
  m.def(
      "read_text",
      [](const std::string& path) { return py::bytes(pl::read_text_file(path, pl::yaml_limits{}.max_bytes)); },
      py::arg("path"), "A scenario or sweep file's bytes, read as the CLI reads them (regular files only, size-limited).");
  m.def(
      "summarize_column",
      [](const std::vector<double>& values, bool level) {
        const pl::outcome_summary st = pl::summarize_values("values", level, values, 17);
        py::dict d;
        d["runs"] = st.runs;
        for (auto [key, v] : {std::pair{"mean", st.mean}, {"mean_lo", st.mean_lo}, {"mean_hi", st.mean_hi}, {"p05", st.p05},
                              {"p95", st.p95}, {"share", st.share}, {"share_lo", st.share_lo}, {"share_hi", st.share_hi}})
          d[key] = v;
        return d;
      },
      py::arg("values"), py::arg("level"), "One column's statistics by the summaries' method (docs/outcomes.md).");
  // What the outcomes and events mean, for labels in words (docs/outcomes.md) and the timeline's choice of events.
  m.def("outcome_meanings", [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& info : pl::run_outcome_info) out.emplace_back(info.name, info.meaning);
    return out;
  });
  // Which event kinds each outcome counts that events.csv can hold (the told ones; a kind only counted, never told,
  // is never in it): a documented date is set against the first of them.
  m.def("outcome_events", [] {
    const auto kinds = [](const auto& table) {
      std::map<std::string, std::vector<std::string>> out;
      for (const auto& info : table) {
        // The told kinds, an untold kind by the told one that marks its moment; an untold kind with none leaves the
        // outcome untimed (no kinds): its first told event need not be its first event.
        auto& names = out[std::string(info.name)];
        for (std::size_t k = 0; k < info.events.n; ++k) {
          const auto& e = pl::info_of(info.events.kinds[k]);
          if (e.story != pl::told::never) {
            names.emplace_back(e.name);
          } else if (!e.told_as.empty()) {
            names.emplace_back(e.told_as);
          } else {
            names.clear();
            break;
          }
        }
      }
      return out;
    };
    return std::make_pair(kinds(pl::run_outcome_info), kinds(pl::council_count_info));
  });
  m.def("event_weights", [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t k = 0; k < pl::event_count; ++k) {
      const auto w = pl::story_weight_of(static_cast<pl::event>(k));
      out.emplace_back(pl::event_table[k].name, w == pl::story_weight::major ? "major" : w == pl::story_weight::minor ? "minor" : "routine");
    }
    return out;
  });
  // Documented facts in the scenario's `targets:` format held against runs given as CSV text: the scenario (with the
  // facts as its targets) is loaded and checked as `run` loads it, and the facts measured as targets.csv measures them.
  m.def(
      "facts_table",
      [](const std::string& text, const std::string& label, const std::string& runs_csv, const std::string& councils_csv) {
        const auto scen = scenario_of(text, label);
        return pl::to_csv(pl::target_table(scen->targets, pl::read_csv(runs_csv, "runs"), pl::read_csv(councils_csv, "councils")));
      },
      py::arg("text"), py::arg("label"), py::arg("runs_csv"), py::arg("councils_csv"));
  // One run's story, retold from its scenario, seed and run id alone (every draw is keyed by them): a folder's
  // typical run, without running the set again.
  m.def(
      "story",
      [](const std::string& text, const std::string& label, std::uint64_t seed, std::uint64_t run, int lines) {
        const auto scen = scenario_of(text, label);
        py::gil_scoped_release release;
        return pl::tell_story(*scen, pl::simulate_run(scen, seed, run, false, true, nullptr), lines);
      },
      py::arg("text"), py::arg("label"), py::arg("seed"), py::arg("run"), py::arg("lines"));
  m.def("version", [] { return std::string(pl::version()) + " (" + pl::git_commit() + ")"; });
  m.def("sha256", [](const std::string& s) { return pl::sha256_hex(s); });
  // The statistics of summarize and compare (one documented method), on runs given as CSV text.
  m.def(
      "summary_table",
      [](const std::string& runs_csv, const std::vector<std::string>& parameters) {
        return pl::to_csv(pl::summary_table(pl::read_csv(runs_csv, "runs"), parameters));
      },
      py::arg("runs_csv"), py::arg("parameters"));
  m.def(
      "comparison_table",
      [](const std::string& a_csv, const std::string& b_csv) {
        return pl::to_csv(pl::comparison_table(pl::read_csv(a_csv, "A"), pl::read_csv(b_csv, "B")));
      },
      py::arg("a_csv"), py::arg("b_csv"));
  m.def(
      "sensitivity_table",
      [](const std::string& points_csv, const std::string& runs_csv, const std::vector<std::string>& inputs) {
        try {
          return pl::to_csv(pl::sensitivity_table(pl::read_csv(points_csv, "points"), pl::read_csv(runs_csv, "runs"), inputs));
        } catch (const std::invalid_argument& e) {
          throw py::value_error(e.what());
        }
      },
      py::arg("points_csv"), py::arg("runs_csv"), py::arg("inputs"));
  m.def(
      "morris_table",
      [](const std::string& points_csv, const std::string& runs_csv, const std::vector<std::string>& inputs, int levels) {
        try {
          return pl::to_csv(pl::morris_table(pl::read_csv(points_csv, "points"), pl::read_csv(runs_csv, "runs"), inputs, levels));
        } catch (const std::invalid_argument& e) {
          throw py::value_error(e.what());
        }
      },
      py::arg("points_csv"), py::arg("runs_csv"), py::arg("inputs"), py::arg("levels"));
}
