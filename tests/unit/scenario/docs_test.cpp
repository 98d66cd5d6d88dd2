// The documentation is part of the product: every scenario key, rule coefficient and outcome has a line.
#include <gtest/gtest.h>

#include "../../test_support.hpp"

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

TEST(Docs, TheModelDocsCoefficientTablesAreTheDeclarations) {
  // The tables are generated from each rule unit's declarations: `partyline parameters --update docs/model.md`.
  const std::string model = slurp(source_dir() / "docs" / "model.md");
  ASSERT_FALSE(model.empty());
  EXPECT_EQ(with_coefficient_tables(model), model)
      << "docs/model.md's coefficient tables are stale: run partyline parameters --update docs/model.md";
}

TEST(Docs, TheWeekIsTheSchedule) {
  // docs/model.md "The week" is generated from the schedule: every phase's steps and every hook, in order.
  const std::string model = slurp(source_dir() / "docs" / "model.md");
  EXPECT_EQ(with_week_table(model), model) << "docs/model.md's week is stale: run partyline parameters --update docs/model.md";
  const std::string week = week_markdown();
  for (const char* entry : {"setup", "local phase", "central phase", "national phase", "apply phase", "election phase",
                            "on a count", "on a decision about a `coalition` item"})
    EXPECT_NE(week.find(entry), std::string::npos) << entry;
}

TEST(Docs, EveryCoefficientHasAMeaningAndASourceAndIsAScenarioKey) {
  key_lister keys;
  scenario s;
  s.rules = default_coefficients();
  s.describe(keys);
  const auto docs = coefficient_docs();
  EXPECT_GT(docs.size(), 150u);
  for (const auto& d : docs) {
    EXPECT_FALSE(d.meaning.empty()) << d.block << "." << d.key;
    EXPECT_FALSE(d.source.empty()) << d.block << "." << d.key << ": say the source case, or \"—\"";
    EXPECT_EQ(d.meaning.find('|'), std::string::npos) << "a | would break the table";
    const std::string path = "rules." + d.block + "." + d.key;
    EXPECT_NE(std::find(keys.paths.begin(), keys.paths.end(), path), keys.paths.end()) << path;
  }
}

// events.csv's `value` and `of` mean what `value_is` and `of_is` say; docs/outcomes.md gives the same words for every
// event kind.
TEST(Docs, EveryEventsValueIsDocumented) {
  const std::string doc = slurp(source_dir() / "docs" / "outcomes.md");
  ASSERT_FALSE(doc.empty());
  std::size_t with_value = 0;
  for (const auto& info : event_table) {
    if (info.value_is.empty()) continue;
    ++with_value;
    const std::string row = "| `" + std::string(info.name) + "`";
    const auto at = doc.find(row);
    ASSERT_NE(at, std::string::npos) << info.name;
    // The row (or, for a name two kinds share, one of its rows) gives the value's meaning word for word.
    bool found = false;
    for (auto pos = at; pos != std::string::npos && !found; pos = doc.find(row, pos + 1))
      found = doc.substr(pos, doc.find('\n', pos) - pos)
                  .find("| " + std::string(info.value_is) + " | " + std::string(info.of_is) + " |") != std::string::npos;
    EXPECT_TRUE(found) << info.name << ": " << info.value_is;
  }
  EXPECT_GT(with_value, 50u);
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
