// libFuzzer harness for the Python entry point: `partyline.run(scenario, runs=, seed=, threads=, overrides=,
// weekly=, events=)` with the scenario as a path or a dict. Python turns a dict into JSON text (json.dumps, indent
// 2) and hands the text and the arguments to the library's prepare_request / execute_request (sim/python/
// bindings.cpp); this harness drives those two functions the same way, with arguments Python's own checks would
// have refused too (a caller may bypass them), so the library must hold on its own.
//
// Each input decodes into: flags, three 64-bit arguments (runs, seed, threads), up to three overrides (known
// dotted paths or arbitrary ones, values as Python's _yaml_value writes them or arbitrary text), and a scenario:
// either the rest of the input as raw text (the file path), or a dict -- one of the shipped scenarios as a JSON
// tree -- mutated by the input (values replaced by other types, numbers at the extremes, NaN and Infinity as
// json.dumps writes them, keys removed, misspelt or added, subtrees copied) and dumped as json.dumps would.
//
// Expected: a scenario, a std::invalid_argument naming the argument, or a scenario_error / usage_error. Never a
// crash, a hang, a leak, undefined behaviour or an out-of-memory. One accepted input in four (chosen by content,
// so reproducible) is also run: up to two runs on one thread, when the scenario is small enough to stay quick.
// With PARTYLINE_FUZZ_LOAD_ONLY=1 in the environment nothing is run: the arguments and the dict are checked and
// loaded only, about ten times as many inputs a second (the runs are the engine's, which the suite covers).
#include <cmath>
#include <cstdio>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "partyline/engine/load.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/sweep/plan.hpp"

namespace {

using json = nlohmann::json;

/// Reads the fuzz input as a stream of choices; past its end every read is zero.
class choices {
 public:
  choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
    return v;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>((std::uint32_t{byte()} << 8 | byte()) % n); }
  std::string text(std::size_t max_len) {
    std::string s;
    const std::size_t n = below(max_len + 1);
    for (std::size_t i = 0; i < n && pos_ < size_; ++i) s += static_cast<char>(byte());
    return s;
  }
  std::string rest() {
    std::string s(reinterpret_cast<const char*>(data_ + pos_), size_ - pos_);
    pos_ = size_;
    return s;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

/// A YAML tree as the JSON a Python dict of it would give (numbers, booleans and null where YAML has them).
json to_json(const partyline::yaml_node& n) {
  switch (n.kind) {
    case partyline::yaml_kind::null: return nullptr;
    case partyline::yaml_kind::sequence: {
      json a = json::array();
      for (const auto& c : n.children) a.push_back(to_json(c));
      return a;
    }
    case partyline::yaml_kind::map: {
      json o = json::object();
      for (std::size_t i = 0; i < n.keys.size(); ++i) o[n.keys[i]] = to_json(n.children[i]);
      return o;
    }
    case partyline::yaml_kind::scalar: break;
  }
  if (n.quoted) return n.value;
  if (n.value == "true") return true;
  if (n.value == "false") return false;
  if (n.value == "null" || n.value == "~") return nullptr;
  char* end = nullptr;
  const long long i = std::strtoll(n.value.c_str(), &end, 10);
  if (!n.value.empty() && *end == '\0') return i;
  const double d = std::strtod(n.value.c_str(), &end);
  if (!n.value.empty() && *end == '\0') return d;
  return n.value;
}

/// The shipped scenarios as dicts, read once.
const std::vector<json>& templates() {
  static const std::vector<json> all = [] {
    std::vector<json> out;
    for (const char* name : {"tests/data/tiny.yaml", "scenarios/birmingham-2019.yaml", "scenarios/coalitions-2023.yaml",
                             "scenarios/haringey-2018.yaml", "scenarios/leicester-2023.yaml"})
      out.push_back(to_json(partyline::parse_yaml_file(std::string(PARTYLINE_SOURCE_DIR) + "/" + name)));
    return out;
  }();
  return all;
}

/// Keys a mutation may add: real scenario keys (misplaced, they must be refused by name) and near misses.
constexpr const char* known_keys[] = {"name", "seed", "weeks", "start_date", "parties", "councils", "executive", "rules",
                                      "national", "membership", "group", "seats", "left_share", "centralism_mean",
                                      "powers", "mayor", "election_weeks", "scripted", "allegations_per_council_year",
                                      "R2", "b_backlash", "weekz", "Seats", "id", "generate", "count", ""};
constexpr const char* known_paths[] = {"rules.R2.b_backlash", "executive.left_share", "councils[0].group.confrontation",
                                       "weeks", "seed", "rules.R7.letter_min", "councils[0].seats", "executive.powers",
                                       "national.allegations_per_council_year", "councils[99].id", "rules.R99.x", "parties[0]"};
constexpr const char* nan_marker = "__partyline_fuzz_nonfinite__";

void collect(json& j, std::vector<json*>& out) {
  out.push_back(&j);
  if (j.is_object())
    for (auto& [k, v] : j.items()) collect(v, out);
  else if (j.is_array())
    for (auto& v : j) collect(v, out);
}

void mutate(json& root, choices& in) {
  const std::size_t count = in.below(6);
  for (std::size_t m = 0; m < count; ++m) {
    std::vector<json*> nodes;
    collect(root, nodes);
    json& node = *nodes[in.below(nodes.size())];
    switch (in.below(11)) {
      case 0: node = static_cast<std::int64_t>(in.u64()); break;
      case 1: {
        const std::uint64_t bits = in.u64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        node = std::isfinite(d) ? json(d) : json(nan_marker);
        break;
      }
      case 2: node = in.text(24); break;
      case 3: node = (in.byte() & 1) != 0; break;
      case 4: node = nullptr; break;
      case 5: node = json::array({node, node}); break;
      case 6: node = json::object(); break;
      case 7:
        if (node.is_object() && !node.empty()) {
          auto it = node.begin();
          std::advance(it, static_cast<long>(in.below(node.size())));
          node.erase(it);
        } else if (node.is_array() && !node.empty()) {
          node.erase(in.below(node.size()));
        }
        break;
      case 8:
        if (node.is_object()) node[(in.byte() & 1) ? std::string(known_keys[in.below(std::size(known_keys))]) : in.text(12)] = in.byte();
        break;
      case 9: node = *nodes[in.below(nodes.size())]; break;
      default: node = static_cast<std::int64_t>(in.below(4)) - 1; break;  // small numbers: -1, 0, 1, 2
    }
  }
}

/// json.dumps(d, indent=2): ASCII only, NaN and Infinity as bare words.
std::string dumps(const json& j, choices& in) {
  std::string text = j.dump(2, ' ', true, json::error_handler_t::replace);
  const std::string quoted = std::string("\"") + nan_marker + "\"";
  static constexpr const char* words[] = {"NaN", "Infinity", "-Infinity"};
  for (std::size_t at = text.find(quoted); at != std::string::npos; at = text.find(quoted, at))
    text.replace(at, quoted.size(), words[in.below(3)]);
  return text;
}

std::string override_value(choices& in) {
  switch (in.below(5)) {
    case 0: return std::to_string(static_cast<std::int64_t>(in.u64()));  // repr(int)
    case 1: return in.byte() & 1 ? "true" : "false";
    case 2: return json(in.text(16)).dump(-1, ' ', true, json::error_handler_t::replace);  // json.dumps(str)
    case 3: return std::to_string(static_cast<double>(in.byte()) / 7.0);  // repr(float), near enough
    default: return in.text(16);  // a caller that bypassed _yaml_value
  }
}

/// A 64-bit argument: any value, or (small) one of the first `small_values` values from 0 -- mostly in range.
long long argument(choices& in, bool small, long long small_values) {
  const auto raw = in.u64();
  return small ? static_cast<long long>(raw % static_cast<std::uint64_t>(small_values)) : static_cast<long long>(raw);
}

/// What became of the inputs: printed at exit (for the README's figures).
struct tally {
  std::size_t inputs = 0, bad_argument = 0, bad_scenario = 0, accepted = 0, executed = 0;
  ~tally() {
    std::fprintf(stderr, "python_entry_fuzz: %zu inputs: %zu refused arguments, %zu refused scenarios, %zu accepted, %zu run\n",
                 inputs, bad_argument, bad_scenario, accepted, executed);
  }
};
tally counts;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  choices in(data, size);
  const std::uint8_t flags = in.byte();
  partyline::run_request req;
  req.weekly = (flags & 1) != 0;
  req.events = (flags & 2) != 0;
  req.has_seed = (flags & 4) != 0;
  const bool small = (flags & 8) == 0;  // usually: arguments a user could mean
  req.runs = argument(in, small, 4);  // 0 is refused
  req.seed = argument(in, small, 1000);
  req.threads = argument(in, small, 4);
  for (std::size_t k = (flags & 16) ? in.below(4) : 0; k > 0; --k)
    req.overrides.emplace_back(in.byte() & 1 ? std::string(known_paths[in.below(std::size(known_paths))]) : in.text(24),
                               override_value(in));
  if (flags & 32) {
    req.label = "fuzz.yaml";  // a file's text
    req.text = in.rest();
  } else {
    json scenario = templates()[in.below(templates().size())];
    mutate(scenario, in);
    req.label = "<scenario dict>";
    req.text = dumps(scenario, in);
  }

  partyline::load_options opt;
  opt.yaml.max_nodes = 200'000;
  opt.memory_budget_bytes = 64.0 * (1 << 20);  // estimates above this are refused before allocation
  ++counts.inputs;
  try {
    const auto scen = partyline::prepare_request(req, opt);
    ++counts.accepted;
    const bool quick = scen->weeks * static_cast<long long>(scen->councils.size()) <= 2'000;
    static const bool load_only = [] {
      const char* v = std::getenv("PARTYLINE_FUZZ_LOAD_ONLY");
      return v != nullptr && std::strcmp(v, "1") == 0;
    }();
    if (!load_only && quick && (flags & 64) == 0 && (size == 0 || data[size / 2] % 4 == 0)) {
      req.runs = std::min<long long>(req.runs, 2);
      const auto out = partyline::execute_request(req, scen, 1, nullptr);
      // Every table the module hands to Python, and as `partyline run` writes it.
      for (const auto* t : {&out.tables.runs, &out.tables.councils, &out.tables.weekly, &out.tables.events,
                            &out.tables.decisions, &out.tables.councillors})
        if (!t->columns.empty()) (void)partyline::to_csv(*t);
      ++counts.executed;
    }
  } catch (const std::invalid_argument&) {
    ++counts.bad_argument;
  } catch (const partyline::scenario_error&) {
    ++counts.bad_scenario;
  } catch (const partyline::usage_error&) {
    ++counts.bad_scenario;
  }
  return 0;
}
