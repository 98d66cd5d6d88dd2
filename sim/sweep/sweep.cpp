#include "partyline/sweep/sweep.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

#include "partyline/outcome/analysis.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/random.hpp"
#include "partyline/scenario/schema.hpp"

namespace partyline {

namespace {

struct sweep_file_def {
  std::string name;
  std::string scenario;
  int replicates = 10;
  long long seed = 1;
  sweep_design design = sweep_design::grid;
  int samples = 0;
  int levels = 4;
  bool weekly = false;
  bool events = false;
  bool agents = false;
  yaml_node parameters;

  template <class V>
  void describe(V& v) {
    v.field("name", name);
    v.required("scenario", scenario);
    v.field("replicates", replicates, {1, 1e6});
    v.field("seed", seed, {0, 9.0e15});
    v.field("design", design);
    v.field("samples", samples, {0, 1e7});
    v.field("levels", levels, {2, 100});
    v.field("weekly", weekly);
    v.field("events", events);
    v.field("agents", agents);
    v.required("parameters", parameters);
  }
};

constexpr stream sweep_stream = static_cast<stream>(900);

std::vector<sweep_parameter> read_parameters(const yaml_node& node) {
  if (node.kind != yaml_kind::map || node.keys.empty())
    throw scenario_error(node.mark, "parameters", "expected a mapping of dotted paths to values, lists or {min, max}");
  std::vector<sweep_parameter> out;
  for (std::size_t i = 0; i < node.keys.size(); ++i) {
    const yaml_node& v = node.children[i];
    sweep_parameter p;
    p.path = node.keys[i];
    p.mark = node.key_marks[i];
    const std::string where = "parameters." + p.path;
    if (v.kind == yaml_kind::scalar) {
      p.form = sweep_parameter::kind::held;
      p.values = {v};
    } else if (v.kind == yaml_kind::sequence) {
      if (v.children.empty()) throw scenario_error(v.mark, where, "a swept list needs at least one value");
      for (const auto& item : v.children)
        if (item.kind != yaml_kind::scalar) throw scenario_error(item.mark, where, "list items must be single values");
      p.form = sweep_parameter::kind::list;
      p.values = v.children;
    } else if (v.kind == yaml_kind::map) {
      const yaml_node* lo = v.find("min");
      const yaml_node* hi = v.find("max");
      for (std::size_t k = 0; k < v.keys.size(); ++k)
        if (v.keys[k] != "min" && v.keys[k] != "max")
          throw scenario_error(v.key_marks[k], where + "." + v.keys[k], "unknown key (a range has min and max)");
      if (!lo || !hi) throw scenario_error(v.mark, where, "a range needs both min and max");
      if (!yaml_number(*lo, p.min)) throw scenario_error(lo->mark, where + ".min", "expected a number");
      if (!yaml_number(*hi, p.max)) throw scenario_error(hi->mark, where + ".max", "expected a number");
      if (p.min > p.max) throw scenario_error(v.mark, where, "min is greater than max");
      p.form = sweep_parameter::kind::range;
    } else {
      throw scenario_error(v.mark, where, "expected a value, a list of values or {min, max}");
    }
    out.push_back(std::move(p));
  }
  return out;
}

/// The value of parameter `p` at unit coordinate u in [0, 1).
yaml_node sampled_value(const sweep_parameter& p, double u) {
  if (p.form == sweep_parameter::kind::range) return number_node(p.min + (p.max - p.min) * u, p.mark);
  const auto k = std::min(p.values.size() - 1, static_cast<std::size_t>(u * static_cast<double>(p.values.size())));
  return p.values[k];
}

}  // namespace

std::uint64_t sweep_spec::point_seed(std::size_t point) const {
  return splitmix64(seed ^ splitmix64(0x5eed0000ULL + point)) & 0x1FFFFFFFFFFFFFULL;  // below 2^53: exact in CSV tools
}

store_design sweep_spec::for_store() const {
  store_design d;
  d.sweep_text = text;
  d.scenario_text = scenario_text;
  d.sweep_path = file.string();
  d.scenario_path = scenario_file.string();
  d.design = std::string(to_string(design));
  d.replicates = replicates;
  d.seed = seed;
  for (const auto& p : parameters) d.parameters.push_back(p.path);
  d.ranged_parameters = ranged_parameters();
  d.weekly = weekly;
  d.events = events;
  d.agents = agents;
  if (design == sweep_design::morris) d.design_settings.emplace_back("morris_levels", std::to_string(levels));
  d.points.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const sweep_point& p = points[i];
    d.points.push_back({point_seed(i), p.sobol_block, p.sobol_row, p.sobol_param, p.text, p.number});
  }
  d.shape = scenarios.front();
  return d;
}

stored_run sweep_spec::compute(std::size_t index, const std::atomic<bool>* cancel) const {
  const auto reps = static_cast<std::size_t>(replicates);
  const std::size_t point = index / reps;
  stored_run run;
  run.point = static_cast<int>(point);
  run.replicate = static_cast<int>(index % reps);
  run.seed = point_seed(point);
  run.result = simulate_run(scenarios[point], run.seed, static_cast<std::uint64_t>(run.replicate), weekly, events, cancel, agents);
  if (weekly || events) run.start_date = scenarios[point]->start_date;
  return run;
}

std::vector<std::string> sweep_spec::ranged_parameters() const {
  std::vector<std::string> out;
  for (const auto& p : parameters)
    if (p.form == sweep_parameter::kind::range) out.push_back(p.path);
  return out;
}

std::vector<double> sobol_sequence(std::size_t n, std::size_t dims) {
  // Boost.Random's Sobol' engine (Joe & Kuo direction numbers); its first point is the one after the zero point.
  boost::random::sobol engine(dims);
  const double scale = 1.0 / (static_cast<double>(boost::random::sobol::max()) + 1.0);
  std::vector<double> out(n * dims);
  for (double& x : out) x = static_cast<double>(engine()) * scale;
  return out;
}

sweep_spec load_sweep_file(const std::filesystem::path& path, const load_options& opt, const sweep_limits& lim) {
  return load_sweep_text(read_text_file(path, opt.yaml.max_bytes), path.string(), path.parent_path(), opt, lim);
}

sweep_spec load_sweep_text(const std::string& text, const std::string& label, const std::filesystem::path& base_dir,
                           const load_options& opt, const sweep_limits& lim) {
  sweep_spec spec;
  spec.file = label;
  spec.text = text;
  const yaml_node root = parse_yaml_text(spec.text, label, opt.yaml);
  if (root.kind != yaml_kind::map) throw scenario_error(root.mark, "", "a sweep file must be a YAML mapping");
  sweep_file_def def;
  mark_table marks;
  marks.record("", root.mark);  // a key left out (design, samples) is reported at the document, not at <input>:0:0
  schema_reader::read(root, "", def, {}, &marks);
  spec.name = def.name.empty() ? std::filesystem::path(label).stem().string() : def.name;
  spec.replicates = def.replicates;
  spec.seed = static_cast<std::uint64_t>(def.seed);
  spec.design = def.design;
  spec.samples = def.samples;
  spec.levels = def.levels;
  spec.weekly = def.weekly;
  spec.events = def.events;
  spec.agents = def.agents;
  if (spec.levels % 2 != 0)
    throw scenario_error(marks.at("levels"), "levels", "the morris design needs an even number of levels (4 is usual)");
  spec.parameters = read_parameters(def.parameters);

  // The scenario, relative to the sweep file.
  spec.scenario_file = base_dir / def.scenario;
  try {
    spec.scenario_text = read_text_file(spec.scenario_file, opt.yaml.max_bytes);
  } catch (const usage_error& e) {
    throw scenario_error(marks.at("scenario"), "scenario", e.what());
  }
  const yaml_node base = parse_yaml_text(spec.scenario_text, spec.scenario_file.string(), opt.yaml);

  // The design.
  const auto& params = spec.parameters;
  const std::size_t k = params.size();
  std::vector<std::size_t> varied;
  for (std::size_t i = 0; i < k; ++i)
    if (params[i].form != sweep_parameter::kind::held) varied.push_back(i);
  auto held_or = [&](std::size_t i, const yaml_node& v) { return params[i].form == sweep_parameter::kind::held ? params[i].values[0] : v; };
  std::vector<std::vector<yaml_node>> rows;
  std::vector<sweep_point> meta;
  const source_mark design_mark = marks.at("design");
  if (spec.design == sweep_design::grid) {
    for (const auto& p : params)
      if (p.form == sweep_parameter::kind::range)
        throw scenario_error(p.mark, "parameters." + p.path, "a {min, max} range needs design random, lhs or sobol; a grid sweeps lists");
    double total = 1;
    for (const auto& p : params) total *= static_cast<double>(p.values.size());
    if (total > static_cast<double>(lim.max_points))
      throw scenario_error(design_mark, "design", "the grid has " + std::to_string(static_cast<long long>(total)) +
                                                      " points, more than the limit of " + std::to_string(lim.max_points));
    std::vector<std::size_t> idx(k, 0);
    for (bool done = false; !done;) {
      std::vector<yaml_node> row(k);
      for (std::size_t i = 0; i < k; ++i) row[i] = params[i].values[idx[i]];
      rows.push_back(std::move(row));
      meta.emplace_back();
      done = true;  // an odometer: the last parameter varies fastest
      for (std::size_t i = k; i-- > 0;) {
        if (++idx[i] < params[i].values.size()) {
          done = false;
          break;
        }
        idx[i] = 0;
      }
    }
  } else {
    if (spec.samples < 1) throw scenario_error(marks.at("samples"), "samples", "design " + std::string(to_string(spec.design)) + " needs samples >= 1");
    // The Sobol' and Morris designs sample ranges only: the indices of the ranged parameters (lists are refused).
    auto ranges_only = [&](const std::string& design) {
      std::vector<std::size_t> ranged;
      for (std::size_t i = 0; i < k; ++i) {
        if (params[i].form == sweep_parameter::kind::list)
          throw scenario_error(params[i].mark, "parameters." + params[i].path, "the " + design + " design samples ranges only; write {min, max}");
        if (params[i].form == sweep_parameter::kind::range) ranged.push_back(i);
      }
      if (ranged.empty()) throw scenario_error(design_mark, "design", "the " + design + " design needs at least one {min, max} range");
      return ranged;
    };
    const auto n = static_cast<std::size_t>(spec.samples);
    if (spec.design == sweep_design::morris) {
      // Morris (1991) elementary effects, r trajectories of (ranges + 1) points: a trajectory starts at a random
      // point of the grid of `levels` levels per range and moves each ranged parameter once, in random order, by
      // morris_step(levels) of its range (up from the lower half of the grid, down from the upper half).
      const std::vector<std::size_t> ranged = ranges_only("morris");
      const std::size_t r = ranged.size();
      if (static_cast<double>(n) * static_cast<double>(r + 1) > static_cast<double>(lim.max_points))
        throw scenario_error(marks.at("samples"), "samples", "the design has too many points");
      const double step = morris_step(spec.levels);
      const auto top = static_cast<std::uint64_t>(spec.levels);
      auto row_of = [&](const std::vector<double>& x) {
        std::vector<yaml_node> row(k);
        std::size_t c = 0;
        for (std::size_t i = 0; i < k; ++i)
          row[i] = params[i].form == sweep_parameter::kind::range ? sampled_value(params[i], x[c++]) : params[i].values[0];
        return row;
      };
      for (std::size_t j = 0; j < n; ++j) {
        const draw_stream rng(spec.seed, j, 1, sweep_stream);
        std::vector<double> x(r);
        for (std::size_t c = 0; c < r; ++c) x[c] = static_cast<double>(rng.bits(c, 0) % top) / static_cast<double>(top - 1);
        std::vector<std::size_t> order(r);
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t m = r; m > 1; --m) std::swap(order[m - 1], order[rng.bits(m, 1) % m]);
        rows.push_back(row_of(x));
        meta.push_back({{}, {}, 'M', static_cast<int>(j), -1});
        for (std::size_t c : order) {
          x[c] = x[c] + step <= 1.0 + 1e-12 ? std::min(1.0, x[c] + step) : std::max(0.0, x[c] - step);
          rows.push_back(row_of(x));
          meta.push_back({{}, {}, 'M', static_cast<int>(j), static_cast<int>(c)});
        }
      }
    } else if (spec.design == sweep_design::sobol) {
      const std::vector<std::size_t> ranged = ranges_only("sobol");
      if (ranged.size() > max_sobol_inputs)
        throw scenario_error(design_mark, "design",
                             "the sobol design supports at most " + std::to_string(max_sobol_inputs) + " ranged parameters");
      const std::size_t r = ranged.size();
      const double total = static_cast<double>(n) * static_cast<double>(r + 2);
      if (total > static_cast<double>(lim.max_points))
        throw scenario_error(marks.at("samples"), "samples", "the design has too many points");
      // Saltelli: A and B from one 2r-dimensional Sobol sequence; C_i is A with column i taken from B.
      const auto seq = sobol_sequence(n, 2 * r);
      auto make = [&](std::size_t j, char block, int col) {
        std::vector<yaml_node> row(k);
        std::size_t c = 0;
        for (std::size_t i = 0; i < k; ++i) {
          if (params[i].form != sweep_parameter::kind::range) {
            row[i] = params[i].values[0];
            continue;
          }
          const bool from_b = block == 'B' || (block == 'C' && static_cast<int>(c) == col);
          row[i] = sampled_value(params[i], seq[j * 2 * r + (from_b ? r + c : c)]);
          ++c;
        }
        rows.push_back(std::move(row));
        sweep_point m;
        m.sobol_block = block;
        m.sobol_row = static_cast<int>(j);
        m.sobol_param = col;
        meta.push_back(m);
      };
      for (std::size_t j = 0; j < n; ++j) {
        make(j, 'A', -1);
        make(j, 'B', -1);
        for (std::size_t c = 0; c < r; ++c) make(j, 'C', static_cast<int>(c));
      }
    } else {
      if (n > lim.max_points) throw scenario_error(marks.at("samples"), "samples", "too many samples");
      // Random: independent uniforms; LHS: one draw per stratum per parameter, strata shuffled.
      std::vector<std::vector<double>> u(k, std::vector<double>(n));
      for (std::size_t i = 0; i < k; ++i) {
        const draw_stream rng(spec.seed, i, 0, sweep_stream);
        if (spec.design == sweep_design::random) {
          for (std::size_t j = 0; j < n; ++j) u[i][j] = rng.uniform(j);
        } else {
          std::vector<std::size_t> strata(n);
          std::iota(strata.begin(), strata.end(), 0);
          for (std::size_t j = n; j > 1; --j) std::swap(strata[j - 1], strata[rng.bits(j, 1) % j]);
          for (std::size_t j = 0; j < n; ++j) u[i][j] = (static_cast<double>(strata[j]) + rng.uniform(j, 2)) / static_cast<double>(n);
        }
      }
      for (std::size_t j = 0; j < n; ++j) {
        std::vector<yaml_node> row(k);
        for (std::size_t i = 0; i < k; ++i) row[i] = held_or(i, sampled_value(params[i], u[i][j]));
        rows.push_back(std::move(row));
        meta.emplace_back();
      }
    }
  }
  (void)varied;
  if (rows.size() * static_cast<std::size_t>(spec.replicates) > lim.max_runs)
    throw scenario_error(marks.at("replicates"), "replicates",
                         std::to_string(rows.size()) + " points x " + std::to_string(spec.replicates) +
                             " replicates is more than the limit of " + std::to_string(lim.max_runs) + " runs");

  if (rows.size() > lim.max_points)
    throw scenario_error(design_mark, "design", "the design has " + std::to_string(rows.size()) +
                                                    " points, more than the limit of " + std::to_string(lim.max_points));
  // Every point keeps its frozen scenario: refuse a design whose scenarios would not fit in memory.
  {
    const scenario probe = *load_scenario_tree(base, opt);
    const double per_point = 8192.0 + 4096.0 * static_cast<double>(probe.councils.size());
    const double budget = opt.memory_budget_bytes > 0 ? opt.memory_budget_bytes : default_memory_budget();
    if (per_point * static_cast<double>(rows.size()) > budget / 2)
      throw scenario_error(design_mark, "design",
                           std::to_string(rows.size()) + " points of a " + std::to_string(probe.councils.size()) +
                               "-council scenario would need about " + human_bytes(per_point * static_cast<double>(rows.size())) +
                               " to hold, more than half the memory budget of " + human_bytes(budget) + "; refused");
  }
  // Every point's scenario, validated now: a bad path or value is reported before anything runs.
  for (std::size_t pt = 0; pt < rows.size(); ++pt) {
    yaml_node tree = base;
    sweep_point point = meta[pt];
    for (std::size_t i = 0; i < k; ++i) {
      if (!is_dummy_input(params[i].path)) set_path(tree, params[i].path, rows[pt][i], params[i].mark);
      point.text.push_back(rows[pt][i].value);
      double d = std::numeric_limits<double>::quiet_NaN();
      (void)yaml_number(rows[pt][i], d);  // NaN stays for a non-numeric value
      point.number.push_back(d);
    }
    spec.scenarios.push_back(load_scenario_tree(tree, opt));
    check_targets(*spec.scenarios.back());
    spec.points.push_back(std::move(point));
  }
  return spec;
}

}  // namespace partyline
