// The model's coefficients: their defaults, and their documentation generated from the declarations.
#include "partyline/rules/model.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace partyline {

namespace {

std::string number(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".e") == std::string::npos && s != "inf" && s != "-inf" && s != "nan") s += ".0";
  return s;
}

/// Walks model_parameters' describe: blocks by field, coefficients by coef.
class doc_lister {
 public:
  std::vector<coefficient_doc> docs;

  template <class T>
  void field(std::string_view key, T& block, limits = {}) {
    block_ = std::string(key);
    block.describe(*this);
  }
  template <class T>
  void coef(std::string_view key, T& value, limits lim, std::string_view meaning, std::string_view source) {
    std::string text;
    if constexpr (std::is_floating_point_v<T>)
      text = number(value);
    else
      text = std::to_string(value);
    docs.push_back({block_, std::string(key), text, std::string(meaning), std::string(source), lim.min, lim.max});
  }

 private:
  std::string block_;
};

}  // namespace

rule_coefficients default_coefficients() { return rule_coefficients::of<model_parameters>(); }

std::vector<coefficient_doc> coefficient_docs() {
  model_parameters defaults;
  doc_lister lister;
  defaults.describe(lister);
  return lister.docs;
}

std::vector<std::string> coefficient_blocks() {
  std::vector<std::string> blocks;
  for (const auto& d : coefficient_docs())
    if (blocks.empty() || blocks.back() != d.block) blocks.push_back(d.block);
  return blocks;
}

std::string coefficient_table_markdown(const std::string& block) {
  std::string out = "| key | default | meaning | source |\n|---|---|---|---|\n";
  for (const auto& d : coefficient_docs())
    if (d.block == block)
      out += "| `rules." + d.block + "." + d.key + "` | " + d.default_value + " | " + d.meaning + " | " + d.source + " |\n";
  return out;
}

std::string with_coefficient_tables(const std::string& text) {
  const std::string open = "<!-- coefficients ", close = "<!-- end coefficients -->";
  std::string out;
  std::size_t at = 0;
  std::vector<std::string> seen;
  while (true) {
    const std::size_t begin = text.find(open, at);
    if (begin == std::string::npos) break;
    const std::size_t name_end = text.find(" -->", begin);
    const std::size_t end = text.find(close, begin);
    if (name_end == std::string::npos || end == std::string::npos)
      throw std::invalid_argument("an unclosed coefficients region at offset " + std::to_string(begin));
    const std::string block = text.substr(begin + open.size(), name_end - begin - open.size());
    const auto blocks = coefficient_blocks();
    if (std::find(blocks.begin(), blocks.end(), block) == blocks.end())
      throw std::invalid_argument("a coefficients region for '" + block + "', which is no block of the model");
    seen.push_back(block);
    out += text.substr(at, name_end + 4 - at) + "\n" + coefficient_table_markdown(block);
    at = end;
  }
  out += text.substr(at);
  for (const auto& block : coefficient_blocks())
    if (std::find(seen.begin(), seen.end(), block) == seen.end())
      throw std::invalid_argument("no coefficients region for '" + block + "' (add <!-- coefficients " + block +
                                  " --> ... <!-- end coefficients -->)");
  return out;
}

// ---- the week's table ------------------------------------------------------------------------------------------

namespace {

/// The rule (or other unit) a step's draws are keyed by.
std::string unit_of(stream rule) {
  const auto n = static_cast<std::uint32_t>(rule);
  if (n == 0) return "scenario";
  if (n < 100) return "R" + std::to_string(n);
  switch (rule) {
    case stream::satisfaction: return "satisfaction";
    case stream::member_mood: return "member_mood";
    default: return "setup";
  }
}

template <class Steps>
void rows(std::string& out, std::string_view when, const Steps& steps) {
  for (const auto& s : steps)
    out += "| " + std::string(when) + " | " + std::string(s.name) + " | " + unit_of(s.rule) + " |\n";
}

}  // namespace

std::string week_markdown() {
  std::string out = "| how it enters the week | step | unit |\n|---|---|---|\n";
  rows(out, "setup (each council, once)", schedule::setup);
  rows(out, "1. local phase (parallel over councils)", schedule::local);
  rows(out, "1. local phase, a council with `detail: background` (only these)", schedule::background);
  rows(out, "2. central phase (sequential)", schedule::central);
  rows(out, "3. national phase (sequential)", schedule::national);
  rows(out, "4. apply phase (parallel, weeks with decisions)", schedule::apply);
  for (const item_kind_def* k : schedule::item_kinds)
    out += "| on a decision about a `" + std::string(k->name) + "` item (apply phase) | " + std::string(k->by) + " | " +
           unit_of(k->votes) + " |\n";
  rows(out, "5. election phase (parallel, councils with an election)", schedule::election);
  rows(out, "on a count (the election phase; week 0 for a council hung before the run)", schedule::on_count);
  for (const event_hook& h : schedule::on_event)
    out += "| on an event: `" + std::string(info_of(h.on).name) + "` (inside the step that tells it) | " +
           std::string(h.step.name) + " | " + unit_of(h.step.rule) + " |\n";
  return out;
}

std::string with_week_table(const std::string& text) {
  const std::string open = "<!-- week -->", close = "<!-- end week -->";
  const std::size_t begin = text.find(open), end = text.find(close);
  if (begin == std::string::npos || end == std::string::npos || end < begin)
    throw std::invalid_argument("no generated week region (<!-- week --> ... <!-- end week -->)");
  return text.substr(0, begin + open.size()) + "\n" + week_markdown() + text.substr(end);
}

}  // namespace partyline
