// Birmingham 2019 with the default coefficients: over 1,000 runs the documented pattern is the likely outcome.
// No decision of the council is scripted: the injunction threat and the imposed terms are the leadership's own
// choices (R8's tactics), and so is their timing. Thresholds (stated here and in docs/model.md, "Calibration"):
//   disputes reach strike ............................. in >= 90% of runs
//   the leadership threatens an injunction ............ in >= 70% of runs
//   the leadership moves to impose terms .............. in >= 60% of runs
//   a backbench letter is published ................... in >= 70% of runs
//   its size (first letter) is 15-35 signatories ...... in >= 60% of the runs with a letter
//   the regional board refers the leader .............. in >= 70% of runs
//   the leader is still in office at week 52 .......... in >= 60% of runs
// The executive's slowness ("likely to take some time given the national crisis") is the stated crisis window's
// (from the Independent Group split, week 24): a referral that reaches the executive in it waits longer than one
// that reaches it before. How often the referral falls in the crisis is the model's timing, not a fixed date, so the
// share of all decisions taking 8+ weeks is reported (docs/model.md, "Calibration"), not asserted.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "../test_support.hpp"
#include "pattern_table.hpp"
#include "partyline/outcome/collect.hpp"

using namespace partyline;

namespace {
double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

TEST(BirminghamPattern, InSampleTheFittedPatternIsTheLikelyOutcome) {
  const auto s = load_scenario_file(partyline::testing::scenario_path("birmingham-2019.yaml"));
  run_options opt;
  const int n = partyline::testing::pattern_runs();
  opt.runs = n;
  opt.seed = static_cast<std::uint64_t>(s->seed);
  opt.events = true;
  const auto results = simulate_runs(s, opt);
  ASSERT_EQ(static_cast<int>(results.size()), n);
  ASSERT_EQ(s->executive.crisis_windows.size(), 1u);
  const crisis_window crisis = s->executive.crisis_windows[0];

  int strike = 0, injunction = 0, imposed = 0, letter = 0, letter_in_range = 0, referred = 0, decided = 0, slow = 0,
      survived = 0;
  std::vector<double> wait_before_crisis, wait_in_crisis, first_injunction_week, first_terms_week;
  for (const auto& r : results) {
    strike += r.counters[run_outcome::strike_weeks] > 0;
    injunction += r.counters[run_outcome::injunctions_threatened] > 0;
    imposed += r.counters[run_outcome::terms_imposed] > 0;
    referred += r.counters[run_outcome::requests] > 0;
    survived += r.counters[run_outcome::leaders_removed] == 0 && r.counters[run_outcome::leaders_stood_down] == 0;
    bool first_letter = true, first_decision = true;
    int referral_week = -1;
    bool first_injunction = true, first_terms = true;
    for (const auto& e : r.events) {
      if (e.event == "injunction_threat" && first_injunction) {
        first_injunction = false;
        first_injunction_week.push_back(e.week);
      }
      if (e.event == "impose_terms" && first_terms) {
        first_terms = false;
        first_terms_week.push_back(e.week);
      }
      if (e.event == "backbench_letter" && first_letter) {
        first_letter = false;
        ++letter;
        letter_in_range += e.value >= 15 && e.value <= 35;
      }
      if (e.event == "referral" && referral_week < 0) referral_week = e.week;
      if (e.rule == 2 && (e.event == "investigate" || e.event == "dismiss") && first_decision) {
        first_decision = false;
        ++decided;
        slow += e.value >= 8;
        if (referral_week >= 0 && referral_week < crisis.from_week) wait_before_crisis.push_back(e.value);
        if (referral_week >= crisis.from_week && referral_week <= crisis.to_week) wait_in_crisis.push_back(e.value);
      }
    }
  }
  RecordProperty("strike", strike);
  RecordProperty("injunction", injunction);
  RecordProperty("imposed", imposed);
  RecordProperty("letter", letter);
  RecordProperty("letter_in_range", letter_in_range);
  RecordProperty("referred", referred);
  RecordProperty("decided", decided);
  RecordProperty("slow", slow);
  RecordProperty("survived", survived);
  std::printf("strike %d, injunction %d, terms imposed %d, letter %d (15-35: %d), referred %d, decided %d (8+ weeks: %d; "
              "median wait %.0f weeks for a referral before the crisis, %.0f in it), leader survives %d of %d\n",
              strike, injunction, imposed, letter, letter_in_range, referred, decided, slow, median(wait_before_crisis),
              median(wait_in_crisis), survived, n);
  using partyline::testing::expect_pattern_figure, partyline::testing::percent, partyline::testing::format;
  const std::string bham = "Birmingham 2019";
  expect_pattern_figure(bham, "disputes reach strike", percent(strike, n));
  expect_pattern_figure(bham, "the leadership threatens an injunction",
                        percent(injunction, n) + format(" (median first week %.0f)", median(first_injunction_week)));
  expect_pattern_figure(bham, "the leadership moves to impose terms",
                        percent(imposed, n) + format(" (median first week %.0f)", median(first_terms_week)));
  expect_pattern_figure(bham, "backbench letter", percent(letter, n));
  expect_pattern_figure(bham, "letter of 15-35 signatories", percent(letter_in_range, letter));
  expect_pattern_figure(bham, "regional board refers the leader", percent(referred, n));
  expect_pattern_figure(bham, "executive slow to act",
                        format("median %.0f weeks in it vs %.0f before; 8+ weeks in ", median(wait_in_crisis),
                               median(wait_before_crisis)) +
                            percent(slow, decided) + " of all decisions");
  expect_pattern_figure(bham, "leader in office at week 52", percent(survived, n));
  EXPECT_GE(strike, 0.9 * n);
  EXPECT_GE(injunction, 0.7 * n);
  EXPECT_GE(imposed, 0.6 * n);
  EXPECT_GE(letter, 0.7 * n);
  EXPECT_GE(letter_in_range, 0.6 * letter);
  EXPECT_GE(referred, 0.7 * n);
  ASSERT_GT(decided, 0);
  ASSERT_GE(wait_in_crisis.size(), 20u);
  ASSERT_GE(wait_before_crisis.size(), 20u);
  EXPECT_GT(median(wait_in_crisis), median(wait_before_crisis));
  EXPECT_GE(survived, 0.6 * n);
}
