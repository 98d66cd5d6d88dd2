#include "partyline/store/results_store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

#include "partyline/error.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/scenario/calendar.hpp"
#include "partyline/store/files.hpp"
#include "partyline/store/sha256.hpp"

namespace partyline {

namespace {

/// A prepared statement that finalizes itself.
class statement {
 public:
  statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      throw usage_error(std::string("results store: ") + sqlite3_errmsg(db) + " in: " + sql.substr(0, 200));
  }
  ~statement() { sqlite3_finalize(stmt_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  void bind(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void bind(int i, const std::string& v) { sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw usage_error(std::string("results store: ") + sqlite3_errmsg(db_) +
                      (rc == SQLITE_FULL ? " (the disk is full)" : ""));
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string column_text(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL: return "";
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, sqlite3_column_double(s, i));
      return std::string(buf, r.ptr);
    }
    default: return reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  }
}

sqlite3* open_db(const std::filesystem::path& file, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw usage_error(file.string() + ": cannot open the results store: " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

/// Whether the store at `file` was created completely: its tables were made in one transaction with the
/// manifest, so a store without a manifest table is one whose creation was interrupted. A file SQLite cannot read
/// counts as created (and is then refused as damaged, never deleted).
bool initialised(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return true;
  }
  sqlite3_stmt* st = nullptr;
  bool found = true;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    found = sqlite3_column_int(st, 0) > 0;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return found;
}

}  // namespace

std::string results_store::quick_check() const {
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db_, "PRAGMA quick_check", -1, &st, nullptr) != SQLITE_OK) {
    out = sqlite3_errmsg(db_);
  } else {
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(st, 0);
      out += (out.empty() ? "" : "; ") + std::string(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (rc != SQLITE_DONE) out = sqlite3_errmsg(db_);
  }
  sqlite3_finalize(st);
  return out;
}

std::string sql_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

results_store::results_store(results_store&& other) noexcept
    : db_(other.db_), shape_(other.shape_), lock_(std::move(other.lock_)) {
  other.db_ = nullptr;
}
results_store& results_store::operator=(results_store&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close(db_);
    db_ = other.db_;
    shape_ = other.shape_;
    lock_ = std::move(other.lock_);
    other.db_ = nullptr;
  }
  return *this;
}
results_store::~results_store() {
  if (db_) sqlite3_close(db_);
}

void results_store::exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw usage_error("results store: " + msg);
  }
}

results_store results_store::open_for_sweep(const std::filesystem::path& dir, const store_design& spec, bool resume,
                                            const std::vector<std::pair<std::string, std::string>>& manifest) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) throw usage_error(dir.string() + ": exists and is not a directory");
  fs::create_directories(dir, ec);
  if (ec) throw usage_error(dir.string() + ": cannot create the output directory: " + ec.message());
  // One writer per folder: the lock comes before anything is looked at, so two sweeps (or a sweep and a run)
  // started at once cannot both find the folder empty, and the loser is refused with the winner's pid.
  auto lock = std::make_unique<output_lock>(dir);
  results_store store = open_claimed(dir, spec, resume, manifest);
  store.lock_ = std::move(lock);
  return store;
}

results_store results_store::open_claimed(const std::filesystem::path& dir, const store_design& spec, bool resume,
                                          const std::vector<std::pair<std::string, std::string>>& manifest) {
  namespace fs = std::filesystem;
  const fs::path file = file_in(dir);
  std::error_code ec;
  bool exists = fs::exists(file, ec);
  const std::string sweep_sha = sha256_hex(spec.sweep_text);
  const std::string scenario_sha = sha256_hex(spec.scenario_text);
  if (exists && !initialised(file)) {
    // A store whose creation was interrupted (its one creating transaction never committed) holds no results:
    // start it afresh, whether or not --resume was asked for.
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(fs::path(file.string() + suffix), ec);
    exists = false;
  }
  if (exists) {
    if (!resume)
      throw usage_error(dir.string() + ": already holds a results store; use --resume to complete it, or another --out");
    results_store store(open_db(file, SQLITE_OPEN_READWRITE), spec.shape.get());
    // Never add runs to a damaged store: its tables could not be trusted afterwards.
    const std::string check = store.quick_check();
    if (check != "ok")
      throw usage_error(dir.string() + ": the results store is damaged (SQLite quick_check: " + check.substr(0, 200) +
                        "); refusing to resume into it. Start the sweep afresh in another --out (the finished runs may be "
                        "recoverable with `sqlite3 " + file.string() + " .recover`)");
    const std::string have = store.manifest_value("sweep_sha256");
    const std::string have_scenario = store.manifest_value("scenario_sha256");
    if (have != sweep_sha || have_scenario != scenario_sha)
      throw usage_error(dir.string() + ": holds a different sweep (sweep SHA-256 " + have.substr(0, 12) + ", scenario " +
                        have_scenario.substr(0, 12) + "); refusing to mix results");
    // Runs from another build of partyline could differ: never mix them in one table.
    for (const auto& [key, value] : manifest) {
      if (key != "partyline_version" && key != "git_commit") continue;
      const std::string stored = store.manifest_value(key);
      if (!stored.empty() && stored != value)
        throw usage_error(dir.string() + ": was started by partyline " + key + " " + stored + ", this is " + value +
                          "; resume it with the same build, or start the sweep afresh in another --out");
    }
    store.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    return store;
  }
  // A fresh store: refuse a directory that holds other things, create, then fill points and the manifest.
  if (!holds_no_results(dir))
    throw usage_error(dir.string() + ": is not empty and holds no results store of this sweep; use another --out");
  if (access(dir.c_str(), W_OK) != 0) throw usage_error(dir.string() + ": the output directory is not writable");
  results_store store(open_db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), spec.shape.get());
  store.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  const scenario& shape = *spec.shape;
  std::string points = "CREATE TABLE points (point INTEGER PRIMARY KEY, seed INTEGER NOT NULL, sobol_block TEXT, "
                       "sobol_row INTEGER, sobol_param INTEGER";
  for (const auto& p : spec.parameters) points += ", " + sql_identifier(p);
  points += ");";
  std::string runs = "CREATE TABLE runs (point INTEGER NOT NULL, replicate INTEGER NOT NULL, seed INTEGER NOT NULL";
  for (const auto& c : runs_csv_outcome_columns()) runs += ", " + sql_identifier(c) + " INTEGER NOT NULL";
  runs += ", PRIMARY KEY (point, replicate));";
  std::string councils = "CREATE TABLE councils (point INTEGER NOT NULL, replicate INTEGER NOT NULL";
  const auto cols = councils_csv_columns(shape);
  for (std::size_t i = 1; i < cols.size(); ++i) {  // skip "run"
    const bool text = cols[i] == "council" || cols[i] == "control_end" || cols[i] == "administration_end" ||
                      cols[i] == "policy_stage_end";
    councils += ", " + sql_identifier(cols[i]) + (text ? " TEXT NOT NULL" : " INTEGER NOT NULL");
  }
  councils += ", PRIMARY KEY (point, replicate, council));";
  std::string weekly;
  if (spec.weekly) {
    weekly = "CREATE TABLE weekly (point INTEGER NOT NULL, replicate INTEGER NOT NULL, week INTEGER NOT NULL, date TEXT NOT NULL, "
             "council TEXT NOT NULL";
    for (const auto& reporter : weekly_reporters) weekly += ", " + sql_identifier(std::string(reporter.name)) + " REAL NOT NULL";
    weekly += ", PRIMARY KEY (point, replicate, week, council));";
  }
  // A run's events in the order they happened (seq) and every decision of every body, kept with the events, as
  // `run --events` writes events.csv and decisions.csv (less their `run`); each focus seat at the run's start and end,
  // as `run --agents` writes councillors.csv. Columns and types from the tables' one builder.
  const auto table_like = [](const std::string& name, const result_table& like) {
    std::string sql = "CREATE TABLE " + name + " (point INTEGER NOT NULL, replicate INTEGER NOT NULL, seq INTEGER NOT NULL";
    for (std::size_t i = 1; i < like.columns.size(); ++i) {  // skip "run"
      const auto& c = like.columns[i];
      sql += ", " + sql_identifier(c.name) +
             (c.kind == result_column::type::text ? " TEXT NOT NULL" : c.kind == result_column::type::real ? " REAL NOT NULL" : " INTEGER NOT NULL");
    }
    return sql + ", PRIMARY KEY (point, replicate, seq));";
  };
  const std::vector<const run_result*> none;
  const std::string events = spec.events ? table_like("events", events_table(shape, none)) : std::string();
  const std::string decisions = spec.events ? table_like("decisions", decisions_table(shape, none)) : std::string();
  const std::string councillors = spec.agents ? table_like("councillors", councillors_table(shape, none)) : std::string();
  store.exec("BEGIN; CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);" + points + runs + councils + weekly + events +
             decisions + councillors);
  {
    statement ins(store.db_, "INSERT INTO manifest (key, value) VALUES (?, ?)");
    auto put = [&](const std::string& k, const std::string& v) {
      ins.bind(1, k);
      ins.bind(2, v);
      ins.step();
      ins.reset();
    };
    put("sweep_sha256", sweep_sha);
    put("scenario_sha256", scenario_sha);
    put("sweep_path", spec.sweep_path);
    put("scenario_path", spec.scenario_path);
    put("sweep_text", spec.sweep_text);
    put("design", spec.design);
    put("replicates", std::to_string(spec.replicates));
    put("seed", std::to_string(spec.seed));
    put("points", std::to_string(spec.points.size()));
    put("parameters", [&] {
      std::string s;
      for (const auto& p : spec.parameters) s += (s.empty() ? "" : "\n") + p;
      return s;
    }());
    put("ranged_parameters", [&] {
      std::string s;
      for (const auto& p : spec.ranged_parameters) s += (s.empty() ? "" : "\n") + p;
      return s;
    }());
    for (const auto& [k, v] : spec.design_settings) put(k, v);
    for (const auto& [k, v] : manifest) put(k, v);
  }
  {
    std::string sql = "INSERT INTO points VALUES (?, ?, ?, ?, ?";
    for (std::size_t i = 0; i < spec.parameters.size(); ++i) sql += ", ?";
    statement ins(store.db_, sql + ")");
    for (std::size_t pt = 0; pt < spec.points.size(); ++pt) {
      const auto& p = spec.points[pt];
      ins.bind(1, static_cast<long long>(pt));
      ins.bind(2, static_cast<long long>(p.seed));
      if (p.sobol_block) {
        ins.bind(3, std::string(1, p.sobol_block));
        ins.bind(4, static_cast<long long>(p.sobol_row));
        if (p.sobol_param >= 0) ins.bind(5, static_cast<long long>(p.sobol_param));
      }
      for (std::size_t i = 0; i < p.text.size(); ++i) {
        if (std::isnan(p.number[i]))
          ins.bind(static_cast<int>(6 + i), p.text[i]);
        else
          ins.bind(static_cast<int>(6 + i), p.number[i]);
      }
      ins.step();
      ins.reset();
    }
  }
  store.exec("COMMIT;");
  return store;
}

results_store results_store::open_read(const std::filesystem::path& dir) {
  const auto file = file_in(dir);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw usage_error(dir.string() + ": no results store (results.sqlite) here");
  return results_store(open_db(file, SQLITE_OPEN_READONLY), nullptr);
}

std::string results_store::manifest_value(const std::string& key) const {
  statement q(db_, "SELECT value FROM manifest WHERE key = ?");
  q.bind(1, key);
  return q.step() ? column_text(q.get(), 0) : std::string();
}

long long results_store::count(const std::string& sql) const {
  statement q(db_, sql);
  return q.step() ? sqlite3_column_int64(q.get(), 0) : -1;
}

std::vector<char> results_store::done_runs(std::size_t points, int replicates) const {
  std::vector<char> done(points * static_cast<std::size_t>(replicates), 0);
  statement q(db_, "SELECT point, replicate FROM runs");
  while (q.step()) {
    const auto pt = static_cast<std::size_t>(sqlite3_column_int64(q.get(), 0));
    const auto rep = static_cast<std::size_t>(sqlite3_column_int64(q.get(), 1));
    if (pt < points && rep < static_cast<std::size_t>(replicates)) done[pt * static_cast<std::size_t>(replicates) + rep] = 1;
  }
  return done;
}

void results_store::write(const std::vector<stored_run>& batch) {
  if (batch.empty()) return;
  const scenario& s = *shape_;
  exec("BEGIN IMMEDIATE;");
  try {
    std::string sql = "INSERT INTO runs VALUES (?, ?, ?";
    for (std::size_t i = 0; i < run_outcome_count; ++i) sql += ", ?";
    statement runs(db_, sql + ")");
    const auto ccols = councils_csv_columns(s);
    std::string csql = "INSERT INTO councils VALUES (?, ?";
    for (std::size_t i = 1; i < ccols.size(); ++i) csql += ", ?";
    statement councils(db_, csql + ")");
    const bool keep_weekly = has_weekly();
    std::string wsql = "INSERT INTO weekly VALUES (?, ?, ?, ?, ?";
    for (std::size_t i = 0; i < weekly_reporters.size(); ++i) wsql += ", ?";
    std::optional<statement> weekly;
    if (keep_weekly) weekly.emplace(db_, wsql + ")");
    const bool keep_events = has_events();
    std::optional<statement> events;
    const bool keep_decisions = has_table("decisions");  // stores made before decisions were kept have none
    std::optional<statement> decisions;
    // (point, replicate, seq) and a placeholder per column of the table's builder after its `run`.
    const auto insert_into = [&](const std::string& table, const result_table& like) {
      std::string insert = "INSERT INTO " + table + " VALUES (?, ?, ?";
      for (std::size_t c = 1; c < like.columns.size(); ++c) insert += ", ?";
      return insert + ")";
    };
    const std::vector<const run_result*> none;
    if (keep_events) events.emplace(db_, insert_into("events", events_table(s, none)));
    if (keep_decisions) decisions.emplace(db_, insert_into("decisions", decisions_table(s, none)));
    const bool keep_councillors = has_table("councillors");
    std::optional<statement> councillors;
    if (keep_councillors) councillors.emplace(db_, insert_into("councillors", councillors_table(s, none)));
    // The batch's tables, each built once by its one builder (events.csv's, decisions.csv's, councillors.csv's): a
    // run's rows follow the runs before it in the batch.
    std::vector<const run_result*> batch_runs;
    batch_runs.reserve(batch.size());
    for (const auto& r : batch) batch_runs.push_back(&r.result);
    const result_table batch_events = keep_events ? events_table(s, batch_runs) : result_table{};
    const result_table batch_decisions = keep_decisions ? decisions_table(s, batch_runs) : result_table{};
    const result_table batch_councillors = keep_councillors ? councillors_table(s, batch_runs) : result_table{};
    std::size_t events_at = 0, decisions_at = 0, councillors_at = 0;  // the current run's first row in each
    std::string dates_of;  // the start date whose week dates are in `dates`
    std::vector<std::string> dates;
    const auto date_at = [&](int week) {
      return static_cast<std::size_t>(week) < dates.size() ? dates[static_cast<std::size_t>(week)] : date_of_week(dates_of, week);
    };
    for (const auto& r : batch) {
      if ((keep_weekly || keep_events || keep_decisions) && (dates_of != r.start_date || dates.empty())) {
        dates_of = r.start_date;
        dates.clear();
        for (int week = 0; week < s.weeks; ++week) dates.push_back(date_of_week(dates_of, week));
      }
      // The run's `n` rows of a batch table from row `first`, less `run`, after (point, replicate, seq); a `date`
      // column is the run's own (its point's start date).
      const auto put_rows = [&](statement& ins, const result_table& t, std::size_t& first, std::size_t n) {
        for (std::size_t row = first; row < first + n; ++row) {
          int i = 1;
          ins.bind(i++, static_cast<long long>(r.point));
          ins.bind(i++, static_cast<long long>(r.replicate));
          ins.bind(i++, static_cast<long long>(row - first));
          for (std::size_t c = 1; c < t.columns.size(); ++c) {
            const auto& col = t.columns[c];
            if (col.name == "date") ins.bind(i++, date_at(static_cast<int>(t.column("week").integers[row])));
            else if (col.kind == result_column::type::text) ins.bind(i++, col.text(row));
            else if (col.kind == result_column::type::real) ins.bind(i++, col.reals[row]);
            else ins.bind(i++, static_cast<long long>(col.integers[row]));
          }
          ins.step();
          ins.reset();
        }
        first += n;
      };
      if (keep_events) put_rows(*events, batch_events, events_at, r.result.events.size());
      if (keep_decisions) put_rows(*decisions, batch_decisions, decisions_at, r.result.decisions.size());
      if (keep_councillors) put_rows(*councillors, batch_councillors, councillors_at, r.result.councillors.size());
      if (keep_weekly) {
        for (const auto& row : r.result.weekly) {
          int i = 1;
          weekly->bind(i++, static_cast<long long>(r.point));
          weekly->bind(i++, static_cast<long long>(r.replicate));
          weekly->bind(i++, static_cast<long long>(row.week));
          weekly->bind(i++, date_at(row.week));
          weekly->bind(i++, row.council >= 0 ? s.councils[static_cast<std::size_t>(row.council)].id : std::string("all"));
          for (double v : row.values) weekly->bind(i++, v);
          weekly->step();
          weekly->reset();
        }
      }
      runs.bind(1, static_cast<long long>(r.point));
      runs.bind(2, static_cast<long long>(r.replicate));
      runs.bind(3, static_cast<long long>(r.seed));
      for (std::size_t k = 0; k < run_outcome_count; ++k)
        runs.bind(static_cast<int>(4 + k), static_cast<long long>(r.result.counters.values[k]));
      runs.step();
      runs.reset();
      for (std::size_t c = 0; c < r.result.councils.size(); ++c) {
        const auto& cr = r.result.councils[c];
        int i = 1;
        councils.bind(i++, static_cast<long long>(r.point));
        councils.bind(i++, static_cast<long long>(r.replicate));
        councils.bind(i++, s.councils[c].id);
        for (int seats : cr.seats_end) councils.bind(i++, static_cast<long long>(seats));
        councils.bind(i++, cr.control_end >= 0 ? s.parties[static_cast<std::size_t>(cr.control_end)].id : std::string("none"));
        councils.bind(i++, administration_text(s, cr.administration_end));
        for (auto v : cr.counts) councils.bind(i++, static_cast<long long>(v));
        councils.bind(i++, std::string(to_string(static_cast<policy_stage>(cr.policy_stage_end))));
        councils.step();
        councils.reset();
      }
    }
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

namespace {

table_data query(sqlite3* db, const std::string& sql) {
  statement q(db, sql);
  table_data t;
  const int n = sqlite3_column_count(q.get());
  for (int i = 0; i < n; ++i) t.columns.emplace_back(sqlite3_column_name(q.get(), i));
  while (q.step()) {
    std::vector<std::string> row;
    row.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) row.push_back(column_text(q.get(), i));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

std::vector<std::string> results_store::parameter_columns() const {
  const auto t = query(db_, "SELECT * FROM points LIMIT 0");
  return {t.columns.begin() + 5, t.columns.end()};
}

bool results_store::has_weekly() const {
  statement q(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'weekly'");
  return q.step();
}

bool results_store::has_events() const { return has_table("events"); }

bool results_store::has_table(const std::string& name) const {
  statement q(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.step();
}

table_data results_store::read_table(const std::string& table) const {
  const std::string order = table == "points" ? "point" : table == "runs" ? "point, replicate"
                            : table == "councils" ? "point, replicate, council"
                            : table == "weekly"   ? "point, replicate, week, council = 'all' DESC, council"
                            : table == "events" || table == "decisions" || table == "councillors" ? "point, replicate, seq" : "key";
  return query(db_, "SELECT * FROM " + sql_identifier(table) + " ORDER BY " + order);
}

namespace {

/// "x.a, x.b, ..." for a table's columns other than the leading `skip` ones.
std::string columns_of(sqlite3* db, const std::string& table, const std::string& alias, std::size_t skip) {
  const auto t = query(db, "SELECT * FROM " + table + " LIMIT 0");
  std::string out;
  for (std::size_t i = skip; i < t.columns.size(); ++i) out += ", " + alias + "." + sql_identifier(t.columns[i]);
  return out;
}

// A table of the runs joined with points: its first `lead` columns (point, replicate[, seed]), then the sweep's parameter
// columns, then its own other columns, in `order` (of the table's columns, as t.NAME).
table_data with_parameters(sqlite3* db, const std::vector<std::string>& parameters, const std::string& table, std::size_t lead,
                           const std::string& order) {
  std::string params;
  for (const auto& p : parameters) params += ", p." + sql_identifier(p);
  return query(db, std::string("SELECT t.point, t.replicate") + (lead == 3 ? ", t.seed" : "") + params +
                       columns_of(db, table, "t", lead) + " FROM " + table + " t JOIN points p USING (point) ORDER BY " + order);
}

}  // namespace

table_data results_store::read_runs_with_parameters() const {
  return with_parameters(db_, parameter_columns(), "runs", 3, "t.point, t.replicate");
}

table_data results_store::read_councils_with_parameters() const {
  return with_parameters(db_, parameter_columns(), "councils", 2, "t.point, t.replicate, t.council");
}

table_data results_store::read_weekly_with_parameters() const {
  return with_parameters(db_, parameter_columns(), "weekly", 2, "t.point, t.replicate, t.week, t.council = 'all' DESC, t.council");
}

table_data results_store::read_events_with_parameters() const {
  return with_parameters(db_, parameter_columns(), "events", 2, "t.point, t.replicate, t.seq");
}

table_data results_store::read_decisions_with_parameters() const {
  return with_parameters(db_, parameter_columns(), "decisions", 2, "t.point, t.replicate, t.seq");
}

table_data results_store::read_councillors_with_parameters() const {
  return with_parameters(db_, parameter_columns(), "councillors", 2, "t.point, t.replicate, t.seq");
}

}  // namespace partyline
