// Sweeps end to end: results independent of threads, a sweep killed with SIGKILL and resumed gives the same tables
// as an uninterrupted one, used directories are refused, export/summarize/compare/sensitivity work.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>


#include "partyline/store/csv.hpp"

#include "../sqlite_support.hpp"
#include "../test_support.hpp"

using partyline::testing::data_dir;
using partyline::testing::exported;
using partyline::testing::fresh_dir;
using partyline::testing::run_cli;
using partyline::testing::slurp;
using partyline::testing::stored_runs;

namespace {


}  // namespace

TEST(Sweep, TablesDoNotDependOnThreads) {
  const auto dir = fresh_dir("sweep-threads");
  const auto file = (data_dir() / "sweeps" / "tiny-lhs.yaml").string();
  ASSERT_EQ(run_cli("sweep " + file + " --quiet --threads 1 --out " + (dir / "t1").string()).status, 0);
  ASSERT_EQ(run_cli("sweep " + file + " --quiet --threads 2 --out " + (dir / "t2").string()).status, 0);
  ASSERT_EQ(run_cli("sweep " + file + " --quiet --threads 8 --out " + (dir / "t8").string()).status, 0);
  const std::string one = exported(dir / "t1");
  EXPECT_GT(one.size(), 1000u);
  EXPECT_EQ(exported(dir / "t2"), one);
  EXPECT_EQ(exported(dir / "t8"), one);
  std::filesystem::remove_all(dir);
}

TEST(Sweep, WeeklySeriesAreKeptOnRequestAndAreTheRunsOwn) {
  const auto dir = fresh_dir("sweep-weekly");
  // One point (a held value), three replicates, weekly series kept.
  std::ofstream(dir / "weekly.yaml") << "scenario: " << (data_dir() / "tiny.yaml").string()
                                     << "\nreplicates: 3\nseed: 5\nweekly: true\nparameters:\n  weeks: 15\n";
  ASSERT_EQ(run_cli("sweep " + (dir / "weekly.yaml").string() + " --quiet --out " + (dir / "s").string()).status, 0);
  const std::string all = exported(dir / "s");
  const auto table = partyline::read_csv(slurp(dir / "s" / "export" / "weekly.csv"), "weekly.csv");
  ASSERT_EQ(table.columns, (std::vector<std::string>{"point", "replicate", "weeks", "week", "date", "council", "backlash",
                                                     "satisfaction", "agenda_open", "disputes_active", "members", "seats",
                                                     "councils_controlled"}));
  ASSERT_EQ(table.rows.size(), 3u * 15u * 2u);  // replicates x weeks x (party-wide + the focus council)
  // The same rows as `partyline run` of that point's scenario with its seed and --weekly.
  const auto points = partyline::read_csv(slurp(dir / "s" / "export" / "points.csv"), "points.csv");
  const std::string seed = points.rows.at(0).at(points.column("seed"));
  const auto r = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --set weeks=15 --seed " + seed +
                         " --runs 3 --weekly --quiet --out " + (dir / "run").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto mine = partyline::read_csv(slurp(dir / "run" / "weekly.csv"), "weekly.csv");
  ASSERT_EQ(mine.rows.size(), table.rows.size());
  for (std::size_t i = 0; i < mine.rows.size(); ++i) {
    EXPECT_EQ(table.rows[i][table.column("replicate")], mine.rows[i][mine.column("run")]);
    for (const char* c : {"week", "date", "council"}) EXPECT_EQ(table.rows[i][table.column(c)], mine.rows[i][mine.column(c)]) << c;
    for (const char* c : {"backlash", "satisfaction", "agenda_open", "disputes_active", "members", "seats", "councils_controlled"})
      EXPECT_NEAR(std::stod(table.rows[i][table.column(c)]), std::stod(mine.rows[i][mine.column(c)]), 1e-9) << c << " row " << i;
  }
  // Without `weekly: true` the store keeps none.
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --out " + (dir / "g").string()).status, 0);
  (void)exported(dir / "g");
  EXPECT_FALSE(std::filesystem::exists(dir / "g" / "export" / "weekly.csv"));
  std::filesystem::remove_all(dir);
}

// Issue 35: a sweep keeps its runs' events on request, and they are the runs' own (as `partyline run --events`).
namespace {

// A sweep store's table of one point (exported: point, replicate, parameters, seq, then the table's own columns) holds
// row for row what `partyline run` wrote for the same runs (run, then the same columns): replicate = run, seq counting
// each run's rows from 0, every other column equal.
void expect_runs_own_rows(const partyline::table_data& stored, const partyline::table_data& run_table) {
  std::string last_run;
  int seq = 0;
  for (std::size_t i = 0; i < run_table.rows.size(); ++i) {
    const std::string run = run_table.rows[i][run_table.column("run")];
    seq = run == last_run ? seq + 1 : 0;
    last_run = run;
    EXPECT_EQ(stored.rows[i][stored.column("replicate")], run) << "row " << i;
    EXPECT_EQ(stored.rows[i][stored.column("seq")], std::to_string(seq)) << "row " << i;
    for (std::size_t c = 1; c < run_table.columns.size(); ++c)  // every column after `run`
      EXPECT_EQ(stored.rows[i][stored.column(run_table.columns[c])], run_table.rows[i][c]) << run_table.columns[c] << " row " << i;
  }
}

}  // namespace

TEST(Sweep, EventsAreKeptOnRequestAndAreTheRunsOwn) {
  const auto dir = fresh_dir("sweep-events");
  std::ofstream(dir / "events.yaml") << "scenario: " << (data_dir() / "tiny.yaml").string()
                                     << "\nreplicates: 3\nseed: 5\nevents: true\nparameters:\n  weeks: 15\n";
  ASSERT_EQ(run_cli("sweep " + (dir / "events.yaml").string() + " --quiet --out " + (dir / "s").string()).status, 0);
  (void)exported(dir / "s");
  const auto table = partyline::read_csv(slurp(dir / "s" / "export" / "events.csv"), "events.csv");
  ASSERT_EQ(table.columns, (std::vector<std::string>{"point", "replicate", "weeks", "seq", "week", "date", "council", "rule",
                                                     "event", "value", "of", "value_is", "of_is", "detail"}));
  EXPECT_FALSE(std::filesystem::exists(dir / "s" / "export" / "weekly.csv"));  // only what was asked for
  const auto points = partyline::read_csv(slurp(dir / "s" / "export" / "points.csv"), "points.csv");
  const std::string seed = points.rows.at(0).at(points.column("seed"));
  const auto r = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --set weeks=15 --seed " + seed +
                         " --runs 3 --events --quiet --out " + (dir / "run").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto mine = partyline::read_csv(slurp(dir / "run" / "events.csv"), "events.csv");
  ASSERT_GT(mine.rows.size(), 3u);
  ASSERT_EQ(mine.rows.size(), table.rows.size());
  expect_runs_own_rows(table, mine);
  // Without `events: true` the store keeps none.
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --out " + (dir / "g").string()).status, 0);
  (void)exported(dir / "g");
  EXPECT_FALSE(std::filesystem::exists(dir / "g" / "export" / "events.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "g" / "export" / "decisions.csv"));
  std::filesystem::remove_all(dir);
}

TEST(Sweep, DecisionsAndSeatsAreKeptOnRequestAsTheRunsOwnTables) {
  // A case whose bodies decide (Haringey: the NEC on the group's request, the organisation committee's monitoring).
  const auto dir = fresh_dir("sweep-decisions");
  const auto haringey = partyline::testing::scenario_path("haringey-2018.yaml");
  std::ofstream(dir / "d.yaml") << "scenario: " << haringey.string() << "\nreplicates: 4\nseed: 9\nevents: true\nagents: true\n"
                                << "parameters:\n  rules.R7.letter_min: 5\n";
  ASSERT_EQ(run_cli("sweep " + (dir / "d.yaml").string() + " --quiet --out " + (dir / "s").string()).status, 0);
  (void)exported(dir / "s");
  const auto table = partyline::read_csv(slurp(dir / "s" / "export" / "decisions.csv"), "decisions.csv");
  ASSERT_EQ(table.columns, (std::vector<std::string>{"point", "replicate", "rules.R7.letter_min", "seq", "week", "date", "body",
                                                     "council", "item", "decision", "yes", "of", "meeting", "notice",
                                                     "weeks_waiting", "deal", "votes"}));
  const auto points = partyline::read_csv(slurp(dir / "s" / "export" / "points.csv"), "points.csv");
  const std::string seed = points.rows.at(0).at(points.column("seed"));
  const auto r = run_cli("run " + haringey.string() + " --set rules.R7.letter_min=5 --seed " + seed +
                         " --runs 4 --events --agents --quiet --out " + (dir / "run").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto mine = partyline::read_csv(slurp(dir / "run" / "decisions.csv"), "decisions.csv");
  ASSERT_GE(mine.rows.size(), 4u);  // at least the NEC's decision on each run's request
  ASSERT_EQ(mine.rows.size(), table.rows.size());
  expect_runs_own_rows(table, mine);
  // With `agents: true`, each focus seat of each run, as `run --agents` writes councillors.csv.
  const auto seats = partyline::read_csv(slurp(dir / "s" / "export" / "councillors.csv"), "councillors.csv");
  const auto my_seats = partyline::read_csv(slurp(dir / "run" / "councillors.csv"), "councillors.csv");
  ASSERT_EQ(my_seats.rows.size(), 4u * 57u);  // Haringey's 57 seats, 4 runs
  ASSERT_EQ(seats.rows.size(), my_seats.rows.size());
  expect_runs_own_rows(seats, my_seats);
  std::filesystem::remove_all(dir);
}

TEST(Sweep, KilledWithSigkillAndResumedEqualsUninterrupted) {
  const auto dir = fresh_dir("sweep-kill");
  const auto file = data_dir() / "sweeps" / "kill.yaml";
  const auto killed = dir / "killed";
  // Start the sweep, wait until some (not all) runs are committed, then kill -9.
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(PARTYLINE_BINARY, PARTYLINE_BINARY, "sweep", file.c_str(), "--quiet", "--threads", "2", "--out",
          killed.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  long long seen = 0;
  for (int i = 0; i < 6000 && seen < 100; ++i) {
    usleep(5000);
    seen = stored_runs(killed);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep finished before it could be killed; make kill.yaml longer";
  const long long at_kill = stored_runs(killed);
  ASSERT_GE(at_kill, 100);
  ASSERT_LT(at_kill, 1200) << "the sweep finished before it could be killed";

  // Without --resume the used directory is refused; with it, only the missing runs are run.
  const auto refused = run_cli("sweep " + file.string() + " --quiet --out " + killed.string());
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.out.find("--resume"), std::string::npos) << refused.out;
  const auto resumed = run_cli("sweep " + file.string() + " --out " + killed.string() + " --resume");
  ASSERT_EQ(resumed.status, 0) << resumed.out;
  EXPECT_NE(resumed.out.find(std::to_string(1200 - at_kill) + " now"), std::string::npos) << resumed.out;
  EXPECT_EQ(stored_runs(killed), 1200);

  const auto whole = dir / "whole";
  ASSERT_EQ(run_cli("sweep " + file.string() + " --quiet --out " + whole.string()).status, 0);
  EXPECT_EQ(exported(killed), exported(whole));
  std::filesystem::remove_all(dir);
}

TEST(Sweep, ADifferentSweepInAUsedDirectoryIsRefused) {
  const auto dir = fresh_dir("sweep-other");
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --out " + dir.string()).status, 0);
  const auto r = run_cli("sweep " + (data_dir() / "sweeps" / "tiny-lhs.yaml").string() + " --quiet --resume --out " + dir.string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("different sweep"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

TEST(Sweep, SummarizeCompareAndSensitivityReport) {
  const auto dir = fresh_dir("sweep-report");
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --out " + (dir / "g").string()).status, 0);
  const auto s = run_cli("summarize " + (dir / "g").string() + " --points 0");
  ASSERT_EQ(s.status, 0) << s.out;
  EXPECT_NE(s.out.find("point 5"), std::string::npos);
  EXPECT_NE(s.out.find("95% CI (bootstrap)"), std::string::npos);
  const auto c = run_cli("compare " + (dir / "g").string() + " " + (dir / "g").string() + " --point-a 0 --point-b 4");
  ASSERT_EQ(c.status, 0) << c.out;
  EXPECT_NE(c.out.find("strike_weeks"), std::string::npos) << c.out;
  EXPECT_EQ(run_cli("compare " + (dir / "g").string() + " " + (dir / "g").string()).status, 2);  // several points
  EXPECT_EQ(run_cli("sensitivity " + (dir / "g").string()).status, 2);  // neither a sobol nor a morris design
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-sobol.yaml").string() + " --quiet --out " + (dir / "s").string()).status, 0);
  const auto sens = run_cli("sensitivity " + (dir / "s").string());
  ASSERT_EQ(sens.status, 0) << sens.out;
  EXPECT_NE(sens.out.find("first order S1"), std::string::npos) << sens.out;
  EXPECT_NE(sens.out.find("councils[0].group.confrontation"), std::string::npos) << sens.out;
  // Issue 18: 8 base samples are far too few, and the report says so with the sample size that would do.
  EXPECT_NE(sens.out.find("! too few samples to read these indices"), std::string::npos) << sens.out;
  EXPECT_NE(sens.out.find("from 8 base samples; about "), std::string::npos) << sens.out;
  const auto table = run_cli("sensitivity " + (dir / "s").string() + " --format csv");
  ASSERT_EQ(table.status, 0) << table.out;
  EXPECT_EQ(table.out.substr(0, table.out.find('\n')),
            "outcome,variance,input,s1,s1_lo,s1_hi,st,st_lo,st_hi,base_samples,too_few_samples,samples_needed");
  // A morris design: mu* and sigma per input, as text and as a table.
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-morris.yaml").string() + " --quiet --out " + (dir / "m").string()).status, 0);
  const auto morris = run_cli("sensitivity " + (dir / "m").string());
  ASSERT_EQ(morris.status, 0) << morris.out;
  EXPECT_NE(morris.out.find("Morris elementary effects from 6 trajectories x 3 inputs, 4 levels"), std::string::npos) << morris.out;
  EXPECT_NE(morris.out.find("councils[0].group.confrontation"), std::string::npos) << morris.out;
  const auto mtable = run_cli("sensitivity " + (dir / "m").string() + " --format csv");
  ASSERT_EQ(mtable.status, 0) << mtable.out;
  EXPECT_EQ(mtable.out.substr(0, mtable.out.find('\n')), "outcome,input,mu,mu_star,mu_star_lo,mu_star_hi,sigma,trajectories,above_noise");
  EXPECT_NE(morris.out.find("(no dummy input: add"), std::string::npos) << morris.out;
  // Issue 32 pt 7: a sweep's dummy input is applied to nothing (no scenario has such a path) and is the floor the
  // report reads the others against.
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-morris-dummy.yaml").string() + " --quiet --out " + (dir / "md").string()).status, 0);
  const auto dummy = run_cli("sensitivity " + (dir / "md").string());
  ASSERT_EQ(dummy.status, 0) << dummy.out;
  EXPECT_NE(dummy.out.find("dummy input: the noise floor"), std::string::npos) << dummy.out;
  EXPECT_NE(dummy.out.find("inputs above the noise floor, on how many of the"), std::string::npos) << dummy.out;
  EXPECT_EQ(dummy.out.find("(no dummy input"), std::string::npos) << dummy.out;
  std::filesystem::remove_all(dir);
}

TEST(Sweep, BadParameterPathsNameTheSweepFile) {
  const auto dir = fresh_dir("sweep-bad");
  std::ofstream(dir / "bad.yaml") << "scenario: " << (data_dir() / "tiny.yaml").string()
                                  << "\nreplicates: 2\nparameters:\n  rules.R2.b_backlas: 1.0\n";
  const auto r = run_cli("sweep " + (dir / "bad.yaml").string() + " --out " + (dir / "out").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find((dir / "bad.yaml").string() + ":4:3: rules.R2.b_backlas: unknown key (did you mean 'b_backlash'?)"),
            std::string::npos)
      << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "results.sqlite"));
  std::filesystem::remove_all(dir);
}

TEST(Sweep, AStoreWhoseCreationWasInterruptedIsStartedAfresh) {
  // Issue 19 F4: a sweep killed while creating its store left a file neither a fresh start nor --resume could use.
  // Simulated here by the two states such a kill leaves: an empty file, and an uncommitted creating transaction.
  const auto grid = (data_dir() / "sweeps" / "tiny-grid.yaml").string();
  for (const bool resume : {false, true}) {
    const auto dir = fresh_dir(resume ? "sweep-half-created-resume" : "sweep-half-created");
    std::filesystem::create_directories(dir);
    { std::ofstream(dir / "results.sqlite"); }  // created, nothing written
    const auto r = run_cli("sweep " + grid + " --quiet " + (resume ? "--resume " : "") + "--out " + dir.string());
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_GT(stored_runs(dir), 0);
    std::filesystem::remove_all(dir);
  }
}

TEST(Sweep, ResumingIntoADamagedStoreIsRefusedWithTheWayOut) {
  // Issue 19 F11: --resume on a corrupted store said "600 of 600 runs stored" and exited 0.
  const auto dir = fresh_dir("sweep-damaged");
  const auto grid = (data_dir() / "sweeps" / "tiny-grid.yaml").string();
  ASSERT_EQ(run_cli("sweep " + grid + " --quiet --out " + dir.string()).status, 0);
  const auto file = dir / "results.sqlite";
  const auto size = std::filesystem::file_size(file);
  ASSERT_GT(size, 8192u);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    const std::string junk(4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const auto r = run_cli("sweep " + grid + " --quiet --resume --out " + dir.string());
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("damaged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("another --out"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}
