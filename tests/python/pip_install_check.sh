#!/bin/sh
# `pip install .` into a fresh virtual environment made from Debian's Python with --system-site-packages, as the
# README tells a user to: the module, the CLI, the scenarios and the notebooks must all arrive and work from outside
# the source tree. The wheel is built from the suite's own build tree (PARTYLINE_PIP_BUILD_DIR; the backend then
# builds and installs it without reconfiguring), so the check costs an install, not a second build.
# Usage: pip_install_check.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
tree=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
PARTYLINE_PIP_BUILD_DIR="$tree" "$work/venv/bin/pip" install --no-input --disable-pip-version-check -q "$src"
cd "$work"
# The module is the venv's, finds its scenarios in the venv's share/partyline, and runs one.
PARTYLINE_ROOT= PYTHONPATH= "$work/venv/bin/python" - "$work/venv" <<'PY'
import pathlib, sys
import partyline
venv = pathlib.Path(sys.argv[1]).resolve()
assert pathlib.Path(partyline.__file__).resolve().is_relative_to(venv), partyline.__file__
assert partyline.shared_dir().resolve() == venv / "share" / "partyline", partyline.shared_dir()
r = partyline.run(partyline.scenario_path("haringey-2018"), runs=3, seed=1, progress=False)
assert len(r["runs"]) == 3 and r["story"]
notebooks = sorted(p.name for p in (partyline.shared_dir() / "results").glob("*.ipynb"))
assert "haringey-2018.ipynb" in notebooks and "calibration.ipynb" in notebooks, notebooks
assert (partyline.shared_dir() / "scenarios" / "data" / "README.md").is_file()  # the data's source and licence
print("module:", partyline.__version__, "from", partyline.__file__, "notebooks:", len(notebooks))
PY
# The CLI is the venv's too, and a finished output folder holds the results and nothing else (no lock file).
test -x "$work/venv/bin/partyline"
"$work/venv/bin/partyline" run "$work/venv/share/partyline/scenarios/haringey-2018.yaml" --runs 5 --quiet --out "$work/r"
test -f "$work/r/runs.csv"
leftover=$(ls -A "$work/r" | grep -v -x -e runs.csv -e councils.csv -e targets.csv -e manifest.json || true)
if [ -n "$leftover" ]; then echo "left in the output folder: $leftover"; exit 1; fi
# The venv's CLI draws a report with the venv's module, beside the folder.
"$work/venv/bin/partyline" report "$work/r"
grep -q "The documented facts against the runs" "$work/r.html"
"$work/venv/bin/pip" uninstall -y -q partyline
test ! -e "$work/venv/bin/partyline"
echo "pip install: module, CLI (run, report), scenarios and notebooks installed and working; uninstalled cleanly"
