#pragma once
/// @brief Errors a user can cause. Programmer errors are assertions, not these.
#include <memory>
#include <stdexcept>
#include <string>

namespace partyline {

/// @brief Where in an input file something was written (1-based line and column).
struct source_mark {
  std::shared_ptr<const std::string> file;  ///< shared: every node of a document points at one name
  int line = 0;
  int column = 0;

  [[nodiscard]] std::string file_name() const { return file ? *file : std::string("<input>"); }
};

/// @brief A bad scenario or sweep file. what() is "FILE:LINE:COL: key.path: message".
class scenario_error : public std::runtime_error {
 public:
  scenario_error(const source_mark& where, std::string key_path, std::string message);
  [[nodiscard]] const source_mark& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& key_path() const noexcept { return key_path_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  source_mark where_;
  std::string key_path_;
  std::string message_;
};

/// @brief A problem with the command line, a path or an output folder: reported, exit status 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief Thrown inside a run when its cancel flag is raised (SIGINT or SIGTERM in the CLI, Ctrl-C in Python): the
/// run is abandoned at the next step of its week, so a stop never waits for a long run to end. Whoever started the
/// run catches it and keeps only the runs that finished.
class run_cancelled : public std::exception {
 public:
  [[nodiscard]] const char* what() const noexcept override { return "the run was cancelled"; }
};

/// @brief Exit statuses of the CLI, documented in --help.
enum exit_status : int { exit_ok = 0, exit_failure = 1, exit_bad_input = 2, exit_interrupted = 130 };

}  // namespace partyline
