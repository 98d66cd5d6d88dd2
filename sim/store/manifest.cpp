// The one manifest writer: see include/partyline/store/manifest.hpp.
#include "partyline/store/manifest.hpp"

#include <unistd.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "partyline/store/sha256.hpp"
#include "partyline/version.hpp"

namespace partyline {

std::string utc_timestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

manifest_entries provenance(const std::string& command) {
  return {{"partyline_version", version()}, {"git_commit", git_commit()}, {"command", command}};
}

manifest_entries sweep_manifest(const std::string& command, std::size_t shard_index, std::size_t shard_count) {
  manifest_entries out = provenance(command);
  out.emplace_back("created_at", utc_timestamp());
  out.emplace_back("shard", std::to_string(shard_index + 1) + "/" + std::to_string(shard_count));
  return out;
}

std::string export_manifest_json(const std::string& command, const std::string& source, long long source_runs,
                                 const std::vector<result_set_writer::table_entry>& tables) {
  std::vector<std::string> files;
  nlohmann::ordered_json listed = nlohmann::ordered_json::object();
  for (const auto& t : tables) {
    files.push_back(t.name);
    listed[t.name] = {{"sha256", t.sha256}, {"rows", t.rows}};
  }
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [key, value] : provenance(command)) j[key] = value;
  j["kind"] = "export";
  j["source"] = source;
  j["source_runs"] = source_runs;
  j["complete"] = true;
  j["files"] = files;
  j["tables"] = listed;
  return j.dump(2) + "\n";
}

std::string run_manifest_json(const run_manifest& m, const std::vector<result_set_writer::table_entry>& tables) {
  std::vector<std::string> files;
  nlohmann::ordered_json listed = nlohmann::ordered_json::object();
  for (const auto& t : tables) {
    files.push_back(t.name);
    listed[t.name] = {{"sha256", t.sha256}, {"rows", t.rows}};
  }
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [key, value] : provenance(m.command)) j[key] = value;
  j["scenario_path"] = m.scenario_path;
  j["scenario_sha256"] = sha256_hex(m.scenario_text);
  j["scenario_name"] = m.scenario_name;
  j["seed"] = m.seed;
  j["set"] = m.sets;
  j["runs_requested"] = m.runs_requested;
  j["runs_completed"] = m.runs_completed;
  j["complete"] = m.complete;
  j["threads"] = m.threads;
  j["weekly"] = m.weekly;
  j["events"] = m.events;
  j["typical_run"] = m.typical_run;
  j["typical_run_why"] = m.typical_run_why;
  if (!m.posterior.empty()) {
    j["posterior"] = m.posterior;
    j["posterior_generation"] = m.posterior_generation;
    j["posterior_parameters"] = m.posterior_parameters;
    j["posterior_particles"] = m.posterior_particles;
  }
  j["files"] = files;
  j["tables"] = listed;
  j["timings"] = {{"started_at", m.started_at},
                  {"finished_at", utc_timestamp()},
                  {"wall_seconds", m.wall_seconds},
                  {"runs_per_second", m.wall_seconds > 0 ? static_cast<double>(m.runs_completed) / m.wall_seconds : 0.0}};
  j["host"] = std::string(host);
  j["resolved_scenario"] = m.resolved_scenario;
  return j.dump(2) + "\n";
}

}  // namespace partyline
