#pragma once
// Reading a results store directly (integration tests that watch a sweep while it runs or after it was killed).
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace partyline::testing {

/// The first column of the first row of `sql` on DIR/results.sqlite, or -1 if it cannot be read (yet).
inline long long store_int(const std::filesystem::path& dir, const char* sql) {
  sqlite3* h = nullptr;
  long long n = -1;
  if (sqlite3_open_v2((dir / "results.sqlite").c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(h, 2000);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(h);
  return n;
}

/// Runs stored so far in DIR/results.sqlite.
inline long long stored_runs(const std::filesystem::path& dir) { return store_int(dir, "SELECT COUNT(*) FROM runs"); }

/// PRAGMA integrity_check of DIR/results.sqlite ("ok" when whole).
inline std::string store_integrity(const std::filesystem::path& dir) {
  sqlite3* h = nullptr;
  std::string out;
  if (sqlite3_open_v2((dir / "results.sqlite").c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
  }
  sqlite3_close(h);
  return out;
}

}  // namespace partyline::testing
