// The world's layout (which rows each council owns), its memory cost, and the fingerprints behind the rules'
// access declarations.
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "partyline/random.hpp"
#include "partyline/world/access.hpp"
#include "partyline/world/world.hpp"

namespace partyline {

namespace {

int wards_of(const council_def& c) {
  if (!c.wards.empty()) return static_cast<int>(c.wards.size());
  const int seats = static_cast<int>(c.seats.total());
  return (seats + c.seats_per_ward - 1) / c.seats_per_ward;
}

int dispute_slots(const scenario& s, std::size_t council) {
  int n = static_cast<int>(s.councils[council].disputes.size()) + 2;  // two slots for emergent disputes
  for (const auto& e : s.events)
    if (e.type == event_kind::dispute_start && e.council_index == static_cast<int>(council)) ++n;
  return n;
}

/// Work space per seat (work_buffers: one float, one row index and R16's opinion order).
constexpr std::size_t work_bytes_per_seat = sizeof(float) + 2 * sizeof(std::uint32_t);

}  // namespace

double executive_median(const executive_state& ex) {
  std::vector<float> pos;
  pos.reserve(ex.members.size());
  for (const auto& m : ex.members) pos.push_back(m.position);
  if (pos.empty()) return 0;
  std::sort(pos.begin(), pos.end());
  const std::size_t n = pos.size();
  return n % 2 ? pos[n / 2] : 0.5 * (pos[n / 2 - 1] + pos[n / 2]);
}

double executive_centralism(const executive_state& ex) {
  double sum = 0;
  for (const auto& m : ex.members) sum += m.centralism;
  return ex.members.empty() ? 0.5 : sum / static_cast<double>(ex.members.size());
}

world_sizes world_layout_sizes() {
  world_sizes s;
  s.per_council = 4096.0;
  s.per_seat = static_cast<double>(bytes_per_seat + work_bytes_per_seat);
  s.per_member = static_cast<double>(bytes_per_member);
  s.per_seat_axis = sizeof(float);          // councillor_columns::more
  s.per_member_axis = sizeof(std::int16_t);  // member_columns::more
  return s;
}

memory_estimate estimate_world_memory(const scenario& s) {
  const world_sizes size = world_layout_sizes();
  memory_estimate est;
  double biggest = -1;
  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    const auto& c = s.councils[i];
    const long long seats = static_cast<long long>(c.seats.total());
    const long long members =
        static_cast<long long>(member_rows_for(static_cast<std::uint64_t>(c.members.count < 0 ? 20 * seats : c.members.count), s.national.member_room_share));
    est.seats += seats;
    est.members += members;
    const double weight = static_cast<double>(members) * size.member(s.axes.size()) + static_cast<double>(seats) * size.seat(s.axes.size());
    if (weight > biggest) {
      biggest = weight;
      est.largest_council = static_cast<int>(i);
    }
  }
  est.bytes = static_cast<double>(est.members) * size.member(s.axes.size()) + static_cast<double>(est.seats) * size.seat(s.axes.size()) +
              static_cast<double>(s.councils.size()) * (sizeof(council_state) + size.per_council) +
              static_cast<double>(est.seats) * sizeof(ward_state) + 16.0 * 1024 * 1024;
  return est;
}

void lay_out_world(world& w) {
  const scenario& s = *w.scen;
  std::size_t n_seats = 0, n_wards = 0, n_disputes = 0;
  std::uint64_t n_members = 0;
  w.councils.resize(s.councils.size());
  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    const auto& def = s.councils[i];
    auto& rows = w.councils[i].rows;
    rows.seat_begin = static_cast<std::uint32_t>(n_seats);
    n_seats += static_cast<std::size_t>(def.seats.total());
    rows.seat_end = static_cast<std::uint32_t>(n_seats);
    rows.ward_begin = static_cast<std::uint32_t>(n_wards);
    n_wards += static_cast<std::size_t>(wards_of(def));
    rows.ward_end = static_cast<std::uint32_t>(n_wards);
    rows.member_begin = n_members;
    n_members += member_rows_for(static_cast<std::uint64_t>(def.members.count), s.national.member_room_share);
    rows.member_end = n_members;
    rows.dispute_begin = static_cast<std::uint32_t>(n_disputes);
    n_disputes += static_cast<std::size_t>(dispute_slots(s, i));
    rows.dispute_end = static_cast<std::uint32_t>(n_disputes);
  }
  w.councillors.resize(n_seats);
  w.members.resize(n_members);
  if (const std::size_t others = s.axes.size() > 1 ? s.axes.size() - 1 : 0; others > 0) {
    w.councillors.more.assign(n_seats * others, 0.0f);
    w.members.more.assign(n_members * others, 0);
  }
  w.work.values.resize(n_seats);
  w.work.rows.resize(n_seats);
  w.work.opinion_order.resize(n_seats);
  w.work.opinion_count.assign(s.councils.size(), 0);
  w.wards.resize(n_wards);
  w.disputes.resize(n_disputes);
  w.log.by_council.resize(s.councils.size());
  w.outbox.resize(s.councils.size());
  w.scripted.resize(s.councils.size());
  for (std::size_t e = 0; e < s.events.size(); ++e)
    if (s.events[e].council_index >= 0)
      w.scripted[static_cast<std::size_t>(s.events[e].council_index)].push_back(static_cast<int>(e));
}

// ---- fingerprints -------------------------------------------------------------------------------------

namespace {

/// FNV-1a over the bytes of each value given (scalars, arrays of scalars, strings).
class hasher {
 public:
  template <class... T>
  hasher& operator()(const T&... values) {
    (add(values), ...);
    return *this;
  }
  [[nodiscard]] std::uint64_t value() const { return h_; }

 private:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 0x100000001b3ULL;
  }
  template <class T>
  void add(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      bytes(v.data(), v.size());
      add(v.size());
    } else if constexpr (requires { v.size(); v[0]; }) {
      for (std::size_t i = 0; i < v.size(); ++i) add(v[i]);
    } else {
      static_assert(std::is_scalar_v<T>, "hash fields one by one");
      bytes(&v, sizeof v);
    }
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};


}  // namespace

std::uint64_t fingerprint(const world& w, council_id ci, concern c) {
  hasher h;
  switch (c) {
    case concern::events:
      visit_concern(w, ci, c, h);
      h(w.log.by_council[ci].size());
      break;
    case concern::outbox:
      for (const auto& it : w.outbox[ci]) h(reinterpret_cast<std::uintptr_t>(it.kind));
      visit_concern(w, ci, c, h);
      h(w.outbox[ci].size());
      break;
    case concern::disputes:
      for (std::uint32_t k = w.councils[ci].rows.dispute_begin; k < w.councils[ci].rows.dispute_end; ++k) h(w.disputes[k].id);
      visit_concern(w, ci, c, h);
      break;
    case concern::executive: {
      const auto& e = w.executive;
      for (const auto& x : e.members) h(x.section, x.left_bloc, x.position, x.centralism, x.own_centralism);
      for (const auto& b : w.institutions.bodies) {
        for (const auto& it : b.agenda)
          h(reinterpret_cast<std::uintptr_t>(it.kind), it.council, it.week_filed, it.urgency, it.strength, it.defers, it.coalition);
        h(b.agenda.size());
      }
      for (const auto& d : w.institutions.published)
        h(reinterpret_cast<std::uintptr_t>(d.motion), d.body, d.council, d.coalition, d.notice_given, d.yes, d.of);
      h(w.institutions.published.size(), e.backlash, e.median_position, e.protest_stock, e.leader);
      break;
    }
    case concern::national:
      h(w.national.week, w.national.backlash, w.national.media_risk, w.national.executive_median, w.national.executive_centralism,
        w.national.officers_centralism);
      for (const auto& t : w.national_tallies) h(t.count, t.sum, t.max);
      break;
    default: visit_concern(w, ci, c, h); break;
  }
  return h.value();
}

}  // namespace partyline
