// Same scenario and seed give byte-identical outputs whatever the thread count.
#include <gtest/gtest.h>

#include "../test_support.hpp"

using partyline::testing::data_dir;
using partyline::testing::fresh_dir;
using partyline::testing::run_cli;
using partyline::testing::scenario_path;
using partyline::testing::shipped;
using partyline::testing::source_dir;
using partyline::testing::slurp;

namespace {

void expect_identical_across_threads(const std::filesystem::path& scenario, int runs, const std::string& name) {
  const auto dir = fresh_dir("determinism-" + name);
  std::vector<std::filesystem::path> outs;
  for (int threads : {1, 2, 8}) {
    const auto out = dir / ("t" + std::to_string(threads));
    const auto r = run_cli("run " + scenario.string() + " --runs " + std::to_string(runs) + " --seed 12345 --threads " +
                           std::to_string(threads) + " --weekly --events --quiet --out " + out.string());
    ASSERT_EQ(r.status, 0) << r.out;
    outs.push_back(out);
  }
  for (const char* file : {"runs.csv", "councils.csv", "weekly.csv", "events.csv"}) {
    const std::string reference = slurp(outs[0] / file);
    ASSERT_GT(reference.size(), 50u) << file;
    for (std::size_t k = 1; k < outs.size(); ++k) EXPECT_EQ(slurp(outs[k] / file), reference) << file << " differs";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace

TEST(Determinism, BirminghamIsByteIdenticalFor1And2And8Threads) {
  expect_identical_across_threads(scenario_path("birmingham-2019.yaml"), 64, "birmingham");
}

TEST(Determinism, TinyIsByteIdenticalFor1And2And8Threads) {
  expect_identical_across_threads(data_dir() / "tiny.yaml", 40, "tiny");
}

// A few runs of each shipped scenario: cheap here, and under the sanitizers (which leave out the statistical suites)
// it is what runs every shipped scenario, England's thousands of wards and the national world among them.
TEST(Determinism, EveryShippedScenarioIsByteIdenticalFor1And2And8Threads) {
  int checked = 0;
  for (const auto& name : shipped(source_dir() / "scenarios")) {
    SCOPED_TRACE(name);
    expect_identical_across_threads(scenario_path(name + ".yaml"), 4, name);
    ++checked;
  }
  EXPECT_GE(checked, 7);
}

TEST(Determinism, DifferentSeedsGiveDifferentRuns) {
  const auto dir = fresh_dir("determinism-seeds");
  const std::string base = "run " + scenario_path("birmingham-2019.yaml").string() + " --runs 20 --quiet --events --out ";
  ASSERT_EQ(run_cli(base + (dir / "a").string() + " --seed 1").status, 0);
  ASSERT_EQ(run_cli(base + (dir / "b").string() + " --seed 2").status, 0);
  EXPECT_NE(slurp(dir / "a" / "events.csv"), slurp(dir / "b" / "events.csv"));
  std::filesystem::remove_all(dir);
}
