// decisions.csv (issue 35): every vote of every body, a table with the numbers in their own columns, written with
// --events beside events.csv; held against the runs' own counters and events.
#include <gtest/gtest.h>

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
                                                         "of", "meeting", "notice", "weeks_waiting", "deal"}));
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
