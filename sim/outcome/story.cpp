// The story of a run (see story.hpp): what a reader of the run summary needs to follow the case.
#include "partyline/outcome/story.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "partyline/outcome/stats.hpp"
#include "partyline/outcome/targets.hpp"
#include "partyline/scenario/calendar.hpp"

namespace partyline {

story_weight story_weight_of(event kind) {
  switch (kind) {
    // Members' moves are the background noise of every council: counted, never told one by one.
    case event::defection:
      return story_weight::routine;
    // Many of a kind, each small: grouped.
    case event::deselection_members:
    case event::deselection_central:
    case event::withdrawal:
    case event::monitoring:
    case event::suspension_individual:
    case event::dispute_talks:
    case event::dispute_ballot:
    case event::talks_offer:
    case event::protest_fizzles:
      return story_weight::minor;
    default:
      return story_weight::major;
  }
}

std::vector<run_outcome> focus_outcomes(const scenario& s) {
  std::vector<run_outcome> focus;
  for (const target_def& t : s.targets) {
    if (!t.council.empty()) continue;  // a council's column, not a run outcome
    for (const std::string& term : target_columns(t.outcome))
      for (std::size_t k = 0; k < run_outcome_count; ++k)
        if (run_outcome_info[k].name == term && std::find(focus.begin(), focus.end(), static_cast<run_outcome>(k)) == focus.end())
          focus.push_back(static_cast<run_outcome>(k));
  }
  return focus;
}

namespace {

/// The q-quantile of a copy of `v` (stats.hpp's percentile reorders what it is given).
double quantile(std::vector<double> v, double q) { return percentile(v, q); }

std::vector<double> values_of(const std::vector<run_result>& results, run_outcome o) {
  std::vector<double> v;
  v.reserve(results.size());
  for (const auto& r : results) v.push_back(static_cast<double>(r.counters[o]));
  return v;
}

std::vector<bool> pattern_of(const run_result& r) {
  std::vector<bool> happened;
  for (std::size_t k = 0; k < run_outcome_count; ++k)
    if (!run_outcome_info[k].is_level()) happened.push_back(r.counters.values[k] > 0);
  return happened;
}

}  // namespace

typical_choice typical_run(const std::vector<run_result>& results, const std::vector<run_outcome>& focus) {
  typical_choice c;
  if (results.empty()) return c;
  std::vector<run_outcome> candidates = focus;
  if (candidates.empty())
    for (std::size_t k = 0; k < run_outcome_count; ++k)
      if (!run_outcome_info[k].is_level()) candidates.push_back(static_cast<run_outcome>(k));
  // Each outcome centred on its median, scaled by a robust spread (the IQR of a normal is 1.349 sd); a rare event
  // (IQR 0) by its standard deviation, so a run where it happened is far from the centre.
  std::vector<double> sum_sq(results.size(), 0.0);
  std::vector<bool> in_bulk(results.size(), true);
  for (const run_outcome o : candidates) {
    const std::vector<double> v = values_of(results, o);
    double scale = (quantile(v, 0.75) - quantile(v, 0.25)) / 1.349;
    if (scale <= 0) {
      double mean = 0, sq = 0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      for (double x : v) sq += (x - mean) * (x - mean);
      scale = std::sqrt(sq / static_cast<double>(v.size()));
    }
    if (scale <= 0) continue;  // the same in every run: it says nothing about which run is typical
    c.judged.push_back(o);
    const double centre = quantile(v, 0.5), lo = quantile(v, 0.1), hi = quantile(v, 0.9);
    for (std::size_t i = 0; i < v.size(); ++i) {
      sum_sq[i] += (v[i] - centre) * (v[i] - centre) / (scale * scale);
      if (v[i] < lo || v[i] > hi) in_bulk[i] = false;
    }
  }
  std::vector<double> distance(results.size());
  const double n = static_cast<double>(std::max<std::size_t>(c.judged.size(), 1));
  for (std::size_t i = 0; i < results.size(); ++i) distance[i] = std::sqrt(sum_sq[i] / n);
  c.in_bulk = std::find(in_bulk.begin(), in_bulk.end(), true) != in_bulk.end();
  c.index = 0;
  bool found = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (c.in_bulk && !in_bulk[i]) continue;
    if (!found || distance[i] < distance[c.index]) c.index = i;
    found = true;
  }
  c.distance = distance[c.index];
  c.median_distance = quantile(distance, 0.5);
  const std::vector<bool> mine = pattern_of(results[c.index]);
  std::size_t same = 0;
  for (const auto& r : results) same += pattern_of(r) == mine;
  c.same_pattern = static_cast<double>(same) / static_cast<double>(results.size());
  return c;
}

std::string typical_choice::describe(const std::vector<run_result>& results) const {
  char buf[160];
  std::string line = "nearest the centre of the " + std::to_string(results.size()) + " runs on ";
  if (judged.empty()) return line + "nothing: every run came out the same";
  line += std::to_string(judged.size()) + (judged.size() == 1 ? " outcome" : " outcomes") + ":";
  for (std::size_t k = 0; k < judged.size(); ++k) {
    const double mine = static_cast<double>(results[index].counters[judged[k]]);
    std::snprintf(buf, sizeof buf, "%s %s %g (median %g)", k ? "," : "", std::string(name_of(judged[k])).c_str(), mine,
                  quantile(values_of(results, judged[k]), 0.5));
    line += buf;
  }
  std::snprintf(buf, sizeof buf, "; its distance from the centre %.2f, the median run's %.2f%s; %.0f%% of runs share its pattern of what happened",
                distance, median_distance, in_bulk ? ", inside the middle 80% of runs on each" : "", 100 * same_pattern);
  return line + buf;
}

namespace {

std::string where_of(const scenario& s, int council) {
  return council >= 0 ? s.councils[static_cast<std::size_t>(council)].id : std::string("national");
}

std::string rule_of(const event_record& e) { return e.rule ? "R" + std::to_string(e.rule) : std::string("scenario"); }

bool in_focus(const scenario& s, int council) {
  return council < 0 || s.councils[static_cast<std::size_t>(council)].focus;
}

struct story_line {
  std::string text;
  bool major = true;
};

/// "a member leaves and joins Green" -> "Green".
std::string destination(const std::string& detail) {
  const auto at = detail.rfind("joins ");
  return at == std::string::npos ? std::string("elsewhere") : detail.substr(at + 6);
}

std::string plural(long long n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

std::string tell_story(const scenario& s, const run_result& r, int max_lines) {
  const auto& ev = r.events;
  // 1. The focus councils' (and the national) events: each major one on a line, minor ones of the same council and
  //    rule grouped while nothing major intervenes.
  std::vector<story_line> lines;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    const event_record& e = ev[i];
    if (!in_focus(s, e.council)) continue;
    const story_weight weight = story_weight_of(e.kind);
    if (weight == story_weight::routine) continue;
    if (weight == story_weight::major) {
      lines.push_back({"    week " + std::to_string(e.week) + " (" + date_of_week(s.start_date, e.week) + ") · " +
                           where_of(s, e.council) + " · " + rule_of(e) + " · " + std::string(e.event) + " · " + e.detail,
                       true});
      continue;
    }
    // A minor event: gather the same council's events of this rule until a major focus event intervenes.
    std::vector<std::pair<std::string, int>> counts;
    int last_week = e.week;
    std::size_t j = i;
    for (; j < ev.size(); ++j) {
      const event_record& f = ev[j];
      if (!in_focus(s, f.council) || story_weight_of(f.kind) == story_weight::routine) continue;
      if (story_weight_of(f.kind) == story_weight::major) break;
      if (f.council != e.council || f.rule != e.rule) break;
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == f.event; });
      if (it == counts.end())
        counts.emplace_back(std::string(f.event), 1);
      else
        ++it->second;
      last_week = f.week;
    }
    std::string what;
    for (const auto& [name, n] : counts) what += (what.empty() ? "" : ", ") + name + (n > 1 ? " x" + std::to_string(n) : "");
    int grouped = 0;
    for (const auto& c : counts) grouped += c.second;
    const bool many = grouped > 1;
    lines.push_back({"    " + (many ? "weeks " + std::to_string(e.week) + "-" + std::to_string(last_week) + " (from "
                                    : "week " + std::to_string(e.week) + " (") +
                         date_of_week(s.start_date, e.week) + ") · " + where_of(s, e.council) + " · " + rule_of(e) + " · " +
                         what + " · " + (many ? "e.g. " : "") + e.detail,
                     false});
    i = j - 1;  // the outer loop goes on with the first event not grouped
  }

  std::string out;
  const auto budget = static_cast<std::size_t>(std::max(0, max_lines));
  if (lines.empty()) {
    out += "    (no events in the focus councils)\n";
  } else if (lines.size() <= budget) {
    for (const auto& l : lines) out += l.text + "\n";
  } else {
    // Too many: the major lines first, in order, then as many grouped ones as fit (in order as well).
    std::vector<char> keep(lines.size(), 0);
    std::size_t kept = 0;
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t k = 0; k < lines.size() && kept < budget; ++k)
        if (!keep[k] && lines[k].major == (pass == 0)) {
          keep[k] = 1;
          ++kept;
        }
    for (std::size_t k = 0; k < lines.size(); ++k)
      if (keep[k]) out += lines[k].text + "\n";
    out += "    ... " + plural(static_cast<long long>(lines.size() - kept), "more line") +
           " of the focus councils' events (--events writes every event to events.csv)\n";
  }

  // 2. Members' moves in the focus councils (every departure is logged there) and the background councils' events
  //    (departures there are logged once per council, so their number comes from the run's count), per period.
  const int weeks = std::max(1, s.weeks);
  const int period = std::max(13, ((weeks + 5) / 6 + 12) / 13 * 13);  // quarters, at most about six periods
  std::size_t background_councils = 0;
  for (const auto& c : s.councils) background_councils += !c.focus;
  long long focus_left = 0;
  std::string periods;
  for (int from = 0; from < weeks; from += period) {
    const int to = std::min(from + period, weeks) - 1;
    long long left = 0;
    std::map<std::string, long long> to_party, elsewhere;
    for (const auto& e : ev) {
      if (e.week < from || e.week > to) continue;
      if (in_focus(s, e.council)) {
        if (e.kind != event::defection) continue;
        ++left;
        ++to_party[destination(e.detail)];
      } else if (e.kind != event::defection) {
        ++elsewhere[std::string(e.event)];
      }
    }
    focus_left += left;
    if (left == 0 && elsewhere.empty()) continue;
    std::string line = "    weeks " + std::to_string(from) + "-" + std::to_string(to) + " (from " + date_of_week(s.start_date, from) + "): ";
    if (left > 0) {
      std::vector<std::pair<std::string, long long>> parties(to_party.begin(), to_party.end());
      std::stable_sort(parties.begin(), parties.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      line += std::to_string(left) + (left == 1 ? " member" : " members") + " of the focus councils left (";
      for (std::size_t k = 0; k < parties.size() && k < 3; ++k)
        line += (k ? ", " : "") + std::to_string(parties[k].second) + " to " + parties[k].first;
      line += parties.size() > 3 ? ", ...)" : ")";
    }
    if (!elsewhere.empty()) {
      // The commonest kinds first, at most eight.
      std::vector<std::pair<std::string, long long>> kinds(elsewhere.begin(), elsewhere.end());
      std::stable_sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      line += std::string(left > 0 ? "; " : "") + "background councils: ";
      for (std::size_t k = 0; k < kinds.size() && k < 8; ++k)
        line += (k ? ", " : "") + kinds[k].first + " x" + std::to_string(kinds[k].second);
      if (kinds.size() > 8) line += ", " + std::to_string(kinds.size() - 8) + " more kinds";
    }
    periods += line + "\n";
  }
  const long long all_left = r.counters[run_outcome::defections];
  if (!periods.empty() || all_left > 0) {
    out += "  members' moves and the background, by period:\n" + periods;
    if (background_councils > 0)
      out += "    over the run, in the " + plural(static_cast<long long>(background_councils), "background council") + ": " +
             std::to_string(std::max(0LL, all_left - focus_left)) + " members left\n";
  }
  return out;
}

}  // namespace partyline
