// Issue 33 pt 2: the validation facts -- the targets a shipped case marks `use: validate`, which no calibration ever
// fits -- held against the model with the defaults, each at the verdict docs/model.md states for it ("Validation:
// the held-out facts"). The verdict reads how likely the model makes the documented fact: the share of runs giving
// the documented value (for a yes/no fact, its probability) is at least 0.25 for "reproduced", under 0.05 for
// "missed", "weak" between. The ledger is read from docs/model.md's table itself (issue 33 pt 10: no stale figures):
// the test fails when a fact's verdict moves either way, when the probability the table prints is not what the runs
// give, when its summary line's counts are not the runs', or when a case holds a validation fact the table does not
// state. A fact the model loses fails loudly, and so does a miss the model comes to reproduce (the table then says
// so). The misses are the model's, stated, not hidden.
//
// The pattern tests (haringey_pattern_test.cpp, birmingham_pattern_test.cpp, elections_pattern_test.cpp) restate
// facts the joint calibration fits: they are in-sample checks, and their names say so (`InSample...`).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>
#include <set>
#include <string>

#include "../test_support.hpp"
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/results.hpp"

using namespace partyline;

namespace {

/// One row of docs/model.md's ledger ("Validation: the held-out facts"): the case's scenario file (carried down from
/// the row that names it), the fact's target name, how likely the docs say the model makes it (as printed: two
/// decimals, and three in brackets where the verdict sits near a threshold), and the verdict.
struct stated {
  std::string scenario, fact, p, p_fine, verdict;
};

/// The first `code` span of a cell ("" if none).
std::string code_span(const std::string& cell) {
  const auto a = cell.rfind('`');
  if (a == std::string::npos || a == 0) return "";
  const auto b = cell.rfind('`', a - 1);
  return b == std::string::npos ? "" : cell.substr(b + 1, a - b - 1);
}

/// The ledger as docs/model.md states it, and the summary line under it ("N of M held-out facts are reproduced, W
/// weak, X missed").
std::pair<std::vector<stated>, std::string> docs_ledger() {
  std::ifstream in(partyline::testing::source_dir() / "docs" / "model.md");
  std::vector<stated> rows;
  std::string line, summary, file;
  bool section = false, table = false;
  while (std::getline(in, line)) {
    if (line.rfind("### Validation: the held-out facts", 0) == 0) section = true;
    if (!section) continue;
    if (line.rfind("| case | scenario |", 0) == 0) {
      table = true;
      continue;
    }
    if (table && line.rfind("|---", 0) == 0) continue;
    if (table && line.rfind("|", 0) == 0) {
      const std::vector<std::string> cells = partyline::testing::table_cells(line);
      if (cells.size() < 6) continue;
      if (!code_span(cells[1]).empty()) file = code_span(cells[1]);
      stated r{file, code_span(cells[2]), cells[4].substr(0, cells[4].find(' ')), "", cells[5]};
      if (const auto open = cells[4].find('('); open != std::string::npos)
        r.p_fine = cells[4].substr(open + 1, cells[4].find(')') - open - 1);
      rows.push_back(r);
      continue;
    }
    if (table && line.find("held-out facts are reproduced") != std::string::npos) {
      summary = line.substr(line.find_first_not_of(" \t"));
      break;
    }
  }
  return {rows, summary};
}

std::string fixed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

}  // namespace

TEST(Validation, EachHeldOutFactHasTheVerdictTheDocsState) {
  const auto [ledger, summary] = docs_ledger();
  ASSERT_FALSE(ledger.empty()) << "docs/model.md has no ledger table under 'Validation: the held-out facts'";
  std::map<std::string, std::map<std::string, stated>> expected;
  for (const auto& r : ledger) {
    EXPECT_FALSE(r.scenario.empty() || r.fact.empty()) << "a ledger row names no scenario or fact";
    EXPECT_EQ(expected[r.scenario].count(r.fact), 0u) << r.scenario << ": " << r.fact << " is stated twice";
    expected[r.scenario][r.fact] = r;
  }
  std::set<std::string> files;
  for (const auto& stem : partyline::testing::shipped(partyline::testing::scenario_path(""))) files.insert(stem + ".yaml");
  for (const auto& [file, facts] : expected) EXPECT_TRUE(files.count(file)) << "the ledger names " << file << ", not a shipped case";
  int facts = 0, reproduced = 0, missed = 0;
  for (const auto& file : files) {
    const auto s = load_scenario_file(partyline::testing::scenario_path(file));
    bool any = false;
    for (const auto& t : s->targets) any |= t.use == target_use::validate;
    if (!any) {
      EXPECT_EQ(expected.count(file), 0u) << file << " holds no validation fact, yet the ledger states some";
      continue;
    }
    run_options opt;
    opt.runs = file == "england-2018.yaml" ? 50 : 1000;
    opt.seed = static_cast<std::uint64_t>(s->seed);
    const table_data table = run_targets(*s, simulate_runs(s, opt), opt.seed);
    std::set<std::string> seen;
    for (const auto& row : table.rows) {
      if (row[table.column("use")] != "validate") continue;
      const std::string& name = row[table.column("name")];
      const std::string& verdict = row[table.column("verdict")];
      const double share = std::stod(row[table.column("reproduced_share")]);
      seen.insert(name);
      ++facts;
      reproduced += verdict == "reproduced";
      missed += verdict == "missed";
      std::printf("%-24s %-28s P(documented) %s  %s\n", file.c_str(), name.c_str(), fixed(share, 3).c_str(), verdict.c_str());
      const auto it = expected[file].find(name);
      if (it == expected[file].end()) {
        ADD_FAILURE() << file << ": validation fact " << name << " has no row in docs/model.md's ledger";
        continue;
      }
      EXPECT_EQ(verdict, it->second.verdict) << file << ": " << name << " (P(documented) " << fixed(share, 3) << ")";
      // The docs print the model's probability of the fact: what the runs give, to the digits printed.
      EXPECT_EQ(fixed(share, 2), it->second.p) << file << ": " << name << "'s P(documented) in docs/model.md";
      if (!it->second.p_fine.empty()) {
        EXPECT_EQ(fixed(share, 3), it->second.p_fine) << file << ": " << name << "'s P(documented) in docs/model.md";
      }
    }
    for (const auto& [name, row] : expected[file])
      EXPECT_TRUE(seen.count(name)) << file << ": the ledger's " << name << " is not a validation fact";
  }
  const int weak = facts - reproduced - missed;
  std::printf("%d validation facts: %d reproduced, %d weak, %d missed\n", facts, reproduced, weak, missed);
  EXPECT_EQ(facts, static_cast<int>(ledger.size()));
  const std::string line = std::to_string(reproduced) + " of " + std::to_string(facts) + " held-out facts are reproduced, " +
                           std::to_string(weak) + " weak, " + std::to_string(missed) + " missed.";
  EXPECT_EQ(summary.substr(0, line.size()), line) << "docs/model.md's summary of the ledger";
}
