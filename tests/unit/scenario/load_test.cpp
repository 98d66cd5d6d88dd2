#include "partyline/engine/load.hpp"
#include "partyline/scenario/yaml_edit.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "../../test_support.hpp"

using namespace partyline;
using partyline::testing::data_dir;
using partyline::testing::scenario_path;
using partyline::testing::slurp;

namespace {

struct bad_case {
  const char* file;
  const char* where;    ///< "LINE:COL"
  const char* path;     ///< key path, or "" when the error has none
  const char* message;  ///< a substring of the message
};

// One row per kind of bad input the issue names, and a few more.
const bad_case bad_cases[] = {
    {"malformed.yaml", "3:8", "", "malformed YAML"},
    {"empty.yaml", "1:1", "", "the file is empty"},
    {"comment_only.yaml", "1:1", "", "the file is empty"},
    {"misspelt_key.yaml", "3:1", "weekz", "did you mean 'weeks'"},
    {"misspelt_nested_key.yaml", "17:30", "councils[0].group.confrontaton", "did you mean 'confrontation'"},
    {"misspelt_coefficient.yaml", "5:14", "rules.R7.leter_min", "did you mean 'letter_min'"},
    {"unknown_rule.yaml", "5:9", "rules.R99", "unknown key"},
    {"wrong_type.yaml", "3:8", "weeks", "expected a whole number"},
    {"not_whole.yaml", "3:8", "weeks", "expected a whole number, got 12.5"},
    {"quoted_number.yaml", "3:8", "weeks", "got the string"},
    {"bad_enum.yaml", "21:21", "events[0].type", "is not one of"},
    {"out_of_range.yaml", "5:25", "executive.left_share", "out of range [0, 1]"},
    {"missing_councils.yaml", "2:1", "councils", "at least one council is needed"},
    {"duplicate_key.yaml", "4:1", "weeks", "duplicate key"},
    {"alias_bomb.yaml", "", "", "alias bomb"},
    {"absurd_size.yaml", "16:22", "councils[0].members.count", "would need about"},
    {"unknown_party.yaml", "15:28", "councils[0].seats.tory", "not a party id"},
    {"name_leaves_results.yaml", "2:7", "name", "may not start with '.'"},
    {"party_id_with_comma.yaml", "7:10", "parties[1].id", "contains ','"},
    {"council_id_with_slash.yaml", "13:9", "councils[0].id", "contains '/'"},
    {"tag_str_is_a_string.yaml", "6:25", "parties[0].position", "expected a number, got the string"},
    {"tag_binary.yaml", "4:7", "", "the tag !!binary is not supported"},
    {"tag_local.yaml", "3:8", "", "the tag !foo is not supported"},
    {"not_utf8.yaml", "6:31", "", "not UTF-8 text (byte 0xE9)"},
    {"unknown_region.yaml", "14:13", "councils[0].region", "unknown region"},
    {"unknown_union.yaml", "19:27", "councils[0].disputes[0].union", "unknown union"},
    {"unknown_dispute.yaml", "21:64", "events[0].dispute", "no dispute 'roads'"},
    {"event_after_end.yaml", "21:12", "events[0].week", "after the end of the run"},
    {"bad_date.yaml", "5:13", "start_date", "not a date"},
    {"sections_mismatch.yaml", "5:33", "executive.sections", "add up to 6"},
    {"fractional_seats.yaml", "15:18", "councils[0].seats.lab", "whole number"},
    {"huge_seats.yaml", "15:18", "councils[0].seats.lab", "out of range [0, 1e+06]"},
    {"cabinet_too_big.yaml", "17:27", "councils[0].group.cabinet_size", "cabinet of 40"},
    {"two_documents.yaml", "1:1", "", "more than one YAML document"},
    {"not_a_mapping.yaml", "1:1", "", "must be a YAML mapping"},
    // Issue 36: values that were accepted silently.
    {"empty_name.yaml", "2:7", "name", "a scenario's name may not be empty"},                                   // F9
    {"unknown_swing_party.yaml", "23:28", "national.swing.xyz", "'xyz' is not a party id"},                   // F6
    {"mayor_weeks_after_end.yaml", "18:29", "councils[0].mayor.election_weeks[1]", "after the end of the run"},  // F10
    {"mayor_weeks_decreasing.yaml", "18:29", "councils[0].mayor.election_weeks[1]", "must increase"},
    {"mayor_weeks_repeated.yaml", "18:29", "councils[0].mayor.election_weeks[1]", "must increase"},
    {"empty_target_outcome.yaml", "23:24", "targets[0].outcome", "names no column"},                          // F4
    {"target_equals_unknown_party.yaml", "23:72", "targets[0].equals", "'ldd' in 'lab+ldd' is not a party id"},
    {"negative_tolerance.yaml", "23:58", "targets[0].tolerance", "out of range [0, 1e+12]"},                  // F5
    // Issue 31: an allegation's subject must exist, and only some subjects are counted.
    {"allegation_against_no_faction.yaml", "21:62", "events[0].subject", "no organised faction"},
    {"allegation_against_no_mayoral_candidate.yaml", "21:62", "events[0].subject", "holds no contest for mayor"},
    // Issue 31, community networks: a community's share of the voters is a share, not a percentage.
    {"community_share_above_one.yaml", "15:24", "councils[0].community.share", "out of range [0, 1]"},
    {"body_investigation_weeks_negative.yaml", "23:116", "institutions.bodies[1].investigation_weeks", "out of range [-1, 520]"},
    {"allegation_count_for_leader.yaml", "21:77", "events[0].count", "has no count"},
    // Issue 31: only another party, one the scenario has, can stand aside for an independent.
    {"mayor_stand_aside_own.yaml", "18:47", "councils[0].mayor.stand_aside[1]", "only another party can"},
    {"mayor_stand_aside_unknown.yaml", "18:47", "councils[0].mayor.stand_aside[1]", "'cn' is not a party id"},
    // Issue 31 pt 8: the group's annual meeting is a dated fact; who leads after it is the model's.
    {"annual_meeting_value.yaml", "21:64", "events[0].value", "an annual_meeting has no value"},
    {"leader_up_not_a_meeting.yaml", "21:61", "events[0].leader_up", "only an annual_meeting has leader_up"},
    {"last_contest_after_start.yaml", "18:64", "councils[0].group.last_contest", "is after the run's start_date"},
    // Issue 31 pt 8: a dispute on record ended before the run, having gone at least to a ballot.
    {"dispute_on_record_after_start.yaml", "18:44", "councils[0].disputes_on_record[0].ended", "is not before the run's start_date"},
    {"dispute_on_record_talks.yaml", "18:65", "councils[0].disputes_on_record[0].reached", "went to a ballot, a strike"},
    {"ward_stand_aside_own.yaml", "17:18", "councils[0].stand_aside[1]", "only another party can"},
    // Issue 31 pt 6: a local party's panel holds only a council's selection stages, which no body delegates.
    {"local_panel_decides_item.yaml", "23:59", "institutions.bodies[1].decides[1]", "decides only a council's selection stages"},
    {"selection_stage_delegated.yaml", "22:94", "institutions.bodies[0].delegates[0].items[0]", "it cannot be delegated"},
    // Issue 33 pt 7: a documented pact allegation is a dated fact; it states the allegation, nothing more.
    {"pact_allegation_value.yaml", "21:65", "events[0].value", "a pact_allegation has no value"},
    // Issue 33 pt 9: a background council's weekly rules do not run, so nothing may be set going in it.
    {"background_council_election.yaml", "18:52", "council_generators[0].election_weeks", "hold no election in the run"},
    {"background_council_event.yaml", "19:42", "events[0].council", "is a background council"},
    {"background_council_dispute.yaml", "19:7", "councils[0].disputes", "has no disputes"},
};

// Readable test names in failures instead of the struct's bytes.
void PrintTo(const bad_case& c, std::ostream* os) { *os << c.file; }

}  // namespace

class BadScenario : public ::testing::TestWithParam<bad_case> {};

TEST_P(BadScenario, IsRefusedWithFileLineColumnKeyPathAndMessage) {
  const bad_case& c = GetParam();
  const auto file = data_dir() / "invalid" / c.file;
  try {
    load_options opt;
    opt.memory_budget_bytes = 4.0 * (1ull << 30);  // machine-independent
    (void)load_scenario_file(file, opt);
    FAIL() << c.file << " was accepted";
  } catch (const scenario_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(file.string() + ":", 0), 0u) << what;
    if (*c.where) {
      EXPECT_NE(what.find(":" + std::string(c.where) + ": "), std::string::npos) << what;
    }
    EXPECT_EQ(e.key_path(), c.path) << what;
    EXPECT_NE(what.find(c.message), std::string::npos) << what;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadScenario, ::testing::ValuesIn(bad_cases),
                         [](const ::testing::TestParamInfo<bad_case>& p) {
                           std::string n = p.param.file;
                           return n.substr(0, n.find('.'));
                         });

TEST(LoadScenario, EveryInvalidFixtureHasACase) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "invalid")) {
    ++files;
    bool listed = false;
    for (const auto& c : bad_cases) listed |= entry.path().filename() == c.file;
    EXPECT_TRUE(listed) << entry.path() << " has no expectation in load_test.cpp";
  }
  EXPECT_EQ(files, std::size(bad_cases));
}

TEST(LoadScenario, DefaultsAreResolved) {
  const auto s = load_scenario_file(data_dir() / "tiny.yaml");
  const council_def& c = s->councils[0];
  EXPECT_EQ(s->party_index, 0);
  EXPECT_EQ(c.members.count, 300);
  EXPECT_DOUBLE_EQ(c.group.leader.position, c.group.position);  // leader defaults to the group's position
  EXPECT_NEAR(c.vote_shares.get("lab"), 12.0 / 21.0, 1e-12);    // vote shares default to seat shares
  EXPECT_EQ(c.administration, std::vector<std::string>{"lab"});
  EXPECT_EQ(static_cast<int>(s->executive.sections.total()), s->executive.size);
  EXPECT_EQ(s->events[0].council_index, 0);
  EXPECT_EQ(coefficients(*s).R7.letter_min, backbench_letter::params{}.letter_min);
}

TEST(LoadScenario, RuleCoefficientsCanBeOverridden) {
  std::string text = slurp(data_dir() / "tiny.yaml");
  text += "rules:\n  R7: {letter_min: 3, b_loyalty: 0.5}\n  R16: {epsilon: 0.3}\n";
  const auto s = load_scenario_text(text, "t");
  EXPECT_EQ(coefficients(*s).R7.letter_min, 3);
  EXPECT_DOUBLE_EQ(coefficients(*s).R7.b_loyalty, 0.5);
  EXPECT_DOUBLE_EQ(coefficients(*s).R16.epsilon, 0.3);
  EXPECT_DOUBLE_EQ(coefficients(*s).R7.b_dissatisfaction, backbench_letter::params{}.b_dissatisfaction);  // untouched keys keep defaults
}

// Every shipped scenario: what `show` prints (the frozen scenario, defaults resolved -- the party's default bodies with
// any added to them, `keep_default_bodies`) loads back to the same scenario.
TEST(LoadScenario, ShowOutputReloadsToTheSameScenario) {
  std::vector<std::string> names;
  for (const auto& f : std::filesystem::directory_iterator(scenario_path("haringey-2018.yaml").parent_path()))
    if (f.path().extension() == ".yaml") names.push_back(f.path().filename().string());
  std::sort(names.begin(), names.end());
  ASSERT_GE(names.size(), 10u);
  for (const std::string& name : names) {
    const auto first = load_scenario_file(scenario_path(name));
    const std::string yaml = to_yaml(*first);
    const auto second = load_scenario_text(yaml, "shown");
    EXPECT_EQ(to_yaml(*second), yaml) << name;
  }
}

TEST(LoadScenario, MemoryBudgetCountsConcurrentRuns) {
  const std::string text = slurp(data_dir() / "tiny.yaml");
  load_options opt;
  opt.memory_budget_bytes = 40.0 * (1 << 20);
  EXPECT_NO_THROW((void)load_scenario_text(text, "t", opt));
  opt.concurrent_runs = 8;  // eight worlds at once need more than 40 MiB
  EXPECT_THROW((void)load_scenario_text(text, "t", opt), scenario_error);
}

TEST(LoadScenario, AllShippedScenariosValidate) {
  for (const auto& entry : std::filesystem::directory_iterator(partyline::testing::source_dir() / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW((void)load_scenario_file(entry.path())) << entry.path();
  }
}

// Issue 36: a council's wards are numbered in 16 bits. 100,000 seats one a ward overflowed the index and made the
// election's ward loops run over every member (83 s for one 12-week run, against 33 ms at 10,000 seats); such a
// council is now a scenario error at its seats_per_ward, and three a ward is accepted.
TEST(Load, ACouncilOfMoreWardsThanItsIndexHoldsIsAnErrorAtItsSeatsPerWard) {
  const auto text = [](int per_ward) {
    return "name: wards\nweeks: 2\nparties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\n"
           "councils:\n  - id: big\n    seats: {lab: 50000, con: 50000}\n    seats_per_ward: " + std::to_string(per_ward) +
           "\n    members: {count: 1000}\n";
  };
  try {
    (void)load_scenario_text(text(1), "wards.yaml");
    FAIL() << "100,000 wards accepted";
  } catch (const scenario_error& e) {
    EXPECT_EQ(e.key_path(), "councils[0].seats_per_ward");
    EXPECT_NE(std::string(e.what()).find("100000 wards, more than a council can have (65535)"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW((void)load_scenario_text(text(3), "wards.yaml"));
}

// Issue 35 pt 4: a mistyped council, party, region or union id says which it was probably meant to be, or lists the
// ids there are.
TEST(LoadScenario, AMistypedIdSaysWhichItWasMeantToBe) {
  const std::string tiny = partyline::testing::slurp(partyline::testing::data_dir() / "tiny.yaml");
  const auto error_of = [&](const std::string& from, const std::string& to) -> std::string {
    std::string text = tiny;
    const auto at = text.find(from);
    if (at == std::string::npos) return "fixture lacks " + from;
    text.replace(at, from.size(), to);
    try {
      (void)load_scenario_text(text, "typo.yaml");
    } catch (const scenario_error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string council = error_of("council: smalltown", "council: smaltown");
  EXPECT_NE(council.find("events[0].council: unknown council 'smaltown' (did you mean 'smalltown'?)"), std::string::npos) << council;
  const std::string party = error_of("seats: {lab: 12", "seats: {lbr: 12");
  EXPECT_NE(party.find("councils[0].seats.lbr: 'lbr' is not a party id in `parties` (did you mean 'lab'?)"), std::string::npos) << party;
  const std::string region = error_of("region: north", "region: nort");
  EXPECT_NE(region.find("unknown region 'nort' (did you mean 'north'?)"), std::string::npos) << region;
  const std::string union_id = error_of("union: unite,", "union: unit,");
  EXPECT_NE(union_id.find("unknown union 'unit' (did you mean 'unite'?)"), std::string::npos) << union_id;
  // Nothing near: the ids there are.
  const std::string far = error_of("council: smalltown", "council: metropolis");
  EXPECT_NE(far.find("unknown council 'metropolis'; the council ids are: smalltown"), std::string::npos) << far;
}

// Issue 34: listed wards give the council's seats; stated seats must agree with them, and a ward holds 1-20 seats.
TEST(LoadScenario, ListedWardsMustAgreeWithTheCouncilsSeats) {
  const auto text = [](const std::string& council) {
    return "name: wards\nweeks: 2\nparties:\n  - {id: lab, position: -0.3}\n  - {id: con, position: 0.5}\n"
           "councils:\n  - id: town\n    group: {cabinet_size: 1}\n" + council;
  };
  const auto error_of = [&](const std::string& council) -> std::pair<std::string, std::string> {
    try {
      (void)load_scenario_text(text(council), "wards.yaml");
    } catch (const scenario_error& e) {
      return {e.key_path(), e.what()};
    }
    return {"", "accepted"};
  };
  EXPECT_NO_THROW((void)load_scenario_text(text("    seats: {lab: 3, con: 1}\n    wards:\n      - {seats: {lab: 2}}\n"
                                                "      - {seats: {lab: 1, con: 1}}\n"), "wards.yaml"));
  auto [path, what] = error_of("    seats: {lab: 4, con: 1}\n    wards:\n      - {seats: {lab: 2}}\n      - {seats: {lab: 1, con: 1}}\n");
  EXPECT_EQ(path, "councils[0].seats");
  EXPECT_NE(what.find("seats give lab 4 but its wards give lab 3"), std::string::npos) << what;
  std::tie(path, what) = error_of("    wards:\n      - {seats: {lab: 0}}\n");
  EXPECT_EQ(path, "councils[0].wards[0].seats");
  EXPECT_NE(what.find("a ward holds 1-20 seats"), std::string::npos) << what;
  std::tie(path, what) = error_of("    wards:\n      - {seats: {labour: 2}}\n");
  EXPECT_EQ(path, "councils[0].wards[0].seats.labour");
  // Measured votes: by known party, not all 0.
  std::tie(path, what) = error_of("    wards:\n      - {seats: {lab: 2}, votes: {lab: 10, labour: 5}}\n");
  EXPECT_EQ(path, "councils[0].wards[0].votes.labour");
  std::tie(path, what) = error_of("    wards:\n      - {seats: {lab: 2}, votes: {lab: 0}}\n");
  EXPECT_EQ(path, "councils[0].wards[0].votes");
  EXPECT_NE(what.find("the votes add up to 0"), std::string::npos) << what;
  std::tie(path, what) = error_of("    wards:\n      - {seats: {lab: 2}, votes: {lab: -3, con: 5}}\n");
  EXPECT_EQ(path, "councils[0].wards[0].votes.lab");
  std::tie(path, what) = error_of("    election_weeks: [1]\n");
  EXPECT_EQ(path, "councils[0].seats");
  EXPECT_NE(what.find("give the council's `seats` by party, or its `wards`"), std::string::npos) << what;
}

// Issue 34: dated swings resolve to weeks and must be in date order inside the run.
TEST(LoadScenario, DatedSwingsResolveToWeeksInOrder) {
  const auto text = [](const std::string& swings) {
    return "name: swings\nweeks: 100\nstart_date: 2018-09-10\nparties:\n  - {id: lab, position: -0.3}\n"
           "  - {id: con, position: 0.5}\nnational:\n  swing: {lab: 0.01}\n  swings:\n" + swings +
           "councils:\n  - id: town\n    seats: {lab: 20, con: 10}\n";
  };
  const auto s = load_scenario_text(text("    - {from: 2019-05-02, swing: {lab: -0.03, con: 0.02}}\n"
                                         "    - {from: 2020-05-07, swing: {lab: 0.01}}\n"), "swings.yaml");
  EXPECT_EQ(s->national.swings[0].from_week, 33);  // the week holding Thursday 2 May 2019 (it starts Monday 29 April)
  EXPECT_EQ(s->national.swing_in(32).get("lab"), 0.01);
  EXPECT_EQ(s->national.swing_in(33).get("lab"), -0.03);
  EXPECT_EQ(s->national.swing_in(99).get("lab"), 0.01);
  EXPECT_EQ(s->national.swing_in(99).get("con"), 0.0);
  try {
    (void)load_scenario_text(text("    - {from: 2020-05-07, swing: {lab: 0.01}}\n    - {from: 2019-05-02, swing: {lab: 0.01}}\n"),
                             "swings.yaml");
    FAIL() << "swings out of order accepted";
  } catch (const scenario_error& e) {
    EXPECT_EQ(e.key_path(), "national.swings[1].from");
  }
  try {
    (void)load_scenario_text(text("    - {from: 2019-05-02, swing: {tory: 0.01}}\n"), "swings.yaml");
    FAIL() << "unknown party accepted";
  } catch (const scenario_error& e) {
    EXPECT_EQ(e.key_path(), "national.swings[0].swing.tory");
  }
}

// Issue 35: an event named by an `id` is addressed by it (`events.<id>.value`), wherever it sits in the file; the ids
// are checked like every other id.
TEST(LoadScenario, AnEventsIdAddressesItWhereverItSitsInTheFile) {
  const std::string tiny = slurp(data_dir() / "tiny.yaml");
  const std::string plain = "  - {week: 3, type: impose_terms, council: smalltown, dispute: bins}";
  ASSERT_NE(tiny.find(plain), std::string::npos);
  const auto with_events = [&](const std::string& events) {
    std::string text = tiny;
    text.replace(text.find(plain), plain.size(), events);
    return text;
  };
  const std::string talks = "  - {id: talks, week: 5, type: talks_offer, council: smalltown, dispute: bins}";
  const std::string terms = "  - {id: terms, week: 3, type: impose_terms, council: smalltown, dispute: bins}";
  // The same edit by id, in either order of the file, reaches the same event.
  for (const std::string& order : {talks + "\n" + terms, terms + "\n" + talks}) {
    yaml_node root = parse_yaml_text(with_events(order), "ids.yaml");
    apply_overrides(root, {{"events.talks.week", "7"}}, "--set");
    const auto s = load_scenario_tree(root);
    ASSERT_EQ(s->events.size(), 2u);
    int talks_week = -1;
    for (const auto& e : s->events)
      if (e.id == "talks") talks_week = e.week;
    EXPECT_EQ(talks_week, 7) << order;
  }
  // A misspelt id is an error naming the ids there are.
  yaml_node root = parse_yaml_text(with_events(talks + "\n" + terms), "ids.yaml");
  try {
    apply_overrides(root, {{"events.talk.week", "7"}}, "--set");
    ADD_FAILURE() << "no error for a misspelt event id";
  } catch (const scenario_error& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'talks'"), std::string::npos) << e.what();
  }
  const auto error_of = [&](const std::string& events) -> std::string {
    try {
      (void)load_scenario_text(with_events(events), "ids.yaml");
    } catch (const scenario_error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string twice = error_of(talks + "\n" + "  - {id: talks, week: 3, type: impose_terms, council: smalltown, dispute: bins}");
  EXPECT_NE(twice.find("events[1].id: duplicate id 'talks'"), std::string::npos) << twice;
  const std::string slash = error_of("  - {id: a/b, week: 3, type: impose_terms, council: smalltown, dispute: bins}");
  EXPECT_NE(slash.find("events[0].id"), std::string::npos) << slash;
  EXPECT_NE(slash.find("contains '/'"), std::string::npos) << slash;
  // Without ids, events stay addressable by index, as before.
  EXPECT_EQ(error_of(plain), "no error");
}

// Issue 31 pt 6: Labour's default bodies hold a council's selection stages -- the Local Campaign Forum's panel
// interviews, the regional office approves -- and a region that runs its councils' selections approves their panels
// with its board.
TEST(LoadScenario, TheDefaultBodiesHoldTheSelectionStagesAndARegionRunningSelectionsHoldsTheList) {
  const auto holder = [](const scenario& s, std::string_view stage, const std::string& region) {
    for (const body_def& b : s.institutions.bodies)
      if (b.region == region && std::find(b.decides.begin(), b.decides.end(), stage) != b.decides.end()) return b;
    return body_def{};
  };
  const auto plain = load_scenario_file(data_dir() / "tiny.yaml");
  EXPECT_EQ(holder(*plain, "candidate_interview", "").members.from, member_source::local);
  EXPECT_EQ(holder(*plain, "candidate_interview", "").members.size, 5);
  EXPECT_EQ(holder(*plain, "candidate_list", "").id, "regional_office");
  EXPECT_EQ(holder(*plain, "candidate_list", "north").id, "");
  std::string text = slurp(data_dir() / "tiny.yaml");
  const std::string region = "  - {id: north, size: 10}";
  ASSERT_NE(text.find(region), std::string::npos);
  text.replace(text.find(region), region.size(), "  - {id: north, size: 10, powers: {selections: true}}");
  const auto tier = load_scenario_text(text, "tier.yaml");
  const body_def board = holder(*tier, "candidate_list", "north");
  EXPECT_EQ(board.id, "north-selections");
  EXPECT_EQ(board.members.from, member_source::region);
}
