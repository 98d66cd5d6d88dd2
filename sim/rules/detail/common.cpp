// What the rules share: see partyline/rules/detail/common.hpp.
#include "partyline/rules/detail/common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>

namespace partyline::detail {

std::string format(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return buf;
}

id_range<member_id, std::uint64_t> ward_members(const world& w, const council_state& c, std::uint16_t ward) {
  const auto* first = w.members.ward.data() + c.rows.member_begin;
  const auto* last = w.members.ward.data() + c.rows.member_end;
  const auto lo = std::lower_bound(first, last, ward);
  const auto hi = std::upper_bound(lo, last, ward);
  return {c.rows.member_begin + static_cast<std::uint64_t>(lo - first),
          c.rows.member_begin + static_cast<std::uint64_t>(hi - first)};
}

double members_choice(const world& w, const council_state& c, std::uint16_t ward, double fallback) {
  double sum = 0;
  int n = 0;
  for (const member_id m : ward_members(w, c, ward))
    if (member_is_active(w, c, m)) {
      sum += w.members.position_of(m);
      ++n;
    }
  return n > 0 ? sum / n : fallback;
}

void close_allegation(world& w, council_state& c) {
  c.centre.allegation = 0;
  c.centre.accused = nobody;
  c.centre.accused_led = false;
  auto& seats = w.councillors.complained_of;
  std::fill(seats.begin() + c.rows.seat_begin, seats.begin() + c.rows.seat_end, std::uint8_t{0});
  // Members are marked only by a complaint about the local party, a faction or members: no scan of them otherwise.
  if (marks_members(c.centre.subject)) {
    auto& members = w.members.complained_of;
    std::fill(members.begin() + static_cast<std::ptrdiff_t>(c.rows.member_begin),
              members.begin() + static_cast<std::ptrdiff_t>(c.rows.member_end), std::uint8_t{0});
  }
  c.centre.subject = allegation_subject::leader;
}

std::int64_t active_members(const world& w, const council_state& c) {
  // Branch-free, and the same test as member_is_active.
  const auto threshold = static_cast<float>(w.params->member_mood.active_above);
  const float mobilisation = c.membership.mobilisation;
  const float* __restrict quiet = w.members.quiet_activism.data();
  const member_status* __restrict st = w.members.status.data();
  std::int64_t n = 0;
  for (std::uint64_t m = c.rows.member_begin; m < c.rows.member_end; ++m)  // plain rows over raw columns: vectorised
    n += (quiet[m] + mobilisation >= threshold) & (st[m] == member_status::member);
  return n;
}

bool seat_up(const world& w, const council_state& c, councillor_id r) {
  // A directly elected mayor holds a row of the group but is elected by the whole area (R21), not by a ward.
  if (c.leadership.directly_elected && r == c.leadership.leader) return false;
  const council_def& def = w.scen->councils[row(index_of(w, c))];
  if (def.cycle == election_cycle::all_out) return true;
  const ward_state& ward = w.wards[c.rows.ward_begin + w.councillors.ward[r]];
  const auto slot = static_cast<int>(row(r) - ward.seat_begin);
  return slot == c.electoral.elections_held % std::max<int>(1, ward.seats);
}

double division_index(const world& w, const council_state& c) {
  const int others = c.derived.group_size - 1;
  const double dissatisfied = others > 0 ? static_cast<double>(c.derived.dissatisfied) / others : 0.0;
  return dissatisfied + w.params->R6.division_stock_weight * c.division.stock;
}

double group_median(world& w, const council_state& c) {
  float* tmp = w.work.values.data() + c.rows.seat_begin;
  std::size_t n = 0;
  for (const councillor_id r : group_rows(w, c)) tmp[n++] = w.councillors.position[r];
  if (n == 0) return 0.0;
  std::nth_element(tmp, tmp + n / 2, tmp + n);
  return tmp[n / 2];
}

councillor_id nearest_group_councillor(const world& w, const council_state& c, double target, councillor_id except) {
  councillor_id best = nobody;
  double best_d = 1e9;
  for (const councillor_id r : group_rows(w, c)) {
    if (r == except || w.councillors.status[r] != councillor_status::sitting) continue;
    const double d = std::abs(w.councillors.position[r] - target);
    if (d < best_d) {
      best_d = d;
      best = r;
    }
  }
  return best;
}

agenda_item new_item(const world& w, council_id ci, const item_kind_def& kind, double urgency, double strength,
                     double requester_position) {
  agenda_item item;
  item.kind = &kind;
  item.council = ci;
  item.week_filed = w.week;
  item.urgency = urgency;
  item.strength = strength;
  item.requester_position = requester_position;
  return item;
}

namespace {

std::size_t kind_bit(const world& w, const item_kind_def& kind) {
  const int k = w.institutions.index_of(kind);
  if (k < 0) throw std::logic_error("an item of a kind the world does not know: " + std::string(kind.name));
  return static_cast<std::size_t>(k);
}

}  // namespace

void file_item(world& w, council_id ci, const agenda_item& item) {
  w.outbox[ci].push_back(item);
  centre_state& centre = w.councils[ci].centre;
  const std::size_t k = kind_bit(w, *item.kind);
  centre.pending |= 1u << k;
  centre.last_filed[k] = w.week;
  if (centre.first_item_week < 0) centre.first_item_week = w.week;
}

bool pending(const world& w, const council_state& c, const item_kind_def& kind) { return (c.centre.pending >> kind_bit(w, kind)) & 1u; }

int last_filed(const world& w, const council_state& c, const item_kind_def& kind) { return c.centre.last_filed[kind_bit(w, kind)]; }

void clear_pending(const world& w, council_state& c, const item_kind_def& kind) { c.centre.pending &= ~(1u << kind_bit(w, kind)); }

const crisis_window* crisis_at(const scenario& s, int week) {
  for (const auto& cw : s.executive.crisis_windows)
    if (week >= cw.from_week && week <= cw.to_week) return &cw;
  return nullptr;
}

}  // namespace partyline::detail
