// The documentation is part of the product: every scenario key, rule coefficient and outcome has a line.
#include <gtest/gtest.h>

#include "../../test_support.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/scenario/scenario.hpp"

using namespace partyline;
using partyline::testing::slurp;
using partyline::testing::source_dir;

TEST(Docs, EveryScenarioKeyIsDocumentedInScenariosReadme) {
  const std::string readme = slurp(source_dir() / "scenarios" / "README.md");
  ASSERT_FALSE(readme.empty());
  key_lister keys;
  scenario s;
  s.describe(keys);
  for (const auto& path : keys.paths) {
    if (path.rfind("rules.", 0) == 0) continue;  // coefficients: docs/model.md
    EXPECT_NE(readme.find("`" + path + "`"), std::string::npos) << "scenarios/README.md lacks `" << path << "`";
  }
}

TEST(Docs, EveryRuleCoefficientIsDocumentedInTheModelDocs) {
  const std::string model = slurp(source_dir() / "docs" / "model.md");
  ASSERT_FALSE(model.empty());
  key_lister keys;
  scenario s;
  s.describe(keys);
  int coefficients = 0;
  for (const auto& path : keys.paths) {
    if (path.rfind("rules.", 0) != 0 || std::count(path.begin(), path.end(), '.') != 2) continue;
    ++coefficients;
    EXPECT_NE(model.find("`" + path + "`"), std::string::npos) << "docs/model.md lacks `" << path << "`";
  }
  EXPECT_GT(coefficients, 50);
}

TEST(Docs, EveryOutcomeIsDocumented) {
  const std::string doc = slurp(source_dir() / "docs" / "outcomes.md");
  ASSERT_FALSE(doc.empty());
  for (const auto& info : run_outcome_info)
    EXPECT_NE(doc.find("`" + std::string(info.name) + "`"), std::string::npos) << info.name;
  for (auto name : council_count_names) EXPECT_NE(doc.find("`" + std::string(name) + "`"), std::string::npos) << name;
  for (const char* name : {"backlash", "satisfaction", "agenda_open", "disputes_active", "members", "seats_end_<party>",
                           "control_end", "administration_end", "policy_stage_end", "detail"})
    EXPECT_NE(doc.find("`" + std::string(name) + "`"), std::string::npos) << name;
}
