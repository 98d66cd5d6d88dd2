// Calibration files and runs: see include/partyline/calibrate/calibration.hpp.
#include "partyline/calibrate/calibration.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iterator>
#include <functional>
#include <map>
#include <set>

#include "partyline/error.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/random.hpp"
#include "partyline/scenario/read.hpp"
#include "partyline/scenario/schema.hpp"
#include "partyline/scenario/yaml_edit.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/sha256.hpp"
#include "ranks.hpp"

namespace partyline {

namespace {

struct calibration_file_def {
  std::string from;
  std::string name;
  std::vector<std::string> cases;
  int replicates = 10;
  long long seed = 1;
  int particles = 200;
  int generations = 6;
  double quantile = 0.5;
  double min_acceptance = 0.01;
  double final_tolerance = 0;
  int predictive_draws = 100;
  std::string sampler = "importance";
  int moves = 1;
  yaml_node parameters;

  template <class V>
  void describe(V& v) {
    v.field("from", from);
    v.field("name", name);
    v.required("cases", cases);
    v.field("replicates", replicates, {1, 100000});
    v.field("seed", seed, {0, 9.0e15});
    v.field("particles", particles, {2, 100000});
    v.field("generations", generations, {1, 1000});
    v.field("quantile", quantile, {0.01, 0.99});
    v.field("min_acceptance", min_acceptance, {0, 1});
    v.field("final_tolerance", final_tolerance, {0, 1e12});
    v.field("predictive_draws", predictive_draws, {1, 100000});
    v.field("sampler", sampler);
    v.field("moves", moves, {1, 1000});
    v.required("parameters", parameters);
  }
};

abc_prior read_prior(const std::string& path, const yaml_node& v) {
  const std::string where = "parameters." + path;
  if (v.kind != yaml_kind::map) throw scenario_error(v.mark, where, "expected {prior: uniform|normal|lognormal, ...}");
  abc_prior p;
  p.name = path;
  std::map<std::string, double> num;
  std::string shape;
  for (std::size_t k = 0; k < v.keys.size(); ++k) {
    const std::string& key = v.keys[k];
    if (key == "prior") {
      shape = v.children[k].value;
      continue;
    }
    if (key != "min" && key != "max" && key != "mean" && key != "sd")
      throw scenario_error(v.key_marks[k], where + "." + key, "unknown key (a prior has prior, min, max, mean, sd)");
    double x = 0;
    if (!yaml_number(v.children[k], x)) throw scenario_error(v.children[k].mark, where + "." + key, "expected a number");
    num[key] = x;
  }
  auto need = [&](const char* key) {
    if (!num.count(key)) throw scenario_error(v.mark, where, std::string("a ") + shape + " prior needs " + key);
    return num[key];
  };
  if (shape == "uniform") {
    p.shape = abc_prior::kind::uniform;
    p.a = need("min");
    p.b = need("max");
    if (p.a >= p.b) throw scenario_error(v.mark, where, "min must be less than max");
    p.lo = p.a;
    p.hi = p.b;
  } else if (shape == "normal" || shape == "lognormal") {
    p.shape = shape == "normal" ? abc_prior::kind::normal : abc_prior::kind::lognormal;
    p.a = need("mean");
    p.b = need("sd");
    if (p.b <= 0) throw scenario_error(v.mark, where + ".sd", "sd must be positive");
    if (num.count("min")) p.lo = num["min"];
    if (num.count("max")) p.hi = num["max"];
    if (p.lo >= p.hi) throw scenario_error(v.mark, where, "min must be less than max");
  } else {
    throw scenario_error(v.mark, where + ".prior", "'" + shape + "' is not one of: uniform, normal, lognormal");
  }
  return p;
}

/// A case's scenario with the particle's parameters applied.
frozen_scenario case_scenario(const calibration_spec& spec, const calibration_case& c, const Eigen::VectorXd& theta) {
  yaml_node tree = c.tree;
  for (std::size_t p = 0; p < spec.priors.size(); ++p)
    set_path(tree, spec.priors[p].name, number_node(theta[static_cast<Eigen::Index>(p)], spec.prior_marks[p]), spec.prior_marks[p]);
  load_options opt;
  opt.concurrent_runs = 1;
  return load_scenario_tree(tree, opt);
}

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// The metropolis sampler's columns of a replicate's distance: replicate_1, replicate_2, ...
std::string replicate_column(Eigen::Index j) { return "replicate_" + std::to_string(j + 1); }

/// A generation's particles: generation, tolerance, simulations, particle, weight, distance, then the parameters (every
/// column after `distance` is a parameter: `run --posterior` reads them so). The metropolis sampler's add the moves
/// accepted (after simulations) and every particle's replicate distances (before distance), to continue from.
table_data generation_table(const calibration_spec& spec, const abc_generation& g) {
  const bool metropolis = spec.abc.sampler == abc_sampler::metropolis;
  table_data t;
  t.columns = {"generation", "tolerance", "simulations"};
  if (metropolis) t.columns.push_back("accepted");
  t.columns.insert(t.columns.end(), {"particle", "weight"});
  if (metropolis)
    for (Eigen::Index j = 0; j < g.replicates.cols(); ++j) t.columns.push_back(replicate_column(j));
  t.columns.push_back("distance");
  for (const auto& p : spec.priors) t.columns.push_back(p.name);
  for (Eigen::Index i = 0; i < g.theta.rows(); ++i) {
    std::vector<std::string> row{std::to_string(g.index), num(g.tolerance), std::to_string(g.simulations)};
    if (metropolis) row.push_back(std::to_string(g.accepted));
    row.insert(row.end(), {std::to_string(i), num(g.weight[i])});
    if (metropolis)
      for (Eigen::Index j = 0; j < g.replicates.cols(); ++j) row.push_back(num(g.replicates(i, j)));
    row.push_back(num(g.distance[i]));
    for (Eigen::Index p = 0; p < g.theta.cols(); ++p) row.push_back(num(g.theta(i, p)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

abc_generation read_generation(const calibration_spec& spec, const std::filesystem::path& file) {
  const table_data t = read_csv(read_text_file(file, 1u << 30), file.string());
  abc_generation g;
  const auto n = static_cast<Eigen::Index>(t.rows.size());
  const auto k = static_cast<Eigen::Index>(spec.priors.size());
  if (n != spec.abc.particles) throw usage_error(file.string() + ": holds " + std::to_string(n) + " particles, not " + std::to_string(spec.abc.particles));
  g.theta.resize(n, k);
  g.weight.resize(n);
  g.distance.resize(n);
  const auto gen = t.numbers("generation"), tol = t.numbers("tolerance"), sims = t.numbers("simulations"), w = t.numbers("weight"),
             d = t.numbers("distance");
  g.index = static_cast<int>(gen.at(0));
  g.tolerance = tol.at(0);
  g.simulations = static_cast<long long>(sims.at(0));
  for (Eigen::Index i = 0; i < n; ++i) {
    g.weight[i] = w[static_cast<std::size_t>(i)];
    g.distance[i] = d[static_cast<std::size_t>(i)];
  }
  for (Eigen::Index p = 0; p < k; ++p) {
    const auto col = t.numbers(spec.priors[static_cast<std::size_t>(p)].name);
    for (Eigen::Index i = 0; i < n; ++i) g.theta(i, p) = col[static_cast<std::size_t>(i)];
  }
  if (spec.abc.sampler == abc_sampler::metropolis) {
    const auto m = static_cast<Eigen::Index>(spec.abc.replicates);
    const auto has = [&](const std::string& c) { return std::find(t.columns.begin(), t.columns.end(), c) != t.columns.end(); };
    if (!has("accepted") || !has(replicate_column(m - 1)))
      throw usage_error(file.string() + ": has no accepted and " + replicate_column(m - 1) +
                        " columns: it was not saved by the metropolis sampler with these replicates, and cannot be continued by it");
    g.accepted = static_cast<long long>(t.numbers("accepted").at(0));
    g.replicates.resize(n, m);
    for (Eigen::Index j = 0; j < m; ++j) {
      const auto col = t.numbers(replicate_column(j));
      for (Eigen::Index i = 0; i < n; ++i) g.replicates(i, j) = col[static_cast<std::size_t>(i)];
    }
  }
  return g;
}

/// The calibration's tables in one SQLite file, for notebooks that prefer SQL: written beside as a temporary file
/// and renamed over the old one, so a reader sees the old or the new store, never half of one. Its manifest table
/// holds the calibration's identity and `extra` entries: whether it is complete and each CSV file's SHA-256 and rows
/// (what `partyline verify` checks the folder against).
void write_store(const std::filesystem::path& dir, const std::vector<std::pair<std::string, table_data>>& tables, const std::string& identity,
                 const std::vector<std::pair<std::string, std::string>>& extra) {
  const std::filesystem::path tmp = dir / ".results.sqlite.tmp", file = dir / "results.sqlite";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  sqlite3* db = nullptr;
  if (sqlite3_open(tmp.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    throw usage_error(tmp.string() + ": cannot be created");
  }
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string what = err ? err : "unknown error";
      sqlite3_free(err);
      sqlite3_close(db);
      std::filesystem::remove(tmp);
      throw usage_error(file.string() + ": " + what);
    }
  };
  auto quoted = [](const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  exec("BEGIN; CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO manifest VALUES ('calibration', " +
       quoted(identity) + ");");
  for (const auto& [key, value] : extra) exec("INSERT INTO manifest VALUES (" + quoted(key) + ", " + quoted(value) + ");");
  for (const auto& [name, t] : tables) {
    std::string create = "CREATE TABLE " + name + " (";
    for (std::size_t c = 0; c < t.columns.size(); ++c) create += (c ? ", \"" : "\"") + t.columns[c] + "\"";
    exec(create + ");");
    for (const auto& row : t.rows) {
      std::string insert = "INSERT INTO " + name + " VALUES (";
      for (std::size_t c = 0; c < row.size(); ++c) {
        double v = 0;
        const auto r = std::from_chars(row[c].data(), row[c].data() + row[c].size(), v);
        const bool numeric = !row[c].empty() && r.ec == std::errc() && r.ptr == row[c].data() + row[c].size();
        // Numbers as REAL (an infinite tolerance as SQLite's Inf), empty cells as NULL, the rest as text.
        const std::string value = numeric ? (std::isfinite(v) ? row[c] : v > 0 ? "1e999" : "-1e999")
                                  : row[c].empty() ? std::string("NULL") : quoted(row[c]);
        insert += (c ? ", " : "") + value;
      }
      exec(insert + ");");
    }
  }
  exec("COMMIT;");
  sqlite3_close(db);
  std::filesystem::rename(tmp, file, ec);
  if (ec) throw usage_error(file.string() + ": " + ec.message());
}

std::filesystem::path generation_file(const std::filesystem::path& dir, int g) {
  char name[32];
  std::snprintf(name, sizeof name, "%03d.csv", g);
  return dir / "generations" / name;
}

}  // namespace

calibration_spec load_calibration_file(const std::filesystem::path& path, const load_options& opt) {
  return load_calibration_text(read_text_file(path, opt.yaml.max_bytes), path, opt);
}

calibration_spec load_calibration_text(std::string text, const std::filesystem::path& path, const load_options& opt) {
  calibration_spec spec;
  spec.file = path;
  spec.text = std::move(text);
  yaml_node root = parse_yaml_text(spec.text, path.string(), opt.yaml);
  if (root.kind != yaml_kind::map) throw scenario_error(root.mark, "", "a calibration file must be a YAML mapping");
  // `from: FILE`: start from another calibration file (the same cases and priors at another budget, say); this
  // file's keys replace its. Case paths stay relative to the file that lists them. One level only.
  std::filesystem::path cases_dir = path.parent_path();
  if (const yaml_node* from = root.find("from")) {
    // One file, named: a list or an empty name would otherwise be read as this file's own folder.
    if (from->kind != yaml_kind::scalar || from->value.empty())
      throw scenario_error(from->mark, "from", "expected one calibration file (its path relative to this file), got " +
                                                   std::string(from->kind == yaml_kind::scalar ? "an empty name" : from->kind_name()));
    const std::filesystem::path base_file = path.parent_path() / from->value;
    std::string base_text;
    try {
      base_text = read_text_file(base_file, opt.yaml.max_bytes);
    } catch (const usage_error& e) {
      throw scenario_error(from->mark, "from", e.what());
    }
    yaml_node base = parse_yaml_text(base_text, base_file.string(), opt.yaml);
    if (base.kind != yaml_kind::map) throw scenario_error(base.mark, "", "a calibration file must be a YAML mapping");
    if (const yaml_node* again = base.find("from")) throw scenario_error(again->mark, "from", "a file named by `from` may not have a `from` itself");
    if (!root.find("cases")) cases_dir = base_file.parent_path();
    for (std::size_t k = 0; k < root.keys.size(); ++k) {
      if (root.keys[k] == "from") continue;
      if (yaml_node* old = base.find(root.keys[k])) {
        *old = root.children[k];
      } else {
        base.keys.push_back(root.keys[k]);
        base.key_marks.push_back(root.key_marks[k]);
        base.children.push_back(root.children[k]);
      }
    }
    root = std::move(base);
    // Both files identify the calibration: the base's text joins as comments (DIR/calibration.yaml stays YAML).
    spec.text += "\n# ---- " + base_file.filename().string() + " as read:\n";
    for (std::size_t at = 0; at < base_text.size();) {
      const std::size_t end = std::min(base_text.find('\n', at), base_text.size());
      spec.text += "# " + base_text.substr(at, end - at) + "\n";
      at = end + 1;
    }
  }
  calibration_file_def def;
  mark_table marks;
  marks.record("", root.mark);
  schema_reader::read(root, "", def, {}, &marks);
  spec.name = def.name.empty() ? path.stem().string() : def.name;
  spec.replicates = def.replicates;
  spec.predictive_draws = def.predictive_draws;
  spec.abc.particles = def.particles;
  spec.abc.generations = def.generations;
  spec.abc.quantile = def.quantile;
  spec.abc.min_acceptance = def.min_acceptance;
  spec.abc.final_tolerance = def.final_tolerance;
  spec.abc.seed = static_cast<std::uint64_t>(def.seed);
  if (def.sampler == "metropolis") {
    spec.abc.sampler = abc_sampler::metropolis;
  } else if (def.sampler != "importance") {
    throw scenario_error(marks.at("sampler"), "sampler", "'" + def.sampler + "' is not one of: importance, metropolis");
  }
  if (def.moves != 1 && spec.abc.sampler != abc_sampler::metropolis)
    throw scenario_error(marks.at("moves"), "moves", "moves are the metropolis sampler's (set sampler: metropolis)");
  spec.abc.replicates = def.replicates;
  spec.abc.moves = def.moves;
  if (def.parameters.kind != yaml_kind::map || def.parameters.keys.empty())
    throw scenario_error(marks.at("parameters"), "parameters", "expected a mapping of dotted paths to priors");
  for (std::size_t i = 0; i < def.parameters.keys.size(); ++i) {
    spec.priors.push_back(read_prior(def.parameters.keys[i], def.parameters.children[i]));
    spec.prior_marks.push_back(def.parameters.key_marks[i]);
    // Legal, but rarely meant: a range where the prior has almost no mass makes the prior nearly a uniform at its end.
    if (const double mass = spec.priors.back().mass_inside(); mass < 0.01) {
      char share[32];
      std::snprintf(share, sizeof share, "%.3g%%", 100 * mass);
      spec.warnings.push_back(scenario_error(def.parameters.key_marks[i], "parameters." + def.parameters.keys[i],
                                             std::string("the prior keeps only ") + share + " of its mass inside [min, max]; its draws "
                                             "come from that sliver (is the mean or the range mistyped?)").what());
    }
  }
  if (def.cases.empty()) throw scenario_error(marks.at("cases"), "cases", "at least one case (a scenario with targets) is needed");
  for (std::size_t i = 0; i < def.cases.size(); ++i) {
    const std::string where = "cases[" + std::to_string(i) + "]";
    calibration_case c;
    c.file = cases_dir / def.cases[i];
    try {
      c.text = read_text_file(c.file, opt.yaml.max_bytes);
    } catch (const usage_error& e) {
      throw scenario_error(marks.at(where), where, e.what());
    }
    c.tree = parse_yaml_text(c.text, c.file.string(), opt.yaml);
    // Every parameter applies to every case: checked at the centre of its prior (a path that does not exist, or a
    // value a key does not take, is an error here, not in the middle of the calibration).
    Eigen::VectorXd centre(static_cast<Eigen::Index>(spec.priors.size()));
    for (std::size_t p = 0; p < spec.priors.size(); ++p) centre[static_cast<Eigen::Index>(p)] = spec.priors[p].centre();
    const frozen_scenario scen = case_scenario(spec, c, centre);
    check_targets(*scen);
    // A prior draws numbers: its path must lead to a number of the scenario. A text (`name`) or a choice would take
    // the drawn number as its text, and the calibration would fit nothing (issue 36 F6).
    const yaml_node resolved = parse_yaml_text(to_yaml(*scen), c.file.string());
    for (std::size_t p = 0; p < spec.priors.size(); ++p) {
      double x = 0;
      const yaml_node* at = find_path(resolved, spec.priors[p].name);
      if (at && !yaml_number(*at, x))
        throw scenario_error(spec.prior_marks[p], "parameters." + spec.priors[p].name,
                             "not a number of the scenario (a text, a choice or a list): a prior draws numbers");
    }
    if (scen->targets.empty()) throw scenario_error(marks.at(where), where, c.file.string() + " states no targets to calibrate against");
    c.name = scen->name;
    c.targets = scen->targets.size();
    for (const auto& t : scen->targets) c.fitted += t.use == target_use::fit;
    spec.cases.push_back(std::move(c));
  }
  return spec;
}

void hold_out_case(calibration_spec& spec, const std::string& name) {
  std::string names;
  for (auto& c : spec.cases) {
    if (c.name == name || c.file.stem().string() == name) {
      if (spec.cases.size() == 1) throw usage_error("--hold-out " + name + ": it is the only case; nothing would be left to fit");
      c.held_out = true;
      spec.hold_out = name;
      return;
    }
    names += (names.empty() ? "" : ", ") + c.name;
  }
  throw usage_error("--hold-out " + name + ": no such case in " + spec.file.string() + " (its cases: " + names + ")");
}

void calibration_distances(const calibration_spec& spec, const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& out) {
  const auto replicates = static_cast<std::size_t>(spec.replicates);
  std::vector<double> sum(replicates, 0.0);
  std::vector<std::size_t> count(replicates, 0);
  for (std::size_t ci = 0; ci < spec.cases.size(); ++ci) {
    // A case held out, or one whose every fact is for validation, adds nothing to the distance: it is not run (the
    // posterior predictive runs it). Each case's seed is keyed by its place, so the others' runs are the same.
    if (spec.cases[ci].held_out || spec.cases[ci].fitted == 0) continue;
    frozen_scenario scen;
    try {
      scen = case_scenario(spec, spec.cases[ci], theta);
    } catch (const scenario_error&) {
      out.assign(replicates, std::numeric_limits<double>::infinity());  // a value the scenario does not take: outside the model
      return;
    }
    run_options ro;
    ro.runs = spec.replicates;
    ro.seed = splitmix64(key ^ splitmix64(0xca5e0000ULL + ci)) & 0x1FFFFFFFFFFFFFULL;
    ro.cancel = spec.abc.cancel;
    const auto results = simulate_runs(scen, ro);
    // A particle is never scored on part of its runs: a stop abandons it (and the generation in flight).
    if (results.size() < replicates) throw run_cancelled();
    // Each replicate is one simulation of the case: its own distance from the documented facts, never the distance of
    // the replicates' mean (a yes/no fact observed once enters as what the model gives its probability).
    // Validation facts never enter the distance.
    for (std::size_t j = 0; j < replicates; ++j) {
      const table_data t = run_targets(*scen, {results[j]}, ro.seed);
      const std::size_t distance = t.column("distance"), use = t.column("use");
      for (const auto& row : t.rows) {
        if (row[use] == "validate") continue;
        const double d = std::strtod(row[distance].c_str(), nullptr);
        sum[j] += d * d;
        ++count[j];
      }
    }
  }
  out.resize(replicates);
  for (std::size_t j = 0; j < replicates; ++j) out[j] = count[j] ? std::sqrt(sum[j] / static_cast<double>(count[j])) : 0.0;
}

double calibration_distance(const calibration_spec& spec, const Eigen::VectorXd& theta, std::uint64_t key) {
  std::vector<double> d;
  calibration_distances(spec, theta, key, d);
  return d.empty() ? 0.0 : d.front();
}

table_data calibration_fit(const calibration_spec& spec, const abc_generation& last) {
  // Particles drawn by weight (systematic resampling, keyed by the seed); one run of each case at each.
  const std::vector<double> cumulative = cumulative_weights(last.weight);
  const draw_stream rng(spec.abc.seed, 0, 0, static_cast<stream>(902));
  const double start = rng.uniform(0, 0);
  table_data out;
  for (std::size_t ci = 0; ci < spec.cases.size(); ++ci) {
    result_table runs, councils, checkpoints;
    frozen_scenario scen;
    for (int d = 0; d < spec.predictive_draws; ++d) {
      const Eigen::Index i = pick_by_weight(cumulative, (start + d) / spec.predictive_draws);
      scen = case_scenario(spec, spec.cases[ci], last.theta.row(i).transpose());
      run_options ro;
      ro.runs = 1;
      ro.seed = spec.abc.seed ^ 0xf17ULL;
      ro.first_run = d;
      const auto results = simulate_runs(scen, ro);
      runs.append(runs_table(results, ro.seed));
      councils.append(councils_table(*scen, results));
      checkpoints.append(checkpoints_table(*scen, results));
    }
    const table_data t = target_table(scen->targets, runs, councils, checkpoints);
    if (out.columns.empty()) {
      out.columns = {"case", "held_out"};
      out.columns.insert(out.columns.end(), t.columns.begin(), t.columns.end());
    }
    for (const auto& row : t.rows) {
      std::vector<std::string> line{spec.cases[ci].name, spec.cases[ci].held_out ? "1" : "0"};
      line.insert(line.end(), row.begin(), row.end());
      out.rows.push_back(std::move(line));
    }
  }
  return out;
}

calibrate_report run_calibration(const calibration_spec& spec, const std::filesystem::path& dir, bool resume,
                                 const std::function<void(const abc_generation&, double)>& on_generation) {
  return detail::run_calibration_with(spec, dir, resume, on_generation, nullptr);
}

calibrate_report detail::run_calibration_with(const calibration_spec& spec, const std::filesystem::path& dir, bool resume,
                                              const std::function<void(const abc_generation&, double)>& on_generation,
                                              const calibration_ranks* ranks) {
  namespace fs = std::filesystem;
  const auto started = std::chrono::steady_clock::now();
  const bool writer = !ranks || ranks->writer;
  calibrate_report report;
  std::vector<abc_generation> done;
  std::unique_ptr<output_lock> lock;
  std::string failure;
  if (writer) {
    try {
      std::error_code ec;
      if (resume && fs::exists(dir / "calibration.yaml", ec)) {
        lock = std::make_unique<output_lock>(dir);
        if (read_text_file(dir / "calibration.yaml", 1u << 26) != spec.identity())
          throw usage_error(dir.string() + ": holds another calibration (its calibration.yaml, with any case held out, differs from " +
                            spec.file.string() + (spec.hold_out.empty() ? "" : " --hold-out " + spec.hold_out) + ")");
        for (int g = 0;; ++g) {
          const fs::path f = generation_file(dir, g);
          if (!fs::exists(f, ec)) break;
          done.push_back(read_generation(spec, f));
        }
      } else {
        // A calibration's folder is continued, never overwritten: say so, rather than what its store looks like.
        if (!resume && fs::exists(dir / "calibration.yaml", ec))
          throw usage_error(dir.string() + ": already holds a calibration; continue it with --resume, or use another --out");
        lock = std::make_unique<output_lock>(claim_output_dir(dir, false));
        fs::create_directories(dir / "generations", ec);
        write_file_atomically(dir / "calibration.yaml", spec.identity());
      }
    } catch (const std::exception& e) {
      if (!ranks) throw;
      failure = e.what();
    }
  }
  abc_options abc = spec.abc;
  if (ranks) {
    ranks->agree(failure);
    if (!failure.empty()) {
      if (writer) throw usage_error(failure);
      return report;
    }
    ranks->share(done, abc.particles, static_cast<int>(spec.priors.size()));
    abc.run_slots = ranks->run_slots;
    if (!writer) abc.on_generation_start = {}, abc.on_particle = {}, abc.on_stop = {};
  }
  report.resumed_generations = done.size();
  abc.on_stop = [&report, tell = abc.on_stop](abc_stop why) {
    report.stopped_because = why;
    if (tell) tell(why);
  };
  const abc_replicate_distances distance = [&spec](const Eigen::VectorXd& theta, std::uint64_t key, std::vector<double>& d) {
    calibration_distances(spec, theta, key, d);
  };
  report.generations = abc_smc(spec.priors, distance, abc, done, [&](const abc_generation& g) {
    if (!writer) return;
    write_file_atomically(generation_file(dir, g.index), to_csv(generation_table(spec, g)));
    if (on_generation) on_generation(g, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  });
  if (!writer) return report;
  const bool cancelled = spec.abc.cancel && spec.abc.cancel->load();
  report.complete = !report.generations.empty() && !cancelled;
  if (!report.generations.empty()) {
    // The posterior (every generation, the last is the estimate), the schedule, and the fit of the last generation.
    table_data posterior, schedule;
    schedule.columns = {"generation", "tolerance", "simulations", "acceptance", "ess"};
    for (const auto& g : report.generations) {
      table_data t = generation_table(spec, g);
      if (posterior.columns.empty()) posterior.columns = std::move(t.columns);
      posterior.rows.insert(posterior.rows.end(), std::make_move_iterator(t.rows.begin()), std::make_move_iterator(t.rows.end()));
      schedule.rows.push_back({std::to_string(g.index), num(g.tolerance), std::to_string(g.simulations), num(g.acceptance()), num(g.ess())});
    }
    // Each file's checksum and rows go into the store's manifest, written last: the folder vouches for these files.
    std::vector<std::pair<std::string, std::string>> manifest{{"complete", report.complete ? "true" : "false"}};
    const auto write_csv = [&](const std::string& name, const std::string& text) {
      write_file_atomically(dir / name, text);
      manifest.emplace_back(calibration_file_key + name, sha256_hex(text) + " " + std::to_string(csv_rows(text)));
    };
    for (const auto& g : report.generations) {
      const std::string name = "generations/" + generation_file(dir, g.index).filename().string();
      const std::string text = read_text_file(dir / name, std::size_t{1} << 32);  // as saved, resumed ones included
      manifest.emplace_back(calibration_file_key + name, sha256_hex(text) + " " + std::to_string(csv_rows(text)));
    }
    write_csv("posterior.csv", to_csv(posterior));
    write_csv("generations.csv", to_csv(schedule));
    std::vector<std::pair<std::string, table_data>> tables{{"posterior", std::move(posterior)}, {"generations", std::move(schedule)}};
    if (report.complete) {
      const table_data fit = calibration_fit(spec, report.generations.back());
      write_csv("fit.csv", to_csv(fit));
      // The validation facts alone: each under the posterior predictive, never fitted.
      const table_data validation = fit.where("use", "validate");
      write_csv("validation.csv", to_csv(validation));
      tables.emplace_back("fit", fit);
      tables.emplace_back("validation", validation);
    }
    write_store(dir, tables, spec.identity(), manifest);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

namespace {

/// Reads a calibration store's manifest and table sizes (read-only); usage_error if SQLite cannot.
struct calibration_store_view {
  std::string check;
  std::map<std::string, std::string> manifest;
  std::map<std::string, long long> rows;  ///< per table
};

calibration_store_view read_calibration_store(const std::filesystem::path& file) {
  calibration_store_view v;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw usage_error(file.string() + ": cannot be opened: " + msg);
  }
  const auto each_row = [&](const std::string& sql, const std::function<void(sqlite3_stmt*)>& f) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      const std::string msg = sqlite3_errmsg(db);
      sqlite3_finalize(st);
      throw usage_error(msg);
    }
    while (sqlite3_step(st) == SQLITE_ROW) f(st);
    sqlite3_finalize(st);
  };
  const auto text = [](sqlite3_stmt* st, int i) {
    const auto* t = sqlite3_column_text(st, i);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  try {
    each_row("PRAGMA quick_check", [&](sqlite3_stmt* st) { v.check += (v.check.empty() ? "" : "; ") + text(st, 0); });
    if (v.check == "ok") {
      each_row("SELECT key, value FROM manifest", [&](sqlite3_stmt* st) { v.manifest[text(st, 0)] = text(st, 1); });
      std::vector<std::string> tables;
      each_row("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'manifest'",
               [&](sqlite3_stmt* st) { tables.push_back(text(st, 0)); });
      for (const auto& t : tables)
        each_row("SELECT COUNT(*) FROM \"" + t + "\"", [&](sqlite3_stmt* st) { v.rows[t] = sqlite3_column_int64(st, 0); });
    }
  } catch (const usage_error& e) {
    sqlite3_close(db);
    throw usage_error(file.string() + ": not a calibration's store: " + e.what());
  }
  sqlite3_close(db);
  return v;
}

}  // namespace

bool is_calibration_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "calibration.yaml", ec);
}

std::vector<std::string> verify_calibration_folder(const std::filesystem::path& dir, std::string& what) {
  namespace fs = std::filesystem;
  std::vector<std::string> problems;
  std::error_code ec;
  what = "a calibration";
  if (const std::string pid = output_folder_writer(dir); !pid.empty())
    problems.push_back("a partyline (pid " + pid + ") is writing into it now: not finished yet");
  const fs::path store = dir / "results.sqlite";
  if (!fs::exists(store, ec)) {
    problems.emplace_back("results.sqlite is missing: the calibration was stopped before it wrote its tables (continue it "
                          "with the same `partyline calibrate` command and --resume)");
    return problems;
  }
  calibration_store_view v;
  try {
    v = read_calibration_store(store);
  } catch (const usage_error& e) {
    problems.emplace_back(e.what());
    return problems;
  }
  if (v.check != "ok") {
    problems.push_back("results.sqlite: SQLite quick_check: " + v.check.substr(0, 200));
    return problems;
  }
  if (v.manifest["calibration"] != read_text_file(dir / "calibration.yaml", std::size_t{1} << 26))
    problems.emplace_back("calibration.yaml: not the calibration results.sqlite was written for");
  // The files the store vouches for, each against its SHA-256 and rows.
  std::set<std::string> listed;
  std::map<std::string, long long> file_rows;
  for (const auto& [key, value] : v.manifest) {
    if (key.rfind(calibration_file_key, 0) != 0) continue;
    const std::string name = key.substr(std::string(calibration_file_key).size());
    listed.insert(name);
    const auto space = value.find(' ');
    const std::string sha = value.substr(0, space);
    const long long rows = space == std::string::npos ? -1 : std::atoll(value.c_str() + space + 1);
    file_rows[name] = rows;
    if (name.find("..") != std::string::npos || !fs::is_regular_file(dir / name, ec)) {
      problems.push_back(name + ": listed in results.sqlite but missing");
      continue;
    }
    const std::string text = read_text_file(dir / name, std::size_t{1} << 34);
    if (sha256_hex(text) != sha) problems.push_back(name + ": its SHA-256 is not the one results.sqlite records");
    else if (csv_rows(text) != rows) problems.push_back(name + ": its row count is not the one results.sqlite records");
  }
  if (listed.empty()) {
    problems.emplace_back("results.sqlite: records no checksums of the folder's files (written by an older partyline?)");
    return problems;
  }
  // The store's own tables hold the same rows as the CSV files they copy.
  for (const char* table : {"posterior", "generations", "fit"}) {
    const std::string csv = std::string(table) + ".csv";
    if (!file_rows.count(csv)) continue;
    const long long have = v.rows.count(table) ? v.rows[table] : -1;
    if (have != file_rows[csv])
      problems.push_back("results.sqlite: table " + std::string(table) + " has " + (have < 0 ? std::string("no rows (missing)") : std::to_string(have) + " rows") +
                         ", " + csv + " " + std::to_string(file_rows[csv]));
  }
  // Nothing the calibration did not write.
  const auto expected = [&](const std::string& name) {
    return name == "calibration.yaml" || name == "results.sqlite" || name == "generations" || listed.count(name) > 0;
  };
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name == output_lock_file || expected(name)) continue;
    problems.push_back(name + ": not part of the calibration's result set (results.sqlite does not list it)");
  }
  for (const auto& e : fs::directory_iterator(dir / "generations", ec)) {
    const std::string name = "generations/" + e.path().filename().string();
    if (!listed.count(name)) problems.push_back(name + ": not part of the calibration's result set (results.sqlite does not list it)");
  }
  std::size_t generations = 0;
  for (const auto& name : listed) generations += name.rfind("generations/", 0) == 0;
  const bool complete = v.manifest["complete"] == "true";
  what = "a calibration: " + std::to_string(generations) + " generations" + (complete ? ", complete" : "");
  if (!complete)
    problems.push_back("the calibration was stopped after " + std::to_string(generations) +
                       " generations (complete: false); continue it with the same `partyline calibrate` command and --resume");
  return problems;
}

}  // namespace partyline
