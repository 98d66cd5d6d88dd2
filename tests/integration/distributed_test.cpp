// Sweeps beyond one process: the final tables are identical for one process, MPI with 2 and 3 ranks and merged
// job-array shards; a killed MPI job or shard loses only unfinished runs and --resume completes them.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "../sqlite_support.hpp"
#include "../test_support.hpp"

using partyline::testing::data_dir;
using partyline::testing::exported;
using partyline::testing::fresh_dir;
using partyline::testing::run_cli;
using partyline::testing::slurp;
using partyline::testing::stored_runs;

namespace {

const std::string mpirun = std::string(PARTYLINE_MPIEXEC) +
                           " --allow-run-as-root --oversubscribe --mca btl_vader_single_copy_mechanism none";

int run_shell(const std::string& cmd) {
  const int raw = std::system((cmd + " > /dev/null 2>&1").c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}


}  // namespace

TEST(Distributed, OneProcessMpiAndMergedShardsGiveIdenticalTables) {
  const auto dir = fresh_dir("distributed");
  const std::string sweep = (data_dir() / "sweeps" / "tiny-lhs.yaml").string();
  const std::string bin = PARTYLINE_BINARY;
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --out " + (dir / "single").string()).status, 0);
  ASSERT_EQ(run_shell(mpirun + " -np 2 " + bin + " sweep " + sweep + " --quiet --threads 1 --out " + (dir / "mpi2").string()), 0);
  ASSERT_EQ(run_shell(mpirun + " -np 3 " + bin + " sweep " + sweep + " --quiet --threads 1 --out " + (dir / "mpi3").string()), 0);
  for (int k = 1; k <= 3; ++k)
    ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --shard " + std::to_string(k) + "/3 --out " + (dir / ("shard" + std::to_string(k))).string()).status, 0);
  const auto merged = run_cli("merge " + (dir / "shard1").string() + " " + (dir / "shard2").string() + " " +
                              (dir / "shard3").string() + " --out " + (dir / "merged").string());
  ASSERT_EQ(merged.status, 0) << merged.out;
  const std::string single = exported(dir / "single");
  EXPECT_EQ(exported(dir / "mpi2"), single);
  EXPECT_EQ(exported(dir / "mpi3"), single);
  EXPECT_EQ(exported(dir / "merged"), single);
  std::filesystem::remove_all(dir);
}

TEST(Distributed, ACalibrationAcrossRanksEqualsOneProcessAndResumesAcrossRanks) {
  // ABC-SMC across 2 and 3 ranks (rank 0 hands out particle slots on request) gives the one-process posterior,
  // schedule and fit; a calibration that lost its last generation resumes across ranks to the same result.
  const auto dir = fresh_dir("distributed-calibrate");
  const std::string file = (data_dir() / "calibration" / "tiny.yaml").string();
  const std::string bin = PARTYLINE_BINARY;
  ASSERT_EQ(run_cli("calibrate " + file + " --quiet --out " + (dir / "single").string()).status, 0);
  ASSERT_EQ(run_shell(mpirun + " -np 2 " + bin + " calibrate " + file + " --quiet --threads 1 --out " + (dir / "mpi2").string()), 0);
  ASSERT_EQ(run_shell(mpirun + " -np 3 " + bin + " calibrate " + file + " --quiet --threads 1 --out " + (dir / "mpi3").string()), 0);
  for (const char* table : {"posterior.csv", "generations.csv", "fit.csv"}) {
    const std::string single = slurp(dir / "single" / table);
    ASSERT_FALSE(single.empty()) << table;
    EXPECT_EQ(slurp(dir / "mpi2" / table), single) << table;
    EXPECT_EQ(slurp(dir / "mpi3" / table), single) << table;
  }
  std::filesystem::remove(dir / "mpi2" / "generations" / "002.csv");
  std::filesystem::remove(dir / "mpi2" / "posterior.csv");
  std::filesystem::remove(dir / "mpi2" / "fit.csv");
  ASSERT_EQ(run_shell(mpirun + " -np 2 " + bin + " calibrate " + file + " --quiet --threads 1 --resume --out " + (dir / "mpi2").string()), 0);
  EXPECT_EQ(slurp(dir / "mpi2" / "posterior.csv"), slurp(dir / "single" / "posterior.csv"));
  EXPECT_EQ(slurp(dir / "mpi2" / "fit.csv"), slurp(dir / "single" / "fit.csv"));
  // The metropolis sampler across ranks, and resumed across them from generations that carry the replicates.
  const std::string mh = (data_dir() / "calibration" / "tiny-metropolis.yaml").string();
  ASSERT_EQ(run_cli("calibrate " + mh + " --quiet --out " + (dir / "mh-single").string()).status, 0);
  ASSERT_EQ(run_shell(mpirun + " -np 2 " + bin + " calibrate " + mh + " --quiet --threads 1 --out " + (dir / "mh2").string()), 0);
  EXPECT_EQ(slurp(dir / "mh2" / "posterior.csv"), slurp(dir / "mh-single" / "posterior.csv"));
  std::filesystem::remove(dir / "mh2" / "generations" / "002.csv");
  std::filesystem::remove(dir / "mh2" / "posterior.csv");
  ASSERT_EQ(run_shell(mpirun + " -np 2 " + bin + " calibrate " + mh + " --quiet --threads 1 --resume --out " + (dir / "mh2").string()), 0);
  EXPECT_EQ(slurp(dir / "mh2" / "posterior.csv"), slurp(dir / "mh-single" / "posterior.csv"));
  // A used folder is refused on every rank alike: the job ends with the usage status, no rank left waiting.
  EXPECT_EQ(run_shell(mpirun + " -np 2 " + bin + " calibrate " + file + " --quiet --out " + (dir / "mpi3").string()), 2);
  std::filesystem::remove_all(dir);
}

TEST(Distributed, MergeRefusesMissingIncompleteOrForeignShards) {
  const auto dir = fresh_dir("merge-refuse");
  const std::string grid = (data_dir() / "sweeps" / "tiny-grid.yaml").string();
  const std::string lhs = (data_dir() / "sweeps" / "tiny-lhs.yaml").string();
  ASSERT_EQ(run_cli("sweep " + grid + " --quiet --shard 1/2 --out " + (dir / "g1").string()).status, 0);
  ASSERT_EQ(run_cli("sweep " + grid + " --quiet --shard 2/2 --out " + (dir / "g2").string()).status, 0);
  ASSERT_EQ(run_cli("sweep " + lhs + " --quiet --shard 2/2 --out " + (dir / "l2").string()).status, 0);
  auto r = run_cli("merge " + (dir / "g1").string() + " --out " + (dir / "m1").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("shard 2/2 is missing"), std::string::npos) << r.out;
  r = run_cli("merge " + (dir / "g1").string() + " " + (dir / "l2").string() + " --out " + (dir / "m2").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("different sweep"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "m2" / "results.sqlite"));
  r = run_cli("merge " + (dir / "g1").string() + " " + (dir / "g2").string() + " --out " + (dir / "ok").string());
  EXPECT_EQ(r.status, 0) << r.out;
  std::filesystem::remove_all(dir);
}

TEST(Distributed, AKilledMpiJobResumes) {
  const auto dir = fresh_dir("mpi-kill");
  const std::string sweep = (data_dir() / "sweeps" / "kill.yaml").string();
  const auto out = dir / "killed";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setpgid(0, 0);  // its own process group, so the whole job can be killed at once
    execl("/bin/sh", "sh", "-c",
          (mpirun + " -np 2 " + std::string(PARTYLINE_BINARY) + " sweep " + sweep + " --quiet --threads 1 --out " +
           out.string() + " > /dev/null 2>&1")
              .c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  long long seen = 0;
  for (int i = 0; i < 6000 && seen < 100; ++i) {
    usleep(5000);
    seen = stored_runs(out);
  }
  kill(-pid, SIGKILL);
  // mpirun may have put its ranks in their own process groups: a real crash takes them all, so kill them too.
  std::system(("pkill -9 -f -- '--out " + out.string() + "' > /dev/null 2>&1").c_str());
  int status = 0;
  waitpid(pid, &status, 0);
  for (int i = 0; i < 100 && std::system(("pgrep -f -- '--out " + out.string() + "' > /dev/null 2>&1").c_str()) == 0; ++i)
    usleep(50000);
  const long long at_kill = stored_runs(out);
  ASSERT_GE(at_kill, 100);
  ASSERT_LT(at_kill, 1200) << "the job finished before it could be killed";
  ASSERT_EQ(run_shell(mpirun + " -np 2 " + std::string(PARTYLINE_BINARY) + " sweep " + sweep +
                      " --quiet --threads 1 --resume --out " + out.string()), 0);
  EXPECT_EQ(stored_runs(out), 1200);
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --out " + (dir / "whole").string()).status, 0);
  EXPECT_EQ(exported(out), exported(dir / "whole"));
  std::filesystem::remove_all(dir);
}

TEST(Distributed, AnIncompleteShardIsReportedAndResumable) {
  const auto dir = fresh_dir("shard-resume");
  const std::string sweep = (data_dir() / "sweeps" / "tiny-grid.yaml").string();
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --shard 1/2 --out " + (dir / "a").string()).status, 0);
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --shard 2/2 --out " + (dir / "b").string()).status, 0);
  // Simulate a shard that died part-way: drop some of its runs.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "b" / "results.sqlite").c_str(), &h), SQLITE_OK);
  sqlite3_exec(h, "DELETE FROM runs WHERE point >= 3; DELETE FROM councils WHERE point >= 3;", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  auto r = run_cli("merge " + (dir / "a").string() + " " + (dir / "b").string() + " --out " + (dir / "m").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--resume"), std::string::npos) << r.out;
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --shard 2/2 --resume --out " + (dir / "b").string()).status, 0);
  r = run_cli("merge " + (dir / "a").string() + " " + (dir / "b").string() + " --out " + (dir / "m2").string());
  EXPECT_EQ(r.status, 0) << r.out;
  ASSERT_EQ(run_cli("sweep " + sweep + " --quiet --out " + (dir / "whole").string()).status, 0);
  EXPECT_EQ(exported(dir / "m2"), exported(dir / "whole"));
  std::filesystem::remove_all(dir);
}
