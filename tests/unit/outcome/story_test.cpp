// The story of a run: which run is told, and how its events are chosen, grouped and cut to the line budget.
#include "partyline/outcome/story.hpp"

#include <gtest/gtest.h>

using namespace partyline;

namespace {

run_result with_outcomes(int run, std::initializer_list<run_outcome> happened) {
  run_result r;
  r.run = run;
  for (auto o : happened) r.counters[o] = 1;
  return r;
}

scenario two_councils() {
  scenario s;
  s.weeks = 26;
  s.start_date = "2020-01-06";
  s.councils.resize(2);
  s.councils[0].id = "focus";
  s.councils[1].id = "generated-1";
  s.councils[1].generated = true;
  s.councils[1].focus = false;
  return s;
}

event_record rec(int week, int council, std::uint16_t rule, event kind, std::string_view name, std::string detail) {
  return {week, council, rule, name, std::move(detail), 0, kind};
}

}  // namespace

TEST(Story, TheTypicalRunIsNearestTheCentreOfTheRunsMagnitudesIncluded) {
  // Five runs with the same pattern (a request each): the most common pattern cannot tell them apart, the sizes can.
  std::vector<run_result> rs;
  for (int k = 0; k < 5; ++k) rs.push_back(with_outcomes(k, {run_outcome::requests}));
  const double sizes[] = {5, 20, 21, 22, 40};
  for (int k = 0; k < 5; ++k) rs[static_cast<std::size_t>(k)].counters[run_outcome::request_size_max] = static_cast<std::int64_t>(sizes[k]);
  typical_choice c = typical_run(rs, {run_outcome::requests, run_outcome::request_size_max});
  EXPECT_EQ(c.index, 2u) << "the run with the median request size";
  ASSERT_EQ(c.judged.size(), 1u) << "requests is 1 in every run: it says nothing";
  EXPECT_EQ(c.judged[0], run_outcome::request_size_max);
  EXPECT_DOUBLE_EQ(c.same_pattern, 1.0);
  EXPECT_NE(c.describe(rs).find("request_size_max 21 (median 21)"), std::string::npos) << c.describe(rs);
  // A rare event takes a run away from the centre: the median-sized run with it gives way to its neighbour.
  rs[2].counters[run_outcome::leaders_removed] = 1;
  c = typical_run(rs, {run_outcome::request_size_max, run_outcome::leaders_removed});
  EXPECT_TRUE(c.index == 1u || c.index == 3u) << c.index;
  EXPECT_DOUBLE_EQ(c.same_pattern, 0.8);
  // With no focus every outcome but the levels counts: a level that differs changes nothing.
  rs[4].counters[run_outcome::seats_end] = 99;
  EXPECT_TRUE(typical_run(rs).index == 1u || typical_run(rs).index == 3u);
  EXPECT_EQ(typical_run({}).index, 0u);
}

TEST(Story, TheFocusOutcomesAreTheOnesTheCasesFactsName) {
  scenario s;
  s.targets.push_back(target_def{});
  s.targets.back().outcome = "leaders_removed + leaders_stood_down";
  s.targets.push_back(target_def{});
  s.targets.back().outcome = "requests";
  s.targets.push_back(target_def{});
  s.targets.back().outcome = "seats";  // a council's column
  s.targets.back().council = "somewhere";
  const auto focus = focus_outcomes(s);
  ASSERT_EQ(focus.size(), 3u);
  EXPECT_EQ(focus[0], run_outcome::leaders_removed);
  EXPECT_EQ(focus[1], run_outcome::leaders_stood_down);
  EXPECT_EQ(focus[2], run_outcome::requests);
  EXPECT_TRUE(focus_outcomes(scenario{}).empty());
}

TEST(Story, FocusEventsAreToldBackgroundAndMembersMovesCounted) {
  const scenario s = two_councils();
  run_result r;
  r.counters[run_outcome::defections] = 7;
  r.events = {rec(1, 0, 14, event::defection, "defection", "a member leaves and joins Green"),
              rec(2, 1, 5, event::deselection_members, "deselection", "in the background"),
              rec(3, 0, 5, event::deselection_members, "deselection", "first"),
              rec(4, 0, 5, event::withdrawal, "withdrawal", "second"),
              rec(4, 1, 13, event::election, "election", "background election"),
              rec(5, 0, 5, event::deselection_members, "deselection", "third"),
              rec(6, 0, 1, event::request, "request", "12 of 40 councillors ask"),
              rec(7, 0, 5, event::deselection_members, "deselection", "after the request")};
  const std::string story = tell_story(s, r, 10);
  EXPECT_NE(story.find("weeks 3-5 (from 2020-01-27) · focus · R5 · deselection x2, withdrawal · e.g. first"), std::string::npos) << story;
  EXPECT_NE(story.find("week 6 (2020-02-17) · focus · R1 · request · 12 of 40 councillors ask"), std::string::npos) << story;
  EXPECT_NE(story.find("week 7 (2020-02-24) · focus · R5 · deselection · after the request"), std::string::npos) << story;
  EXPECT_EQ(story.find("background election"), std::string::npos) << story;
  EXPECT_NE(story.find("1 member of the focus councils left (1 to Green); background councils: deselection x1, election x1"),
            std::string::npos) << story;
  EXPECT_NE(story.find("over the run, in the 1 background council: 6 members left"), std::string::npos) << story;
}

TEST(Story, ShortOfLinesTheMajorEventsAreKept) {
  const scenario s = two_councils();
  run_result r;
  for (int k = 0; k < 6; ++k) {
    r.events.push_back(rec(2 * k, 0, 5, event::deselection_members, "deselection", "minor " + std::to_string(k)));
    r.events.push_back(rec(2 * k + 1, 0, 1, event::request, "request", "major " + std::to_string(k)));
  }
  const std::string story = tell_story(s, r, 8);
  for (int k = 0; k < 6; ++k) EXPECT_NE(story.find("major " + std::to_string(k)), std::string::npos) << story;
  EXPECT_NE(story.find("minor 0"), std::string::npos) << story;
  EXPECT_NE(story.find("minor 1"), std::string::npos) << story;
  EXPECT_EQ(story.find("minor 2"), std::string::npos) << story;
  EXPECT_NE(story.find("... 4 more lines"), std::string::npos) << story;
}
