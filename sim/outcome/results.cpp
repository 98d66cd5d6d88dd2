// A run set's results as typed tables: see include/partyline/outcome/results.hpp.
#include "partyline/outcome/results.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "partyline/outcome/targets.hpp"
#include "partyline/scenario/calendar.hpp"

namespace partyline {

namespace {

result_column integer_column(std::string name, std::size_t rows) {
  result_column c;
  c.name = std::move(name);
  c.kind = result_column::type::integer;
  c.integers.reserve(rows);
  return c;
}

// A yes/no column: integers 1/0 in CSV, marked so that typed readers (the Python module) see booleans.
result_column flag_column(std::string name, std::size_t rows) {
  result_column c = integer_column(std::move(name), rows);
  c.flag = true;
  return c;
}

result_column real_column(std::string name, std::size_t rows) {
  result_column c;
  c.name = std::move(name);
  c.kind = result_column::type::real;
  c.reals.reserve(rows);
  return c;
}

/// A text column whose rows name one of `labels` by index.
result_column text_column(std::string name, std::vector<std::string> labels, std::size_t rows) {
  result_column c;
  c.name = std::move(name);
  c.kind = result_column::type::text;
  c.labels = std::move(labels);
  c.codes.reserve(rows);
  return c;
}

/// Adds a text to a text column, each distinct text (as keyed by `key`) once.
template <class Key>
class text_adder {
 public:
  explicit text_adder(result_column& c) : c_(c) {}
  template <class Make>
  void add(const Key& key, Make&& make) {
    auto [it, fresh] = index_.try_emplace(key, static_cast<std::uint32_t>(c_.labels.size()));
    if (fresh) c_.labels.emplace_back(make());
    c_.codes.push_back(it->second);
  }

 private:
  result_column& c_;
  std::unordered_map<Key, std::uint32_t> index_;
};

std::size_t councils_in(const std::vector<run_result>& results) {
  std::size_t n = 0;
  for (const auto& r : results) n += r.councils.size();
  return n;
}

/// "x" and then each council's id: a council column's labels, council c at c + 1.
std::vector<std::string> council_labels(const scenario& s, std::string first) {
  std::vector<std::string> out{std::move(first)};
  for (const auto& c : s.councils) out.push_back(c.id);
  return out;
}

std::vector<std::string> week_dates(const scenario& s) {
  std::vector<std::string> dates;  // the date of each week, once
  for (int week = 0; week < s.weeks; ++week) dates.push_back(date_of_week(s.start_date, week));
  return dates;
}

double to_number(const std::string& s) {
  double d = NAN;
  std::from_chars(s.data(), s.data() + s.size(), d);
  return d;
}

}  // namespace

std::size_t result_column::size() const {
  switch (kind) {
    case type::integer: return integers.size();
    case type::real: return reals.size();
    case type::text: return codes.size();
  }
  return 0;
}

double result_column::number(std::size_t row) const {
  switch (kind) {
    case type::integer: return static_cast<double>(integers[row]);
    case type::real: return reals[row];
    case type::text: return to_number(text(row));
  }
  return NAN;
}

const result_column& result_table::column(std::string_view name) const {
  for (const auto& c : columns)
    if (c.name == name) return c;
  throw std::invalid_argument("no column " + std::string(name));
}

std::vector<double> result_table::numbers(std::string_view name) const {
  const result_column& c = column(name);
  std::vector<double> out(c.size());
  for (std::size_t r = 0; r < out.size(); ++r) out[r] = c.number(r);
  return out;
}

std::vector<double> result_table::numbers_where(std::string_view name, std::string_view key, std::string_view value) const {
  const result_column& c = column(name);
  const result_column& k = column(key);
  if (k.kind != result_column::type::text) throw std::invalid_argument("column " + std::string(key) + " holds no texts");
  std::vector<char> match(k.labels.size());
  for (std::size_t l = 0; l < k.labels.size(); ++l) match[l] = k.labels[l] == value;
  std::vector<double> out;
  for (std::size_t r = 0; r < k.codes.size(); ++r)
    if (match[k.codes[r]]) out.push_back(c.number(r));
  return out;
}

void result_table::append(const result_table& more) {
  if (columns.empty()) {
    columns = more.columns;
    return;
  }
  if (more.columns.size() != columns.size())
    throw std::invalid_argument("appending a table of " + std::to_string(more.columns.size()) + " columns to one of " +
                                std::to_string(columns.size()));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    result_column& to = columns[i];
    const result_column& from = more.columns[i];
    if (to.name != from.name || to.kind != from.kind)
      throw std::invalid_argument("appending column " + from.name + " to column " + to.name);
    switch (to.kind) {
      case result_column::type::integer: to.integers.insert(to.integers.end(), from.integers.begin(), from.integers.end()); break;
      case result_column::type::real: to.reals.insert(to.reals.end(), from.reals.begin(), from.reals.end()); break;
      case result_column::type::text: {
        // The other table's labels, each found among ours or added.
        std::unordered_map<std::string_view, std::uint32_t> ours;
        for (std::size_t l = 0; l < to.labels.size(); ++l) ours.try_emplace(to.labels[l], static_cast<std::uint32_t>(l));
        std::vector<std::uint32_t> recode(from.labels.size());
        for (std::size_t l = 0; l < from.labels.size(); ++l) {
          const auto it = ours.find(from.labels[l]);
          if (it != ours.end()) {
            recode[l] = it->second;
          } else {
            recode[l] = static_cast<std::uint32_t>(to.labels.size());
            to.labels.push_back(from.labels[l]);
          }
        }
        for (auto code : from.codes) to.codes.push_back(recode[code]);
        break;
      }
    }
  }
}

std::vector<std::string> runs_csv_outcome_columns() {
  std::vector<std::string> cols;
  for (const auto& info : run_outcome_info) cols.emplace_back(info.name);
  return cols;
}

std::vector<std::string> councils_csv_columns(const scenario& s) {
  std::vector<std::string> cols{"run", "council"};
  for (const auto& p : s.parties) cols.push_back("seats_end_" + p.id);
  cols.emplace_back("control_end");
  cols.emplace_back("administration_end");
  for (auto name : council_count_names) cols.emplace_back(name);
  cols.emplace_back("policy_stage_end");
  return cols;
}

result_table runs_table(const std::vector<run_result>& results, std::uint64_t seed) {
  if (seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    throw std::out_of_range("a seed of 2^63 or more: runs.csv holds seeds below 2^63");
  const std::size_t n = results.size();
  result_table t;
  t.columns.push_back(integer_column("run", n));
  t.columns.push_back(integer_column("seed", n));
  for (auto& name : runs_csv_outcome_columns()) t.columns.push_back(integer_column(std::move(name), n));
  for (const auto& r : results) {
    t.columns[0].integers.push_back(r.run);
    t.columns[1].integers.push_back(static_cast<std::int64_t>(seed));
    for (std::size_t k = 0; k < run_outcome_count; ++k) t.columns[2 + k].integers.push_back(r.counters.values[k]);
  }
  return t;
}

result_table councils_table(const scenario& s, const std::vector<run_result>& results) {
  const std::size_t n = councils_in(results), parties = s.parties.size();
  std::vector<std::string> control{"none"};
  for (const auto& p : s.parties) control.push_back(p.id);
  std::vector<std::string> stages;
  for (auto name : enum_names<policy_stage>::names) stages.emplace_back(name);
  const std::vector<std::string> names = councils_csv_columns(s);
  result_table t;
  // run, council, seats_end_<party>..., control_end, administration_end, the counts..., policy_stage_end
  t.columns.push_back(integer_column(names[0], n));
  std::vector<std::string> ids;
  for (const auto& c : s.councils) ids.push_back(c.id);
  t.columns.push_back(text_column(names[1], std::move(ids), n));
  for (std::size_t p = 0; p < parties; ++p) t.columns.push_back(integer_column(names[2 + p], n));
  t.columns.push_back(text_column(names[2 + parties], std::move(control), n));
  t.columns.push_back(text_column(names[3 + parties], {}, n));
  for (std::size_t k = 0; k < council_count_count; ++k) t.columns.push_back(integer_column(names[4 + parties + k], n));
  t.columns.push_back(text_column(names.back(), std::move(stages), n));
  text_adder<std::uint32_t> administration(t.columns[3 + parties]);
  for (const auto& r : results) {
    for (std::size_t c = 0; c < r.councils.size(); ++c) {
      const council_result& cr = r.councils[c];
      t.columns[0].integers.push_back(r.run);
      t.columns[1].codes.push_back(static_cast<std::uint32_t>(c));
      for (std::size_t p = 0; p < parties; ++p) t.columns[2 + p].integers.push_back(cr.seats_end[p]);
      t.columns[2 + parties].codes.push_back(static_cast<std::uint32_t>(cr.control_end + 1));
      administration.add(cr.administration_end, [&] { return administration_text(s, cr.administration_end); });
      for (std::size_t k = 0; k < council_count_count; ++k) t.columns[4 + parties + k].integers.push_back(cr.counts[k]);
      t.columns.back().codes.push_back(cr.policy_stage_end);
    }
  }
  return t;
}

result_table weekly_table(const scenario& s, const std::vector<run_result>& results) {
  std::size_t n = 0;
  for (const auto& r : results) n += r.weekly.size();
  result_table t;
  t.columns.push_back(integer_column("run", n));
  t.columns.push_back(integer_column("week", n));
  t.columns.push_back(text_column("date", week_dates(s), n));
  t.columns.push_back(text_column("council", council_labels(s, "all"), n));
  for (const auto& reporter : weekly_reporters) t.columns.push_back(real_column(std::string(reporter.name), n));
  for (const auto& r : results)
    for (const auto& row : r.weekly) {
      t.columns[0].integers.push_back(r.run);
      t.columns[1].integers.push_back(row.week);
      t.columns[2].codes.push_back(static_cast<std::uint32_t>(row.week));
      t.columns[3].codes.push_back(static_cast<std::uint32_t>(row.council + 1));
      for (std::size_t k = 0; k < weekly_reporters.size(); ++k) t.columns[4 + k].reals.push_back(row.values[k]);
    }
  return t;
}

result_table checkpoints_table(const scenario& s, const std::vector<run_result>& results) {
  std::size_t n = 0;
  for (const auto& r : results) n += r.checkpoints.size() + r.on_time.size();
  result_table t;
  t.columns.push_back(integer_column("run", n));
  t.columns.push_back(integer_column("week", n));
  t.columns.push_back(text_column("council", council_labels(s, "all"), n));
  for (const auto& reporter : weekly_reporters) t.columns.push_back(real_column(std::string(reporter.name), n));
  // The facts on when follow, one row a run and target (its index; -1 on the reporters' rows), at its documented week.
  t.columns.push_back(integer_column("target", n));
  t.columns.push_back(real_column("on_time", n));
  const std::size_t target = 3 + weekly_reporters.size(), on_time = target + 1;
  for (const auto& r : results) {
    for (const auto& row : r.checkpoints) {
      t.columns[0].integers.push_back(r.run);
      t.columns[1].integers.push_back(row.week);
      t.columns[2].codes.push_back(static_cast<std::uint32_t>(row.council + 1));
      for (std::size_t k = 0; k < weekly_reporters.size(); ++k) t.columns[3 + k].reals.push_back(row.values[k]);
      t.columns[target].integers.push_back(-1);
      t.columns[on_time].reals.push_back(NAN);
    }
    for (const auto& [i, value] : r.on_time) {
      const target_def& def = s.targets[static_cast<std::size_t>(i)];
      t.columns[0].integers.push_back(r.run);
      t.columns[1].integers.push_back(def.happened_week);
      t.columns[2].codes.push_back(static_cast<std::uint32_t>(def.council_index + 1));
      for (std::size_t k = 0; k < weekly_reporters.size(); ++k) t.columns[3 + k].reals.push_back(NAN);
      t.columns[target].integers.push_back(i);
      t.columns[on_time].reals.push_back(value);
    }
  }
  return t;
}

result_table events_table(const scenario& s, const std::vector<run_result>& results) {
  std::vector<const run_result*> runs;
  runs.reserve(results.size());
  for (const auto& r : results) runs.push_back(&r);
  return events_table(s, runs);
}

result_table events_table(const scenario& s, const std::vector<const run_result*>& results) {
  std::size_t n = 0;
  for (const auto* r : results) n += r->events.size();
  std::vector<std::string> dates = week_dates(s);
  const bool undated = dates.empty();
  if (undated) dates.push_back(s.start_date);
  result_table t;
  t.columns.push_back(integer_column("run", n));
  t.columns.push_back(integer_column("week", n));
  t.columns.push_back(text_column("date", std::move(dates), n));
  t.columns.push_back(text_column("council", council_labels(s, "national"), n));
  t.columns.push_back(text_column("rule", {}, n));
  t.columns.push_back(text_column("event", {}, n));
  t.columns.push_back(integer_column("value", n));
  t.columns.push_back(integer_column("of", n));
  t.columns.push_back(text_column("value_is", {}, n));
  t.columns.push_back(text_column("of_is", {}, n));
  t.columns.push_back(text_column("detail", {}, n));
  text_adder<std::uint16_t> rule(t.columns[4]);
  // The names and what the numbers count have static storage (the event table).
  text_adder<std::string_view> kind(t.columns[5]), value_is(t.columns[8]), of_is(t.columns[9]);
  result_column& detail = t.columns[10];
  for (const auto* r : results)
    for (const auto& e : r->events) {
      t.columns[0].integers.push_back(r->run);
      t.columns[1].integers.push_back(e.week);
      const int week = undated ? 0 : std::clamp(e.week, 0, std::max(0, s.weeks - 1));
      t.columns[2].codes.push_back(static_cast<std::uint32_t>(week));
      t.columns[3].codes.push_back(static_cast<std::uint32_t>(e.council + 1));
      rule.add(e.rule, [&] { return e.rule ? "R" + std::to_string(e.rule) : std::string("scenario"); });
      kind.add(e.event, [&] { return std::string(e.event); });
      t.columns[6].integers.push_back(e.value);
      t.columns[7].integers.push_back(e.of);
      const event_info& info = info_of(e.kind);
      value_is.add(info.value_is, [&] { return std::string(info.value_is); });
      of_is.add(info.of_is, [&] { return std::string(info.of_is); });
      detail.codes.push_back(static_cast<std::uint32_t>(detail.labels.size()));  // details differ: one label each
      detail.labels.push_back(e.detail);
    }
  return t;
}

result_table decisions_table(const scenario& s, const std::vector<run_result>& results) {
  std::vector<const run_result*> runs;
  runs.reserve(results.size());
  for (const auto& r : results) runs.push_back(&r);
  return decisions_table(s, runs);
}

result_table decisions_table(const scenario& s, const std::vector<const run_result*>& results) {
  std::size_t n = 0;
  for (const auto* r : results) n += r->decisions.size();
  std::vector<std::string> dates = week_dates(s);
  const bool undated = dates.empty();
  if (undated) dates.push_back(s.start_date);
  std::vector<std::string> bodies;
  for (const auto& b : s.institutions.bodies) bodies.push_back(b.id);
  result_table t;
  t.columns.push_back(integer_column("run", n));
  t.columns.push_back(integer_column("week", n));
  t.columns.push_back(text_column("date", std::move(dates), n));
  t.columns.push_back(text_column("body", std::move(bodies), n));
  t.columns.push_back(text_column("council", council_labels(s, "national"), n));
  t.columns.push_back(text_column("item", {}, n));
  t.columns.push_back(text_column("decision", {}, n));
  t.columns.push_back(integer_column("yes", n));
  t.columns.push_back(integer_column("of", n));
  t.columns.push_back(text_column("meeting", {"ordinary", "emergency", "none"}, n));
  t.columns.push_back(flag_column("notice", n));
  t.columns.push_back(integer_column("weeks_waiting", n));
  t.columns.push_back(text_column("deal", {}, n));
  t.columns.push_back(text_column("votes", {}, n));
  text_adder<std::string> item(t.columns[5]), decided(t.columns[6]), votes(t.columns[13]);
  text_adder<std::uint32_t> deal(t.columns[12]);
  for (const auto* r : results)
    for (const auto& d : r->decisions) {
      t.columns[0].integers.push_back(r->run);
      t.columns[1].integers.push_back(d.week);
      t.columns[2].codes.push_back(static_cast<std::uint32_t>(undated ? 0 : std::clamp(d.week, 0, std::max(0, s.weeks - 1))));
      t.columns[3].codes.push_back(static_cast<std::uint32_t>(std::max(d.body, 0)));
      t.columns[4].codes.push_back(static_cast<std::uint32_t>(d.council + 1));
      item.add(d.item, [&] { return d.item; });
      decided.add(d.decision, [&] { return d.decision; });
      t.columns[7].integers.push_back(d.yes);
      t.columns[8].integers.push_back(d.of);
      t.columns[9].codes.push_back(d.of == 0 ? 2u : d.emergency ? 1u : 0u);
      t.columns[10].integers.push_back(d.notice ? 1 : 0);
      t.columns[11].integers.push_back(d.weeks_waiting);
      deal.add(d.deal, [&] { return d.deal ? administration_text(s, d.deal) : std::string(); });
      votes.add(d.votes, [&] { return d.votes; });
    }
  return t;
}

namespace {

/// A float column's value as a double with the float's shortest digits (0.3f as 0.3, not 0.30000001192092896).
double float_as_written(float f) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, f);
  double d = 0;
  std::from_chars(buf, r.ptr, d);
  return d;
}

}  // namespace

result_table councillors_table(const scenario& s, const std::vector<run_result>& results) {
  std::vector<const run_result*> runs;
  runs.reserve(results.size());
  for (const auto& r : results) runs.push_back(&r);
  return councillors_table(s, runs);
}

result_table councillors_table(const scenario& s, const std::vector<const run_result*>& results) {
  std::size_t n = 0;
  for (const auto* r : results) n += r->councillors.size();
  std::vector<std::string> parties, councils;
  for (const auto& p : s.parties) parties.push_back(p.id);
  for (const auto& c : s.councils) councils.push_back(c.id);
  result_table t;
  t.columns.push_back(integer_column("run", n));
  t.columns.push_back(text_column("council", std::move(councils), n));
  t.columns.push_back(integer_column("seat", n));
  t.columns.push_back(integer_column("ward", n));
  t.columns.push_back(text_column("party_start", parties, n));
  t.columns.push_back(text_column("party_end", parties, n));
  t.columns.push_back(real_column("position_start", n));
  t.columns.push_back(real_column("position_end", n));
  t.columns.push_back(text_column("status_end", {"sitting", "deselected", "withdrawn", "suspended", "independent", "former"}, n));
  t.columns.push_back(text_column("selection", {selection_names.begin(), selection_names.end()}, n));
  t.columns.push_back(integer_column("selection_week", n));
  t.columns.push_back(text_column("endorsement_end", {"pending", "endorsed", "refused"}, n));
  t.columns.push_back(flag_column("cabinet_end", n));
  t.columns.push_back(integer_column("dissent_end", n));
  t.columns.push_back(real_column("ballot_support_end", n));
  t.columns.push_back(flag_column("stands_independent", n));
  t.columns.push_back(integer_column("selections", n));
  t.columns.push_back(text_column("selection_history", {}, n));
  text_adder<std::string> history(t.columns[17]);
  for (const auto* r : results)
    for (const auto& c : r->councillors) {
      t.columns[0].integers.push_back(r->run);
      t.columns[1].codes.push_back(static_cast<std::uint32_t>(c.council));
      t.columns[2].integers.push_back(c.seat);
      t.columns[3].integers.push_back(c.ward);
      t.columns[4].codes.push_back(static_cast<std::uint32_t>(c.party_start));
      t.columns[5].codes.push_back(static_cast<std::uint32_t>(c.party_end));
      t.columns[6].reals.push_back(float_as_written(c.position_start));
      t.columns[7].reals.push_back(float_as_written(c.position_end));
      t.columns[8].codes.push_back(static_cast<std::uint32_t>(c.status_end));
      t.columns[9].codes.push_back(static_cast<std::uint32_t>(c.selection));
      t.columns[10].integers.push_back(c.selection_week);
      t.columns[11].codes.push_back(static_cast<std::uint32_t>(c.endorsement_end));
      t.columns[12].integers.push_back(c.cabinet_end ? 1 : 0);
      t.columns[13].integers.push_back(c.dissent_end);
      t.columns[14].reals.push_back(float_as_written(c.ballot_support_end));
      t.columns[15].integers.push_back(c.stands_independent ? 1 : 0);
      t.columns[16].integers.push_back(c.selection_history.empty() ? 0 : 1 + std::count(c.selection_history.begin(), c.selection_history.end(), ';'));
      history.add(c.selection_history, [&] { return c.selection_history; });
    }
  return t;
}

run_set_tables build_run_tables(const scenario& s, const std::vector<run_result>& results, std::uint64_t seed, table_choice choice) {
  run_set_tables t;
  t.runs = runs_table(results, seed);
  t.councils = councils_table(s, results);
  if (choice.weekly) t.weekly = weekly_table(s, results);
  if (choice.events) {
    t.events = events_table(s, results);
    t.decisions = decisions_table(s, results);
  }
  if (choice.agents) t.councillors = councillors_table(s, results);
  t.checkpoints = checkpoints_table(s, results);
  if (!s.targets.empty() && !results.empty()) t.targets = target_table(s.targets, t.runs, t.councils, t.checkpoints);
  return t;
}

table_data run_targets(const scenario& s, const std::vector<run_result>& results, std::uint64_t seed) {
  const bool by_council = std::any_of(s.targets.begin(), s.targets.end(), [](const target_def& t) { return !t.council.empty(); });
  return target_table(s.targets, runs_table(results, seed), by_council ? councils_table(s, results) : result_table{},
                      checkpoints_table(s, results));
}

}  // namespace partyline
