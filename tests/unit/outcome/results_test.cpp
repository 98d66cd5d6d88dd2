// A run set's tables in memory (outcome/results.hpp): what the CSV files hold, and what the targets read, without
// writing the runs as text and parsing them back.
#include "partyline/outcome/results.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "../../test_support.hpp"
#include "partyline/engine/load.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/store/csv.hpp"

using namespace partyline;
using partyline::testing::data_dir;
using partyline::testing::slurp;

namespace {

/// tiny.yaml with a council target beside the case's run targets.
frozen_scenario scenario_with_targets() {
  const std::string text = slurp(data_dir() / "calibration" / "tiny-case.yaml") +
                           "  - {name: seats, outcome: seats_end_lab + deselections, council: smalltown, observed: 11, range: [10, 12], source: t}\n";
  return load_scenario_text(text, "t.yaml");
}

std::vector<run_result> some_runs(const frozen_scenario& s) {
  run_options ro;
  ro.runs = 12;
  ro.seed = 7;
  ro.weekly = true;
  ro.events = true;
  return simulate_runs(s, ro);
}

}  // namespace

TEST(RunSetTables, HoldWhatTheFilesHoldAndTheTargetsReadThemAsFromTheFiles) {
  const frozen_scenario s = scenario_with_targets();
  const auto results = some_runs(s);
  const run_set_tables t = build_run_tables(*s, results, 7, {true, true});
  // Every table read back from its CSV text has the typed table's cells, by name.
  for (const result_table* typed : {&t.runs, &t.councils, &t.weekly, &t.events}) {
    const table_data text = read_csv(to_csv(*typed), "t.csv");
    ASSERT_EQ(text.rows.size(), typed->rows());
    ASSERT_GT(typed->rows(), 0u);
    ASSERT_EQ(text.columns.size(), typed->columns.size());
    for (const auto& c : typed->columns) {
      const auto from_text = text.numbers(c.name), in_memory = typed->numbers(c.name);
      for (std::size_t r = 0; r < in_memory.size(); ++r) {
        if (!std::isnan(in_memory[r])) {
          EXPECT_EQ(from_text[r], in_memory[r]) << c.name;
        }
      }
      if (c.kind == result_column::type::text) {
        for (std::size_t r = 0; r < c.size(); ++r) EXPECT_EQ(text.rows[r][text.column(c.name)], c.text(r)) << c.name;
      }
    }
  }
  EXPECT_EQ(t.runs.columns[0].name, "run");
  EXPECT_EQ(t.councils.column("council").text(0), "smalltown");
  EXPECT_EQ(t.weekly.column("council").text(0), "all");
  // The targets over the tables in memory are the targets over the files.
  ASSERT_EQ(t.targets.rows.size(), 3u);
  const table_data from_files =
      target_table(s->targets, read_csv(to_csv(t.runs), "runs.csv"), read_csv(to_csv(t.councils), "councils.csv"));
  EXPECT_EQ(to_csv(t.targets), to_csv(from_files));
  EXPECT_EQ(t.targets.rows[2][t.targets.column("runs")], "12");  // smalltown's rows only
  EXPECT_EQ(to_csv(run_targets(*s, results, 7)), to_csv(t.targets));  // calibration's way: only the tables they read
  // Without runs there are no targets; without a choice, no weekly or events table.
  const run_set_tables none = build_run_tables(*s, {}, 7);
  EXPECT_TRUE(none.targets.columns.empty());
  EXPECT_TRUE(none.weekly.columns.empty());
  EXPECT_EQ(none.runs.rows(), 0u);
  EXPECT_EQ(to_csv(none.runs).substr(0, 9), "run,seed,");
}

TEST(RunSetTables, AppendKeepsEveryRowsTextWhateverTheLabelsOrder) {
  const frozen_scenario s = scenario_with_targets();
  const auto results = some_runs(s);
  const std::vector<run_result> first(results.begin(), results.begin() + 6), second(results.begin() + 6, results.end());
  result_table events = events_table(*s, first);
  events.append(events_table(*s, second));
  EXPECT_EQ(to_csv(events), to_csv(events_table(*s, results)));
  result_table councils;
  councils.append(councils_table(*s, second));
  councils.append(councils_table(*s, first));
  std::vector<run_result> swapped = second;
  swapped.insert(swapped.end(), first.begin(), first.end());
  EXPECT_EQ(to_csv(councils), to_csv(councils_table(*s, swapped)));
  EXPECT_THROW(councils.append(runs_table(results, 7)), std::invalid_argument);
  EXPECT_THROW((void)councils.numbers("no_such_column"), std::invalid_argument);
}

namespace {

/// tiny.yaml with an election in week 5 (2018-02-05) and three dated targets around it (and any further targets given).
frozen_scenario scenario_with_dated_targets(const std::string& more_targets = "") {
  std::string text = slurp(data_dir() / "tiny.yaml");
  const std::string anchor = "    seats: {lab: 12, con: 9}\n";
  text.replace(text.find(anchor), anchor.size(), anchor + "    election_weeks: [5]\n");
  text += "national: {swing: {lab: -0.08, con: 0.08}}\n"
          "targets:\n"
          "  - {name: change, outcome: seats, at: 2018-02-05, since: 2018-02-05, observed: -2, range: [-20, 20], source: t}\n"
          "  - {name: after, outcome: seats + councils_controlled, at: 2018-02-07, observed: 10, range: [0, 30], source: t}\n"
          "  - {name: from_start, outcome: seats, council: smalltown, at: 2018-03-20, since: 2018-01-01, observed: 0, range: [-20, 20], source: t}\n" +
          more_targets;
  return load_scenario_text(text, "t.yaml");
}

}  // namespace

// A dated target reads the weekly reporters at the end of the week holding `at`, minus their value at the start of the
// week holding `since`: an election's net change, a level on a day. The same values are read off weekly.csv's rows.
TEST(RunSetTables, DatedTargetsReadTheWeeklyReportersOnTheirDates) {
  const frozen_scenario s = scenario_with_dated_targets();
  ASSERT_EQ(s->targets[0].at_week, 5);
  EXPECT_EQ(s->targets[0].since_week, 4);
  EXPECT_EQ(s->targets[2].since_week, -1);  // the start of week 0: the world before the run
  const auto results = some_runs(s);
  const run_set_tables t = build_run_tables(*s, results, 7, {true, false});
  const auto weekly_at = [&](int run, int week, const char* column) {
    const result_column& runs = t.weekly.column("run");
    const result_column& weeks = t.weekly.column("week");
    for (std::size_t r = 0; r < t.weekly.rows(); ++r)
      if (runs.integers[r] == run && weeks.integers[r] == week && t.weekly.column("council").text(r) == "all")
        return t.weekly.column(column).number(r);
    ADD_FAILURE() << "no weekly row for run " << run << " week " << week;
    return 0.0;
  };
  double change = 0, after = 0, from_start = 0;
  bool any_change = false;
  for (const auto& r : results) {
    const double c = weekly_at(r.run, 5, "seats") - weekly_at(r.run, 4, "seats");
    any_change = any_change || c != 0;
    change += c;
    after += weekly_at(r.run, 5, "seats") + weekly_at(r.run, 5, "councils_controlled");
    from_start += weekly_at(r.run, 11, "seats") - static_cast<double>(r.counters[run_outcome::seats_start]);
  }
  const double n = static_cast<double>(results.size());
  EXPECT_TRUE(any_change) << "the election moves seats in some run (a swing of 8 points against the party)";
  auto simulated = [&](std::size_t row) { return std::stod(t.targets.rows[row][t.targets.column("simulated")]); };
  EXPECT_NEAR(simulated(0), change / n, 1e-8);  // targets.csv keeps ten significant digits
  EXPECT_NEAR(simulated(1), after / n, 1e-8);
  EXPECT_NEAR(simulated(2), from_start / n, 1e-8);
  EXPECT_EQ(t.targets.rows[0][t.targets.column("at")], "2018-02-05");
  EXPECT_EQ(t.targets.rows[0][t.targets.column("runs")], std::to_string(results.size()));
  // Without weekly rows the checkpoints are still kept, and calibration's way reads them the same.
  run_options ro;
  ro.runs = 12;
  ro.seed = 7;
  EXPECT_EQ(to_csv(run_targets(*s, simulate_runs(s, ro), 7)), to_csv(t.targets));
}

// A party-wide dated target and a fact on when documented in the same week: the fact on when's rows in the checkpoints
// (at its documented week, with no reporter's value) are not the dated target's -- it reads one value a run, as alone.
// (Found on sheffield-2023.yaml, whose seats on count day read as no number in half its rows.)
TEST(RunSetTables, ADatedTargetIgnoresTheRowsOfAFactOnWhenDocumentedInItsWeek) {
  const frozen_scenario alone = scenario_with_dated_targets();
  const frozen_scenario both = scenario_with_dated_targets(
      "  - {name: when, outcome: requests + suspensions, happened: 2018-02-05, within_weeks: 4, statistic: share, observed: 1, source: t}\n");
  ASSERT_EQ(both->targets[3].happened_week, both->targets[0].at_week);
  run_options ro;
  ro.runs = 12;
  ro.seed = 7;
  const table_data a = run_targets(*alone, simulate_runs(alone, ro), 7), b = run_targets(*both, simulate_runs(both, ro), 7);
  for (std::size_t row = 0; row < 3; ++row) {
    EXPECT_EQ(b.rows[row][b.column("runs")], "12") << b.rows[row][b.column("name")];
    EXPECT_EQ(b.rows[row][b.column("simulated")], a.rows[row][a.column("simulated")]) << b.rows[row][b.column("name")];
    EXPECT_EQ(b.rows[row][b.column("reproduced_share")], a.rows[row][a.column("reproduced_share")]);
  }
}

// A fact on when (`within_weeks`) is 1 in a run whose outcome first happened within that many weeks of its documented
// day: checked run by run against the week of the run's first `investigate` event in events.csv (tiny.yaml's
// investigations, when they come, come in week 8).
TEST(RunSetTables, FactsOnWhenAreOneWhereTheOutcomeFirstHappenedInTheWindow) {
  std::string text = slurp(data_dir() / "tiny.yaml");
  text += "targets:\n"
          "  - {name: on_the_day, outcome: interventions_investigate, happened: 2018-02-26, within_weeks: 0, observed: 1, source: t}\n"
          "  - {name: too_early, outcome: interventions_investigate, happened: 2018-03-12, within_weeks: 1, observed: 1, source: t}\n"
          "  - {name: ever, outcome: interventions_investigate + requests, happened: 2018-01-01, within_weeks: 520, observed: 1, source: t}\n"
          "  - {name: early_side, outcome: interventions_investigate, happened: 2018-02-12, within_weeks: 2, observed: 0, statistic: share, source: t}\n";
  const frozen_scenario s = load_scenario_text(text, "t.yaml");
  ASSERT_EQ(s->targets[0].statistic, target_statistic::share);  // a fact on when is a share of runs
  const auto results = some_runs(s);
  const run_set_tables t = build_run_tables(*s, results, 7, {false, true});
  // The first week of each run's investigation, from the told events.
  std::map<std::int64_t, std::int64_t> first;
  for (std::size_t r = 0; r < t.events.rows(); ++r)
    if (t.events.column("event").text(r) == "investigate") {
      const std::int64_t run = t.events.column("run").integers[r], week = t.events.column("week").integers[r];
      if (!first.count(run) || week < first[run]) first[run] = week;
    }
  ASSERT_FALSE(first.empty()) << "tiny.yaml investigates in some run";
  ASSERT_LT(first.size(), results.size()) << "and not in every run";
  const auto expected = [&](std::int64_t run, int target) {
    const auto f = first.find(run);
    const run_result& res = results[static_cast<std::size_t>(run)];
    switch (target) {
      case 0: return f != first.end() && f->second == 8;
      case 1: return f != first.end() && f->second >= 9 && f->second <= 11;
      case 2: return f != first.end() || res.counters[run_outcome::requests] > 0;
      default: return f != first.end() && f->second >= 4 && f->second <= 8;
    }
  };
  double share[4] = {0, 0, 0, 0};
  std::size_t rows = 0;
  for (std::size_t r = 0; r < t.checkpoints.rows(); ++r) {
    const std::int64_t target = t.checkpoints.column("target").integers[r];
    if (target < 0) continue;
    ++rows;
    const std::int64_t run = t.checkpoints.column("run").integers[r];
    EXPECT_EQ(t.checkpoints.column("on_time").number(r), expected(run, static_cast<int>(target)) ? 1.0 : 0.0)
        << "run " << run << ", target " << s->targets[static_cast<std::size_t>(target)].name;
    share[target] += expected(run, static_cast<int>(target)) ? 1.0 / static_cast<double>(results.size()) : 0.0;
  }
  EXPECT_EQ(rows, 4 * results.size());
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_NEAR(std::stod(t.targets.rows[i][t.targets.column("simulated")]), share[i], 1e-8) << s->targets[i].name;
  EXPECT_GT(share[0], 0.0);
  EXPECT_EQ(share[1], 0.0) << "an investigation in week 8 came before the window 9-11";
  EXPECT_EQ(t.targets.rows[1][t.targets.column("within_weeks")], "1");
  EXPECT_EQ(t.targets.rows[0][t.targets.column("at")], "");
  // The documented `observed: 0` of the last: the share of runs where it did not happen on time.
  EXPECT_NEAR(std::stod(t.targets.rows[3][t.targets.column("reproduced_share")]), 1 - share[3], 1e-8);
  // Calibration's way (no events kept) reads the same.
  run_options ro;
  ro.runs = 12;
  ro.seed = 7;
  EXPECT_EQ(to_csv(run_targets(*s, simulate_runs(s, ro), 7)), to_csv(t.targets));
}
