#include "partyline/scenario/read.hpp"

#include <unistd.h>
#include <yaml-cpp/emitter.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <set>

#include "partyline/random.hpp"
#include "partyline/scenario/calendar.hpp"

namespace partyline {

/// Wards of one council: their index is a 16-bit column (world.hpp) -- far above any real council.
constexpr long long max_wards_per_council = 65535;

double default_memory_budget() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 4.0 * (1ull << 30);
  return 0.5 * static_cast<double>(pages) * static_cast<double>(page);
}

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 5) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

namespace {

/// Names and ids end up in file names (the default output folder is `results/<name>-<time>`) and in CSV headers
/// (`seats_end_<party>`): they must be safe slugs. Returns what is wrong, or nothing.
std::string slug_problem(const std::string& s) {
  constexpr std::size_t max_length = 64;
  if (s.size() > max_length) return "is longer than " + std::to_string(max_length) + " characters";
  if (!s.empty() && s.front() == '.') return "may not start with '.'";
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.';
    if (!ok)
      return u < 0x20 || u == 0x7f ? "contains a control character"
             : u >= 0x80          ? "contains a character outside ASCII"
                                  : std::string("contains '") + ch + "'";
  }
  return {};
}

/// Checks made after the schema has been read: references between sections, whole numbers, sums, sizes.
class resolver {
 public:
  resolver(scenario& s, mark_table& marks) : s_(s), marks_(marks) {}

  void run(const load_options& opt) {
    // The name makes the default output folder (results/<name>-<time>): an empty one would make "results/-<time>".
    if (s_.name.empty()) fail("name", "a scenario's name may not be empty (it names the output folder, results/<name>-<time>)");
    slug("name", s_.name);
    if (!parse_iso_date(s_.start_date)) fail("start_date", "'" + s_.start_date + "' is not a date of the form YYYY-MM-DD");
    axes();
    parties();
    executive();
    party_leader();
    unions_and_regions();
    institutions(opt);
    generate_councils(opt);
    councils();
    events();
    targets();
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw scenario_error(marks_.at(path), path, message);
  }

  /// A name or id used in paths and headers: letters, digits, '-', '_' and '.' only.
  void slug(const std::string& path, const std::string& value) const {
    const std::string problem = slug_problem(value);
    if (!problem.empty())
      fail(path, "'" + value + "' " + problem + ": names and ids may use letters, digits, '-', '_' and '.' only");
  }

  template <class T>
  void unique_ids(const std::vector<T>& items, const std::string& list, auto id_of) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string& id = id_of(items[i]);
      std::string p = list + "[" + std::to_string(i) + "].id";
      if (id.empty()) fail(p, "an id may not be empty");
      slug(p, id);
      if (!seen.insert(id).second) fail(p, "duplicate id '" + id + "'");
    }
  }

  /// The policy space: one left-right axis unless the scenario declares its own.
  void axes() {
    if (s_.axes.empty()) s_.axes.push_back(axis_def{"left_right", "left-right", 1.0});
    if (s_.axes.size() > static_cast<std::size_t>(max_axes))
      fail("axes", "at most " + std::to_string(max_axes) + " policy axes are supported");
    unique_ids(s_.axes, "axes", [](const axis_def& a) -> const std::string& { return a.id; });
    for (auto& a : s_.axes)
      if (a.name.empty()) a.name = a.id;
    if (!s_.axes.empty() && s_.axes[0].spread != 0)
      fail("axes[0].spread", "the first axis' spread is given by the groups' and members' `position_sd`");
  }

  /// Positions on the axes after the first (`positions` keys at `path`), added to a place whose first coordinate is
  /// set already; the others default to `others`.
  policy_point place(double first, const named_values& positions, const std::string& path, const policy_point& others) {
    policy_point x = others;
    x[0] = first;
    for (std::size_t k = 0; k < positions.keys.size(); ++k) {
      std::size_t a = 0;
      while (a < s_.axes.size() && s_.axes[a].id != positions.keys[k]) ++a;
      if (a == s_.axes.size()) fail(path + "." + positions.keys[k], "'" + positions.keys[k] + "' is not an axis in `axes`");
      if (a == 0)
        fail(path + "." + positions.keys[k], "the first axis ('" + s_.axes[0].id + "') is given by `position`, not `positions`");
      x[a] = positions.values[k];
    }
    return x;
  }

  void parties() {
    if (s_.parties.empty()) fail("parties", "at least one party is needed");
    if (s_.parties.size() > static_cast<std::size_t>(max_parties))
      fail("parties", "at most " + std::to_string(max_parties) + " parties are supported");
    unique_ids(s_.parties, "parties", [](const party_def& p) -> const std::string& { return p.id; });
    // Independents always exist: deselected councillors may stand as independents (R6, R13).
    if (s_.party_id("ind") < 0) {
      if (s_.parties.size() == static_cast<std::size_t>(max_parties))
        fail("parties", "at most " + std::to_string(max_parties - 1) + " parties besides `ind` (independents) are supported");
      party_def independents;
      independents.id = "ind";
      independents.name = "Independent";
      s_.parties.push_back(independents);
    }
    for (auto& p : s_.parties)
      if (p.name.empty()) p.name = p.id;
    for (std::size_t i = 0; i < s_.parties.size(); ++i)
      for (std::size_t k = 0; k < s_.parties[i].refuses.size(); ++k)
        if (s_.party_id(s_.parties[i].refuses[k]) < 0)
          fail("parties[" + std::to_string(i) + "].refuses[" + std::to_string(k) + "]",
               "'" + s_.parties[i].refuses[k] + "' is not a party id" + id_hint(s_.parties[i].refuses[k], "party"));
    s_.party_index = s_.party_id(s_.party);
    if (s_.party_index < 0) fail("party", "party '" + s_.party + "' is not in `parties`" + id_hint(s_.party, "party"));
    for (std::size_t i = 0; i < s_.parties.size(); ++i)
      s_.parties[i].more = place(s_.parties[i].position, s_.parties[i].positions, "parties[" + std::to_string(i) + "].positions", {});
    // A swing for a party the scenario does not have would be ignored by the elections (issue 36 F6).
    party_keys(s_.national.swing, "national.swing");
    // Dated swings: in the run, in date order, for known parties.
    const long start = *parse_iso_date(s_.start_date);
    long previous = -1;
    for (std::size_t i = 0; i < s_.national.swings.size(); ++i) {
      auto& t = s_.national.swings[i];
      const std::string path = "national.swings[" + std::to_string(i) + "]";
      party_keys(t.swing, path + ".swing");
      const auto days = parse_iso_date(t.from);
      if (!days) fail(path + ".from", "'" + t.from + "' is not a date of the form YYYY-MM-DD");
      if (*days <= previous) fail(path + ".from", t.from + " is not after the previous swing's " + s_.national.swings[i - 1].from);
      t.from_week = static_cast<int>(std::max(0L, *days - start) / 7);  // the week holding the date (an election day is in its week)
      if (t.from_week >= s_.weeks)
        fail(path + ".from", t.from + " is week " + std::to_string(t.from_week) + ", after the run's last week (" +
                                 std::to_string(s_.weeks - 1) + ")");
      previous = *days;
    }
  }

  /// The national party leader (R23): a stated leader needs their project; successors are dated changes inside the run.
  void party_leader() {
    auto& l = s_.party_leader;
    const long start = *parse_iso_date(s_.start_date);
    const auto resolve = [&](leader_term& t, const std::string& path) {
      if (std::isnan(t.position)) t.position = s_.parties[static_cast<std::size_t>(s_.party_index)].position;
      t.point = place(t.position, t.positions, path + ".positions", s_.parties[static_cast<std::size_t>(s_.party_index)].more);
      if (t.from.empty()) return -1L;
      const auto days = parse_iso_date(t.from);
      if (!days) fail(path + ".from", "'" + t.from + "' is not a date of the form YYYY-MM-DD");
      return *days;
    };
    if (!l.stated()) {
      if (!l.name.empty() || !l.from.empty() || !std::isnan(l.position) || !l.positions.empty() || !l.later.empty())
        fail("party_leader.centralisation",
             "a party leader needs `centralisation`, their project for the party, 0-1 (0: a member-led party, 1: the centre "
             "runs selections and discipline)");
      return;
    }
    const long first = resolve(l, "party_leader");
    if (first > start)
      fail("party_leader.from", "the leader at the start took office on " + l.from + ", after start_date " + s_.start_date +
                                    ": state the leader before them here and this one under `later`");
    long previous = first;
    for (std::size_t i = 0; i < l.later.size(); ++i) {
      auto& t = l.later[i];
      const std::string path = "party_leader.later[" + std::to_string(i) + "]";
      if (std::isnan(t.centralisation)) fail(path + ".centralisation", "a later leader needs `centralisation`, their project, 0-1");
      if (t.from.empty()) fail(path + ".from", "a later leader needs `from`, the date they take office");
      const long days = resolve(t, path);
      if (days <= start) fail(path + ".from", t.from + " is not after start_date " + s_.start_date + ": state them as the leader at the start");
      if (days <= previous) fail(path + ".from", t.from + " is not after the previous leader's " + (i == 0 ? l.from : l.later[i - 1].from));
      t.from_week = static_cast<int>((days - start + 6) / 7);  // the first week that starts on or after the date
      if (t.from_week >= s_.weeks)
        fail(path + ".from", t.from + " is week " + std::to_string(t.from_week) + ", after the run's last week (" +
                                 std::to_string(s_.weeks - 1) + ")");
      previous = days;
    }
  }

  void executive() {
    auto& e = s_.executive;
    e.more = place(0, e.positions, "executive.positions", s_.parties[static_cast<std::size_t>(s_.party_index)].more);
    for (std::size_t k = 0; k < e.cooperation_lines.size(); ++k) {
      const std::string where = "executive.cooperation_lines[" + std::to_string(k) + "]";
      const int id = s_.party_id(e.cooperation_lines[k]);
      if (id < 0) fail(where, "'" + e.cooperation_lines[k] + "' is not a party id" + id_hint(e.cooperation_lines[k], "party"));
      if (id == s_.party_index) fail(where, "the party cannot draw a line against itself");
    }
    if (e.sections.empty()) {
      // The Labour NEC's shape (39 seats): unions 13, CLPs 9, frontbench 3, backbench 1, local government 2,
      // others 11; scaled to `size`, remainder to "other".
      const std::pair<const char*, double> shape[] = {{"union", 13}, {"clp", 9},       {"frontbench", 3},
                                                      {"backbench", 1}, {"local_gov", 2}};
      int used = 0;
      for (auto [name, n] : shape) {
        int k = static_cast<int>(std::floor(n * e.size / 39.0));
        e.sections.set(name, k);
        used += k;
      }
      e.sections.set("other", e.size - used);
    } else {
      double total = 0;
      for (std::size_t i = 0; i < e.sections.keys.size(); ++i) {
        const std::string p = "executive.sections." + e.sections.keys[i];
        bool known = false;
        for (auto n : enum_names<exec_section>::names) known |= (n == e.sections.keys[i]);
        if (!known) fail(p, "unknown section (known: union, clp, frontbench, backbench, local_gov, other)");
        if (e.sections.values[i] != std::floor(e.sections.values[i])) fail(p, "must be a whole number");
        total += e.sections.values[i];
      }
      if (static_cast<int>(total) != e.size)
        fail("executive.sections", "sections add up to " + std::to_string(static_cast<int>(total)) +
                                       " members but executive.size is " + std::to_string(e.size));
    }
    for (std::size_t i = 0; i < e.crisis_windows.size(); ++i) {
      const auto& w = e.crisis_windows[i];
      if (w.to_week < w.from_week)
        fail("executive.crisis_windows[" + std::to_string(i) + "].to_week", "ends before it starts");
    }
  }

  /// The negotiated arrangement of council `c` at key path `p` (0: none); `total` its seats.
  std::uint32_t negotiated(const council_def& c, const std::string& p, double total) {
    const negotiated_def& deal = c.negotiated_deal;
    if (deal.administration.empty()) {
      if (!deal.support.empty()) fail(p + ".negotiated_deal.administration", "a negotiated deal names the parties that govern");
      return 0;
    }
    if (c.administration_mask != 0)
      fail(p + ".negotiated_deal", "a negotiated deal is for a council without a majority or a given administration (it is formed at week 0)");
    std::uint32_t mask = 0;
    double seats = 0;
    const auto add = [&](const std::vector<std::string>& ids, const std::string& key, int shift) {
      for (std::size_t k = 0; k < ids.size(); ++k) {
        const std::string pk = p + ".negotiated_deal." + key + "[" + std::to_string(k) + "]";
        const int pi = s_.party_id(ids[k]);
        if (pi < 0) fail(pk, "'" + ids[k] + "' is not a party id" + id_hint(ids[k], "party"));
        if ((arrangement_parties(mask) >> pi) & 1u) fail(pk, "'" + ids[k] + "' is named twice in the deal");
        mask |= 1u << (pi + shift);
        seats += c.seats.get(ids[k]);
      }
    };
    add(deal.administration, "administration", 0);
    add(deal.support, "support", support_shift);
    if (!((arrangement_parties(mask) >> s_.party_index) & 1u))
      fail(p + ".negotiated_deal", "the deal does not include the party's group ('" + s_.party + "')");
    if (2 * seats <= total) fail(p + ".negotiated_deal", "the deal has " + std::to_string(static_cast<int>(seats)) + " of " +
                                                           std::to_string(static_cast<int>(total)) + " seats: not a majority");
    return mask;
  }

  void unions_and_regions() {
    unique_ids(s_.unions, "unions", [](const union_def& u) -> const std::string& { return u.id; });
    unique_ids(s_.regions, "regions", [](const region_def& r) -> const std::string& { return r.id; });
    for (auto& u : s_.unions)
      if (u.name.empty()) u.name = u.id;
    for (auto& r : s_.regions)
      if (r.name.empty()) r.name = r.id;
  }

  /// The party's default bodies when a scenario declares none: Labour's, as its Rule Book and practice give them
  /// (docs/model.md "Institutions", body by body with its source). The National Executive Committee decides the
  /// requests and referrals about a council group at its meetings; its Organisation Committee (all NEC members) the
  /// officers' own concerns about a group (selections, special measures); a Disputes Panel of five NEC members the
  /// findings of investigations; the General Secretary, for the NEC, the administrative suspension of a councillor
  /// accused of misconduct; a panel of five NEC members the coalition applications of council groups; a panel
  /// of three of the National Constitutional Committee the charges the NEC brings (expel or not); and at a council's
  /// selections, a panel of its Local Campaign Forum interviews the applicants and the regional office approves them.
  static std::vector<body_def> default_bodies() {
    const auto body = [](const char* id, const char* name, std::vector<std::string> decides) {
      body_def b;
      b.id = id;
      b.name = name;
      b.decides = std::move(decides);
      return b;
    };
    body_def nec = body("nec", "the NEC", {"request", "referral"});
    body_def org = body("organisation_committee", "the NEC's organisation committee", {"monitoring"});
    body_def disputes = body("disputes_panel", "an NEC disputes panel", {"findings"});
    disputes.members.size = 5;
    disputes.meets_every_weeks = 2;
    disputes.first_meeting_week = 0;
    disputes.capacity = 8;
    body_def gs = body("general_secretary", "the general secretary", {"allegation"});
    gs.members.from = member_source::staff;
    gs.majority = majority_rule::one_person;
    gs.meets_every_weeks = 1;
    gs.first_meeting_week = 0;
    gs.capacity = 20;
    gs.crisis = false;
    body_def coalitions = body("coalitions_panel", "an NEC panel on coalitions", {"coalition"});
    coalitions.members.size = 5;
    coalitions.meets_every_weeks = 1;
    coalitions.first_meeting_week = 0;
    coalitions.capacity = 10;
    // The NCC: elected by conference (25 members since 2018), not drawn from the NEC; it hears a case in a panel of
    // three. Its members' positions and centralism are the defaults of a body's own members.
    body_def ncc = body("ncc", "a National Constitutional Committee panel", {"hearing"});
    ncc.members.from = member_source::own;
    ncc.members.size = 3;
    ncc.meets_every_weeks = 4;
    ncc.first_meeting_week = 0;
    ncc.capacity = 8;
    ncc.emergency = false;
    ncc.crisis = false;
    // Council selections (Rule Book ch. 5; the LCF selection packs): a panel of the Local Campaign Forum -- delegates
    // of the local party -- interviews every applicant, sitting councillors included; the regional office, for the
    // NEC, approves the panel of candidates the wards select from. Five panel members is an assumption.
    body_def lcf = body("lcf_panel", "the Local Campaign Forum's panel", {"candidate_interview"});
    lcf.members.from = member_source::local;
    lcf.members.size = 5;
    body_def office = body("regional_office", "the regional office", {"candidate_list"});
    office.members.from = member_source::staff;
    office.majority = majority_rule::one_person;
    return {nec, org, disputes, gs, coalitions, ncc, lcf, office};
  }

  /// The bodies: the default if none is declared, a regional tier's board for each region that signs off its
  /// councils' deals (`regions[].powers.coalition_sign_off`) or runs their selections (`powers.selections`: it
  /// approves their panels of candidates) unless a body of that region already does, and each body's
  /// references. What a body leaves unset (-1) stays so: it follows the executive's values (rhythm_of).
  void institutions(const load_options& opt) {
    auto& bodies = s_.institutions.bodies;
    const executive_def& e = s_.executive;
    // With `keep_default_bodies` the declared bodies follow the party's defaults; `kept` of them, which the file does
    // not hold: an error names the declared body by its place in the file.
    std::size_t kept = 0;
    if (bodies.empty()) {
      bodies = default_bodies();
    } else if (s_.institutions.keep_default_bodies) {
      unique_ids(bodies, "institutions.bodies", [](const body_def& b) -> const std::string& { return b.id; });
      std::vector<body_def> all = default_bodies();
      for (std::size_t i = 0; i < bodies.size(); ++i)
        for (const body_def& d : all)
          if (d.id == bodies[i].id)
            fail("institutions.bodies[" + std::to_string(i) + "].id",
                 "'" + d.id + "' is one of the party's default bodies, kept by `keep_default_bodies`: give the added body another id");
      kept = all.size();
      all.insert(all.end(), bodies.begin(), bodies.end());
      bodies = std::move(all);
      // The list is now the party's whole set: a frozen scenario written out (`show`, a manifest) reloads as it is.
      s_.institutions.keep_default_bodies = false;
    }
    const auto body_path = [&](std::size_t i) {
      return "institutions.bodies[" + std::to_string(i >= kept ? i - kept : i) + "]";
    };
    // A region's board as a body deciding `kind` for its councils, unless a body of that region already does.
    const auto tier_body = [&](const region_def& r, const char* suffix, const char* kind) -> body_def* {
      for (const body_def& b : bodies)
        if (b.region == r.id && std::find(b.decides.begin(), b.decides.end(), kind) != b.decides.end()) return nullptr;
      body_def tier;
      tier.id = r.id + suffix;
      tier.name = r.name;
      tier.region = r.id;
      tier.members.from = member_source::region;
      tier.decides = {kind};
      bodies.push_back(tier);
      return &bodies.back();
    };
    for (const region_def& r : s_.regions) {
      // A region that runs its councils' selections (`powers.selections`) approves their panels of candidates.
      if (r.powers.selections) tier_body(r, "-selections", "candidate_list");
      if (!r.powers.coalition_sign_off) continue;
      if (body_def* tier = tier_body(r, "-tier", "coalition")) {
        tier->capacity = 10000;  // a tier's board takes every deal of its councils at a sitting
        tier->meets_every_weeks = r.meets_every_weeks;
        tier->first_meeting_week = r.first_meeting_week;
        tier->crisis = false;
      }
    }
    unique_ids(bodies, "institutions.bodies", [](const body_def& b) -> const std::string& { return b.id; });
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      body_def& b = bodies[i];
      const std::string path = body_path(i);
      if (b.name.empty()) b.name = b.id;
      if (!b.region.empty()) {
        for (std::size_t r = 0; r < s_.regions.size(); ++r)
          if (s_.regions[r].id == b.region) b.region_index = static_cast<int>(r);
        if (b.region_index < 0) fail(path + ".region", "'" + b.region + "' is not a region id" + id_hint(b.region, "region"));
      }
      body_members_def& m = b.members;
      switch (m.from) {
        case member_source::executive:
          if (m.size == 0 || m.size > e.size)
            fail(path + ".members.size", "a panel of the executive has 1 to " + std::to_string(e.size) +
                                             " members (executive.size), or -1 for all of them");
          break;
        case member_source::own:
          if (m.size < 0) m.size = 1;
          if (m.size == 0) fail(path + ".members.size", "a body needs at least one member");
          break;
        case member_source::region:
          if (b.region_index < 0) fail(path + ".members.from", "a body drawn from a region's board needs a `region`");
          if (m.size >= 0) fail(path + ".members.size", "a region's board has its region's size (regions[].size)");
          break;
        case member_source::staff:
          if (m.size > 1) fail(path + ".members.size", "the staff act as one official");
          m.size = 1;
          break;
        case member_source::local:
          if (m.size < 0) m.size = 5;
          if (m.size == 0) fail(path + ".members.size", "a body needs at least one member");
          if (i == 0) fail(path + ".members.from", "the first body decides every item no body lists: it cannot be a local party's panel");
          for (std::size_t k = 0; k < b.decides.size(); ++k)
            if (!is_selection_stage(b.decides[k]))
              fail(path + ".decides[" + std::to_string(k) + "]",
                   "a panel of the local party (`from: local`) decides only a council's selection stages (candidate_interview, "
                   "candidate_list), not '" + b.decides[k] + "'");
          if (!b.delegates.empty()) fail(path + ".delegates", "a panel of the local party delegates nothing");
          break;
      }
      const int seats = m.from == member_source::executive  ? (m.size < 0 ? e.size : m.size)
                        : m.from == member_source::region ? s_.regions[static_cast<std::size_t>(b.region_index)].size
                                                          : m.size;
      if (b.majority == majority_rule::one_person && seats != 1)
        fail(path + ".majority", "one_person needs a body of one member (it has " + std::to_string(seats) + ")");
      for (std::size_t k = 0; k < b.decides.size(); ++k) item_kind_name(opt, path + ".decides[" + std::to_string(k) + "]", b.decides[k]);
      if (b.meets_every_weeks == 0) fail(path + ".meets_every_weeks", "a body meets every 1 to 52 weeks (-1: as the executive)");
    }
    // One body per kind and scope: two bodies of the same region (or two national ones) may not decide one kind.
    for (std::size_t i = 0; i < bodies.size(); ++i)
      for (std::size_t k = 0; k < bodies[i].decides.size(); ++k)
        for (std::size_t j = 0; j < i; ++j)
          if (bodies[j].region_index == bodies[i].region_index &&
              std::find(bodies[j].decides.begin(), bodies[j].decides.end(), bodies[i].decides[k]) != bodies[j].decides.end())
            fail(body_path(i) + ".decides[" + std::to_string(k) + "]",
                 "'" + bodies[i].decides[k] + "' is already decided by '" + bodies[j].id + "'" +
                     (bodies[i].region.empty() ? "" : " for region '" + bodies[i].region + "'"));
    for (std::size_t i = 0; i < bodies.size(); ++i)
      for (std::size_t d = 0; d < bodies[i].delegates.size(); ++d) {
        delegation_def& del = bodies[i].delegates[d];
        const std::string path = body_path(i) + ".delegates[" + std::to_string(d) + "]";
        for (std::size_t j = 0; j < bodies.size(); ++j)
          if (bodies[j].id == del.to) del.body_index = static_cast<int>(j);
        if (del.body_index < 0) fail(path + ".to", "'" + del.to + "' is not a body id" + id_hint(del.to, "body"));
        if (del.body_index == static_cast<int>(i)) fail(path + ".to", "a body cannot delegate to itself");
        for (std::size_t k = 0; k < del.items.size(); ++k) {
          const std::string where = path + ".items[" + std::to_string(k) + "]";
          item_kind_name(opt, where, del.items[k]);
          if (is_selection_stage(del.items[k]))
            fail(where, "a selection stage is held when a council selects, not between meetings: it cannot be delegated");
          if (del.items[k] == review_stage) fail(where, "a group review is the board's own work: it cannot be delegated");
          const auto& own = bodies[i].decides;
          const bool first_decides_rest = i == 0;  // the first body decides every kind no body lists
          if (std::find(own.begin(), own.end(), del.items[k]) == own.end() && !first_decides_rest)
            fail(where, "'" + del.items[k] + "' is not an item this body decides (its `decides`)");
        }
      }
  }

  /// An item kind named in `institutions` must be one the rules file.
  void item_kind_name(const load_options& opt, const std::string& path, const std::string& name) const {
    if (opt.item_kinds.empty() || is_stage(name) ||
        std::find(opt.item_kinds.begin(), opt.item_kinds.end(), name) != opt.item_kinds.end())
      return;
    std::string known, best;
    std::size_t best_d = 3;
    std::vector<std::string> kinds = opt.item_kinds;
    kinds.insert(kinds.end(), selection_stages.begin(), selection_stages.end());
    kinds.emplace_back(review_stage);
    for (const auto& k : kinds) {
      known += (known.empty() ? "" : ", ") + k;
      if (const std::size_t d = edit_distance(name, k); d < best_d) {
        best_d = d;
        best = k;
      }
    }
    fail(path, "'" + name + "' is not a kind of item" + (best.empty() ? "" : " (did you mean '" + best + "'?)") + "; the kinds are: " + known);
  }

  /// Expands council_generators into councils (drawn with the generator's own seed: the same in every run).
  void generate_councils(const load_options& opt) {
    // Refuse absurd generators before expanding them: the councils alone, and the members they would hold.
    double councils = static_cast<double>(s_.councils.size()), members = 0, all_seats = 0;
    for (const auto& gen : s_.council_generators) {
      councils += gen.count;
      all_seats += gen.count * gen.seats.max;
      members += gen.count * gen.seats.max * gen.members_per_seat.max * (1 + s_.national.member_room_share);  // and recruits' rows
    }
    const double budget = opt.memory_budget_bytes > 0 ? opt.memory_budget_bytes : default_memory_budget();
    const double need = councils * opt.sizes.per_council + all_seats * opt.sizes.seat(s_.axes.size()) +
                        members * opt.sizes.member(s_.axes.size());
    if (!s_.council_generators.empty() && (councils > 200000 || need > budget))
      fail("council_generators", "the generators would make " + std::to_string(static_cast<long long>(councils)) +
                                     " councils needing up to " + human_bytes(need) + " (budget " + human_bytes(budget) +
                                     ", at most 200,000 councils); refused");
    for (std::size_t g = 0; g < s_.council_generators.size(); ++g) {
      const council_generator& gen = s_.council_generators[g];
      const std::string gp = "council_generators[" + std::to_string(g) + "]";
      slug(gp + ".id_prefix", gen.id_prefix);
      if (!gen.region.empty()) {
        bool found = false;
        for (const auto& r : s_.regions) found |= r.id == gen.region;
        if (!found) fail(gp + ".region", "unknown region '" + gen.region + "'" + id_hint(gen.region, "region"));
      }
      if (gen.detail == council_detail::background && !gen.election_weeks.empty())
        fail(gp + ".election_weeks", "background councils (detail: background) hold no election in the run (their "
                                     "councillors' traits are not drawn): give them detail: full");
      party_keys(gen.other_seats, gp + ".other_seats");
      if (gen.other_seats.find(s_.party)) fail(gp + ".other_seats." + s_.party, "other_seats lists the other parties only");
      named_values weights = gen.other_seats;
      if (weights.empty())
        for (const auto& p : s_.parties)
          if (p.id != s_.party) weights.set(p.id, 1.0);
      if (weights.total() <= 0) fail(gp + ".other_seats", "at least one weight must be positive");
      const draw_stream rng(static_cast<std::uint64_t>(gen.seed), g, 0, stream::setup_generator);
      auto draw = [&](const value_range& r, std::uint64_t k, std::uint64_t field) {
        return r.min + (r.max - r.min) * rng.uniform(k, field);
      };
      for (int k = 0; k < gen.count; ++k) {
        const auto kk = static_cast<std::uint64_t>(k);
        council_def c;
        c.generated = true;
        c.focus = false;  // the background of the case
        c.id = gen.id_prefix + "-" + std::to_string(k + 1);
        c.region = gen.region;
        const int total = std::max(1, static_cast<int>(std::lround(draw(gen.seats, kk, 0))));
        const int ours = static_cast<int>(std::lround(total * draw(gen.party_share, kk, 1)));
        c.seats.set(s_.party, ours);
        // The rest by largest remainder over the weights.
        const int rest = total - ours;
        std::vector<double> exact;
        int given = 0;
        for (double wgt : weights.values) {
          exact.push_back(rest * wgt / weights.total());
          given += static_cast<int>(std::floor(exact.back()));
        }
        std::vector<int> seats(exact.size());
        for (std::size_t i = 0; i < exact.size(); ++i) seats[i] = static_cast<int>(std::floor(exact[i]));
        while (given < rest) {
          std::size_t best = 0;
          for (std::size_t i = 1; i < exact.size(); ++i)
            if (exact[i] - seats[i] > exact[best] - seats[best]) best = i;
          ++seats[best];
          ++given;
        }
        for (std::size_t i = 0; i < seats.size(); ++i)
          if (seats[i] > 0) c.seats.set(weights.keys[i], seats[i]);
        c.seats_per_ward = gen.seats_per_ward;
        c.members.count = static_cast<long long>(std::lround(total * draw(gen.members_per_seat, kk, 2)));
        c.members.faction_share = draw(gen.faction_share, kk, 3);
        c.group.position = draw(gen.group_position, kk, 4);
        c.group.leader.position = draw(gen.leader_position, kk, 5);
        c.group.leader.resolve = draw(gen.leader_resolve, kk, 6);
        c.group.leader.autonomy = draw(gen.leader_autonomy, kk, 7);
        c.group.confrontation = draw(gen.confrontation, kk, 8);
        c.group.union_ties_share = draw(gen.union_ties_share, kk, 9);
        c.group.cabinet_size = std::min(gen.cabinet_size, ours);
        c.cycle = gen.cycle;
        c.election_weeks = gen.election_weeks;
        c.detail = gen.detail;
        // A generated council is not at its count: without a majority the largest party governs (as a minority).
        std::size_t largest = 0;
        for (std::size_t i = 1; i < c.seats.keys.size(); ++i)
          if (c.seats.values[i] > c.seats.values[largest]) largest = i;
        c.administration.push_back(c.seats.keys[largest]);
        marks_.record("councils[" + std::to_string(s_.councils.size()) + "]", marks_.at(gp));
        s_.councils.push_back(std::move(c));
      }
    }
    // The frozen scenario lists the generated councils; `show` output reloads without generating twice.
    s_.council_generators.clear();
  }

  int union_index(const std::string& id) const {
    for (std::size_t i = 0; i < s_.unions.size(); ++i)
      if (s_.unions[i].id == id) return static_cast<int>(i);
    return -1;
  }

  void party_keys(const named_values& v, const std::string& path) {
    for (std::size_t k = 0; k < v.keys.size(); ++k)
      if (s_.party_id(v.keys[k]) < 0)
        fail(path + "." + v.keys[k], "'" + v.keys[k] + "' is not a party id in `parties`" + id_hint(v.keys[k], "party"));
  }

  void election_weeks(const std::vector<int>& weeks, const std::string& path) const {
    for (std::size_t k = 0; k < weeks.size(); ++k) {
      const std::string pk = path + "[" + std::to_string(k) + "]";
      if (weeks[k] >= s_.weeks) fail(pk, "election week is after the end of the run (weeks: " + std::to_string(s_.weeks) + ")");
      if (k > 0 && weeks[k] <= weeks[k - 1]) fail(pk, "election weeks must increase");
    }
  }

  /// A council's listed wards: whole seats by known party, 1-20 a ward, at most 65,535 wards; their sum is the
  /// council's `seats` (stated as well, the two must agree).
  void wards(council_def& c, const std::string& p) {
    if (c.wards.size() > static_cast<std::size_t>(max_wards_per_council))
      fail(p + ".wards", std::to_string(c.wards.size()) + " wards, more than a council can have (" +
                             std::to_string(max_wards_per_council) + ")");
    named_values sum;
    for (std::size_t k = 0; k < c.wards.size(); ++k) {
      const std::string pk = p + ".wards[" + std::to_string(k) + "].seats";
      const named_values& seats = c.wards[k].seats;
      party_keys(seats, pk);
      for (std::size_t j = 0; j < seats.keys.size(); ++j) {
        if (seats.values[j] != std::floor(seats.values[j])) fail(pk + "." + seats.keys[j], "seats must be a whole number");
        sum.set(seats.keys[j], sum.get(seats.keys[j]) + seats.values[j]);
      }
      const double total = seats.total();
      if (total < 1 || total > 20) fail(pk, "a ward holds 1-20 seats; this one " + std::to_string(static_cast<int>(total)));
      const named_values& votes = c.wards[k].votes;
      if (!votes.empty()) {
        const std::string vk = p + ".wards[" + std::to_string(k) + "].votes";
        party_keys(votes, vk);
        if (votes.total() <= 0) fail(vk, "the votes add up to 0: state the votes cast for each party, or leave `votes` out");
      }
    }
    if (c.seats.empty()) {
      c.seats = sum;
      return;
    }
    for (std::size_t j = 0; j < s_.parties.size(); ++j) {
      const std::string& id = s_.parties[j].id;
      if (c.seats.get(id) != sum.get(id))
        fail(p + ".seats", "the council's seats give " + id + " " + std::to_string(static_cast<long long>(c.seats.get(id))) +
                               " but its wards give " + id + " " + std::to_string(static_cast<long long>(sum.get(id))) +
                               " (with `wards`, `seats` may be left out)");
    }
  }

  void councils() {
    if (s_.councils.empty()) fail("councils", "at least one council is needed");
    unique_ids(s_.councils, "councils", [](const council_def& c) -> const std::string& { return c.id; });
    for (std::size_t i = 0; i < s_.councils.size(); ++i) {
      auto& c = s_.councils[i];
      const std::string p = "councils[" + std::to_string(i) + "]";
      if (c.name.empty()) c.name = c.id;
      // Where the group and the members stand on the other axes: the party's place unless stated.
      const policy_point& own = s_.parties[static_cast<std::size_t>(s_.party_index)].more;
      c.group.more = place(c.group.position, c.group.positions, p + ".group.positions", own);
      c.members.more = place(c.members.position, c.members.positions, p + ".members.positions", own);
      // The flagship policy's axis.
      auto& policy = c.group.policy;
      policy.axis_index = 0;
      if (!policy.axis.empty()) {
        while (policy.axis_index < static_cast<int>(s_.axes.size()) && s_.axes[static_cast<std::size_t>(policy.axis_index)].id != policy.axis)
          ++policy.axis_index;
        if (policy.axis_index == static_cast<int>(s_.axes.size()))
          fail(p + ".group.policy.axis", "'" + policy.axis + "' is not an axis in `axes`");
      }
      // The group's last leadership contest before the run: a date on or before the start.
      c.group.last_contest_week = 1;
      if (!c.group.last_contest.empty()) {
        const auto day = parse_iso_date(c.group.last_contest), start = parse_iso_date(s_.start_date);
        if (!day) fail(p + ".group.last_contest", "'" + c.group.last_contest + "' is not a date of the form YYYY-MM-DD");
        if (start && *day > *start)
          fail(p + ".group.last_contest", c.group.last_contest + " is after the run's start_date " + s_.start_date +
                                              ": a contest in the run is the model's (R10) or an annual_meeting event");
        if (start) c.group.last_contest_week = -static_cast<int>((*start - *day + 6) / 7);
      }
      // A background council's group is not simulated week to week: nothing may be set going in it.
      if (c.detail == council_detail::background) {
        if (!c.disputes.empty()) fail(p + ".disputes", "a background council (detail: background) has no disputes: its weekly rules do not run");
        if (!c.mayor.election_weeks.empty())
          fail(p + ".mayor.election_weeks", "a background council (detail: background) holds no mayoral contest: give it detail: full");
        if (!c.election_weeks.empty())
          fail(p + ".election_weeks", "a background council (detail: background) holds no election in the run (its councillors' "
                                      "traits are not drawn): give it detail: full");
      }
      // Disputes on record: each ended on a date before the start, having gone at least to a ballot.
      for (std::size_t k = 0; k < c.disputes_on_record.size(); ++k) {
        dispute_record_def& d = c.disputes_on_record[k];
        const std::string dp = p + ".disputes_on_record[" + std::to_string(k) + "]";
        const auto day = parse_iso_date(d.ended), start = parse_iso_date(s_.start_date);
        if (!day) fail(dp + ".ended", "'" + d.ended + "' is not a date of the form YYYY-MM-DD");
        if (start && *day >= *start)
          fail(dp + ".ended", d.ended + " is not before the run's start_date " + s_.start_date +
                                  ": a dispute running at the start is one of `disputes`, with its intensity");
        if (d.reached != dispute_stage::ballot && d.reached != dispute_stage::strike && d.reached != dispute_stage::all_out)
          fail(dp + ".reached", "a dispute on record went to a ballot, a strike or an all-out strike (ballot, strike, all_out)");
        if (start) d.ended_week = -static_cast<int>((*start - *day + 6) / 7);
      }
      // Region.
      c.region_index = -1;
      if (!c.region.empty()) {
        for (std::size_t r = 0; r < s_.regions.size(); ++r)
          if (s_.regions[r].id == c.region) c.region_index = static_cast<int>(r);
        if (c.region_index < 0) fail(p + ".region", "unknown region '" + c.region + "'" + id_hint(c.region, "region"));
      }
      // Wards as they are (issue 34): each holds 1-20 seats by party; together they are the council's seats.
      if (!c.wards.empty()) wards(c, p);
      else if (c.seats.empty()) fail(p + ".seats", "required key is missing: give the council's `seats` by party, or its `wards`");
      // Seats: whole numbers by known party, at least one seat.
      party_keys(c.seats, p + ".seats");
      for (std::size_t k = 0; k < c.seats.keys.size(); ++k)
        if (c.seats.values[k] != std::floor(c.seats.values[k]))
          fail(p + ".seats." + c.seats.keys[k], "seats must be a whole number");
      const double total = c.seats.total();
      if (total < 1) fail(p + ".seats", "a council needs at least one seat");
      // A council's wards are numbered in 16 bits (the largest English council has about 70 wards; issue 36).
      if (const double wards = std::ceil(total / c.seats_per_ward); c.wards.empty() && wards > max_wards_per_council)
        fail(p + ".seats_per_ward", "these seats make " + std::to_string(static_cast<long long>(wards)) +
                                        " wards, more than a council can have (" + std::to_string(max_wards_per_council) +
                                        "); give more seats a ward or fewer seats");
      // Baseline vote shares: given (must sum to 1) or proportional to seats.
      if (c.vote_shares.empty()) {
        for (std::size_t k = 0; k < c.seats.keys.size(); ++k) c.vote_shares.set(c.seats.keys[k], c.seats.values[k] / total);
      } else {
        party_keys(c.vote_shares, p + ".vote_shares");
        double sum = c.vote_shares.total();
        if (std::abs(sum - 1.0) > 0.02)
          fail(p + ".vote_shares", "vote shares add up to " + std::to_string(sum) + ", expected 1");
      }
      // Seats before the count (R12): default, no change.
      party_keys(c.seats_before, p + ".seats_before");
      if (c.seats_before.empty()) c.seats_before = c.seats;
      // Seats a cycle before (R17, R18: the group's results at the polls): default, no change.
      party_keys(c.seats_a_cycle_ago, p + ".seats_a_cycle_ago");
      if (c.seats_a_cycle_ago.empty()) c.seats_a_cycle_ago = c.seats;
      // The councillors rooted in the area's community: by default, as many as its share of the voters.
      if (c.community.group_share < 0) c.community.group_share = c.community.share;
      // Administration: given, or the majority party; with no majority it is formed at week 0 (R11).
      c.administration_mask = 0;
      if (c.administration.empty()) {
        for (std::size_t k = 0; k < c.seats.keys.size(); ++k)
          if (2 * c.seats.values[k] > total) c.administration.push_back(c.seats.keys[k]);
      }
      for (std::size_t k = 0; k < c.administration.size(); ++k) {
        int pi = s_.party_id(c.administration[k]);
        if (pi < 0) fail(p + ".administration[" + std::to_string(k) + "]", "'" + c.administration[k] + "' is not a party id" + id_hint(c.administration[k], "party"));
        c.administration_mask |= 1u << pi;
      }
      // Parties sustaining the given administration from outside (confidence and supply).
      if (!c.support.empty() && c.administration.empty())
        fail(p + ".support", "support is for a given minority administration; give its parties in `administration`");
      for (std::size_t k = 0; k < c.support.size(); ++k) {
        const std::string pk = p + ".support[" + std::to_string(k) + "]";
        const int pi = s_.party_id(c.support[k]);
        if (pi < 0) fail(pk, "'" + c.support[k] + "' is not a party id" + id_hint(c.support[k], "party"));
        if ((c.administration_mask >> pi) & 1u) fail(pk, "'" + c.support[k] + "' is in the administration itself");
        c.administration_mask |= 1u << (pi + support_shift);
      }
      c.negotiated_mask = negotiated(c, p, total);
      if (!c.administration_approved &&
          (!((arrangement_parties(c.administration_mask) >> s_.party_index) & 1u) ||
           std::popcount(arrangement_parties(c.administration_mask)) < 2))
        fail(p + ".administration_approved",
             "only a deal of the party with other parties needs the executive's sign-off; the administration " +
                 std::string(c.administration.empty() ? "is formed at week 0" : "is not one"));
      // Election weeks (the council's and the mayor's) inside the run, increasing.
      election_weeks(c.election_weeks, p + ".election_weeks");
      election_weeks(c.mayor.election_weeks, p + ".mayor.election_weeks");
      for (const auto& [list, key] : {std::pair{&c.mayor.stand_aside, ".mayor.stand_aside["}, std::pair{&c.stand_aside, ".stand_aside["}})
        for (std::size_t k = 0; k < list->size(); ++k) {
          const std::string& id = (*list)[k];
          const std::string at = p + key + std::to_string(k) + "]";
          const int q = s_.party_id(id);
          if (q < 0) fail(at, "'" + id + "' is not a party id" + id_hint(id, "party"));
          if (q == s_.party_index || id == "ind")
            fail(at, "'" + id + "' cannot stand aside for an independent against the party: only another party can");
        }
      // Group.
      const int party_seats = static_cast<int>(c.seats.get(s_.party));
      if (c.group.cabinet_size > party_seats && party_seats > 0)
        fail(p + ".group.cabinet_size", "cabinet of " + std::to_string(c.group.cabinet_size) + " but the party holds " +
                                            std::to_string(party_seats) + " seats");
      if (std::isnan(c.group.leader.position)) c.group.leader.position = c.group.position;
      // Members.
      if (c.members.count < 0) c.members.count = static_cast<long long>(20 * total);
      // Disputes.
      unique_ids(c.disputes, p + ".disputes", [](const dispute_def& d) -> const std::string& { return d.id; });
      for (std::size_t k = 0; k < c.disputes.size(); ++k)
        if (union_index(c.disputes[k].union_id) < 0)
          fail(p + ".disputes[" + std::to_string(k) + "].union", "unknown union '" + c.disputes[k].union_id + "'" + id_hint(c.disputes[k].union_id, "union"));
    }
  }

  /// What a mistyped id was probably meant to be: " (did you mean 'x'?)" for a near one, else the ids there are (the
  /// first dozen) -- parties, councils, regions, unions or bodies.
  std::string id_hint(const std::string& name, const std::string& kind) const {
    std::vector<std::string> ids;
    if (kind == "party")
      for (const auto& x : s_.parties) ids.push_back(x.id);
    if (kind == "council")
      for (const auto& x : s_.councils) ids.push_back(x.id);
    if (kind == "region")
      for (const auto& x : s_.regions) ids.push_back(x.id);
    if (kind == "union")
      for (const auto& x : s_.unions) ids.push_back(x.id);
    if (kind == "body")
      for (const auto& x : s_.institutions.bodies) ids.push_back(x.id);
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const auto& id : ids)
      if (const std::size_t d = edit_distance(name, id); d < best_d) best_d = d, best = id;
    if (!best.empty()) return " (did you mean '" + best + "'?)";
    if (ids.empty()) return "; the scenario has no " + kind + " ids";
    std::string list;
    for (std::size_t i = 0; i < ids.size() && i < 12; ++i) list += (i ? ", " : "") + ids[i];
    return "; the " + kind + " ids are: " + list + (ids.size() > 12 ? ", ..." : "");
  }

  int council_index(const std::string& id) const {
    for (std::size_t i = 0; i < s_.councils.size(); ++i)
      if (s_.councils[i].id == id) return static_cast<int>(i);
    return -1;
  }

  void targets() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s_.targets.size(); ++i) {
      auto& t = s_.targets[i];
      const std::string p = "targets[" + std::to_string(i) + "]";
      slug(p + ".name", t.name);
      if (!seen.insert(t.name).second) fail(p + ".name", "duplicate target name '" + t.name + "'");
      t.council_index = t.council.empty() ? -1 : council_index(t.council);
      if (!t.council.empty() && t.council_index < 0) fail(p + ".council", "unknown council '" + t.council + "'" + id_hint(t.council, "council"));
      if (t.range.empty()) {
        t.lo = t.hi = t.observed;
      } else {
        if (t.range.size() != 2) fail(p + ".range", "a range is [lo, hi]");
        t.lo = t.range[0];
        t.hi = t.range[1];
        if (t.lo > t.hi) fail(p + ".range", "lo is greater than hi");
        if (t.observed < t.lo || t.observed > t.hi) fail(p + ".observed", "the observed value lies outside its range");
      }
      if (!t.equals.empty()) administration_target(t, p);
      if (t.timed()) timing_target(t, p);
      if (t.statistic == target_statistic::share && (t.lo < 0 || t.hi > 1))
        fail(p + ".observed", "a share is between 0 and 1");
      // An outcome that names no column would read nothing and always score a distance of 0 (issue 36 F4).
      if (t.outcome.find_first_not_of(" \t+") == std::string::npos)
        fail(p + ".outcome", "names no column: give a numeric column of runs.csv (or councils.csv with `council`), or several joined by '+'");
      if (t.tolerance == 0) fail(p + ".tolerance", "a tolerance must be positive (or left out)");
      // Left out (-1, which a file cannot state: the range starts at 0): the default, resolved here so that `show`
      // prints the tolerance a calibration uses.
      if (t.tolerance < 0) t.tolerance = default_tolerance(t);
      t.mark = marks_.at(p + ".outcome");
      dated_target(t, p);
    }
  }

  /// A fact on when its outcome first happened (`within_weeks`): 1 in a run whose counts first become positive within
  /// that many weeks of the documented day, a share of runs. It reads counts, never a level or an administration.
  void timing_target(target_def& t, const std::string& p) {
    if (t.within_weeks != std::floor(t.within_weeks)) fail(p + ".within_weeks", "a whole number of weeks");
    if (t.happened.empty()) fail(p + ".within_weeks", "`within_weeks` times the outcome against the day it `happened`: give that date");
    if (!t.at.empty()) fail(p + ".at", "a fact on when the outcome first happened (`within_weeks`) reads the whole run; `at` reads a level on a day");
    if (!t.equals.empty()) fail(p + ".equals", "`within_weeks` times counts; `equals` reads the administration at the end of the run");
    if (t.statistic == target_statistic::median) fail(p + ".statistic", "a fact on when (`within_weeks`) is a share of runs (statistic: share)");
    t.statistic = target_statistic::share;
  }

  /// A target on which administration formed (`equals`): councils.csv's `administration_end` in its council, a share of
  /// runs. `equals` is read as councils.csv writes an administration -- governing parties joined by '+', then
  /// optionally " (supported by a+b)" -- and rewritten in the scenario's order of parties, so that the runs' text can be
  /// compared with it as it is.
  void administration_target(target_def& t, const std::string& p) {
    const auto trim = [](std::string x) {
      const auto a = x.find_first_not_of(" \t"), b = x.find_last_not_of(" \t");
      return a == std::string::npos ? std::string() : x.substr(a, b - a + 1);
    };
    if (trim(t.outcome) != "administration_end")
      fail(p + ".equals", "`equals` is for `outcome: administration_end` (the administration a council ends the run with)");
    if (t.council.empty()) fail(p + ".council", "a target on a council's administration (`equals`) names the council");
    if (!t.at.empty()) fail(p + ".at", "a target on the administration reads it at the end of the run; `at` is for weekly reporters");
    if (t.statistic == target_statistic::median) fail(p + ".statistic", "a target with `equals` is a share of runs (statistic: share)");
    t.statistic = target_statistic::share;
    std::string governing = t.equals, supporting;
    if (const auto open = governing.find('('); open != std::string::npos) {
      const std::string inner = trim(governing.substr(open + 1));
      const std::string lead = "supported by ";
      if (inner.size() < lead.size() + 2 || inner.compare(0, lead.size(), lead) != 0 || inner.back() != ')')
        fail(p + ".equals", "'" + t.equals + "': write an administration as \"a+b\" or \"a (supported by b+c)\"");
      supporting = inner.substr(lead.size(), inner.size() - lead.size() - 1);
      governing = governing.substr(0, open);
    }
    const auto parties = [&](const std::string& list, int shift) {
      std::uint32_t mask = 0;
      std::size_t from = 0;
      while (from <= list.size()) {
        const auto plus = std::min(list.find('+', from), list.size());
        const std::string id = trim(list.substr(from, plus - from));
        const int pi = s_.party_id(id);
        if (pi < 0) fail(p + ".equals", "'" + id + "' in '" + t.equals + "' is not a party id" + (id.empty() ? "" : id_hint(id, "party")));
        if (mask & (1u << (pi + shift)))
          fail(p + ".equals", "'" + id + "' is named twice in '" + t.equals + "'");
        mask |= 1u << (pi + shift);
        from = plus + 1;
      }
      return mask;
    };
    const std::uint32_t governs = parties(governing, 0), supports = supporting.empty() ? 0 : parties(supporting, support_shift);
    if (governs & supporting_parties(supports)) fail(p + ".equals", "a party in '" + t.equals + "' both governs and supports");
    t.equals = administration_text(s_, governs | supports);
  }

  /// A dated target reads the weekly reporters at the end of the week holding `at`, minus (with `since`) their value
  /// at the start of the week holding `since`: both dates inside the run, `since` not after `at`. The day a documented
  /// event `happened` is inside the run too.
  void dated_target(target_def& t, const std::string& p) {
    const long start = *parse_iso_date(s_.start_date);
    const auto week_of = [&](const std::string& date, const std::string& path) {
      const auto days = parse_iso_date(date);
      if (!days) fail(path, "'" + date + "' is not a date of the form YYYY-MM-DD");
      if (*days < start) fail(path, date + " is before the run's start_date " + s_.start_date);
      const long week = (*days - start) / 7;
      if (week >= s_.weeks)
        fail(path, date + " is week " + std::to_string(week) + ", after the run's last week (" + std::to_string(s_.weeks - 1) + ")");
      return static_cast<int>(week);
    };
    if (!t.happened.empty()) t.happened_week = week_of(t.happened, p + ".happened");
    if (t.at.empty()) {
      if (!t.since.empty()) fail(p + ".since", "`since` needs `at`: the change from the start of the week holding `since` to the end of the week holding `at`");
      return;
    }
    t.at_week = week_of(t.at, p + ".at");
    if (!t.since.empty()) {
      const int since = week_of(t.since, p + ".since");
      if (since > t.at_week) fail(p + ".since", t.since + " is after `at` (" + t.at + ")");
      t.since_week = since - 1;
    }
  }

  void events() {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < s_.events.size(); ++i) {
      auto& e = s_.events[i];
      const std::string p = "events[" + std::to_string(i) + "]";
      if (!e.id.empty()) {  // optional: an event without an id is addressed by its index, as written
        slug(p + ".id", e.id);
        if (!ids.insert(e.id).second) fail(p + ".id", "duplicate id '" + e.id + "'");
      }
      if (e.week >= s_.weeks) fail(p + ".week", "event is after the end of the run (weeks: " + std::to_string(s_.weeks) + ")");
      const bool needs_council = e.type != event_kind::executive_election;
      if (needs_council) {
        if (e.council.empty()) fail(p + ".council", "this event type needs a council");
        e.council_index = council_index(e.council);
        if (e.council_index < 0) fail(p + ".council", "unknown council '" + e.council + "'" + id_hint(e.council, "council"));
        if (s_.councils[static_cast<std::size_t>(e.council_index)].detail == council_detail::background)
          fail(p + ".council", "'" + e.council + "' is a background council (detail: background): its weekly rules do not "
                               "run, so nothing can happen there; give it detail: full");
      }
      if (e.type != event_kind::allegation && e.subject != allegation_subject::leader)
        fail(p + ".subject", "only an allegation has a subject");
      if (e.type != event_kind::allegation && e.count != 0) fail(p + ".count", "only an allegation has a count");
      if (e.type != event_kind::executive_election && (!e.section.empty() || e.seats != 0 || e.new_seats || e.method != "block"))
        fail(p + (!e.section.empty() ? ".section" : e.seats != 0 ? ".seats" : e.new_seats ? ".new_seats" : ".method"),
             "only an executive_election has a section, seats, new_seats or method");
      if (e.type != event_kind::annual_meeting && !e.leader_up) fail(p + ".leader_up", "only an annual_meeting has leader_up");
      if (e.method != "block" && e.method != "stv")
        fail(p + ".method", "'" + e.method + "' is not a counting method (block: the candidates with most votes win; stv: the single transferable vote)");
      if (e.method == "stv" && e.section != "clp")
        fail(p + ".method", "only the members' election (section: clp) is counted by stv; the unions vote as blocs and the leader appoints");
      switch (e.type) {
        case event_kind::dispute_start:
          if (e.dispute.empty()) fail(p + ".dispute", "a dispute_start event needs a dispute id");
          e.union_index = union_index(e.union_id);
          if (e.union_index < 0) fail(p + ".union", "unknown union '" + e.union_id + "'" + id_hint(e.union_id, "union"));
          // value: the starting intensity (NaN: the rules' default, set by the full loader)
          break;
        case event_kind::impose_terms:
        case event_kind::injunction_threat:
        case event_kind::talks_offer: {
          if (e.dispute.empty()) fail(p + ".dispute", "this event type needs a dispute id");
          bool found = false;
          for (const auto& d : s_.councils[static_cast<std::size_t>(e.council_index)].disputes) found |= (d.id == e.dispute);
          for (const auto& o : s_.events)
            found |= (o.type == event_kind::dispute_start && o.council == e.council && o.dispute == e.dispute && o.week <= e.week);
          if (!found) fail(p + ".dispute", "no dispute '" + e.dispute + "' in council '" + e.council + "' by then");
          if (std::isnan(e.value)) e.value = 0;
          break;
        }
        case event_kind::referral:
          if (!e.union_id.empty()) {
            e.union_index = union_index(e.union_id);
            if (e.union_index < 0) fail(p + ".union", "unknown union '" + e.union_id + "'" + id_hint(e.union_id, "union"));
          }
          // value: the urgency (NaN: the rules' default)
          break;
        case event_kind::executive_election: {
          // A dated election is a fact; who wins it is the model's (R22).
          if (!std::isnan(e.value))
            fail(p + ".value", "an executive_election states the election, not its result: give section and seats, and the "
                               "members (or the unions) vote (R22); the executive's make-up at the start is executive.left_share");
          if (e.section != "clp" && e.section != "union" && e.section != "frontbench")
            fail(p + ".section", e.section.empty() ? "an executive_election needs a section: clp (the members vote), union (the unions as "
                                                     "blocs) or frontbench (the party leader appoints)"
                                                   : "'" + e.section + "' is not an elected section (clp: the members vote; union: the "
                                                     "unions as blocs; frontbench: the party leader appoints)");
          if (e.section == "frontbench" && !s_.party_leader.stated())
            fail(p + ".section", "the party leader appoints the frontbench section, but the scenario states no party_leader");
          if (e.seats < 1) fail(p + ".seats", "an executive_election needs the number of seats up for election (1 or more)");
          if (e.section == "union" && s_.unions.empty())
            fail(p + ".section", "the unions elect their section as blocs, but the scenario declares no unions");
          // The section's seats by then: at the start, plus seats created by earlier elections.
          int held = static_cast<int>(s_.executive.sections.get(e.section));
          int grown = 0;  // seats created by all the elections before it
          for (std::size_t j = 0; j < i; ++j) {
            const auto& o = s_.events[j];
            if (o.type != event_kind::executive_election || !o.new_seats) continue;
            grown += o.seats;
            if (o.section == e.section && o.week <= e.week) held += o.seats;
          }
          if (!e.new_seats && e.seats > held)
            fail(p + ".seats", std::to_string(e.seats) + " seats up for election but the " + e.section + " section holds " +
                                   std::to_string(held) + " by then (new_seats: true creates seats)");
          if (e.new_seats && s_.executive.size + grown + e.seats > 1001) fail(p + ".seats", "the executive would exceed 1001 members");
          break;
        }
        case event_kind::request: break;  // value: the share of the group (NaN: the rules' default)
        case event_kind::pact_allegation:
          // The allegation is the fact; what the centre does about it is R12's, and what the deal's signing body makes of
          // it R11's.
          if (!std::isnan(e.value)) fail(p + ".value", "a pact_allegation has no value: it states that the allegation is made");
          break;
        case event_kind::annual_meeting: {
          if (!std::isnan(e.value)) fail(p + ".value", "an annual_meeting has no value: who leads after it is the model's (R10)");
          const council_def& c = s_.councils[static_cast<std::size_t>(e.council_index)];
          if (c.group.leader.directly_elected)
            fail(p + ".council", "council '" + e.council + "' is led by a directly elected mayor, whom the group's meeting does not elect");
          break;
        }
        case event_kind::central_selection:
          if (std::isnan(e.value)) e.value = 1.0;
          break;
        case event_kind::allegation: {
          if (std::isnan(e.value)) e.value = 0.5;
          if (e.value < 0 || e.value > 1) fail(p + ".value", "an allegation's severity must lie in 0..1");
          const council_def& c = s_.councils[static_cast<std::size_t>(e.council_index)];
          const bool counted = e.subject == allegation_subject::councillors || e.subject == allegation_subject::members ||
                               e.subject == allegation_subject::local_party;
          if (e.count != 0 && !counted)
            fail(p + ".count", "an allegation whose subject is '" + std::string(to_string(e.subject)) +
                                   "' has no count (count is for councillors, members or a local_party's officers)");
          if (e.subject == allegation_subject::local_party && e.count > 64)
            fail(p + ".count", "a local party has at most 64 officers");
          if (e.count == 0 && counted) e.count = e.subject == allegation_subject::local_party ? 3 : 1;
          if (e.subject == allegation_subject::mayor && !c.group.leader.directly_elected)
            fail(p + ".subject", "council '" + e.council + "' has no mayor of the party (group.leader.directly_elected is false)");
          if (e.subject == allegation_subject::mayoral_candidate && c.mayor.election_weeks.empty())
            fail(p + ".subject", "council '" + e.council + "' holds no contest for mayor (mayor.election_weeks), so has no candidate for it");
          if (e.subject == allegation_subject::faction && c.members.faction_share <= 0)
            fail(p + ".subject", "council '" + e.council + "' has no organised faction (members.faction_share is 0)");
          break;
        }
      }
    }
    // Sorted by week only after checking, so that error paths name the events as written.
    std::stable_sort(s_.events.begin(), s_.events.end(),
                     [](const event_def& a, const event_def& b) { return a.week < b.week; });
  }

  scenario& s_;
  mark_table& marks_;
};

}  // namespace

std::shared_ptr<scenario> read_scenario_tree(const yaml_node& root, const load_options& opt, mark_table& marks) {
  if (root.kind != yaml_kind::map)
    throw scenario_error(root.mark, "", "a scenario must be a YAML mapping, got " + std::string(root.kind_name()));
  // A sweep or calibration file given where a scenario is expected: say what it is and which command reads it, rather
  // than which scenario key it lacks.
  if (!root.find("parties") && !root.find("councils") && root.find("parameters")) {
    if (root.find("scenario"))
      throw scenario_error(root.mark, "", "this is a sweep file, not a scenario: `partyline sweep FILE --out DIR` runs it");
    if (root.find("cases") || root.find("from"))
      throw scenario_error(root.mark, "", "this is a calibration file, not a scenario: `partyline calibrate FILE --out DIR` runs it");
  }
  auto s = std::make_shared<scenario>();
  s->rules = opt.rules;
  marks.record("", root.mark);
  schema_reader::read(root, "", *s, {}, &marks);
  resolver(*s, marks).run(opt);
  return s;
}

std::string administration_text(const scenario& s, std::uint32_t mask) {
  const auto list = [&](std::uint32_t parties) {
    std::string out;
    for (std::size_t p = 0; p < s.parties.size(); ++p)
      if (parties & (1u << p)) out += (out.empty() ? "" : "+") + s.parties[p].id;
    return out;
  };
  const std::string governing = list(governing_parties(mask)), supporting = list(supporting_parties(mask));
  if (governing.empty()) return "none";
  return supporting.empty() ? governing : governing + " (supported by " + supporting + ")";
}

std::string to_yaml(const scenario& s) {
  YAML::Emitter out;
  out.SetIndent(2);
  schema_emitter em(out);
  em.write(const_cast<scenario&>(s));  // describe() is shared with the reader; the emitter only reads
  return std::string(out.c_str()) + "\n";
}

}  // namespace partyline

