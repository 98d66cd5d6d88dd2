"""`partyline report DIR`: one self-contained HTML page per run or sweep folder, written beside it (never inside, never
over an existing page), opened in a headless browser (Debian's chromium, installed by ./setup.sh) and screenshot."""

import os
import json
import pathlib
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import pytest  # noqa: E402

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
BIN = os.environ.get("PARTYLINE_BIN", str(ROOT / "build" / "release" / "sim" / "partyline"))
HARINGEY = ROOT / "scenarios" / "haringey-2018.yaml"


def screenshot(page: pathlib.Path, png: pathlib.Path) -> None:
    browser = shutil.which("chromium")
    assert browser, "chromium is missing: ./setup.sh installs it"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,5000",
                    f"--screenshot={png}", page.resolve().as_uri()], check=True, capture_output=True, timeout=120)


def test_a_run_folders_report_is_a_page_beside_it_that_a_browser_draws(tmp_path):
    run = tmp_path / "haringey"
    subprocess.run([BIN, "run", str(HARINGEY), "--runs", "40", "--seed", "3", "--events", "--weekly", "--agents",
                    "--quiet", "--out", str(run)], check=True)
    before = sorted(p.name for p in run.iterdir())
    done = subprocess.run([BIN, "report", str(run)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page = tmp_path / "haringey.html"
    assert page.is_file() and sorted(p.name for p in run.iterdir()) == before  # nothing written inside
    subprocess.run([BIN, "verify", str(run), "--quiet"], check=True)
    text = page.read_text()
    for section in ("The documented facts against the runs", "Outcomes", "Timeline", "Week by week",
                    ", a typical run</h2>", "documented dates", "P(documented)", "How the runs diverge",
                    "Who acted on whom", "The group's positions", "When, against the documented dates",
                    "red diamonds"):
        assert section in text, section
    # Embedded: the timeline, the branches, who acted on whom, the weekly bands, the group's positions.
    assert text.count("data:image/png;base64,") == 5
    # The story is the one `partyline run` told for these runs.
    told = subprocess.run([BIN, "run", str(HARINGEY), "--runs", "40", "--seed", "3", "--out", str(tmp_path / "again")],
                          capture_output=True, text=True, check=True).stdout
    first_line = next(line for line in told.splitlines() if "· request ·" in line).strip()
    import html
    assert html.escape(first_line) in text
    typical = json.loads((run / "manifest.json").read_text())["typical_run"]
    assert f"the story of run {typical}, a typical run" in told and f"The story of run {typical}, a typical run" in text
    # Never over an existing page, unless asked.
    again = subprocess.run([BIN, "report", str(run)], capture_output=True, text=True)
    assert again.returncode == 2 and "refusing to overwrite" in again.stderr
    subprocess.run([BIN, "report", str(run), "--force"], check=True, capture_output=True)
    png = tmp_path / "haringey.png"
    screenshot(page, png)
    image = matplotlib.image.imread(png)
    assert image.shape[0] == 5000 and image.shape[1] == 1200
    assert image[..., :3].std() > 0.05  # drawn: text, tables and figures, not a blank page


def test_a_sweeps_report_draws_its_outcomes_against_its_parameters(tmp_path):
    sweep = tmp_path / "grid"
    subprocess.run([BIN, "sweep", str(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml"), "--quiet", "--out", str(sweep)],
                   check=True)
    page = tmp_path / "page.html"
    subprocess.run([BIN, "report", str(sweep), "--out", str(page)], check=True, capture_output=True)
    text = page.read_text()
    assert "Outcomes against the swept parameters" in text and "Points" in text
    assert text.count("data:image/png;base64,") >= 1
    screenshot(page, tmp_path / "page.png")
    assert matplotlib.image.imread(tmp_path / "page.png")[..., :3].std() > 0.05


def test_a_folder_that_holds_no_results_is_refused(tmp_path):
    done = subprocess.run([BIN, "report", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2 and "neither a run's folder" in done.stderr
    assert not (tmp_path.parent / f"{tmp_path.name}.html").exists()


def test_a_calibrations_folder_is_refused_with_what_reads_it(tmp_path):
    # A calibration's folder holds a results.sqlite as a sweep's does, but no runs: a clear refusal, not a traceback.
    subprocess.run([BIN, "calibrate", str(ROOT / "tests" / "data" / "calibration" / "tiny.yaml"), "--quiet", "--out",
                    str(tmp_path / "c")], check=True)
    done = subprocess.run([BIN, "report", str(tmp_path / "c")], capture_output=True, text=True)
    assert done.returncode == 2 and "a calibration's folder" in done.stderr and "partyline.load" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "c.html").exists()
