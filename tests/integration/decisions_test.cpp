// decisions.csv (issue 35): every vote of every body, a table with the numbers in their own columns, written with
// --events beside events.csv; held against the runs' own counters and events.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "partyline/store/csv.hpp"

#include "../test_support.hpp"

using partyline::testing::fresh_dir;
using partyline::testing::run_cli;
using partyline::testing::scenario_path;
using partyline::testing::slurp;

TEST(Decisions, EveryVoteOfEveryBodyIsARowThatAgreesWithTheRunsCountersAndEvents) {
  const auto dir = fresh_dir("decisions");
  const auto r = run_cli("run " + scenario_path("haringey-2018.yaml").string() + " --runs 40 --seed 3 --events --quiet --out " +
                         (dir / "h").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto decisions = partyline::read_csv(slurp(dir / "h" / "decisions.csv"), "decisions.csv");
  ASSERT_EQ(decisions.columns, (std::vector<std::string>{"run", "week", "date", "body", "council", "item", "decision", "yes",
                                                         "of", "meeting", "notice", "weeks_waiting", "deal", "votes"}));
  ASSERT_GT(decisions.rows.size(), 40u);
  const auto runs = partyline::read_csv(slurp(dir / "h" / "runs.csv"), "runs.csv");
  const auto events = partyline::read_csv(slurp(dir / "h" / "events.csv"), "events.csv");
  // The executive's advice to pause: one row per decision, as the runs count them and the events tell them.
  std::map<std::string, int> advised, counted, told;
  for (const auto& row : decisions.rows)
    if (row[decisions.column("decision")] == "advise_pause") ++advised[row[decisions.column("run")]];
  for (const auto& row : runs.rows)
    if (const int n = std::stoi(row[runs.column("interventions_advise_pause")]); n > 0) counted[row[runs.column("run")]] = n;
  for (const auto& row : events.rows)
    if (row[events.column("event")] == "advise_pause") ++told[row[events.column("run")]];
  EXPECT_GT(advised.size(), 10u);  // the documented advice comes in most runs
  EXPECT_EQ(advised, counted);
  EXPECT_EQ(advised, told);
  // Each row is a vote that adds up: a tally within the body, a motion carried by a majority, a lapse without a vote.
  for (std::size_t i = 0; i < decisions.rows.size(); ++i) {
    const auto& row = decisions.rows[i];
    const int yes = std::stoi(row[decisions.column("yes")]), of = std::stoi(row[decisions.column("of")]);
    const std::string meeting = row[decisions.column("meeting")], decision = row[decisions.column("decision")];
    EXPECT_LE(0, yes) << "row " << i;
    EXPECT_LE(yes, of) << "row " << i;
    EXPECT_EQ(of == 0, meeting == "none") << "row " << i;
    EXPECT_TRUE(meeting == "ordinary" || meeting == "emergency" || meeting == "none") << meeting;
    EXPECT_TRUE(row[decisions.column("notice")] == "0" || row[decisions.column("notice")] == "1");
    EXPECT_GE(std::stoi(row[decisions.column("weeks_waiting")]), 0) << "row " << i;
    EXPECT_FALSE(row[decisions.column("body")].empty()) << "row " << i;
    EXPECT_FALSE(row[decisions.column("item")].empty()) << "row " << i;
    if (decision == "advise_pause") {
      EXPECT_GT(2 * yes, of) << "row " << i << ": advice carried without a majority";
    }
  }
  // Without --events there is no decisions table.
  ASSERT_EQ(run_cli("run " + scenario_path("haringey-2018.yaml").string() + " --runs 2 --quiet --out " + (dir / "n").string()).status, 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "n" / "decisions.csv"));
  std::filesystem::remove_all(dir);
}

// councillors.csv (issue 35, --agents): each seat of the focus councils at the start and the end of every run; held
// against the scenario's seats and councils.csv's seats at the end.
TEST(Councillors, EachFocusSeatAtTheStartAndTheEndAgreesWithTheScenarioAndTheCouncilsTable) {
  const auto dir = fresh_dir("councillors");
  const auto r = run_cli("run " + scenario_path("haringey-2018.yaml").string() + " --runs 20 --seed 5 --agents --quiet --out " +
                         (dir / "h").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto seats = partyline::read_csv(slurp(dir / "h" / "councillors.csv"), "councillors.csv");
  ASSERT_EQ(seats.columns, (std::vector<std::string>{"run", "council", "seat", "ward", "party_start", "party_end",
                                                     "position_start", "position_end", "status_end", "selection",
                                                     "selection_week", "endorsement_end", "cabinet_end", "dissent_end", "ballot_support_end",
                                                     "stands_independent", "selections", "selection_history"}));
  ASSERT_EQ(seats.rows.size(), 20u * 57u);  // Haringey's 57 seats (the only focus council), every run
  const auto councils = partyline::read_csv(slurp(dir / "h" / "councils.csv"), "councils.csv");
  std::map<std::string, int> start, end, expected_end, deselected, expected_deselected;
  int left = 0;
  for (const auto& row : seats.rows) {
    ASSERT_EQ(row[seats.column("council")], "haringey");
    if (row[seats.column("party_start")] == "lab") ++start[row[seats.column("run")]];
    if (row[seats.column("party_end")] == "lab") ++end[row[seats.column("run")]];
    const std::string selection = row[seats.column("selection")];
    const int week = std::stoi(row[seats.column("selection_week")]);
    EXPECT_EQ(selection == "none", week == -1);
    // The seat's whole selection history (outcome:week:support;...) ends in the selection the row states.
    const std::string history = row[seats.column("selection_history")];
    const int selections = std::stoi(row[seats.column("selections")]);
    EXPECT_EQ(selections, history.empty() ? 0 : 1 + static_cast<int>(std::count(history.begin(), history.end(), ';')));
    EXPECT_EQ(selection == "none", history.empty()) << history;
    if (!history.empty()) {
      const std::string last = history.substr(history.rfind(';') == std::string::npos ? 0 : history.rfind(';') + 1);
      EXPECT_EQ(last.substr(0, last.rfind(':')), selection + ":" + std::to_string(week)) << history;
      // The support at that selection (empty: no contested ballot), a share; the seat's holder at the end may be
      // whoever won it at the election since, so ballot_support_end can differ.
      const std::string support = last.substr(last.rfind(':') + 1);
      if (!support.empty()) {
        EXPECT_GT(std::stod(support), 0.0) << history;
        EXPECT_LE(std::stod(support), 1.0) << history;
      }
    }
    if (selection == "deselected_members" || selection == "deselected_central") ++deselected[row[seats.column("run")]];
    if (selection != "none" && selection != "reselected") {
      ++left;
      EXPECT_LT(week, 47) << "a selection before the May 2018 election (week 47)";
    }
  }
  for (const auto& row : councils.rows)
    if (row[councils.column("council")] == "haringey") {
      expected_end[row[councils.column("run")]] = std::stoi(row[councils.column("seats_end_lab")]);
      if (const int n = std::stoi(row[councils.column("deselections")]); n > 0) expected_deselected[row[councils.column("run")]] = n;
    }
  ASSERT_EQ(start.size(), 20u);
  for (const auto& [run, n] : start) EXPECT_EQ(n, 48) << "run " << run;  // the scenario's Labour seats before May 2018
  EXPECT_EQ(end, expected_end);  // the seats Labour holds at the end, as councils.csv counts them
  // The documented deselections (17 deselected or withdrawn by December 2017) show on the seats, as councils.csv
  // counts them.
  EXPECT_EQ(deselected, expected_deselected);
  EXPECT_GT(left, 20 * 8);
  ASSERT_EQ(run_cli("run " + scenario_path("haringey-2018.yaml").string() + " --runs 2 --quiet --out " + (dir / "n").string()).status, 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "n" / "councillors.csv"));
  std::filesystem::remove_all(dir);
}

// events.csv's numbers in their own columns (issue 35): `value` is the number the outcomes count (the signatories of the
// largest protest letter, the largest request), `of` the whole it is a part of, `value_is`/`of_is` say what they count,
// the same for every event of a kind.
TEST(Events, EachEventsNumberIsItsOwnColumnAndIsTheOneTheOutcomesCount) {
  const auto dir = fresh_dir("event-values");
  const auto r = run_cli("run " + scenario_path("haringey-2018.yaml").string() + " --runs 40 --seed 4 --events --quiet --out " +
                         (dir / "h").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto events = partyline::read_csv(slurp(dir / "h" / "events.csv"), "events.csv");
  const auto runs = partyline::read_csv(slurp(dir / "h" / "runs.csv"), "runs.csv");
  std::map<std::string, std::map<std::string, int>> largest;  // event -> run -> its largest value
  std::map<std::string, std::string> meaning;
  for (const auto& row : events.rows) {
    const std::string kind = row[events.column("event")], run = row[events.column("run")];
    if (const int v = std::stoi(row[events.column("value")]); v > 0) largest[kind][run] = std::max(largest[kind][run], v);
    const auto [it, fresh] = meaning.emplace(kind, row[events.column("value_is")]);
    if (kind != "deselection") {
      EXPECT_EQ(it->second, row[events.column("value_is")]) << kind;  // one meaning a kind
    }
  }
  EXPECT_EQ(meaning["protest_letter"], "council leaders who signed");
  // A part of a whole ("21 of 48 councillors"): `of` the whole, never less than the part; 0 for a number with none.
  for (const auto& row : events.rows) {
    const std::string kind = row[events.column("event")];
    const int value = std::stoi(row[events.column("value")]), of = std::stoi(row[events.column("of")]);
    if (kind == "request" || kind == "protest_letter" || kind == "backbench_letter") {
      EXPECT_GE(of, value) << kind;
      EXPECT_GT(of, 0) << kind;
      EXPECT_FALSE(row[events.column("of_is")].empty()) << kind;
      EXPECT_NE(row[events.column("detail")].find(std::to_string(value) + " of " + std::to_string(of)), std::string::npos)
          << row[events.column("detail")];  // the prose tells the same numbers
    }
    if (kind == "advise_pause") {
      EXPECT_EQ(of, 0);
      EXPECT_TRUE(row[events.column("of_is")].empty());
    }
  }
  EXPECT_EQ(meaning["request"], "councillors who signed (0: a scripted request)");
  EXPECT_EQ(meaning["advise_pause"], "weeks since the item was filed");
  for (const auto& [outcome, kind] : std::map<std::string, std::string>{{"protest_signatories_max", "protest_letter"},
                                                                        {"request_size_max", "request"}}) {
    std::map<std::string, int> expected;
    for (const auto& row : runs.rows)
      if (const int v = std::stoi(row[runs.column(outcome)]); v > 0) expected[row[runs.column("run")]] = v;
    EXPECT_GT(expected.size(), 10u) << outcome;
    EXPECT_EQ(largest[kind], expected) << outcome;
  }
  std::filesystem::remove_all(dir);
}
