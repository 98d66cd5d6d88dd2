// A calibration's posterior, drawn from by ordinary runs (`partyline run --posterior DIR`).
#include "partyline/calibrate/posterior.hpp"

#include <charconv>
#include <cstdio>
#include <cmath>
#include <fstream>
#include <sstream>

#include "partyline/error.hpp"
#include "partyline/random.hpp"

namespace partyline {

namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  // posterior.csv holds numbers and dotted paths: no field is quoted.
  std::vector<std::string> out;
  std::string field;
  std::stringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

double number(const std::string& text, const std::string& where) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end) {
    if (text == "inf") return INFINITY;
    throw usage_error(where + ": '" + text + "' is not a number");
  }
  return v;
}

}  // namespace

posterior_sample read_posterior(const std::filesystem::path& folder) {
  const std::filesystem::path file = folder / "posterior.csv";
  std::ifstream in(file);
  if (!in) throw usage_error(file.string() + ": cannot read it: a posterior is a calibration's output folder (partyline calibrate --out DIR)");
  std::string line;
  if (!std::getline(in, line)) throw usage_error(file.string() + ": empty");
  const std::vector<std::string> header = split_csv_line(line);
  std::size_t gen = header.size(), particle = header.size(), weight = header.size(), distance = header.size();
  for (std::size_t k = 0; k < header.size(); ++k) {
    if (header[k] == "generation") gen = k;
    if (header[k] == "particle") particle = k;
    if (header[k] == "weight") weight = k;
    if (header[k] == "distance") distance = k;
  }
  if (gen == header.size() || particle == header.size() || weight == header.size() || distance == header.size())
    throw usage_error(file.string() + ": not a calibration's posterior (it needs the columns generation, particle, weight, distance)");
  posterior_sample p;
  p.folder = folder;
  for (std::size_t k = distance + 1; k < header.size(); ++k) p.parameters.push_back(header[k]);
  if (p.parameters.empty()) throw usage_error(file.string() + ": names no free parameter after `distance`");
  // Every row; only the last generation's are kept.
  int row = 1;
  while (std::getline(in, line)) {
    ++row;
    if (line.empty()) continue;
    const std::string where = file.string() + ":" + std::to_string(row);
    const std::vector<std::string> f = split_csv_line(line);
    if (f.size() != header.size()) throw usage_error(where + ": " + std::to_string(f.size()) + " fields, the header has " + std::to_string(header.size()));
    const int g = static_cast<int>(number(f[gen], where));
    if (g < p.generation) continue;
    if (g > p.generation) {
      p.generation = g;
      p.particle_ids.clear();
      p.values.clear();
      p.weights.clear();
    }
    p.particle_ids.push_back(static_cast<int>(number(f[particle], where)));
    p.weights.push_back(number(f[weight], where));
    std::vector<double> v;
    for (std::size_t k = distance + 1; k < f.size(); ++k) v.push_back(number(f[k], where));
    p.values.push_back(std::move(v));
  }
  double total = 0;
  for (const double w : p.weights) {
    if (!(w >= 0) || !std::isfinite(w)) throw usage_error(file.string() + ": a particle's weight is negative or not finite");
    total += w;
  }
  if (p.weights.empty() || total <= 0) throw usage_error(file.string() + ": no particle with a positive weight");
  for (double& w : p.weights) w /= total;
  return p;
}

std::size_t posterior_particle(const posterior_sample& p, std::uint64_t seed, std::uint64_t run) {
  const double u = draw_stream(seed, run, 0, stream::posterior).uniform(0);
  double cumulative = 0;
  for (std::size_t i = 0; i < p.weights.size(); ++i) {
    cumulative += p.weights[i];
    if (u < cumulative) return i;
  }
  return p.weights.size() - 1;  // rounding: the last particle
}

posterior_runs draw_posterior_runs(const posterior_sample& p, std::uint64_t seed, long long runs,
                                   const std::function<frozen_scenario(const std::vector<path_value>&)>& load) {
  posterior_runs out;
  std::vector<frozen_scenario> by_particle(p.weights.size());
  for (long long r = 0; r < runs; ++r) {
    const std::size_t k = posterior_particle(p, seed, static_cast<std::uint64_t>(r));
    if (!by_particle[k]) {
      std::vector<path_value> values;
      for (std::size_t j = 0; j < p.parameters.size(); ++j) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", p.values[k][j]);
        values.emplace_back(p.parameters[j], buf);
      }
      by_particle[k] = load(values);
    }
    out.scenarios.push_back(by_particle[k]);
    out.particles.push_back(p.particle_ids[k]);
  }
  return out;
}

}  // namespace partyline
