#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>

#include "partyline/error.hpp"
#include "partyline/store/files.hpp"
#include "partyline/sweep/distributed.hpp"

namespace partyline {

namespace {

template <class T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <class T>
T get(const std::string& in, std::size_t& pos) {
  if (pos + sizeof(T) > in.size()) throw std::runtime_error("truncated run message");
  T v;
  std::memcpy(&v, in.data() + pos, sizeof v);
  pos += sizeof v;
  return v;
}

/// A text: its length, then its bytes.
void put_text(std::string& out, const std::string& text) {
  put(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}
std::string get_text(const std::string& in, std::size_t& pos) {
  const auto size = get<std::uint32_t>(in, pos);
  if (pos + size > in.size()) throw std::runtime_error("truncated run message");
  std::string text = in.substr(pos, size);
  pos += size;
  return text;
}

}  // namespace

std::string serialize_run(const stored_run& run) {
  std::string out;
  put(out, static_cast<std::int32_t>(run.point));
  put(out, static_cast<std::int32_t>(run.replicate));
  put(out, run.seed);
  put(out, static_cast<std::int32_t>(run.result.run));
  for (auto v : run.result.counters.values) put(out, v);
  put(out, static_cast<std::uint32_t>(run.result.councils.size()));
  for (const auto& c : run.result.councils) {
    put(out, static_cast<std::uint32_t>(c.seats_end.size()));
    for (int s : c.seats_end) put(out, static_cast<std::int32_t>(s));
    put(out, static_cast<std::int32_t>(c.control_end));
    put(out, c.administration_end);
    for (auto v : c.counts) put(out, v);
    put(out, c.policy_stage_end);
  }
  // Weekly rows, when the sweep keeps them, and the start date that dates them.
  put_text(out, run.start_date);
  put(out, static_cast<std::uint32_t>(run.result.weekly.size()));
  for (const auto& row : run.result.weekly) {
    put(out, static_cast<std::int32_t>(row.week));
    put(out, static_cast<std::int32_t>(row.council));
    for (double v : row.values) put(out, v);
  }
  // Events, when the sweep keeps them: the kind stands for its name (the event table's static string).
  put(out, static_cast<std::uint32_t>(run.result.events.size()));
  for (const auto& e : run.result.events) {
    put(out, static_cast<std::int32_t>(e.week));
    put(out, static_cast<std::int32_t>(e.council));
    put(out, e.rule);
    put(out, static_cast<std::uint8_t>(e.kind));
    put(out, static_cast<std::int32_t>(e.value));
    put(out, static_cast<std::int32_t>(e.of));
    put_text(out, e.detail);
  }
  // Decisions, kept with the events.
  put(out, static_cast<std::uint32_t>(run.result.decisions.size()));
  for (const auto& d : run.result.decisions) {
    for (const int v : {d.week, d.body, d.council, d.yes, d.of, d.weeks_waiting}) put(out, static_cast<std::int32_t>(v));
    put(out, static_cast<std::uint8_t>((d.emergency ? 1 : 0) | (d.notice ? 2 : 0)));
    put(out, d.deal);
    for (const std::string* text : {&d.item, &d.decision, &d.votes}) put_text(out, *text);
  }
  // The focus seats, when the sweep keeps them.
  put(out, static_cast<std::uint32_t>(run.result.councillors.size()));
  for (const auto& c : run.result.councillors) {
    for (const int v : {c.council, c.seat, c.ward, c.party_start, c.party_end, c.selection_week, c.dissent_end})
      put(out, static_cast<std::int32_t>(v));
    for (const float v : {c.position_start, c.position_end, c.ballot_support_end}) put(out, v);
    put(out, static_cast<std::uint8_t>(c.status_end));
    put(out, static_cast<std::uint8_t>(c.selection));
    put(out, static_cast<std::uint8_t>(c.endorsement_end));
    put(out, static_cast<std::uint8_t>((c.cabinet_end ? 1 : 0) | (c.stands_independent ? 2 : 0)));
    put_text(out, c.selection_history);
  }
  return out;
}

stored_run deserialize_run(const std::string& in) {
  std::size_t pos = 0;
  stored_run run;
  run.point = get<std::int32_t>(in, pos);
  run.replicate = get<std::int32_t>(in, pos);
  run.seed = get<std::uint64_t>(in, pos);
  run.result.run = get<std::int32_t>(in, pos);
  for (auto& v : run.result.counters.values) v = get<std::int64_t>(in, pos);
  const auto n = get<std::uint32_t>(in, pos);
  run.result.councils.resize(n);
  for (auto& c : run.result.councils) {
    const auto parties = get<std::uint32_t>(in, pos);
    c.seats_end.resize(parties);
    for (auto& s : c.seats_end) s = get<std::int32_t>(in, pos);
    c.control_end = get<std::int32_t>(in, pos);
    c.administration_end = get<std::uint32_t>(in, pos);
    for (auto& v : c.counts) v = get<std::int64_t>(in, pos);
    c.policy_stage_end = get<std::uint8_t>(in, pos);
  }
  run.start_date = get_text(in, pos);
  run.result.weekly.resize(get<std::uint32_t>(in, pos));
  for (auto& row : run.result.weekly) {
    row.week = get<std::int32_t>(in, pos);
    row.council = get<std::int32_t>(in, pos);
    for (double& v : row.values) v = get<double>(in, pos);
  }
  run.result.events.resize(get<std::uint32_t>(in, pos));
  for (auto& e : run.result.events) {
    e.week = get<std::int32_t>(in, pos);
    e.council = get<std::int32_t>(in, pos);
    e.rule = get<std::uint16_t>(in, pos);
    const auto kind = get<std::uint8_t>(in, pos);
    if (kind >= event_count) throw std::runtime_error("malformed run message");
    e.kind = static_cast<event>(kind);
    e.event = info_of(e.kind).name;
    e.value = get<std::int32_t>(in, pos);
    e.of = get<std::int32_t>(in, pos);
    e.detail = get_text(in, pos);
  }
  run.result.decisions.resize(get<std::uint32_t>(in, pos));
  for (auto& d : run.result.decisions) {
    for (int* v : {&d.week, &d.body, &d.council, &d.yes, &d.of, &d.weeks_waiting}) *v = get<std::int32_t>(in, pos);
    const auto flags = get<std::uint8_t>(in, pos);
    d.emergency = (flags & 1) != 0;
    d.notice = (flags & 2) != 0;
    d.deal = get<std::uint32_t>(in, pos);
    for (std::string* text : {&d.item, &d.decision, &d.votes}) *text = get_text(in, pos);
  }
  run.result.councillors.resize(get<std::uint32_t>(in, pos));
  for (auto& c : run.result.councillors) {
    for (int* v : {&c.council, &c.seat, &c.ward, &c.party_start, &c.party_end, &c.selection_week, &c.dissent_end})
      *v = get<std::int32_t>(in, pos);
    for (float* v : {&c.position_start, &c.position_end, &c.ballot_support_end}) *v = get<float>(in, pos);
    c.status_end = static_cast<councillor_status>(get<std::uint8_t>(in, pos));
    c.selection = static_cast<selection_state>(get<std::uint8_t>(in, pos));
    c.endorsement_end = static_cast<endorsement_state>(get<std::uint8_t>(in, pos));
    const auto flags = get<std::uint8_t>(in, pos);
    c.cabinet_end = (flags & 1) != 0;
    c.stands_independent = (flags & 2) != 0;
    c.selection_history = get_text(in, pos);
  }
  if (pos != in.size()) throw std::runtime_error("malformed run message");
  return run;
}

bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_SIZE") != nullptr;
}

namespace {

struct db_handle {
  sqlite3* db = nullptr;
  ~db_handle() { sqlite3_close(db); }
};

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw usage_error("merge: " + msg);
  }
}

long long count_runs(sqlite3* db, const std::string& schema) {
  sqlite3_stmt* s = nullptr;
  long long n = -1;
  if (sqlite3_prepare_v2(db, ("SELECT COUNT(*) FROM " + schema + ".runs").c_str(), -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

bool has_table(sqlite3* db, const std::string& name) {
  sqlite3_stmt* s = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &s, nullptr) == SQLITE_OK) {
    sqlite3_bind_text(s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    found = sqlite3_step(s) == SQLITE_ROW;
  }
  sqlite3_finalize(s);
  return found;
}

}  // namespace

std::size_t merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out) {
  if (shards.empty()) throw usage_error("merge: no shard directories given");
  // Read every shard's manifest; they must agree on the sweep and cover 1..N once each.
  struct info {
    std::filesystem::path dir;
    std::string sweep, scenario, version, commit, shard;
    long points = 0, replicates = 0;
  };
  std::vector<info> infos;
  for (const auto& dir : shards) {
    const auto store = results_store::open_read(dir);
    info i;
    i.dir = dir;
    i.sweep = store.manifest_value("sweep_sha256");
    i.scenario = store.manifest_value("scenario_sha256");
    i.version = store.manifest_value("partyline_version");
    i.commit = store.manifest_value("git_commit");
    i.shard = store.manifest_value("shard");
    i.points = std::strtol(store.manifest_value("points").c_str(), nullptr, 10);
    i.replicates = std::strtol(store.manifest_value("replicates").c_str(), nullptr, 10);
    infos.push_back(i);
  }
  const info& first = infos.front();
  long n_shards = 0;
  std::map<long, std::filesystem::path> seen;
  for (const auto& i : infos) {
    if (i.sweep != first.sweep || i.scenario != first.scenario)
      throw usage_error("merge: " + i.dir.string() + " holds a different sweep from " + first.dir.string());
    if (i.version != first.version || i.commit != first.commit)
      throw usage_error("merge: " + i.dir.string() + " was made by another build of partyline (" + i.commit + " vs " +
                        first.commit + ")");
    const auto slash = i.shard.find('/');
    const long k = std::strtol(i.shard.c_str(), nullptr, 10);
    const long n = slash == std::string::npos ? 0 : std::strtol(i.shard.c_str() + slash + 1, nullptr, 10);
    if (n < 1 || k < 1 || k > n) throw usage_error("merge: " + i.dir.string() + " is not a shard (shard '" + i.shard + "')");
    if (n_shards == 0) n_shards = n;
    if (n != n_shards) throw usage_error("merge: shards of different splits (" + i.shard + " and ?/" + std::to_string(n_shards) + ")");
    if (seen.count(k)) throw usage_error("merge: shard " + std::to_string(k) + " given twice (" + seen[k].string() + ", " + i.dir.string() + ")");
    seen[k] = i.dir;
  }
  for (long k = 1; k <= n_shards; ++k)
    if (!seen.count(k)) throw usage_error("merge: shard " + std::to_string(k) + "/" + std::to_string(n_shards) + " is missing");

  // Every shard complete before anything is written.
  for (long k = 1; k <= n_shards; ++k) {
    db_handle h;
    if (sqlite3_open_v2(results_store::file_in(seen[k]).c_str(), &h.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw usage_error(seen[k].string() + ": cannot be opened");
    const long long have = count_runs(h.db, "main");
    long long expected = 0;
    for (long long i = 0; i < first.points * first.replicates; ++i) expected += i % n_shards == k - 1;
    if (have != expected)
      throw usage_error("merge: shard " + std::to_string(k) + "/" + std::to_string(n_shards) + " (" + seen[k].string() +
                        ") holds " + std::to_string(have) + " of its " + std::to_string(expected) +
                        " runs; finish it with `partyline sweep FILE --shard " + std::to_string(k) + "/" +
                        std::to_string(n_shards) + " --out " + seen[k].string() + " --resume` first");
  }

  // The output: a copy of the first shard (schema, points, manifest), emptied, plus every shard's runs.
  const output_lock lock = claim_output_dir(out, false);  // one writer per folder
  const auto out_file = results_store::file_in(out);
  std::error_code ec;
  if (std::filesystem::exists(out_file, ec)) throw usage_error(out.string() + ": already holds a results store");
  std::size_t total = 0;
  try {
    db_handle dst, src;
    if (sqlite3_open(out_file.c_str(), &dst.db) != SQLITE_OK) throw usage_error(out_file.string() + ": cannot be created");
    if (sqlite3_open_v2(results_store::file_in(seen[1]).c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw usage_error(seen[1].string() + ": cannot be opened");
    sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!b) throw usage_error(std::string("merge: ") + sqlite3_errmsg(dst.db));
    sqlite3_backup_step(b, -1);
    if (sqlite3_backup_finish(b) != SQLITE_OK) throw usage_error(std::string("merge: ") + sqlite3_errmsg(dst.db));
    const bool weekly = has_table(dst.db, "weekly"), events = has_table(dst.db, "events"),
               decisions = has_table(dst.db, "decisions"), councillors = has_table(dst.db, "councillors");
    exec(dst.db, std::string("DELETE FROM runs; DELETE FROM councils;") + (weekly ? " DELETE FROM weekly;" : "") +
                     (events ? " DELETE FROM events;" : "") + (decisions ? " DELETE FROM decisions;" : "") +
                     (councillors ? " DELETE FROM councillors;" : ""));
    for (long k = 1; k <= n_shards; ++k) {
      std::string file;
      for (char c : results_store::file_in(seen[k]).string()) file += c == '\'' ? std::string("''") : std::string(1, c);
      exec(dst.db, "ATTACH DATABASE '" + file + "' AS shard;");
      exec(dst.db, std::string("BEGIN; INSERT INTO runs SELECT * FROM shard.runs; INSERT INTO councils SELECT * FROM shard.councils; ") +
                       (weekly ? "INSERT INTO weekly SELECT * FROM shard.weekly; " : "") +
                       (events ? "INSERT INTO events SELECT * FROM shard.events; " : "") +
                       (decisions ? "INSERT INTO decisions SELECT * FROM shard.decisions; " : "") +
                       (councillors ? "INSERT INTO councillors SELECT * FROM shard.councillors; " : "") + "COMMIT;");
      total += static_cast<std::size_t>(count_runs(dst.db, "shard"));
      exec(dst.db, "DETACH DATABASE shard;");
    }
    std::string from;
    for (const auto& [k, dir] : seen)
      for (char c : (from.empty() ? "" : "\n") + dir.string()) from += c == '\'' ? std::string("''") : std::string(1, c);
    exec(dst.db, "UPDATE manifest SET value = '1/1' WHERE key = 'shard'; INSERT OR REPLACE INTO manifest VALUES ('merged_from', '" +
                     from + "');");
  } catch (...) {
    std::filesystem::remove(out_file, ec);  // never leave a half-merged store behind
    throw;
  }
  return total;
}

}  // namespace partyline
