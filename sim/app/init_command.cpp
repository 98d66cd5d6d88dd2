// partyline init NAME: a commented starting scenario, to edit into a case of one's own.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli.hpp"
#include "partyline/engine/load.hpp"
#include "partyline/outcome/targets.hpp"

namespace partyline::cli {

namespace {

/// The starting scenario: every block a case usually states, each key with what it means and where it is documented;
/// the values are a small made-up council, not a documented case. @NAME@ is replaced by the scenario's name.
constexpr const char* starting_scenario = R"(# @NAME@: a starting scenario written by `partyline init`. Every key is documented in scenarios/README.md
# (`partyline params @NAME@.yaml` lists each settable path with its value, range and meaning). A scenario states
# facts and shocks -- seats, members, the executive, dates, a dispute, an allegation -- and the rules decide what
# happens: state what is known of the case, with its source beside it, and leave decisions to the model.
# The values below are a small made-up council, not a documented case.
name: @NAME@
description: >
  What the case is, where its facts come from.
start_date: 2024-01-08        # the date of week 0 (a Monday); the story and weekly tables show dates
weeks: 70                     # weeks simulated
seed: 1                       # default base seed (`--seed` overrides): same scenario and seed, same results

# The parties that hold seats; `party` is the one whose central-local relations are simulated (default `lab`).
parties:
  - {id: lab, name: Labour, position: -0.3}             # positions on a left (-1) to right (+1) axis
  - {id: con, name: Conservative, position: 0.5}
  - {id: ld, name: Liberal Democrat, position: 0.05}

# National facts: the swing at the council's elections, the general election's week (media risk).
national:
  swing: {lab: 0.0, con: 0.0}                           # change in vote share since the council's baseline
  general_election_week: -1                             # -1: none in sight

# The party's national executive (defaults: Labour's NEC, 39 seats, as docs/model.md documents).
executive:
  left_share: 0.4                                       # share of its members in the left bloc
  centralism_mean: 0.5                                  # members' taste for central direction, 0-1
  meets_every_weeks: 6
  first_meeting_week: 2

# Regional boards (a council's `region` names one: referrals go through it).
regions:
  - {id: region, name: Regional board, size: 10}

# The councils of the case. Seats by party at week 0; the party's group, members and any dispute.
councils:
  - id: town
    name: Town Council
    region: region
    seats: {lab: 30, con: 20, ld: 10}
    seats_per_ward: 3
    election_weeks: [69]                                # weeks of its elections (here: the all-out election)
    members: {count: 1500}                              # the local party's members
    group:
      position: -0.2                                    # the group's mainstream
      left_share: 0.3                                   # a bloc at odds with the leadership
      cabinet_size: 8
      leader: {position: -0.1, resolve: 0.6, autonomy: 0.6}

# Dated shocks: facts that happen at a week, not decisions (an allegation, a dispute starting, an election held).
events:
  - {week: 10, type: allegation, council: town, value: 0.5, subject: leader}   # a complaint against the leader, severity 0.5

# The documented facts of the case, held against the runs by `partyline run` (targets.csv) and fitted by
# `partyline calibrate` (use: fit) or held out for validation (use: validate). Replace with the case's own.
targets:
  - {name: leader_suspended, label: "the leader is suspended pending an investigation", outcome: suspensions_administrative,
     statistic: share, observed: 1, use: validate, source: "replace with the source of the fact"}
)";

}  // namespace

int cmd_init(const std::string& name, bool force) {
  namespace fs = std::filesystem;
  fs::path file(name);
  if (file.extension() != ".yaml") file += ".yaml";
  const std::string stem = file.stem().string();
  if (stem.empty() || stem.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != std::string::npos)
    throw usage_error("init: '" + stem + "' is not a scenario name (letters, digits, '-', '_', '.')");
  std::error_code ec;
  if (fs::exists(file, ec) && !force)
    throw usage_error("init: " + file.string() + " exists; not overwritten (--force replaces it)");
  std::string text = starting_scenario;
  for (std::size_t at; (at = text.find("@NAME@")) != std::string::npos;) text.replace(at, 6, stem);
  // The file is checked before it is written: a starting scenario that did not load would be no start at all.
  check_targets(*load_scenario_text(text, file.string()));
  const fs::path staging = file.string() + ".partial";
  {
    std::ofstream out(staging, std::ios::binary);
    out << text;
    if (!out) throw usage_error("init: cannot write " + staging.string());
  }
  fs::rename(staging, file);
  std::printf("wrote %s: a starting scenario to edit (partyline validate %s; partyline run %s)\n", file.string().c_str(),
              file.string().c_str(), file.string().c_str());
  return exit_ok;
}

}  // namespace partyline::cli
