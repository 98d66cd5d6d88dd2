// `partyline verify` tells the truth about every kind of folder the tool writes (issue 36 F2, F3, F12, F13): a
// complete run, sweep or calibration passes (exit 0); an empty folder, a dead writer's leftovers, a tampered table or
// store, and a file the result set does not account for fail (exit 2), naming the problem.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>

#include "../sqlite_support.hpp"
#include "../test_support.hpp"

using partyline::testing::data_dir;
using partyline::testing::fresh_dir;
using partyline::testing::run_cli;
using partyline::testing::slurp;
using partyline::testing::write_text;

namespace {

std::string tiny_run(const std::filesystem::path& out) {
  return "run " + (data_dir() / "tiny.yaml").string() + " --runs 3 --quiet --out " + out.string();
}
std::string tiny_sweep(const std::filesystem::path& out) {
  return "sweep " + (data_dir() / "sweeps" / "tiny-grid.yaml").string() + " --quiet --threads 1 --out " + out.string();
}
std::string tiny_calibration(const std::filesystem::path& out) {
  return "calibrate " + (data_dir() / "calibration" / "tiny.yaml").string() + " --quiet --out " + out.string();
}

/// Runs an SQL statement on DIR/results.sqlite, as a user editing the store by hand would.
void edit_store(const std::filesystem::path& dir, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "results.sqlite").c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  const std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  ASSERT_EQ(rc, SQLITE_OK) << msg;
}

/// `verify DIR` must fail with status 2 and name `problem`.
void expect_refused(const std::filesystem::path& dir, const std::string& problem) {
  const auto r = run_cli("verify " + dir.string());
  EXPECT_EQ(r.status, 2) << dir << ": " << r.out;
  EXPECT_NE(r.out.find(problem), std::string::npos) << dir << ": " << r.out;
}

void copy_folder(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

}  // namespace

TEST(Verify, CompleteRunSweepAndCalibrationFoldersPass) {
  const auto dir = fresh_dir("verify-complete");
  ASSERT_EQ(run_cli(tiny_run(dir / "run")).status, 0);
  ASSERT_EQ(run_cli(tiny_sweep(dir / "sweep")).status, 0);
  ASSERT_EQ(run_cli(tiny_calibration(dir / "calibration")).status, 0);
  const auto r = run_cli("verify " + (dir / "run").string() + " " + (dir / "sweep").string() + " " + (dir / "calibration").string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("run: ok (a run's result set: 2 tables"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sweep: ok (a sweep's results store: 24 runs stored of 6 points x 4 replicates"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("calibration: ok (a calibration: 3 generations, complete)"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

TEST(Verify, AFinishedRunSweepOrCalibrationLeavesNoLockFile) {
  // Issue 36 F13: the lock file goes with the lock; a folder left with one is a writer's that died.
  const auto dir = fresh_dir("verify-no-lock");
  ASSERT_EQ(run_cli(tiny_run(dir / "run")).status, 0);
  ASSERT_EQ(run_cli(tiny_sweep(dir / "sweep")).status, 0);
  ASSERT_EQ(run_cli(tiny_calibration(dir / "calibration")).status, 0);
  ASSERT_EQ(run_cli("export " + (dir / "sweep").string()).status, 0);
  for (const char* sub : {"run", "sweep", "calibration", "sweep/export"})
    EXPECT_FALSE(std::filesystem::exists(dir / sub / ".partyline.lock")) << sub;
  std::filesystem::remove_all(dir);
}

TEST(Verify, AnEmptyFolderOrADeadWritersLockIsNoResultSet) {
  const auto dir = fresh_dir("verify-empty");
  std::filesystem::create_directories(dir / "empty");
  expect_refused(dir / "empty", "the folder is empty: it holds no result set");
  // What a run killed with -9 before writing leaves: the lock file alone, held by no one.
  std::filesystem::create_directories(dir / "killed");
  write_text(dir / "killed" / ".partyline.lock", "99999\n");
  expect_refused(dir / "killed", "only a dead writer's leftovers (.partyline.lock)");
  std::filesystem::remove_all(dir);
}

TEST(Verify, AFolderBeingWrittenIsNotFinished) {
  const auto dir = fresh_dir("verify-live");
  ASSERT_EQ(run_cli(tiny_run(dir / "run")).status, 0);
  const int fd = ::open((dir / "run" / ".partyline.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  ASSERT_EQ(::pwrite(fd, "4747\n", 5, 0), 5);
  expect_refused(dir / "run", "a partyline (pid 4747) is writing into it now");
  ::close(fd);
  std::filesystem::remove(dir / "run" / ".partyline.lock");
  EXPECT_EQ(run_cli("verify " + (dir / "run").string()).status, 0);
  std::filesystem::remove_all(dir);
}

TEST(Verify, ARunFolderWithAForeignFileOrAnInterruptedRunFails) {
  const auto dir = fresh_dir("verify-run");
  ASSERT_EQ(run_cli(tiny_run(dir / "run")).status, 0);
  copy_folder(dir / "run", dir / "foreign");
  write_text(dir / "foreign" / "notes.txt", "mine\n");
  expect_refused(dir / "foreign", "notes.txt: not part of the result set");
  // A run stopped by a signal is consistent but not the set that was asked for.
  copy_folder(dir / "run", dir / "interrupted");
  std::string manifest = slurp(dir / "interrupted" / "manifest.json");
  const auto at = manifest.find("\"complete\": true");
  ASSERT_NE(at, std::string::npos) << manifest;
  write_text(dir / "interrupted" / "manifest.json", manifest.replace(at, 16, "\"complete\": false"));
  expect_refused(dir / "interrupted", "the run was interrupted after 3 of 3 runs (complete: false)");
  std::filesystem::remove_all(dir);
}

TEST(Verify, ASweepStoreWithRowsDeletedOrAForeignFileFails) {
  const auto dir = fresh_dir("verify-sweep");
  ASSERT_EQ(run_cli(tiny_sweep(dir / "sweep")).status, 0);
  copy_folder(dir / "sweep", dir / "runs-deleted");
  edit_store(dir / "runs-deleted", "DELETE FROM runs WHERE point = 2 AND replicate = 1; DELETE FROM councils WHERE point = 2 AND replicate = 1;");
  expect_refused(dir / "runs-deleted", "runs: 1 of the 24 runs are missing");
  copy_folder(dir / "sweep", dir / "councils-deleted");
  edit_store(dir / "councils-deleted", "DELETE FROM councils WHERE point = 3 AND replicate = 0;");
  expect_refused(dir / "councils-deleted", "councils: 1 stored runs have no rows here");
  copy_folder(dir / "sweep", dir / "foreign");
  write_text(dir / "foreign" / "notes.txt", "mine\n");
  expect_refused(dir / "foreign", "notes.txt: not part of a sweep's result set");
  // A sweep stopped part-way (as if killed): the missing runs are named with the command that completes them.
  copy_folder(dir / "sweep", dir / "partial");
  edit_store(dir / "partial", "DELETE FROM councils WHERE point >= 4; DELETE FROM runs WHERE point >= 4;");
  expect_refused(dir / "partial", "8 of the 24 runs are missing: the sweep did not finish");
  // `partyline export`'s default folder inside the sweep's is part of it.
  ASSERT_EQ(run_cli("export " + (dir / "sweep").string()).status, 0);
  EXPECT_EQ(run_cli("verify " + (dir / "sweep").string()).status, 0);
  std::filesystem::remove_all(dir);
}

TEST(Verify, ACalibrationFolderThatIsTamperedIncompleteOrHasAForeignFileFails) {
  // Issue 36 F2: a calibration's folder was refused whatever it held ("no such table: runs").
  const auto dir = fresh_dir("verify-calibration");
  ASSERT_EQ(run_cli(tiny_calibration(dir / "c")).status, 0);
  ASSERT_EQ(run_cli("verify " + (dir / "c").string()).status, 0);
  copy_folder(dir / "c", dir / "csv-edited");
  write_text(dir / "csv-edited" / "posterior.csv", slurp(dir / "c" / "posterior.csv") + "9,1,1,1,1,1\n");
  expect_refused(dir / "csv-edited", "posterior.csv: its SHA-256 is not the one results.sqlite records");
  copy_folder(dir / "c", dir / "store-edited");
  edit_store(dir / "store-edited", "DELETE FROM posterior WHERE rowid IN (SELECT rowid FROM posterior LIMIT 5);");
  expect_refused(dir / "store-edited", "results.sqlite: table posterior has");
  copy_folder(dir / "c", dir / "generation-lost");
  std::filesystem::remove(dir / "generation-lost" / "generations" / "001.csv");
  expect_refused(dir / "generation-lost", "generations/001.csv: listed in results.sqlite but missing");
  copy_folder(dir / "c", dir / "foreign");
  write_text(dir / "foreign" / "notes.txt", "mine\n");
  expect_refused(dir / "foreign", "notes.txt: not part of the calibration's result set");
  // Killed before its tables were written: the generations so far, no store.
  copy_folder(dir / "c", dir / "killed");
  for (const char* f : {"results.sqlite", "posterior.csv", "generations.csv", "fit.csv"}) std::filesystem::remove(dir / "killed" / f);
  expect_refused(dir / "killed", "results.sqlite is missing: the calibration was stopped");
  std::filesystem::remove_all(dir);
}

TEST(Verify, AFileIsNotAFolder) {
  // Issue 36 F12: a regular file was reported as "no such folder".
  const auto dir = fresh_dir("verify-file");
  write_text(dir / "runs.csv", "run,seed\n");
  const auto r = run_cli("verify " + (dir / "runs.csv").string());
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("runs.csv: is a file, not a folder"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

// Issue 36 pt 4: an export folder (`partyline export`) and a merged store (`partyline merge`) are result sets too.
// An export carries a manifest with each table's SHA-256 and rows, so a table edited, lost or added is caught; an
// export inside a sweep's folder is checked with the store.
TEST(Verify, AnExportOrAMergedStoreIsCheckedLikeTheRest) {
  const auto dir = fresh_dir("verify-export-merge");
  ASSERT_EQ(run_cli(tiny_sweep(dir / "sweep")).status, 0);
  ASSERT_EQ(run_cli("export " + (dir / "sweep").string() + " --out " + (dir / "export").string()).status, 0);
  const auto ok = run_cli("verify " + (dir / "export").string());
  EXPECT_EQ(ok.status, 0) << ok.out;
  EXPECT_NE(ok.out.find("a sweep's export: 3 tables, 24 runs of"), std::string::npos) << ok.out;
  copy_folder(dir / "export", dir / "edited");
  write_text(dir / "edited" / "runs.csv", slurp(dir / "export" / "runs.csv") + "9,9,9\n");
  expect_refused(dir / "edited", "runs.csv: its SHA-256 is not the manifest's");
  copy_folder(dir / "export", dir / "lost");
  std::filesystem::remove(dir / "lost" / "points.csv");
  expect_refused(dir / "lost", "points.csv: listed in the manifest but missing");
  copy_folder(dir / "export", dir / "foreign");
  write_text(dir / "foreign" / "extra.csv", "a\n1\n");
  expect_refused(dir / "foreign", "extra.csv: a table the manifest does not list");
  // The default export, inside the sweep's folder, edited: the sweep's folder fails, naming it.
  ASSERT_EQ(run_cli("export " + (dir / "sweep").string()).status, 0);
  EXPECT_EQ(run_cli("verify " + (dir / "sweep").string()).status, 0);
  write_text(dir / "sweep" / "export" / "councils.csv", "point\n1\n");
  expect_refused(dir / "sweep", "export/councils.csv: its SHA-256 is not the manifest's");
  // Two shards merged are one store; a merged store with runs deleted fails as a sweep's does.
  const std::string sweep = (data_dir() / "sweeps" / "tiny-grid.yaml").string();
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --threads 1 --shard 1/2 --out " + (dir / "s1").string()).status, 0);
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --threads 1 --shard 2/2 --out " + (dir / "s2").string()).status, 0);
  const auto merged = run_cli("merge " + (dir / "s1").string() + " " + (dir / "s2").string() + " --out " + (dir / "m").string());
  ASSERT_EQ(merged.status, 0) << merged.out;
  const auto m = run_cli("verify " + (dir / "m").string());
  EXPECT_EQ(m.status, 0) << m.out;
  edit_store(dir / "m", "DELETE FROM councils WHERE point = 0; DELETE FROM runs WHERE point = 0;");
  expect_refused(dir / "m", "runs: 4 of the 24 runs are missing");
  std::filesystem::remove_all(dir);
}
