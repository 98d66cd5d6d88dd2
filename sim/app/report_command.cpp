// `partyline report DIR`: one HTML page per run or sweep folder. The page is drawn by the Python module's report
// (sim/python/partyline/report.py: matplotlib figures, pandas tables), so this command hands over to the Python that
// has the module: the venv's own python3 beside this binary (after `pip install .`), or Debian's /usr/bin/python3
// with the build tree's module (build/<preset>/python) or an installed one (/usr/local/lib/python3/dist-packages).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli.hpp"
#include "partyline/error.hpp"

namespace partyline::cli {

int cmd_report(const std::string& dir, const std::string& out, bool force) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path here = ec ? fs::path{} : self.parent_path();
  // A venv's python3 sits beside its scripts; otherwise Debian's.
  const fs::path python = !here.empty() && fs::exists(here / "python3") ? here / "python3" : fs::path{"/usr/bin/python3"};
  // The build tree: build/<preset>/sim/partyline has its module in build/<preset>/python.
  const fs::path built = here.parent_path() / "python";
  if (!here.empty() && fs::exists(built / "partyline" / "report.py")) {
    const char* old = std::getenv("PYTHONPATH");
    const std::string path = built.string() + (old && *old ? ":" + std::string(old) : "");
    setenv("PYTHONPATH", path.c_str(), 1);
  }
  std::vector<std::string> args{python.string(), "-m", "partyline.report", dir};
  if (!out.empty()) args.insert(args.end(), {"--out", out});
  if (force) args.emplace_back("--force");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  execv(python.c_str(), argv.data());
  throw usage_error("report: cannot start " + python.string() + ": " + std::strerror(errno) +
                    " (the report is drawn by the Python module: ./setup.sh installs Debian's Python)");
}

}  // namespace partyline::cli
