// The CLI as a user meets it: exit statuses, messages, outputs and their columns.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <unistd.h>
#include <sys/file.h>
#include <fcntl.h>

#include <regex>

#include "../test_support.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/store/csv.hpp"
#include "partyline/store/sha256.hpp"

using partyline::testing::data_dir;
using partyline::testing::fresh_dir;
using partyline::testing::run_cli;
using partyline::testing::scenario_path;
using partyline::testing::slurp;

namespace {
std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }
}  // namespace

TEST(Cli, ValidateAcceptsTheShippedScenarios) {
  const auto r = run_cli("validate " + scenario_path("birmingham-2019.yaml").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("ok"), std::string::npos);
}

TEST(Cli, ValidateRejectsEveryInvalidFixtureWithStatus2AndALocation) {
  const std::regex located(R"(^.+\.yaml:[0-9]+:[0-9]+: .+)");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "invalid")) {
    ++files;
    const auto r = run_cli("validate --memory-budget 4096 " + entry.path().string());
    EXPECT_EQ(r.status, 2) << entry.path() << "\n" << r.out;
    EXPECT_TRUE(std::regex_match(first_line(r.out), located)) << r.out;
  }
  EXPECT_GT(files, 20);
}

TEST(Cli, MissingFileAndDirectoryGiveClearMessages) {
  auto r = run_cli("validate /no/such/scenario.yaml");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("no such file"), std::string::npos) << r.out;
  r = run_cli("run " + data_dir().string() + " --quiet --out /tmp/partyline-never");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("is a directory"), std::string::npos) << r.out;
}

TEST(Cli, BadArgumentsExitWith2) {
  EXPECT_EQ(run_cli("run").status, 2);
  EXPECT_EQ(run_cli("frobnicate").status, 2);
  EXPECT_EQ(run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 0").status, 2);
}

TEST(Cli, HelpForEverySubcommand) {
  for (const char* sub : {"", "run ", "validate ", "show "}) {
    const auto r = run_cli(std::string(sub) + "--help");
    EXPECT_EQ(r.status, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
  }
  EXPECT_NE(run_cli("run --help").out.find("--threads"), std::string::npos);
}

TEST(Cli, RunWritesTheDocumentedOutputs) {
  const auto dir = fresh_dir("cli-run");
  const auto r = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 6 --seed 3 --weekly --events --out " +
                         dir.string());
  ASSERT_EQ(r.status, 0) << r.out;
  // runs.csv: run, seed, then every outcome of MODEL.md section 4, in order.
  std::string header = "run,seed";
  for (const auto& info : partyline::run_outcome_info) header += "," + std::string(info.name);
  const std::string runs = slurp(dir / "runs.csv");
  EXPECT_EQ(first_line(runs), header);
  EXPECT_EQ(std::count(runs.begin(), runs.end(), '\n'), 7);
  EXPECT_EQ(first_line(slurp(dir / "councils.csv")),
            "run,council,seats_end_lab,seats_end_con,seats_end_ind,control_end,administration_end,coalition_requested,"
            "coalition_approved,coalition_blocked,coalition_defied,leader_changed,deselections,suspensions,coalition_lapsed,policy_stage_end");
  EXPECT_EQ(first_line(slurp(dir / "weekly.csv")),
            "run,week,date,council,backlash,satisfaction,agenda_open,disputes_active,members,seats,councils_controlled");
  EXPECT_EQ(first_line(slurp(dir / "events.csv")), "run,week,date,council,rule,event,value,of,value_is,of_is,detail");
  const std::string manifest = slurp(dir / "manifest.json");
  for (const char* key : {"\"partyline_version\"", "\"git_commit\"", "\"scenario_path\"", "\"scenario_sha256\"",
                          "\"resolved_scenario\"", "\"seed\": 3", "\"runs_completed\": 6", "\"threads\"", "\"wall_seconds\"",
                          "\"complete\": true"})
    EXPECT_NE(manifest.find(key), std::string::npos) << key;
  // The summary names outcomes with a mean, an interval and a share.
  EXPECT_NE(r.out.find("95% CI of mean"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("happened"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Cli, ExistingResultsAreNeverSilentlyOverwritten) {
  const auto dir = fresh_dir("cli-overwrite");
  const std::string base = "run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --out " + dir.string();
  ASSERT_EQ(run_cli(base).status, 0);
  const std::string before = slurp(dir / "runs.csv");
  const auto again = run_cli(base + " --seed 99");
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.out.find("not empty"), std::string::npos) << again.out;
  EXPECT_EQ(slurp(dir / "runs.csv"), before);
  EXPECT_EQ(run_cli(base + " --seed 99 --force").status, 0);
  EXPECT_NE(slurp(dir / "runs.csv"), before);
  std::filesystem::remove_all(dir);
}

TEST(Cli, ABadBudgetOrAnEmptyPathIsRefusedNotReplacedByTheDefault) {
  // Issue 19: --memory-budget -1, 0 or nan and --out "" used to fall back to the defaults silently.
  const std::string tiny = (data_dir() / "tiny.yaml").string();
  for (const char* budget : {"-1", "0", "nan", "inf", "lots"}) {
    const auto r = run_cli("validate --memory-budget " + std::string(budget) + " " + tiny);
    EXPECT_EQ(r.status, 2) << budget << ": " << r.out;
    EXPECT_NE(r.out.find("positive number of MiB"), std::string::npos) << r.out;
  }
  EXPECT_EQ(run_cli("validate --memory-budget 512 " + tiny).status, 0);
  const auto r = run_cli("run " + tiny + " --quiet --out \"\"");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("empty path"), std::string::npos) << r.out;
}

TEST(Cli, ATableThatCannotBeMovedIntoPlaceLeavesNoPartialFile) {
  // Issue 19: runs.csv.partial was left behind when runs.csv was a directory.
  const auto dir = fresh_dir("cli-partial");
  std::filesystem::create_directories(dir / "runs.csv" / "in-the-way");
  const auto r = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --force --out " + dir.string());
  EXPECT_NE(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("runs.csv"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "runs.csv.partial"));
  std::filesystem::remove_all(dir);
}

TEST(Cli, OneWriterPerOutputFolder) {
  // Issue 19 F2: while another process holds the folder's lock, a run into it is refused naming that process, and
  // nothing of it is written; the manifest lists every table with its SHA-256 and rows.
  const auto dir = fresh_dir("cli-one-writer");
  std::filesystem::create_directories(dir);
  const int fd = ::open((dir / ".partyline.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  ASSERT_EQ(::pwrite(fd, "4242\n", 5, 0), 5);
  const std::string base = "run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --force --out " + dir.string();
  const auto refused = run_cli(base);
  EXPECT_EQ(refused.status, 2) << refused.out;
  EXPECT_NE(refused.out.find("another partyline (pid 4242)"), std::string::npos) << refused.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "runs.csv"));
  ::close(fd);  // the other writer is done
  const auto ran = run_cli(base);
  EXPECT_EQ(ran.status, 0) << ran.out;
  const std::string manifest = slurp(dir / "manifest.json");
  EXPECT_NE(manifest.find("\"tables\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find(partyline::sha256_hex(slurp(dir / "runs.csv"))), std::string::npos) << manifest;
  std::filesystem::remove_all(dir);
}

TEST(Cli, ForceLeavesNoTableOfThePreviousRun) {
  // Issue 19 F6: a forced run without --events/--weekly over a folder that had them.
  const auto dir = fresh_dir("cli-force-tables");
  const std::string base = "run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --out " + dir.string();
  ASSERT_EQ(run_cli(base + " --events --weekly").status, 0);
  ASSERT_TRUE(std::filesystem::exists(dir / "events.csv"));
  ASSERT_TRUE(std::filesystem::exists(dir / "weekly.csv"));
  ASSERT_EQ(run_cli(base + " --seed 99 --force").status, 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "runs.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "events.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "weekly.csv"));
  std::filesystem::remove_all(dir);
}

TEST(Cli, ShowPrintsAScenarioThatValidatesAndShowsTheSame) {
  const auto dir = fresh_dir("cli-show");
  const auto shown = run_cli("show " + scenario_path("birmingham-2019.yaml").string());
  ASSERT_EQ(shown.status, 0) << shown.out;
  EXPECT_NE(shown.out.find("letter_min:"), std::string::npos);  // defaults are resolved and visible
  std::ofstream(dir / "shown.yaml") << shown.out;
  const auto again = run_cli("show " + (dir / "shown.yaml").string());
  EXPECT_EQ(again.status, 0) << again.out;
  EXPECT_EQ(again.out, shown.out);
  std::filesystem::remove_all(dir);
}

TEST(Cli, ASweepHoldsItsFolderAgainstOtherWriters) {
  // Issue 19 F2: sweeps take the same lock as runs; a run never writes beside a sweep's store, even with --force.
  const auto dir = fresh_dir("cli-sweep-lock");
  const auto out = dir / "s";
  std::filesystem::create_directories(out);
  const int fd = ::open((out / ".partyline.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  ASSERT_EQ(::pwrite(fd, "4343\n", 5, 0), 5);
  const std::string sweep = "sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --out " + out.string();
  for (const char* extra : {"", " --resume"}) {
    const auto refused = run_cli(sweep + extra);
    EXPECT_EQ(refused.status, 2) << refused.out;
    EXPECT_NE(refused.out.find("another partyline (pid 4343)"), std::string::npos) << refused.out;
  }
  EXPECT_FALSE(std::filesystem::exists(out / "results.sqlite"));
  ::close(fd);
  const auto ran = run_cli(sweep);
  ASSERT_EQ(ran.status, 0) << ran.out;
  const auto over = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --force --out " + out.string());
  EXPECT_EQ(over.status, 2) << over.out;
  EXPECT_NE(over.out.find("holds a sweep's results store"), std::string::npos) << over.out;
  EXPECT_FALSE(std::filesystem::exists(out / "runs.csv"));
  const auto verified = run_cli("verify " + out.string());
  EXPECT_EQ(verified.status, 0) << verified.out;
  EXPECT_NE(verified.out.find("24 runs stored"), std::string::npos) << verified.out;
  std::filesystem::remove_all(dir);
}

TEST(Cli, VerifyFindsAFolderThatMixesTwoRunsOrLacksItsManifest) {
  // Issue 19 F2: the manifest's checksums make a mixed or half-written folder detectable, and `verify` says which
  // table is wrong.
  const auto dir = fresh_dir("cli-verify");
  const std::string tiny = "run " + (data_dir() / "tiny.yaml").string() + " --runs 3 --quiet ";
  ASSERT_EQ(run_cli(tiny + "--seed 1 --events --out " + (dir / "a").string()).status, 0);
  ASSERT_EQ(run_cli(tiny + "--seed 2 --out " + (dir / "b").string()).status, 0);
  const auto good = run_cli("verify " + (dir / "a").string() + " " + (dir / "b").string());
  EXPECT_EQ(good.status, 0) << good.out;
  EXPECT_NE(good.out.find("4 tables, seed 1, 3 runs"), std::string::npos) << good.out;

  std::filesystem::copy_file(dir / "a" / "runs.csv", dir / "b" / "runs.csv", std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(dir / "a" / "events.csv", dir / "b" / "events.csv");
  const auto mixed = run_cli("verify " + (dir / "b").string());
  EXPECT_EQ(mixed.status, 2) << mixed.out;
  EXPECT_NE(mixed.out.find("runs.csv: its SHA-256 is not the manifest's"), std::string::npos) << mixed.out;
  EXPECT_NE(mixed.out.find("events.csv: a table the manifest does not list"), std::string::npos) << mixed.out;

  std::filesystem::remove(dir / "a" / "manifest.json");
  const auto half = run_cli("verify " + (dir / "a").string());
  EXPECT_EQ(half.status, 2) << half.out;
  EXPECT_NE(half.out.find("manifest.json is missing"), std::string::npos) << half.out;
  std::filesystem::remove_all(dir);
}

TEST(Cli, ACrashedWritersStagingFolderIsClearedAndNeverCounted) {
  // A writer killed while staging leaves DIR/.staging-PID (and the lock file); the folder still counts as empty
  // (it holds no result set) and the next writer removes the leftovers.
  const auto dir = fresh_dir("cli-staging");
  std::filesystem::create_directories(dir / ".staging-99999");
  partyline::testing::write_text(dir / ".staging-99999" / "runs.csv", "run,seed\n0,1\n");
  partyline::testing::write_text(dir / ".partyline.lock", "99999\n");
  const auto r = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --out " + dir.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / ".staging-99999"));
  EXPECT_EQ(run_cli("verify " + dir.string()).status, 0);
  std::filesystem::remove_all(dir);
}

TEST(Cli, ACasesTargetsAreHeldAgainstItsRunsAndWrittenToTargetsCsv) {
  const auto dir = fresh_dir("cli-targets");
  const auto r = run_cli("run " + scenario_path("coalitions-2023.yaml").string() + " --runs 30 --story 0 --out " + (dir / "c").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("the documented facts (the scenario's targets) against the runs:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cherwell_refused"), std::string::npos) << r.out;
  // Issue 35 pt 4: the outcomes the case's facts name come first in the summary, under their own heading.
  const auto focus = r.out.find("-- the outcomes the case's documented facts name --"), others = r.out.find("-- the others --");
  ASSERT_NE(focus, std::string::npos) << r.out;
  ASSERT_NE(others, std::string::npos) << r.out;
  for (const char* named : {"  coalitions_blocked ", "  blocked_other_control "}) {
    EXPECT_GT(r.out.find(named), focus) << named;
    EXPECT_LT(r.out.find(named), others) << named;
  }
  EXPECT_GT(r.out.find("  coalition_requests "), others);
  const auto t = partyline::read_csv(slurp(dir / "c" / "targets.csv"), "targets.csv");
  EXPECT_EQ(t.columns, (std::vector<std::string>{"name", "label", "outcome", "council", "statistic", "observed", "range_lo",
                                                 "range_hi", "tolerance", "runs", "simulated", "sim_p05", "sim_p95", "inside",
                                                 "distance", "source", "reproduced_share", "reproduced_lo", "reproduced_hi",
                                                 "verdict", "bimodal", "groups", "use", "at", "since", "happened",
                                                 "equals", "within_weeks"}));
  // Six fitted facts (its pact allegation is an input, issue 33; Canterbury's approval and its date), seven held out
  // (which administration formed in four councils; Lewes's refusal and its date; Cherwell's administration).
  ASSERT_EQ(t.rows.size(), 13u);
  EXPECT_EQ(t.rows[1][t.column("council")], "cherwell");
  EXPECT_EQ(t.rows[1][t.column("runs")], "30");
  // A fact on when: the approval first within four weeks of its documented day.
  EXPECT_EQ(t.rows[4][t.column("name")], "canterbury_approved_when");
  EXPECT_EQ(t.rows[4][t.column("within_weeks")], "4");
  EXPECT_EQ(t.rows[4][t.column("happened")], "2023-05-17");
  // A fact on which administration formed: written "grn+lab", read in the scenario's order of parties, as a share.
  EXPECT_EQ(t.rows[6][t.column("name")], "lewes_administration");
  EXPECT_EQ(t.rows[6][t.column("equals")], "lab+grn");
  EXPECT_EQ(t.rows[6][t.column("statistic")], "share");
  EXPECT_EQ(t.rows[6][t.column("use")], "validate");
  EXPECT_EQ(run_cli("verify " + (dir / "c").string()).status, 0);  // listed in the manifest with its checksum
  // A scenario without targets writes none.
  ASSERT_EQ(run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 3 --quiet --out " + (dir / "t").string()).status, 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "t" / "targets.csv"));
  // An unknown column is a scenario error at the target's outcome: file, line, column, exit 2.
  std::ofstream(dir / "bad.yaml") << slurp(data_dir() / "tiny.yaml") << "targets:\n  - {name: x, outcome: letterz, observed: 1, source: s}\n";
  const auto bad = run_cli("validate " + (dir / "bad.yaml").string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("bad.yaml:23:"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("targets[0].outcome: 'letterz' is not a numeric column of runs.csv"), std::string::npos) << bad.out;
  EXPECT_EQ(run_cli("run " + (dir / "bad.yaml").string() + " --runs 2 --quiet --out " + (dir / "b").string()).status, 2);
  std::filesystem::remove_all(dir);
}

TEST(Cli, SetChangesAScenarioValueByItsSweepPath) {
  // Issue 18: `run --set PATH=VALUE` (repeatable) gives what the edited file gives; errors name the --set.
  const auto dir = fresh_dir("cli-set");
  std::string tiny = slurp(data_dir() / "tiny.yaml");
  const auto at = tiny.find("weeks: 12");
  ASSERT_NE(at, std::string::npos);
  partyline::testing::write_text(dir / "edited.yaml", tiny.replace(at, 9, "weeks: 7"));
  ASSERT_EQ(run_cli("run " + (dir / "edited.yaml").string() + " --runs 4 --quiet --out " + (dir / "a").string()).status, 0);
  const auto set = run_cli("run --set weeks=7 --set executive.left_share=0.5 " + (data_dir() / "tiny.yaml").string() +
                           " --runs 4 --quiet --out " + (dir / "b").string());
  ASSERT_EQ(set.status, 0) << set.out;
  EXPECT_EQ(slurp(dir / "a" / "runs.csv"), slurp(dir / "b" / "runs.csv"));
  EXPECT_NE(slurp(dir / "b" / "manifest.json").find("\"weeks=7\""), std::string::npos);

  const std::string tiny_run = "run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet --out " + (dir / "c").string();
  const auto misspelt = run_cli(tiny_run + " --set weeks=7 --set executive.left_sahre=0.2");
  EXPECT_EQ(misspelt.status, 2);
  EXPECT_NE(misspelt.out.find("--set:2:1: executive.left_sahre: unknown key (did you mean 'left_share'?)"), std::string::npos)
      << misspelt.out;
  const auto out_of_range = run_cli(tiny_run + " --set executive.left_share=7");
  EXPECT_EQ(out_of_range.status, 2);
  EXPECT_NE(out_of_range.out.find("--set:1:1: executive.left_share: value 7 is out of range"), std::string::npos) << out_of_range.out;
  const auto no_value = run_cli(tiny_run + " --set weeks");
  EXPECT_EQ(no_value.status, 2);
  EXPECT_NE(no_value.out.find("--set takes PATH=VALUE"), std::string::npos) << no_value.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "c" / "runs.csv"));
  std::filesystem::remove_all(dir);
}

TEST(Cli, DefaultOutputFoldersNeverCollide) {
  // Issue 18: a loop of runs in the same second gets a folder each (results/<name>-<time>, then -2, -3, ...).
  const auto dir = fresh_dir("cli-default-out");
  const std::string one = std::string(PARTYLINE_BINARY) + " run " + (data_dir() / "tiny.yaml").string() + " --runs 2 --quiet";
  const std::string loop = "cd " + dir.string() + " && " + one + " && " + one + " && " + one + " && " + one;
  ASSERT_EQ(std::system(loop.c_str()), 0);
  std::vector<std::filesystem::path> folders;
  for (const auto& e : std::filesystem::directory_iterator(dir / "results")) folders.push_back(e.path());
  EXPECT_EQ(folders.size(), 4u);
  for (const auto& f : folders) EXPECT_EQ(run_cli("verify " + f.string()).status, 0) << f;
  std::filesystem::remove_all(dir);
}

TEST(Cli, ParamsListsEverySettablePathWithItsValueRangeAndMeaning) {
  // Issue 18: `partyline params FILE` -- every path --set and sweep files take, with value, range and meaning; the
  // generated councils are not listed (they are not in the file); each path listed is one --set accepts.
  const auto listed = run_cli("params --format csv " + scenario_path("haringey-2018.yaml").string());
  ASSERT_EQ(listed.status, 0) << listed.out;
  const partyline::table_data t = partyline::read_csv(listed.out, "params.csv");
  ASSERT_GT(t.rows.size(), 300u);
  std::map<std::string, std::vector<std::string>> by_path;
  for (const auto& row : t.rows) {
    EXPECT_FALSE(row[3].empty()) << row[0] << " has no meaning";
    EXPECT_EQ(row[0].find("labour-led-"), std::string::npos) << "a generated council is listed: " << row[0];
    by_path[row[0]] = row;
  }
  ASSERT_TRUE(by_path.count("executive.left_share"));
  EXPECT_EQ(by_path["executive.left_share"][2], "0..1");
  ASSERT_TRUE(by_path.count("councils.haringey.group.confrontation"));
  ASSERT_TRUE(by_path.count("rules.R2.b_backlash"));
  EXPECT_NE(by_path["rules.R2.b_backlash"][3].find("backlash"), std::string::npos) << by_path["rules.R2.b_backlash"][3];

  // Round trip on the tiny scenario: setting every listed scalar to its own value changes nothing.
  const std::string tiny = (data_dir() / "tiny.yaml").string();
  const auto before = run_cli("params --format csv " + tiny);
  ASSERT_EQ(before.status, 0);
  std::string sets;
  std::size_t n = 0;
  for (const auto& row : partyline::read_csv(before.out, "params.csv").rows) {
    if (row[1] == "[]" || row[1] == "{}" || row[1] == "null" || row[1].find('\'') != std::string::npos) continue;
    sets += " --set '" + row[0] + "=" + row[1] + "'";
    ++n;
  }
  EXPECT_GT(n, 300u);
  const auto after = run_cli("params --format csv " + tiny + sets);
  ASSERT_EQ(after.status, 0) << after.out.substr(0, 2000);
  EXPECT_EQ(after.out, before.out);
}

TEST(Cli, FocusColumnsAreTheListedCouncilsApartFromTheBackground) {
  // Issue 18: runs.csv's focus_* columns measure the councils the scenario lists (Haringey), not the 150 generated
  // ones; `focus: false` moves a listed council to the background.
  const auto dir = fresh_dir("cli-focus");
  const std::string haringey = scenario_path("haringey-2018.yaml").string();
  const auto r = run_cli("run " + haringey + " --runs 12 --events --quiet --out " + (dir / "a").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto runs = partyline::read_csv(slurp(dir / "a" / "runs.csv"), "runs.csv");
  const auto councils = partyline::read_csv(slurp(dir / "a" / "councils.csv"), "councils.csv");
  const auto events = partyline::read_csv(slurp(dir / "a" / "events.csv"), "events.csv");
  const auto seats_end = councils.where("council", "haringey").numbers("seats_end_lab");
  const auto focus_seats_end = runs.numbers("focus_seats_end");
  ASSERT_EQ(seats_end.size(), 12u);
  const auto defections = runs.numbers("focus_defections");
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(runs.numbers("focus_seats_start")[i], 48);
    EXPECT_EQ(focus_seats_end[i], seats_end[i]) << "run " << i;
    EXPECT_EQ(runs.numbers("focus_councils_controlled_start")[i], 1);
    EXPECT_EQ(runs.numbers("councils_controlled_start")[i], 151);
    EXPECT_EQ(runs.numbers("focus_members_start")[i], 6000);
    // Every departure in a focus council is in the event log.
    std::size_t logged = 0;
    const std::size_t run_col = events.column("run"), council_col = events.column("council"), event_col = events.column("event");
    for (const auto& row : events.rows)
      logged += row[run_col] == std::to_string(i) && row[council_col] == "haringey" && row[event_col] == "defection";
    EXPECT_EQ(defections[i], static_cast<double>(logged)) << "run " << i;
    EXPECT_LT(defections[i], runs.numbers("defections")[i]);
  }
  const auto background = run_cli("run " + haringey + " --set councils.haringey.focus=false --runs 2 --quiet --out " +
                                  (dir / "b").string());
  ASSERT_EQ(background.status, 0) << background.out;
  const auto b = partyline::read_csv(slurp(dir / "b" / "runs.csv"), "runs.csv");
  EXPECT_EQ(b.numbers("focus_seats_start")[0], 0);
  EXPECT_EQ(b.numbers("seats_start")[0], 6900);
  std::filesystem::remove_all(dir);
}

TEST(Cli, SummarizeAndCompareWriteTheirTablesAsCsvOrJson) {
  // Issue 18: analysis as data, one record per point and outcome (summarize) or per outcome (compare).
  const auto dir = fresh_dir("cli-formats");
  ASSERT_EQ(run_cli("sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --out " + (dir / "s").string()).status, 0);
  const auto csv = run_cli("summarize " + (dir / "s").string() + " --format csv");
  ASSERT_EQ(csv.status, 0) << csv.out;
  const auto t = partyline::read_csv(csv.out, "summary.csv");
  EXPECT_EQ(t.columns.back(), "share_hi");
  EXPECT_EQ(t.rows.size(), 6u * partyline::run_outcome_count);  // every point and outcome
  const auto json = run_cli("summarize " + (dir / "s").string() + " --format json");
  ASSERT_EQ(json.status, 0);
  EXPECT_EQ(json.out.front(), '[');
  EXPECT_NE(json.out.find("\"outcome\": \"strike_weeks\""), std::string::npos);
  EXPECT_NE(json.out.find("\"p95\": "), std::string::npos);
  const std::string tiny = (data_dir() / "tiny.yaml").string();
  ASSERT_EQ(run_cli("run " + tiny + " --runs 10 --quiet --out " + (dir / "a").string()).status, 0);
  ASSERT_EQ(run_cli("run " + tiny + " --runs 10 --seed 9 --quiet --out " + (dir / "b").string()).status, 0);
  const auto cmp = run_cli("compare " + (dir / "a").string() + " " + (dir / "b").string() + " --format csv");
  ASSERT_EQ(cmp.status, 0) << cmp.out;
  const auto c = partyline::read_csv(cmp.out, "compare.csv");
  EXPECT_EQ(c.columns[5], "difference");
  EXPECT_EQ(c.rows.size(), partyline::run_outcome_count);
  EXPECT_EQ(run_cli("summarize " + (dir / "s").string() + " --format xml").status, 2);
  // Issue 35 pt 4: only the outcomes asked for, in the table and as data; a misspelt one is refused with the nearest.
  const auto some = run_cli("summarize " + (dir / "s").string() + " --outcome strike_weeks --outcome seats_end --format csv");
  ASSERT_EQ(some.status, 0) << some.out;
  EXPECT_EQ(partyline::read_csv(some.out, "summary.csv").rows.size(), 6u * 2u);
  const auto table = run_cli("summarize " + (dir / "s").string() + " --outcome strike_weeks");
  ASSERT_EQ(table.status, 0) << table.out;
  EXPECT_NE(table.out.find("strike_weeks"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("members_end"), std::string::npos) << table.out;
  const auto typo = run_cli("summarize " + (dir / "s").string() + " --outcome strike_week");
  EXPECT_EQ(typo.status, 2);
  EXPECT_NE(typo.out.find("did you mean 'strike_weeks'?"), std::string::npos) << typo.out;
  std::filesystem::remove_all(dir);
}

TEST(Cli, WeeklySeriesAreKeptPerFocusCouncilWithTheirDates) {
  // Issue 18: --weekly writes one row per run, week and focus council (and one party-wide), with the date; the
  // focus council's last week agrees with runs.csv's focus columns.
  const auto dir = fresh_dir("cli-weekly");
  const auto r = run_cli("run " + scenario_path("haringey-2018.yaml").string() + " --runs 3 --weekly --quiet --out " + dir.string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto weekly = partyline::read_csv(slurp(dir / "weekly.csv"), "weekly.csv");
  const auto runs = partyline::read_csv(slurp(dir / "runs.csv"), "runs.csv");
  EXPECT_EQ(weekly.rows.size(), 3u * 62u * 2u);  // 62 weeks; `all` and haringey
  const auto haringey = weekly.where("council", "haringey");
  ASSERT_EQ(haringey.rows.size(), 3u * 62u);
  EXPECT_EQ(haringey.rows.front()[haringey.column("date")], "2017-06-05");
  EXPECT_EQ(haringey.rows[1][haringey.column("date")], "2017-06-12");
  const auto members = haringey.numbers("members"), seats = haringey.numbers("seats");
  const auto all_members = weekly.where("council", "all").numbers("members");
  for (std::size_t run = 0; run < 3; ++run) {
    const std::size_t last = run * 62 + 61;
    EXPECT_EQ(members[last], runs.numbers("focus_members_end")[run]);
    EXPECT_EQ(seats[last], runs.numbers("focus_seats_end")[run]);
    EXPECT_EQ(all_members[last], runs.numbers("members_end")[run]);
    EXPECT_LT(members[last], all_members[last]);
  }
  std::filesystem::remove_all(dir);
}

TEST(Cli, SetAndValidateMessagesSayWhatIsMeant) {
  // Issue 36 F12: a list element addressed as `events.0` was "expected a list, got a mapping" (or "no element with id
  // '0'"); a sweep or calibration file given to validate was "parties: required key is missing"; a --set path given
  // twice let the last win silently.
  const auto dir = fresh_dir("cli-set-messages");
  const std::string out = " --runs 2 --quiet --out " + (dir / "r").string();
  for (const char* scenario : {"coalitions-2023.yaml", "birmingham-2019.yaml"}) {  // without and with `events`
    const auto r = run_cli("run " + scenario_path(scenario).string() + " --set events.0.week=2" + out);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("--set:1:1: events.0.week: '0' is a list index: write events[0].week"), std::string::npos) << r.out;
  }
  const auto twice = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --set weeks=7 --set executive.left_share=0.3 --set weeks=9" + out);
  EXPECT_EQ(twice.status, 2) << twice.out;
  EXPECT_NE(twice.out.find("--set:3:1: weeks: set twice (--set 1 and 3)"), std::string::npos) << twice.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "r" / "runs.csv"));
  // Issue 36 pt 5: a misspelt id in a path gets a "did you mean", as a misspelt key does; a wrong one, the ids.
  const auto misspelt = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --set councils.smalltwn.seats.lab=3" + out);
  EXPECT_EQ(misspelt.status, 2) << misspelt.out;
  EXPECT_NE(misspelt.out.find("councils.smalltwn.seats.lab: no element with id 'smalltwn' in 'councils' (did you mean 'smalltown'?)"),
            std::string::npos) << misspelt.out;
  const auto unknown = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --set councils.leeds.seats.lab=3" + out);
  EXPECT_NE(unknown.out.find("no element with id 'leeds' in 'councils'; the ids are: smalltown"), std::string::npos) << unknown.out;
  const auto sweep = run_cli("validate " + (data_dir() / "sweeps" / "tiny-grid.yaml").string());
  EXPECT_EQ(sweep.status, 2) << sweep.out;
  EXPECT_NE(sweep.out.find("tiny-grid.yaml:2:1: this is a sweep file, not a scenario: `partyline sweep FILE --out DIR` runs it"),
            std::string::npos) << sweep.out;
  const auto calibration = run_cli("validate " + scenario_path("calibration/quick.yaml").string());
  EXPECT_EQ(calibration.status, 2) << calibration.out;
  EXPECT_NE(calibration.out.find("quick.yaml:3:1: this is a calibration file, not a scenario: `partyline calibrate FILE --out DIR` runs it"),
            std::string::npos) << calibration.out;
  std::filesystem::remove_all(dir);
}

// Issue 36 pt 5: every value a user can set is checked where it is set. Every path `partyline params` lists with a
// numeric range is set, by --set, just past the top of its range: each is refused (exit 2) with an error that names
// the path (the same check a scenario file, a sweep's or calibration's parameters and Python's overrides go through:
// the path is applied to the scenario's tree, which the loader then checks).
TEST(Cli, EveryListedPathRefusesAValuePastItsRange) {
  const std::string tiny = (data_dir() / "tiny.yaml").string();
  const auto listed = run_cli("params --format csv " + tiny);
  ASSERT_EQ(listed.status, 0) << listed.out;
  const auto dir = fresh_dir("cli-every-range");
  std::size_t checked = 0;
  std::vector<std::string> accepted;
  for (const auto& row : partyline::read_csv(listed.out, "params.csv").rows) {
    const std::string& path = row[0];
    const std::string& range = row[2];
    // A plain numeric range: "LO..HI", or "LO-HI" with LO not negative.
    std::string hi;
    if (const auto dots = range.find(".."); dots != std::string::npos) hi = range.substr(dots + 2);
    else if (const auto dash = range.find('-', 1); dash != std::string::npos) hi = range.substr(dash + 1);
    else continue;
    char* end = nullptr;
    const double top = std::strtod(hi.c_str(), &end);
    if (hi.empty() || *end != '\0' || !std::isfinite(top)) continue;
    const double past = top >= 1e6 ? top * 10 : top + 1;
    char value[64];
    std::snprintf(value, sizeof value, "%.17g", past);
    const auto r = run_cli("run " + tiny + " --runs 1 --quiet --out " + (dir / "r").string() + " --set '" + path + "=" + value + "'");
    ++checked;
    // The error is at the --set and names the key (by the path as written, or by its place: parties[0].position).
    const std::string key = path.substr(path.rfind('.') + 1);
    if (r.status != 2 || r.out.find("--set:1:1: ") == std::string::npos || r.out.find(key) == std::string::npos) accepted.push_back(path + "=" + value + " -> " + std::to_string(r.status) + ": " + r.out.substr(0, 200));
    std::filesystem::remove_all(dir / "r");
  }
  EXPECT_GT(checked, 250u);
  EXPECT_TRUE(accepted.empty()) << accepted.size() << " of " << checked << " paths took a value past their range, or did not "
                                << "name the path; the first: " << (accepted.empty() ? "" : accepted.front());
  std::filesystem::remove_all(dir);
}

// Issue 35 pt 4: a mistyped command says which it is nearest; a run's header echoes its overrides and counts in
// correct plurals.
TEST(Cli, AMistypedCommandSaysWhichItIsNearest) {
  const auto r = run_cli("runn x");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("'runn' is not a command (did you mean 'run'?)"), std::string::npos) << r.out;
  const auto far = run_cli("frobnicate");
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.out.find("did you mean"), std::string::npos) << far.out;
  EXPECT_NE(far.out.find("the commands are: "), std::string::npos) << far.out;
}

TEST(Cli, ARunsHeaderEchoesItsOverridesInCorrectPlurals) {
  const auto dir = fresh_dir("cli-header");
  const auto r = run_cli("run " + (data_dir() / "tiny.yaml").string() + " --runs 1 --set weeks=8 --story 0 --out " + (dir / "o").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("· 1 run ·"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  --set weeks=8\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tiny: 1 run in"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

// Issue 35 pt 4: `summarize` reads a run folder as one point, and `compare` says first what its two sides differ in.
TEST(Cli, SummarizeReadsARunFolderAndCompareSaysWhatDiffers) {
  const auto dir = fresh_dir("cli-run-folder");
  const std::string tiny = (data_dir() / "tiny.yaml").string();
  ASSERT_EQ(run_cli("run " + tiny + " --runs 4 --quiet --out " + (dir / "a").string()).status, 0);
  ASSERT_EQ(run_cli("run " + tiny + " --runs 4 --seed 9 --set rules.R2.b0=0.5 --quiet --out " + (dir / "b").string()).status, 0);
  const auto sum = run_cli("summarize " + (dir / "a").string());
  ASSERT_EQ(sum.status, 0) << sum.out;
  EXPECT_NE(sum.out.find(": 1 point, 4 runs (scenario "), std::string::npos) << sum.out;
  EXPECT_NE(sum.out.find("requests"), std::string::npos) << sum.out;
  const auto csv = run_cli("summarize " + (dir / "a").string() + " --format csv --outcome requests");
  ASSERT_EQ(csv.status, 0) << csv.out;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "point,outcome,runs,mean,mean_lo,mean_hi,p05,p95,share,share_lo,share_hi");
  // The wide table: one row per point, one column per outcome named (its mean).
  const auto wide = run_cli("summarize " + (dir / "a").string() + " --wide --format csv --outcome requests --outcome seats_end");
  ASSERT_EQ(wide.status, 0) << wide.out;
  const auto wt = partyline::read_csv(wide.out, "wide");
  EXPECT_EQ(wt.columns, (std::vector<std::string>{"point", "requests", "seats_end"}));
  ASSERT_EQ(wt.rows.size(), 1u);
  const auto runs = partyline::read_csv(slurp(dir / "a" / "runs.csv"), "runs.csv");
  double seats = 0;
  for (const auto& row : runs.rows) seats += std::stod(row[runs.column("seats_end")]) / static_cast<double>(runs.rows.size());
  EXPECT_NEAR(std::stod(wt.rows[0][2]), seats, 1e-6);
  const auto wide_text = run_cli("summarize " + (dir / "a").string() + " --wide --outcome requests");
  EXPECT_NE(wide_text.out.find("point requests"), std::string::npos) << wide_text.out;
  const auto cmp = run_cli("compare " + (dir / "a").string() + " " + (dir / "b").string());
  ASSERT_EQ(cmp.status, 0) << cmp.out;
  EXPECT_NE(cmp.out.find("what differs:"), std::string::npos) << cmp.out;
  EXPECT_NE(cmp.out.find("rules.R2.b0                        A: (default)"), std::string::npos) << cmp.out;
  EXPECT_NE(cmp.out.find("B: 0.5"), std::string::npos) << cmp.out;
  EXPECT_NE(cmp.out.find("seed                               A: 7"), std::string::npos) << cmp.out;
  EXPECT_LT(cmp.out.find("what differs:"), cmp.out.find("compare A = "));  // before the table
  const auto same = run_cli("compare " + (dir / "a").string() + " " + (dir / "a").string());
  EXPECT_NE(same.out.find("made alike"), std::string::npos) << same.out;
  std::filesystem::remove_all(dir);
}

// Issue 35 pt 4: `partyline init NAME` writes a commented starting scenario that validates and runs, and never
// overwrites a file.
TEST(Cli, InitWritesAStartingScenarioThatRunsAndNeverOverwrites) {
  const auto dir = fresh_dir("cli-init");
  const auto file = dir / "mycase.yaml";
  const auto r = run_cli("init " + (dir / "mycase").string());
  ASSERT_EQ(r.status, 0) << r.out;
  ASSERT_TRUE(std::filesystem::exists(file));
  const std::string text = slurp(file);
  EXPECT_NE(text.find("name: mycase"), std::string::npos);
  EXPECT_NE(text.find("# "), std::string::npos);  // commented
  EXPECT_EQ(run_cli("validate " + file.string()).status, 0);
  const auto ran = run_cli("run " + file.string() + " --runs 5 --quiet --out " + (dir / "out").string());
  EXPECT_EQ(ran.status, 0) << ran.out;
  // A second init is refused and leaves the file as it was; --force replaces it.
  std::ofstream(file, std::ios::app) << "# my own edit\n";
  const auto again = run_cli("init " + file.string());
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.out.find("exists; not overwritten"), std::string::npos) << again.out;
  EXPECT_NE(slurp(file).find("# my own edit"), std::string::npos);
  EXPECT_EQ(run_cli("init " + file.string() + " --force").status, 0);
  EXPECT_EQ(slurp(file).find("# my own edit"), std::string::npos);
  EXPECT_EQ(run_cli("init \"" + (dir / "my case").string() + "\"").status, 2);  // not a name
  std::filesystem::remove_all(dir);
}

// Issue 35 pt 4: `validate` reports every error it can find in one pass (up to 20), each at its file, line, column and
// key path, and not the consequences of taking an erroneous key out.
TEST(Cli, ValidateReportsEveryErrorItCanFindInOnePass) {
  const auto dir = fresh_dir("cli-validate-all");
  std::string text = slurp(data_dir() / "tiny.yaml");
  const auto swap = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  swap("region: north", "region: nort");
  swap("confrontation: 0.7", "confrontation: 1.7");
  swap("members: {count: 300}", "members: {count: 300, factoin_share: 0.1}");
  swap("council: smalltown", "council: smaltown");
  std::ofstream(dir / "four.yaml") << text;
  const auto r = run_cli("validate " + (dir / "four.yaml").string());
  EXPECT_EQ(r.status, 2);
  for (const char* error : {"councils[0].members.factoin_share: unknown key (did you mean 'faction_share'?)",
                            "councils[0].group.confrontation: value 1.7 is out of range [0, 1]",
                            "councils[0].region: unknown region 'nort' (did you mean 'north'?)",
                            "events[0].council: unknown council 'smaltown' (did you mean 'smalltown'?)"})
    EXPECT_NE(r.out.find(error), std::string::npos) << error << "\n" << r.out;
  EXPECT_EQ(r.out.find("needs a council"), std::string::npos) << r.out;  // not the consequence of taking it out
  std::size_t lines = 0;
  for (char ch : r.out) lines += ch == '\n';
  EXPECT_EQ(lines, 4u) << r.out;
  std::filesystem::remove_all(dir);
}

// Issue 33 pt 5: `run --posterior DIR` draws each run's coefficients from a calibration's last generation, by weight,
// keyed by (seed, run): a run that draws a particle runs with that particle's values, whatever the thread count, and
// the manifest records each run's particle. A hand-made posterior of two particles that differ in one coefficient
// with a plain effect (R10.appoint_b0: the panel at Birmingham's annual meeting always or never keeps the leader);
// an earlier generation's row is ignored.
TEST(Cli, RunWithAPosteriorDrawsEachRunsCoefficientsFromItsParticles) {
  const auto cal = fresh_dir("cli-posterior-cal");
  {
    std::ofstream f(cal / "posterior.csv");
    f << "generation,tolerance,simulations,particle,weight,distance,rules.R10.appoint_b0\n"
         "0,inf,10,0,1,0.5,0\n"
         "1,1.5,10,0,0.5,0.5,20\n"
         "1,1.5,10,1,0.5,0.7,-20\n";
  }
  const auto dir = fresh_dir("cli-posterior"), one_thread = fresh_dir("cli-posterior-1");
  const std::string base = "run " + scenario_path("birmingham-2023.yaml").string() + " --runs 200 --quiet --posterior " + cal.string();
  ASSERT_EQ(run_cli(base + " --out " + dir.string()).status, 0);
  ASSERT_EQ(run_cli(base + " --threads 1 --out " + one_thread.string()).status, 0);
  EXPECT_EQ(slurp(dir / "runs.csv"), slurp(one_thread / "runs.csv"));
  // Each run's particle, from the manifest.
  const std::string manifest = slurp(dir / "manifest.json");
  EXPECT_NE(manifest.find("\"posterior_generation\": 1"), std::string::npos);
  const auto at = manifest.find("\"posterior_particles\": [");
  ASSERT_NE(at, std::string::npos);
  std::vector<int> particle;
  for (std::size_t i = manifest.find('[', at) + 1; manifest[i] != ']'; ++i)
    if (manifest[i] == '0' || manifest[i] == '1') particle.push_back(manifest[i] - '0');
  ASSERT_EQ(particle.size(), 200u);
  const auto runs = partyline::read_csv(slurp(dir / "runs.csv"), "runs.csv");
  const auto removed = runs.numbers("interventions_remove_leader"), special = runs.numbers("interventions_special_measures");
  int kept_runs = 0, never_runs = 0, removed_kept = 0, removed_never = 0, special_never = 0, special_kept_on = 0;
  for (std::size_t r = 0; r < particle.size(); ++r) {
    if (particle[r] == 0) kept_runs += 1, removed_kept += removed[r] > 0;
    else never_runs += 1, removed_never += removed[r] > 0, special_never += special[r] > 0, special_kept_on += special[r] > 0 && removed[r] == 0;
  }
  std::printf("particle 0 (panel keeps): %d runs, removed in %d; particle 1 (never keeps): %d runs, removed in %d, special measures in %d\n",
              kept_runs, removed_kept, never_runs, removed_never, special_never);
  EXPECT_GT(kept_runs, 70);  // weights 0.5 / 0.5
  EXPECT_GT(never_runs, 70);
  // Every takeover ends in the panel's removal -- but one that comes after the group's annual meeting (week 53 of 56),
  // which leaves no meeting for the panel to act at (3 of 100 runs) ...
  EXPECT_LE(special_kept_on * 20, never_runs);
  EXPECT_LT(removed_kept * never_runs * 3, removed_never * kept_runs);  // ... far more often than when it keeps the leader
  // A folder without a posterior is a clear error.
  const auto bad = run_cli("run " + scenario_path("birmingham-2023.yaml").string() + " --runs 2 --quiet --posterior " + dir.string() +
                           " --out " + fresh_dir("cli-posterior-bad").string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("posterior.csv"), std::string::npos) << bad.out;
  for (const auto& d : {cal, dir, one_thread}) std::filesystem::remove_all(d);
}
