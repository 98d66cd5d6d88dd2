"""The Python module: DataFrames with the documented columns, the CLI's results, the CLI's error messages,
sweeps and their stores, interruption with Ctrl-C. Run with Debian's pytest: /usr/bin/python3 -m pytest tests/python
(PYTHONPATH=build/<preset>/python, PARTYLINE_BIN=the CLI binary)."""

import io
import json
import os
import pathlib
import re
import signal
import subprocess
import threading
import time

import numpy as np
import pandas as pd
import pytest
import yaml

import partyline

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
BIN = os.environ.get("PARTYLINE_BIN", str(ROOT / "build" / "release" / "sim" / "partyline"))
TINY = ROOT / "tests" / "data" / "tiny.yaml"
BIRMINGHAM = ROOT / "scenarios" / "birmingham-2019.yaml"


def assert_same_as_csv(frame: pd.DataFrame, path: pathlib.Path) -> None:
    """A typed frame holds exactly the cells of the CLI's CSV: categories and dates as their text (missing: empty),
    yes/no as 1/0, numbers equal (the CSV writes the shortest text that reads back the same double)."""
    text = pd.read_csv(path, dtype=str, keep_default_na=False)
    numbers = pd.read_csv(path, keep_default_na=False, na_values=[""], float_precision="round_trip")
    assert list(frame.columns) == list(text.columns) and len(frame) == len(text)
    for name in frame.columns:
        col = frame[name].reset_index(drop=True)
        if isinstance(col.dtype, pd.CategoricalDtype):
            assert col.astype(object).where(col.notna(), "").tolist() == text[name].tolist(), name
        elif pd.api.types.is_datetime64_any_dtype(col):
            assert col.dt.strftime("%Y-%m-%d").fillna("").tolist() == text[name].tolist(), name
        elif pd.api.types.is_bool_dtype(col):
            assert col.astype(int).astype(str).tolist() == text[name].tolist(), name
        elif col.dtype == object:
            assert col.fillna("").astype(str).tolist() == text[name].tolist(), name
        else:
            np.testing.assert_array_equal(col.to_numpy(dtype=float), numbers[name].to_numpy(dtype=float), err_msg=name)


def test_run_returns_the_documented_tables():
    r = partyline.run(TINY, runs=5, seed=3, weekly=True, events=True)
    assert list(r["runs"].columns[:4]) == ["run", "seed", "requests", "interventions"]
    assert len(r["runs"]) == 5 and (r["runs"].seed == 3).all()
    assert "seats_end_lab" in r["councils"].columns and "administration_end" in r["councils"].columns
    assert list(r["weekly"].columns) == ["run", "week", "date", "council", "backlash", "satisfaction", "agenda_open",
                                         "disputes_active", "members", "seats", "councils_controlled"]
    assert set(r["weekly"].council) == {"all", "smalltown"}
    assert list(r["events"].columns) == ["run", "week", "date", "council", "rule", "event", "value", "of", "value_is",
                                         "of_is", "detail"]
    assert "letter_min" in r["resolved_scenario"]


def test_results_are_identical_to_the_cli(tmp_path):
    out = tmp_path / "cli"
    subprocess.run([BIN, "run", str(BIRMINGHAM), "--runs", "40", "--seed", "11", "--threads", "2", "--quiet",
                    "--out", str(out)], check=True)
    r = partyline.run(BIRMINGHAM, runs=40, seed=11, threads=1)
    assert_same_as_csv(r["runs"], out / "runs.csv")
    assert_same_as_csv(r["councils"], out / "councils.csv")


def test_results_come_with_real_dtypes_as_arrays():
    r = partyline.run(BIRMINGHAM, runs=6, seed=2, weekly=True, events=True, agents=True)
    runs, councils = r["runs"], r["councils"]
    assert runs["run"].dtype == np.int64 and runs["requests"].dtype == np.int64
    assert isinstance(councils["council"].dtype, pd.CategoricalDtype)
    # Categories in the scenario's order, the focus council first; every council of the scenario is one.
    assert councils["council"].cat.categories[0] == "birmingham"
    assert isinstance(councils["control_end"].dtype, pd.CategoricalDtype)
    for name in ("weekly", "events", "decisions"):
        assert pd.api.types.is_datetime64_any_dtype(r[name]["date"]), name
    assert r["events"]["date"].min() >= pd.Timestamp(yaml.safe_load(BIRMINGHAM.read_text())["start_date"])
    assert r["weekly"]["satisfaction"].dtype == np.float64
    assert r["decisions"]["notice"].dtype == bool and r["councillors"]["cabinet_end"].dtype == bool
    assert isinstance(r["decisions"]["body"].dtype, pd.CategoricalDtype)
    # An empty text is missing, not an empty category.
    deal = r["decisions"]["deal"]
    assert "" not in list(deal.cat.categories) and deal.isna().any()


def test_progress_is_told_as_runs_finish_and_a_bar_is_optional(capsys):
    seen = []
    r = partyline.run(TINY, runs=30, seed=1, threads=2, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (30, 30) and all(t == 30 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    quiet = partyline.run(TINY, runs=30, seed=1, progress=False)
    pd.testing.assert_frame_equal(r["runs"], quiet["runs"])  # progress changes nothing
    assert capsys.readouterr().err == ""  # quick work shows no bar
    with pytest.raises(TypeError, match="progress"):
        partyline.run(TINY, runs=2, progress="yes")
    told = []
    report = partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=pathlib.Path(os.environ.get(
        "TMPDIR", "/tmp")) / f"progress-{os.getpid()}-{time.monotonic_ns()}", progress=lambda d, t: told.append((d, t)))
    assert told[-1] == (report["total"], report["total"])


def test_overrides_are_columns_of_each_run():
    r = partyline.run(TINY, runs=4, seed=1, overrides={"rules.R7.letter_min": 3, "executive.left_share": 0.3})
    assert list(r["runs"].columns[:4]) == ["run", "seed", "rules.R7.letter_min", "executive.left_share"]
    assert (r["runs"]["rules.R7.letter_min"] == 3).all() and (r["runs"]["executive.left_share"] == 0.3).all()
    assert list(r["councils"].columns[:3]) == ["run", "rules.R7.letter_min", "executive.left_share"]
    assert "rules.R7.letter_min" not in partyline.run(TINY, runs=2)["runs"].columns


def test_errors_are_worded_for_python(tmp_path):
    partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=tmp_path / "s", progress=False)
    with pytest.raises(partyline.UsageError) as e:
        partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=tmp_path / "s", progress=False)
    assert "resume=True" in str(e.value) and "--resume" not in str(e.value) and "--out" not in str(e.value)


def test_decisions_are_every_vote_as_the_cli_writes_them(tmp_path):
    out = tmp_path / "cli"
    subprocess.run([BIN, "run", str(BIRMINGHAM), "--runs", "10", "--seed", "11", "--events", "--quiet", "--out", str(out)],
                   check=True)
    d = partyline.run(BIRMINGHAM, runs=10, seed=11, events=True)["decisions"]
    assert list(d.columns) == ["run", "week", "date", "body", "council", "item", "decision", "yes", "of", "meeting",
                               "notice", "weeks_waiting", "deal", "votes"]
    assert len(d) > 0 and d["notice"].dtype == bool and (d["yes"] <= d["of"]).all()
    assert_same_as_csv(d, out / "decisions.csv")


def test_councillors_are_each_focus_seat_as_the_cli_writes_them(tmp_path):
    out = tmp_path / "cli"
    subprocess.run([BIN, "run", str(BIRMINGHAM), "--runs", "4", "--seed", "11", "--agents", "--quiet", "--out", str(out)],
                   check=True)
    c = partyline.run(BIRMINGHAM, runs=4, seed=11, agents=True)["councillors"]
    assert list(c.columns[:6]) == ["run", "council", "seat", "ward", "party_start", "party_end"]
    assert c["cabinet_end"].dtype == bool and c["stands_independent"].dtype == bool
    assert len(c) == 4 * c[c.run == 0].shape[0] > 0
    assert_same_as_csv(c, out / "councillors.csv")


def test_a_dict_scenario_is_the_same_as_its_file():
    as_dict = yaml.safe_load(TINY.read_text())
    a = partyline.run(TINY, runs=6, seed=2)
    b = partyline.run(as_dict, runs=6, seed=2)
    pd.testing.assert_frame_equal(a["runs"], b["runs"])


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml")))
def test_every_shipped_scenario_runs_as_a_dict_as_the_readme_offers(name):
    # Issue 36 F7: yaml.safe_load reads start_date as a date, which json.dumps refused (TypeError) for every
    # shipped scenario -- hiding the real error when a required key was missing.
    as_dict = yaml.safe_load((ROOT / "scenarios" / name).read_text())
    a = partyline.run(ROOT / "scenarios" / name, runs=1, seed=4)
    b = partyline.run(as_dict, runs=1, seed=4)
    pd.testing.assert_frame_equal(a["runs"], b["runs"])
    del as_dict["parties"]
    with pytest.raises(partyline.ScenarioError, match=r"<scenario dict>:\d+:\d+: parties: required key is missing"):
        partyline.run(as_dict, runs=1)


def test_a_dict_value_that_is_no_scenario_value_is_named():
    as_dict = yaml.safe_load(TINY.read_text())
    as_dict["description"] = {1, 2}
    with pytest.raises(TypeError, match=r"description: a set is not a value a scenario holds"):
        partyline.run(as_dict, runs=1)


def test_overrides_use_sweep_paths():
    base = partyline.run(BIRMINGHAM, runs=30, seed=5)
    strict = partyline.run(BIRMINGHAM, runs=30, seed=5, overrides={"rules.R7.letter_min": 60})
    assert base["runs"].backbench_letters.sum() > 0
    assert strict["runs"].backbench_letters.sum() == 0


def test_errors_carry_file_line_column_and_key_path():
    with pytest.raises(partyline.ScenarioError) as e:
        partyline.run(ROOT / "tests" / "data" / "invalid" / "misspelt_key.yaml")
    assert isinstance(e.value, ValueError)
    assert re.match(r"^.+misspelt_key\.yaml:3:1: weekz: unknown key \(did you mean 'weeks'\?\)$", str(e.value))
    with pytest.raises(partyline.ScenarioError, match=r"overrides:1:1: rules\.R2\.b_backlas: unknown key"):
        partyline.run(TINY, overrides={"rules.R2.b_backlas": 1.0})
    with pytest.raises(partyline.ScenarioError, match=r"<scenario dict>:\d+:\d+: weekz"):
        partyline.run({"name": "x", "parties": [{"id": "lab", "position": -0.3}],
                       "councils": [{"id": "a", "seats": {"lab": 3}}], "weekz": 3})
    with pytest.raises(FileNotFoundError):
        partyline.run(ROOT / "no-such-scenario.yaml")


def test_names_and_ids_must_be_safe_slugs():
    # Issue 19 (F3, F5): a name that leaves the output folder, an id that breaks CSV headers.
    tiny = yaml.safe_load(TINY.read_text())
    for key, bad, where in [("name", "../../x", r"name"), ("party", "l,ab", r"parties\[0\]\.id")]:
        d = yaml.safe_load(TINY.read_text())
        if key == "name":
            d["name"] = bad
        else:
            d["parties"][0]["id"] = bad
        with pytest.raises(partyline.ScenarioError, match=r"<scenario dict>:\d+:\d+: " + where + ": '"):
            partyline.run(d, runs=1)
    assert partyline.run(tiny, runs=1)["runs"].shape[0] == 1


def test_files_are_read_as_the_cli_reads_them(tmp_path):
    # Issue 19 F1, F9: devices and pipes are refused (not read until memory runs out, not waited on forever); a
    # file that is not UTF-8 is a ScenarioError at its line and column, as in the CLI.
    with pytest.raises(partyline.UsageError, match="not a regular file"):
        partyline.run("/dev/zero", runs=2)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with pytest.raises(partyline.UsageError, match="not a regular file"):
        partyline.run(fifo, runs=2)
    with pytest.raises(partyline.ScenarioError, match=r"not_utf8\.yaml:6:31: not UTF-8 text \(byte 0xE9\)"):
        partyline.run(ROOT / "tests" / "data" / "invalid" / "not_utf8.yaml", runs=1)


@pytest.mark.parametrize("kwargs, error", [
    ({"seed": -1}, ValueError), ({"seed": 2**70}, ValueError), ({"seed": "x"}, TypeError), ({"seed": 1.5}, TypeError),
    ({"threads": -1}, ValueError), ({"threads": 100000}, ValueError), ({"runs": 2.7}, TypeError),
    ({"runs": "10"}, TypeError), ({"runs": 0}, ValueError), ({"runs": True}, TypeError), ({"weekly": 1}, TypeError),
])
def test_arguments_are_checked_like_the_cli_options(kwargs, error):
    # Issue 19 F8: exact types and the CLI's ranges, the argument named.
    name = next(iter(kwargs))
    with pytest.raises(error, match=name):
        partyline.run(TINY, **kwargs)


@pytest.mark.parametrize("runs, seed, threads, name", [
    (0, None, 0, "runs"), (10_000_001, None, 0, "runs"), (1, -5, 0, "seed"), (1, 9_000_000_000_000_000_001, 0, "seed"),
    (1, None, -1, "threads"), (1, None, 1025, "threads"),
])
def test_the_library_checks_arguments_itself(runs, seed, threads, name):
    # The engine's entry (prepare_request) checks the CLI's ranges even when Python's checks are bypassed.
    with pytest.raises(ValueError, match=f"{name} must be between"):
        partyline._core.run(TINY.read_text(), "tiny", runs, seed, threads, [], False, False)


def test_a_sweep_needs_an_output_folder(tmp_path):
    with pytest.raises(TypeError, match="out"):
        partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=None)
    assert not (pathlib.Path.cwd() / "None").exists()


def test_sweep_and_load(tmp_path):
    report = partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=tmp_path / "s")
    assert report["complete"] and report["ran"] == 24
    tables = partyline.load(tmp_path / "s")
    runs = tables["runs"]
    assert list(runs.columns[:6]) == ["point", "replicate", "seed", "councils[0].group.confrontation",
                                      "rules.R7.letter_min", "weeks"]
    assert len(runs) == 24 and len(tables["points"]) == 6
    assert tables["manifest"]["design"] == "grid"
    # The CLI's export of the same store has the same rows.
    subprocess.run([BIN, "export", str(tmp_path / "s")], check=True, capture_output=True)
    assert_same_as_csv(runs, tmp_path / "s" / "export" / "runs.csv")


def test_a_sweep_into_a_folder_another_process_writes_is_refused(tmp_path):
    # Issue 19 F2: Python's sweeps take the folder's lock like the CLI's; the other writer is named, nothing written.
    import fcntl
    out = tmp_path / "held"
    out.mkdir()
    with open(out / ".partyline.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write("4545\n")
        lock.flush()
        with pytest.raises(partyline.UsageError, match=r"another partyline \(pid 4545\)"):
            partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=out)
    assert not (out / "results.sqlite").exists()
    assert partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=out)["ran"] == 24


def test_summarize_and_compare_are_the_clis_statistics(tmp_path):
    # Issue 18: analysis as data -- the Python functions return the CLI's --format csv tables, not a re-implementation.
    sweep = tmp_path / "s"
    partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=sweep)
    cli = pd.read_csv(io.StringIO(subprocess.run([BIN, "summarize", str(sweep), "--format", "csv"], check=True,
                                                 capture_output=True, text=True).stdout))
    mine = partyline.summarize(sweep)
    pd.testing.assert_frame_equal(mine, cli, check_dtype=False)
    assert list(mine.columns[-10:]) == ["outcome", "runs", "mean", "mean_lo", "mean_hi", "p05", "p95", "share",
                                        "share_lo", "share_hi"]
    for seed in (1, 2):
        subprocess.run([BIN, "run", str(TINY), "--runs", "30", "--seed", str(seed), "--quiet", "--out",
                        str(tmp_path / f"r{seed}")], check=True)
    cli = pd.read_csv(io.StringIO(subprocess.run([BIN, "compare", str(tmp_path / "r1"), str(tmp_path / "r2"), "--format",
                                                  "csv"], check=True, capture_output=True, text=True).stdout))
    pd.testing.assert_frame_equal(partyline.compare(tmp_path / "r1", tmp_path / "r2"), cli, check_dtype=False)
    # Never outside the feasible range: counts' intervals are >= 0, shares within [0, 1].
    s = partyline.summarize(partyline.run(TINY, runs=40, seed=3))
    assert (s["mean_lo"] >= 0).all() and (s["mean_lo"] <= s["mean"]).all() and (s["mean"] <= s["mean_hi"]).all()
    shares = s.dropna(subset=["share"])
    assert ((shares["share_lo"] >= 0) & (shares["share_hi"] <= 1)).all()


def test_sensitivity_is_the_clis(tmp_path):
    sweep = tmp_path / "sobol"
    partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-sobol.yaml", out=sweep)
    cli = pd.read_csv(io.StringIO(subprocess.run([BIN, "sensitivity", str(sweep), "--format", "csv"], check=True,
                                                 capture_output=True, text=True).stdout))
    mine = partyline.sensitivity(sweep)
    pd.testing.assert_frame_equal(mine, cli, check_dtype=False)
    assert (mine.too_few_samples == 1).any() and (mine.samples_needed > mine.base_samples).any()
    with pytest.raises(ValueError, match="design: sobol or morris"):
        partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=tmp_path / "grid")
        partyline.sensitivity(tmp_path / "grid")
    # A morris design: mu, mu* and sigma per outcome and input, the CLI's numbers.
    morris = tmp_path / "morris"
    partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-morris.yaml", out=morris)
    cli = pd.read_csv(io.StringIO(subprocess.run([BIN, "sensitivity", str(morris), "--format", "csv"], check=True,
                                                 capture_output=True, text=True).stdout))
    mine = partyline.sensitivity(morris)
    pd.testing.assert_frame_equal(mine, cli, check_dtype=False)
    assert list(mine.columns) == ["outcome", "input", "mu", "mu_star", "mu_star_lo", "mu_star_hi", "sigma", "trajectories",
                                  "above_noise"]
    assert (mine.mu_star >= mine.mu.abs() - 1e-9).all() and (mine.trajectories == 6).all()


def test_sweep_from_a_dict(tmp_path):
    spec = {"scenario": str(TINY), "replicates": 3, "seed": 1, "design": "grid",
            "parameters": {"rules.R7.letter_min": [3, 6]}}
    assert partyline.sweep(spec, out=tmp_path / "d")["ran"] == 6
    assert len(partyline.load(tmp_path / "d")["runs"]) == 6


def test_long_runs_release_the_gil():
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.005)

    t = threading.Thread(target=count)
    t.start()
    partyline.run(BIRMINGHAM, runs=300, threads=1)
    stop.set()
    t.join()
    assert len(ticks) > 10


def interrupt_after(seconds):
    timer = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


def test_ctrl_c_interrupts_a_run():
    timer = interrupt_after(0.3)
    with pytest.raises(KeyboardInterrupt):
        partyline.run(ROOT / "scenarios" / "haringey-2018.yaml", runs=5000, threads=2)
    timer.cancel()


def test_ctrl_c_leaves_a_sweep_store_consistent_and_resumable(tmp_path):
    sweep_file = ROOT / "tests" / "data" / "sweeps" / "kill.yaml"
    timer = interrupt_after(0.5)
    with pytest.raises(KeyboardInterrupt):
        partyline.sweep(sweep_file, out=tmp_path / "k", threads=2)
    timer.cancel()
    partial = partyline.load(tmp_path / "k")["runs"]
    assert 0 < len(partial) < 1200
    report = partyline.sweep(sweep_file, out=tmp_path / "k", threads=2, resume=True)
    assert report["complete"] and report["already_done"] == len(partial)
    whole = partyline.sweep(sweep_file, out=tmp_path / "w", threads=2)
    assert whole["ran"] == 1200
    pd.testing.assert_frame_equal(partyline.load(tmp_path / "k")["runs"], partyline.load(tmp_path / "w")["runs"])


HARINGEY = ROOT / "scenarios" / "haringey-2018.yaml"


def test_run_tells_the_story_of_a_typical_run_as_the_cli_does(tmp_path):
    r = partyline.run(HARINGEY, runs=30, seed=5)
    assert 0 <= r["typical_run"] < 30
    out = subprocess.run([BIN, "run", str(HARINGEY), "--runs", "30", "--seed", "5", "--threads", "2",
                          "--out", str(tmp_path / "cli")], capture_output=True, text=True, check=True).stdout
    assert f"the story of run {r['typical_run']}, a typical run" in out
    assert r["story"] and r["story"] in out  # the same lines, word for word
    for what in ("request", "advise_pause", "protest_letter", "election"):
        assert f"· {what} ·" in r["story"]


def test_a_folders_story_is_its_own_typical_run_whatever_its_size(tmp_path):
    # 300 runs, more than the report used to re-run: the manifest names the typical run among all of them, and
    # story() retells that run from the folder alone, word for word as the run's summary told it.
    out = subprocess.run([BIN, "run", str(HARINGEY), "--runs", "300", "--seed", "8", "--out", str(tmp_path / "h")],
                         capture_output=True, text=True, check=True).stdout
    manifest = json.loads((tmp_path / "h" / "manifest.json").read_text())
    typical = manifest["typical_run"]
    assert 0 <= typical < 300 and manifest["typical_run_why"] in out
    assert f"the story of run {typical}, a typical run" in out
    told = partyline.story(tmp_path / "h")
    assert told and told in out
    assert partyline.story(tmp_path / "h", run=typical) == told
    assert partyline.story(tmp_path / "h", run=(typical + 1) % 300) != told
    with pytest.raises(FileNotFoundError, match="manifest.json"):
        partyline.story(tmp_path)


def test_timeline_gives_when_each_event_first_happens_across_runs():
    r = partyline.run(HARINGEY, runs=40, seed=2, events=True)
    t = partyline.timeline(r, council="haringey")
    assert list(t.columns) == ["council", "event", "runs", "share", "week_median", "week_p05", "week_p95", "date_median"]
    assert "defection" not in set(t.event)  # members' moves are background, not the case's events
    assert (t.council == "haringey").all() and t.week_median.is_monotonic_increasing
    # One row, recomputed by hand from the events: first week per run, then the runs' quantiles.
    ev = r["events"]
    first = ev[(ev.council == "haringey") & (ev.event == "deselection")].groupby("run").week.min()
    row = t.set_index("event").loc["deselection"]
    assert row.runs == len(first) and row.share == pytest.approx(len(first) / 40)
    assert row.week_median == pytest.approx(first.quantile(0.5))
    assert row.week_p05 == pytest.approx(first.quantile(0.05)) and row.week_p95 == pytest.approx(first.quantile(0.95))
    start = pd.Timestamp("2017-06-05")  # the scenario's start_date
    assert row.date_median == start + pd.Timedelta(weeks=round(row.week_median))
    assert not partyline.timeline(r, council="haringey", include_minor=False).event.isin(["deselection", "withdrawal"]).any()
    with pytest.raises(ValueError, match="events=True"):
        partyline.timeline(partyline.run(TINY, runs=2))


def test_timing_sets_each_dated_fact_against_when_the_runs_first_see_it(tmp_path):
    r = partyline.run(HARINGEY, runs=60, seed=2, events=True, progress=False)
    t = partyline.timing(r)
    dated = r["targets"][r["targets"]["happened"].notna() & r["targets"]["within_weeks"].isna()]
    assert list(t["name"]) == list(dated["name"]) and len(t) >= 4  # the advice, the letter, the resignation, the HDV
    assert not t["name"].str.endswith("_when").any()  # a fact on when restates its fact's date: timed once
    row = t.set_index("name").loc["leader_stands_down"]
    assert row.happened == pd.Timestamp("2018-01-30") and row.events == "leader_stands_down"
    # Recomputed by hand: the first week the leader stood down in each run, against the documented day's week.
    ev = r["events"]
    first = ev[ev.event == "leader_stands_down"].groupby("run").week.min()
    start = pd.Timestamp("2017-06-05")
    documented = (pd.Timestamp("2018-01-30") - start).days // 7
    assert row.share == pytest.approx(len(first) / 60) and len(first) > 0
    assert row.first_median == start + pd.Timedelta(weeks=float(first.quantile(0.5)))
    assert row.weeks_off_median == pytest.approx(first.quantile(0.5) - documented)
    assert row.share_within == pytest.approx(((first - documented).abs() <= 4).sum() / 60)
    assert partyline.timing(r, within_weeks=52).set_index("name").loc["leader_stands_down"].share_within == \
        pytest.approx(len(first) / 60)
    # The same from a run folder; and a result without events is refused with the way out.
    subprocess.run([BIN, "run", str(HARINGEY), "--runs", "60", "--seed", "2", "--events", "--quiet", "--out",
                    str(tmp_path / "h")], check=True)
    pd.testing.assert_frame_equal(partyline.timing(tmp_path / "h"), t)
    with pytest.raises(ValueError, match="events=True"):
        partyline.timing(partyline.run(HARINGEY, runs=2, progress=False))


def test_timing_has_no_figure_for_a_fact_whose_events_are_never_told():
    # Tower Hamlets 2010: the candidate's administrative suspension is counted (suspensions_administrative) but never
    # told in events.csv, so its timing is unknown (NaN), not "never" (0), though the runs reproduce the fact.
    r = partyline.run(ROOT / "scenarios" / "tower-hamlets-2010.yaml", runs=40, seed=1, events=True, progress=False)
    t = partyline.timing(r).set_index("name")
    assert r["targets"].set_index("name").loc["candidate_suspended", "reproduced_share"] > 0
    assert t.loc["candidate_suspended", "events"] == "" and pd.isna(t.loc["candidate_suspended", "share"])
    assert pd.isna(t.loc["candidate_suspended", "share_within"])
    # Which administration formed is seen when one forms, here at the mayoral contest (week 7, 21 October 2010).
    assert t.loc["independent_mayor", "events"] == "administration + mayor_elected"
    assert t.loc["independent_mayor", "share"] == 1.0 and t.loc["independent_mayor", "weeks_off_median"] == 0


def test_timing_reads_an_untold_event_as_the_decision_that_marks_it_and_never_times_part_of_a_sum():
    # A coalition approved is counted as the body's approval is applied, never told: timing reads the told decision
    # (approve_coalition), not the rare approval after the fact alone, which was all it saw before.
    scenario = ROOT / "scenarios" / "coalitions-2023.yaml"
    r = partyline.run(scenario, runs=40, seed=3, events=True, progress=False)
    t = partyline.timing(r).set_index("name")
    assert t.loc["canterbury_approved", "events"] == "approve_coalition + approved_after_the_fact"
    ev = r["events"]
    decided = ev[(ev.event == "approve_coalition") & (ev.council == "canterbury")].run.nunique()
    assert decided > 20 and t.loc["canterbury_approved", "share"] >= decided / 40
    # A sum of outcomes with an untimed part (a change of leader is never told, and has no stand-in) is untimed.
    edited = yaml.safe_load(scenario.read_text())
    fact = next(f for f in edited["targets"] if f["name"] == "canterbury_approved")
    fact["outcome"] = "coalition_approved + leader_changed"
    fact.pop("statistic", None)
    fact.pop("range", None)
    timed = partyline.timing(partyline.run(edited, runs=4, seed=3, events=True, progress=False)).set_index("name")
    assert timed.loc["canterbury_approved", "events"] == "" and pd.isna(timed.loc["canterbury_approved", "share"])


def test_a_documented_date_outside_the_run_is_an_error_naming_the_key():
    scenario = yaml.safe_load(HARINGEY.read_text())
    scenario["targets"][1]["happened"] = "2030-01-01"
    with pytest.raises(partyline.ScenarioError, match=r"targets\[1\]\.happened: 2030-01-01 is week"):
        partyline.run(scenario, runs=1, progress=False)


def test_selection_history_is_every_selection_of_every_seat(tmp_path):
    r = partyline.run(HARINGEY, runs=20, seed=5, agents=True, progress=False, overrides={"weeks": 62})
    seats = r["councillors"]
    history = partyline.selection_history(seats)
    assert list(history.columns) == ["run", "council", "seat", "order", "selection", "week", "ballot_support"]
    assert len(history) == seats["selections"].sum() > 20 * 8
    last = history.sort_values("order").groupby(["run", "seat"]).last().reset_index()
    merged = last.merge(seats, on=["run", "seat"], suffixes=("", "_seat"))
    assert (merged["selection"] == merged["selection_seat"].astype(str)).all()
    assert (merged["week"] == merged["selection_week"]).all()
    support = history["ballot_support"].dropna()
    assert len(support) > 0 and support.between(0, 1).all()


def test_against_facts_measures_each_fact_in_the_runs():
    r = partyline.run(HARINGEY, runs=40, seed=2)
    facts = [{"outcome": "focus_seats_end", "label": "seats", "observed": 42, "range": [40, 44], "source": "2018"},
             {"name": "stood_down", "outcome": "leaders_stood_down", "statistic": "share", "observed": 1, "source": "x"},
             {"outcome": "seats_end_ld", "council": "haringey", "observed": 15, "range": [10, 20], "source": "y"}]
    fit = partyline.against_facts(r, facts)
    assert list(fit.name) == ["fact-1", "stood_down", "fact-3"]
    seats = r["runs"].focus_seats_end
    assert fit.loc[0, "simulated"] == pytest.approx(seats.mean())
    assert fit.loc[0, "sim_p05"] == pytest.approx(seats.quantile(0.05)) and fit.loc[0, "sim_p95"] == pytest.approx(seats.quantile(0.95))
    assert fit.loc[0, "reproduced_share"] == pytest.approx(((seats >= 40) & (seats <= 44)).mean())
    assert fit.loc[1, "simulated"] == pytest.approx((r["runs"].leaders_stood_down > 0).mean())
    ld = r["councils"][r["councils"].council == "haringey"].seats_end_ld
    assert fit.loc[2, "reproduced_share"] == pytest.approx(((ld >= 10) & (ld <= 20)).mean())
    with pytest.raises(partyline.ScenarioError, match=r"targets\[0\]\.tolerence"):
        partyline.against_facts(r, [{"outcome": "requests", "observed": 1, "tolerence": 2, "source": "z"}])
    with pytest.raises(partyline.ScenarioError, match=r"targets\[0\]\.outcome"):
        partyline.against_facts(r, [{"outcome": "requestz", "observed": 1, "source": "z"}])
    with pytest.raises(TypeError, match="DataFrame"):
        partyline.against_facts(r["runs"], facts)
    with pytest.raises(KeyError):
        partyline.meaning("requestz")


def test_against_facts_is_the_scenarios_own_targets_in_one_schema(tmp_path):
    # The facts a scenario states (targets:) given to against_facts give its targets table, row for row.
    leicester = ROOT / "scenarios" / "leicester-2023.yaml"
    r = partyline.run(leicester, runs=30, seed=4)
    facts = [t for t in yaml.safe_load(leicester.read_text())["targets"] if "at" not in t and "within_weeks" not in t]
    mine = partyline.against_facts(r, facts)
    theirs = r["targets"][r["targets"].name.isin([f["name"] for f in facts])].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)
    # And from the run's folder.
    subprocess.run([BIN, "run", str(leicester), "--runs", "30", "--seed", "4", "--quiet", "--out", str(tmp_path / "cli")],
                   check=True)
    pd.testing.assert_frame_equal(partyline.against_facts(tmp_path / "cli", facts), mine)
    # A fact read at a week (`at`) or timed (`within_weeks`) needs what the runs saw week by week, which runs.csv
    # does not hold: refused by name, never a row of 0 runs.
    timed = [t for t in yaml.safe_load(leicester.read_text())["targets"] if "within_weeks" in t]
    assert timed
    with pytest.raises(ValueError, match="central_deselections_when.*state it among the scenario's targets"):
        partyline.against_facts(r, facts + timed)


def test_load_returns_a_sweeps_weekly_series_and_events_as_the_cli_exports_them(tmp_path):
    sweep = tmp_path / "lhs"
    partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-lhs.yaml", out=sweep)  # weekly: true
    tables = partyline.load(sweep)
    weekly = tables["weekly"]
    assert list(weekly.columns[:5]) == ["point", "replicate", "councils[0].group.confrontation", "rules.R8.escalation",
                                        "rules.R7.letter_min"]
    assert len(weekly) == len(tables["runs"]) * 12 * 2  # runs x weeks x (all, smalltown)
    subprocess.run([BIN, "export", str(sweep)], check=True, capture_output=True)
    assert_same_as_csv(weekly, sweep / "export" / "weekly.csv")
    assert pd.api.types.is_datetime64_any_dtype(weekly["date"]) and isinstance(weekly["council"].dtype, pd.CategoricalDtype)
    events = tables["events"]  # events: true
    assert list(events.columns[5:]) == ["seq", "week", "date", "council", "rule", "event", "value", "of",
                                        "value_is", "of_is", "detail"]
    assert len(events) > len(tables["runs"])
    assert_same_as_csv(events, sweep / "export" / "events.csv")
    decisions = tables["decisions"]  # kept with the events
    assert list(decisions.columns[5:8]) == ["seq", "week", "date"] and decisions["notice"].dtype == bool
    assert_same_as_csv(decisions, sweep / "export" / "decisions.csv")
    partyline.sweep(ROOT / "tests" / "data" / "sweeps" / "tiny-grid.yaml", out=tmp_path / "grid")
    assert "weekly" not in partyline.load(tmp_path / "grid")
    assert "events" not in partyline.load(tmp_path / "grid")
    assert "decisions" not in partyline.load(tmp_path / "grid")


def test_run_returns_a_cases_targets_against_its_runs(tmp_path):
    r = partyline.run(ROOT / "scenarios" / "leicester-2023.yaml", runs=30, seed=4)
    t = r["targets"]
    assert list(t.name) == ["takeover", "central_deselections", "central_deselections_when", "independents", "labour_seats",
                            "conservative_seats", "nec_seats", "green_seats", "ld_seats", "no_independent_elected",
                            "mayor_holds"]
    subprocess.run([BIN, "run", str(ROOT / "scenarios" / "leicester-2023.yaml"), "--runs", "30", "--seed", "4", "--quiet",
                    "--out", str(tmp_path / "cli")], check=True)
    pd.testing.assert_frame_equal(t, pd.read_csv(tmp_path / "cli" / "targets.csv", keep_default_na=False, na_values=[""]),
                                  check_dtype=False)
    seats = r["runs"].focus_seats_end
    row = t.set_index("name").loc["labour_seats"]
    assert row.simulated == pytest.approx(seats.mean()) and row.sim_p05 == pytest.approx(seats.quantile(0.05))
    assert "targets" not in partyline.run(TINY, runs=2)


def test_calibrate_and_load_a_calibration(tmp_path):
    calibration = ROOT / "tests" / "data" / "calibration" / "two.yaml"
    done = partyline.calibrate(calibration, out=tmp_path / "c", hold_out="tiny-case-b")
    assert done["complete"] and done["generations"] == 3
    tables = partyline.load(tmp_path / "c")
    posterior, fit = tables["posterior"], tables["fit"]
    assert list(posterior.columns[:6]) == ["generation", "tolerance", "simulations", "particle", "weight", "distance"]
    assert "councils[0].group.confrontation" in posterior.columns
    assert posterior.groupby("generation").weight.sum().round(9).eq(1).all()
    assert set(fit[fit.held_out == 1]["case"]) == {"tiny-case-b"}
    # The same as the CLI's.
    subprocess.run([BIN, "calibrate", str(calibration), "--quiet", "--hold-out", "tiny-case-b", "--out", str(tmp_path / "cli")],
                   check=True)
    assert (tmp_path / "cli" / "posterior.csv").read_text() == (tmp_path / "c" / "posterior.csv").read_text()
    with pytest.raises(partyline.UsageError, match="no such case"):
        partyline.calibrate(calibration, out=tmp_path / "x", hold_out="nope")


def test_a_metropolis_calibration_from_another_file_loads_widths_and_drives_runs(tmp_path):
    # tiny-metropolis.yaml starts `from: tiny.yaml` and names no priors of its own: its folder's calibration.yaml holds
    # tiny.yaml's text as comments, from which posterior_widths() reads the priors.
    calibration = ROOT / "tests" / "data" / "calibration" / "tiny-metropolis.yaml"
    done = partyline.calibrate(calibration, out=tmp_path / "m")
    assert done["complete"] and done["generations"] == 3
    posterior = partyline.load(tmp_path / "m")["posterior"]
    assert list(posterior.columns[-2:]) == ["rules.R8.escalation", "councils[0].group.confrontation"]
    assert {"accepted", "replicate_1", "replicate_4"} <= set(posterior.columns)
    w = partyline.posterior_widths(tmp_path / "m")
    assert list(w["parameter"]) == ["rules.R8.escalation", "councils[0].group.confrontation"]
    assert ((w["lo"] <= w["median"]) & (w["median"] <= w["hi"])).all()
    runs = partyline.run(ROOT / "tests" / "data" / "calibration" / "tiny-case.yaml", runs=3, seed=2, posterior=tmp_path / "m",
                         progress=False)
    assert len(runs["runs"]) == 3


def test_every_public_function_has_a_docstring_and_type_hints():
    import inspect
    import partyline.plots
    public = [getattr(partyline, n) for n in partyline.__all__] + \
             [f for n, f in vars(partyline.plots).items() if inspect.isfunction(f) and not n.startswith("_")
              and f.__module__ == "partyline.plots"]
    functions = [f for f in public if inspect.isfunction(f)]
    assert len(functions) >= 20
    for f in functions:
        assert f.__doc__ and len(f.__doc__.split()) >= 8, f"{f.__qualname__}: no docstring worth the name"
        hints = inspect.signature(f)
        missing = [p for p, v in hints.parameters.items() if v.annotation is inspect.Parameter.empty and p != "ax" and p != "axes"]
        assert not missing, f"{f.__qualname__}: parameters without type hints: {missing}"
    assert "Returns" in partyline.run.__doc__ and "overrides" in partyline.run.__doc__


def test_a_sweep_keeps_seats_on_request_as_run_does(tmp_path):
    spec = {"scenario": str(BIRMINGHAM), "replicates": 2, "seed": 3, "agents": True,
            "parameters": {"rules.R7.letter_min": 4}}
    partyline.sweep(spec, out=tmp_path / "s", progress=False)
    seats = partyline.load(tmp_path / "s")["councillors"]
    assert list(seats.columns[:4]) == ["point", "replicate", "rules.R7.letter_min", "seq"]
    assert seats["cabinet_end"].dtype == bool and isinstance(seats["council"].dtype, pd.CategoricalDtype)
    seed = int(partyline.load(tmp_path / "s")["points"]["seed"].iloc[0])
    mine = partyline.run(BIRMINGHAM, runs=2, seed=seed, agents=True, overrides={"rules.R7.letter_min": 4},
                         progress=False)["councillors"]
    assert len(seats) == len(mine) > 0
    for column in mine.columns[1:]:
        assert seats[column].astype(object).tolist() == mine[column].astype(object).tolist(), column
    subprocess.run([BIN, "export", str(tmp_path / "s")], check=True, capture_output=True)
    assert_same_as_csv(seats, tmp_path / "s" / "export" / "councillors.csv")


def test_run_with_a_posterior_draws_each_runs_coefficients_from_its_particles(tmp_path):
    """Issue 33 pt 5: `run(..., posterior=DIR)` gives each run one particle of the calibration's last generation (by
    weight, keyed by seed and run: the same particles whatever the threads), as `partyline run --posterior DIR` does."""
    (tmp_path / "posterior.csv").write_text(
        "generation,tolerance,simulations,particle,weight,distance,rules.R10.appoint_b0\n"
        "0,inf,10,0,1,0.5,0\n"          # an earlier generation: ignored
        "1,1.5,10,0,0.5,0.5,20\n"       # the panel at the group's meeting keeps the leader
        "1,1.5,10,1,0.5,0.7,-20\n")     # ... never keeps them
    case = ROOT / "scenarios" / "birmingham-2023.yaml"
    r = partyline.run(case, runs=200, posterior=tmp_path, events=True, progress=False)
    one = partyline.run(case, runs=200, posterior=tmp_path, threads=1, progress=False)
    runs = r["runs"]
    assert set(runs["particle"]) == {0, 1}
    assert (runs["particle"] == one["runs"]["particle"]).all()
    pd.testing.assert_frame_equal(runs, one["runs"])
    assert (r["councils"]["particle"] == r["councils"]["run"].map(runs.set_index("run")["particle"])).all()
    happened = runs.assign(removed=runs["interventions_remove_leader"] > 0, taken=runs["interventions_special_measures"] > 0)
    never = happened[happened["particle"] == 1]
    keeps = happened[happened["particle"] == 0]
    # every takeover before the group's annual meeting (week 53 of 56) ends in the panel's removal at it
    events = r["events"]
    taken_before = events[(events["event"] == "special_measures_begin") & (events["week"] < 53)]["run"]
    removed_at_meeting = events[(events["event"] == "leader_removed") & (events["week"] == 53)]["run"]
    taken_never = set(taken_before) & set(never["run"])
    assert taken_never and taken_never <= set(removed_at_meeting)
    assert never["removed"].mean() > 3 * keeps["removed"].mean()
    with pytest.raises(partyline.UsageError, match="posterior.csv"):
        partyline.run(case, runs=2, posterior=tmp_path / "nowhere", progress=False)


def test_attribution_shows_which_documented_facts_rest_on_an_asserted_input():
    """Issue 33 pt 7: each documented fact with each asserted input set to a neutral value in turn. Hertsmere's
    refusal rests on its stated pact allegation; the other councils' facts do not; an override and an edit of the
    scenario's dict are both inputs."""
    case = ROOT / "scenarios" / "coalitions-2023.yaml"

    def no_pact_allegation(tree):
        tree["events"] = [e for e in tree["events"] if e["type"] != "pact_allegation"]

    table = partyline.attribution(case, {"no allegation": no_pact_allegation,
                                         "balanced executive": {"executive.left_share": 0.5}}, runs=60, seed=3)
    assert list(table["input"].cat.categories) == ["as stated", "no allegation", "balanced executive"]
    share = table.pivot(index="name", columns="input", values="reproduced_share")
    assert share.loc["hertsmere_refused", "as stated"] > 0.9
    assert share.loc["hertsmere_refused", "no allegation"] < 0.7
    assert abs(share.loc["cherwell_refused", "no allegation"] - share.loc["cherwell_refused", "as stated"]) < 0.1
    assert set(table["verdict"]) <= {"reproduced", "weak", "missed"}
    with pytest.raises(ValueError, match="at least one input"):
        partyline.attribution(case, {})
    with pytest.raises(TypeError, match="dotted paths"):
        partyline.attribution(case, {"x": 3})
    with pytest.raises(ValueError, match="no targets"):
        partyline.attribution(TINY, {"x": {"weeks": 10}})


def test_identification_screens_which_cases_move_which_coefficient(tmp_path):
    """Issue 33 pt 4: a one-at-a-time screen of a calibration file's coefficients against its cases' documented facts.
    A higher severity cost of suspending a local party makes Brighton's documented suspension less likely, a fact the
    screen must find; a coefficient of the executive's own elections, which neither case holds, changes no run at
    all; `from:` keeps the parent's cases relative to the parent; the same call gives the same table."""
    (tmp_path / "sub").mkdir()
    parent = tmp_path / "parent.yaml"
    parent.write_text(f"name: p\ncases:\n  - {ROOT / 'scenarios' / 'brighton-2016.yaml'}\n  - {ROOT / 'scenarios' / 'kent-2025.yaml'}\n"
                      "parameters:\n"
                      "  rules.R2.cost_suspend_local_party: {prior: uniform, min: 0.0, max: 8.0}\n"
                      "  rules.R22.turnout: {prior: normal, mean: 0.18, sd: 0.05, min: 0.01, max: 0.9}\n")
    child = tmp_path / "sub" / "child.yaml"
    child.write_text("from: ../parent.yaml\nname: c\n")
    table = partyline.identification(child, runs=100, seed=1)
    assert set(table["case"]) == {"brighton-2016", "kent-2025"}
    row = table[(table["parameter"] == "rules.R2.cost_suspend_local_party") & (table["fact"] == "local_party_suspended")].iloc[0]
    assert (row["low"], row["high"]) == (0.0, 8.0)
    assert row["p_low"] > row["p_high"] and row["moves"], row.to_dict()
    turnout = table[table["parameter"] == "rules.R22.turnout"]
    assert turnout["low"].iloc[0] == pytest.approx(0.18 - 1.6449 * 0.05) and turnout["high"].iloc[0] == pytest.approx(0.18 + 1.6449 * 0.05)
    assert (turnout["change"] == 0).all() and not turnout["moves"].any()
    summary = partyline.identified_by(table)
    assert summary.iloc[0]["parameter"] == "rules.R2.cost_suspend_local_party" and "brighton-2016" in summary.iloc[0]["cases"]
    assert summary.set_index("parameter").loc["rules.R22.turnout", "n_cases"] == 0
    again = partyline.identification(child, runs=100, seed=1, parameters=["rules.R2.cost_suspend_local_party"],
                                     cases=["brighton-2016"])
    pd.testing.assert_frame_equal(again.reset_index(drop=True),
                                  table[(table["parameter"] == "rules.R2.cost_suspend_local_party")
                                        & (table["case"] == "brighton-2016")].reset_index(drop=True))
    with pytest.raises(ValueError, match="no such parameter"):
        partyline.identification(child, parameters=["rules.R2.b0"])
    with pytest.raises(ValueError, match="no such case"):
        partyline.identification(child, cases=["haringey-2018"])


def test_identification_confirms_its_candidates_on_independent_runs():
    """Issue 33 pt 4: the screen's second stage. A coefficient whose case moves no fact in the first stage but
    changes one by a standard error or more is run again at `confirm` times the runs with the next seed, and its
    rows are that stage's alone: the same shares as run() gives with those runs and that seed. A coefficient the
    first stage already finds moving, or one that changes nothing, keeps its first-stage rows."""
    calibration = ROOT / "scenarios" / "calibration" / "model.yaml"
    names = ["rules.R2.cost_charges", "rules.R2.cost_suspend_local_party", "rules.R22.turnout"]
    first = partyline.identification(calibration, runs=100, seed=1, parameters=names, cases=["brighton-2016"])
    both = partyline.identification(calibration, runs=100, seed=1, parameters=names, cases=["brighton-2016"], confirm=4)
    assert (first["stage"] == 1).all()
    confirmed = []
    for name in names:
        one, two = first[first["parameter"] == name], both[both["parameter"] == name]
        candidate = not one["moves"].any() and (one["z"].abs() >= 1).any()
        if not candidate:
            pd.testing.assert_frame_equal(one.reset_index(drop=True), two.reset_index(drop=True))
            continue
        confirmed.append(name)
        assert (two["stage"] == 2).all() and (two["runs"] == 400).all()
        low, high = two["low"].iloc[0], two["high"].iloc[0]
        for end, column in ((low, "p_low"), (high, "p_high")):
            again = partyline.run(ROOT / "scenarios" / "brighton-2016.yaml", runs=400, seed=2, overrides={name: end},
                                  progress=False)["targets"].set_index("name")["reproduced_share"]
            assert two.set_index("fact")[column].to_dict() == pytest.approx(again.to_dict())
        assert list(two["moves"]) == [abs(c) >= 0.1 and abs(z) >= 4 for c, z in zip(two["change"], two["z"])]
    # The cost of suspending a local party changes Brighton's suspension by less than four standard errors in 100
    # runs, by more in 400: found only by the second stage. Turnout changes nothing: never a candidate.
    assert "rules.R22.turnout" not in confirmed
    suspend = "rules.R2.cost_suspend_local_party"
    assert suspend in confirmed and not first[first["parameter"] == suspend]["moves"].any()
    assert both[both["parameter"] == suspend]["moves"].any()


def test_a_posterior_subset_carries_only_the_coefficients_and_facts_show_both(tmp_path):
    """Issue 33 pt 5: a calibration that also fits a case's own fact (a swing) lends only its coefficients to another
    case (posterior_subset keeps the `rules.` parameters, particles and weights unchanged, and overwrites nothing);
    facts_with_uncertainty sets each fact without and with the coefficients' uncertainty."""
    (tmp_path / "cal").mkdir()
    (tmp_path / "cal" / "posterior.csv").write_text(
        "generation,tolerance,simulations,particle,weight,distance,rules.R10.appoint_b0,national.swing.con\n"
        "1,1.5,10,0,0.5,0.5,20,0.07\n"
        "1,1.5,10,1,0.5,0.7,-20,0.01\n")
    out = partyline.posterior_subset(tmp_path / "cal", tmp_path / "rules")
    written = pd.read_csv(out / "posterior.csv")
    assert list(written.columns) == ["generation", "tolerance", "simulations", "particle", "weight", "distance",
                                     "rules.R10.appoint_b0"]
    assert written["weight"].tolist() == [0.5, 0.5]
    with pytest.raises(FileExistsError):
        partyline.posterior_subset(tmp_path / "cal", tmp_path / "rules")
    with pytest.raises(ValueError, match="no parameter"):
        partyline.posterior_subset(tmp_path / "cal", tmp_path / "none", keep="executive.")
    facts = partyline.facts_with_uncertainty(ROOT / "scenarios" / "birmingham-2023.yaml", out, runs=100, seed=2)
    assert {"reproduced_share", "reproduced_share_posterior", "simulated_posterior"} <= set(facts.columns)
    ousted = facts.set_index("name").loc["leader_ousted"]
    # Half the particles' panels always keep the leader, half never do: the coefficients' uncertainty moves the fact.
    assert abs(ousted["simulated_posterior"] - ousted["simulated"]) > 0.05


def test_coverage_calibrates_synthetic_cases_made_from_one_run_at_the_truth(tmp_path):
    """Issue 33 pt 8: coverage() turns each fitted fact of a calibration's cases into one run's outcome at the truth
    (the values the cases state: R6's default and Leicester's Conservative swing), drops the validation facts,
    calibrates each repeat and reports whether the truth lies inside the posterior's 90% interval."""
    cal = ROOT / "scenarios" / "calibration" / "quick.yaml"
    t = partyline.coverage(cal, tmp_path / "cov", repeats=2, seed=5, particles=30, generations=1, progress=False)
    params = ["rules.R6.d0", "rules.R2.cost_take_over_selections", "national.swing.con"]
    assert list(t["parameter"].unique()) == params and list(t["repeat"].unique()) == [0, 1]
    leicester = yaml.safe_load((ROOT / "scenarios" / "leicester-2023.yaml").read_text(encoding="utf-8"))
    truth = t.groupby("parameter")["truth"].first()
    assert truth["national.swing.con"] == leicester["national"]["swing"]["con"]
    assert truth["rules.R6.d0"] == -1.4  # the default (docs/model.md, R6)
    assert (t["inside"] == ((t["lo"] <= t["truth"]) & (t["truth"] <= t["hi"]))).all()
    assert ((t["lo"] <= t["median"]) & (t["median"] <= t["hi"])).all()
    # Each synthetic case: the fitted facts only, each observed once; a yes/no fact as 0 or 1, a count's range moved.
    for k in (0, 1):
        synthetic = yaml.safe_load((tmp_path / "cov" / f"repeat-{k}" / "leicester-2023.yaml").read_text(encoding="utf-8"))
        names = [x["name"] for x in synthetic["targets"]]
        assert "nec_seats" not in names and "takeover" in names  # nec_seats is `use: validate`
        by_name = {x["name"]: x for x in synthetic["targets"]}
        assert by_name["takeover"]["observed"] in (0.0, 1.0)
        seats = by_name["labour_seats"]
        assert seats["range"][1] - seats["range"][0] == 6 and seats["range"][0] + 3 == seats["observed"]
        runs = partyline.run(ROOT / "scenarios" / "leicester-2023.yaml", runs=1, seed=5 + k, progress=False)
        assert seats["observed"] == runs["targets"].set_index("name").loc["labour_seats", "simulated"]
    # The widths are posterior_widths() of each repeat's folder: the 90% interval over the prior's middle 90%.
    w = partyline.posterior_widths(tmp_path / "cov" / "repeat-1" / "result").set_index("parameter")
    one = t[t["repeat"] == 1].set_index("parameter")
    assert list(w.index) == params and (w["width"] == one["width"]).all() and (w["median"] == one["median"]).all()
    post = partyline.load(tmp_path / "cov" / "repeat-1" / "result")["posterior"]
    d0 = post[post["generation"] == post["generation"].max()]["rules.R6.d0"]  # prior uniform -3..0 (quick.yaml)
    assert w.loc["rules.R6.d0", "hi"] <= d0.max() and w.loc["rules.R6.d0", "lo"] >= d0.min()
    assert w.loc["rules.R6.d0", "width"] == pytest.approx((w.loc["rules.R6.d0", "hi"] - w.loc["rules.R6.d0", "lo"]) / 2.7)
    with pytest.raises(FileNotFoundError, match="not a calibration's folder"):
        partyline.posterior_widths(tmp_path)
    s = partyline.coverage_summary(t)
    assert set(s["parameter"]) == set(params) and (s["repeats"] == 2).all()
    assert (s["inside"] == t.groupby("parameter")["inside"].sum().reindex(s["parameter"]).to_numpy()).all()
    with pytest.raises(FileExistsError, match="not empty"):
        partyline.coverage(cal, tmp_path / "cov", repeats=1, progress=False)
    bad = tmp_path / "bad.yaml"
    bad.write_text(cal.read_text(encoding="utf-8").replace("national.swing.con", "national.swing.xyz")
                   .replace("cases:\n  - ../leicester-2023.yaml\n  - ../birmingham-2019.yaml",
                            f"cases:\n  - {ROOT / 'scenarios' / 'leicester-2023.yaml'}"), encoding="utf-8")
    with pytest.raises(ValueError, match="no case states a value for national.swing.xyz"):
        partyline.coverage(bad, tmp_path / "cov2", repeats=1, progress=False)


def test_a_synthetic_fact_moves_a_counts_range_and_mirrors_a_shares():
    """coverage()'s synthetic facts: a count's documented range moves with the simulated value; a share's range
    ("approved in at least 0.6 of runs") is mirrored when the run's event did not happen, never pushed below 0."""
    from partyline import _synthetic_target
    count = {"name": "seats", "outcome": "focus_seats_end", "observed": 31, "range": [28, 34], "happened": "2023-05-04",
             "source": "the record"}
    s = _synthetic_target(count, 36.0, "synthetic")
    assert s["range"] == [33.0, 39.0] and s["observed"] == 36.0 and s["source"] == "synthetic" and "happened" not in s
    share = {"name": "approved", "statistic": "share", "observed": 1, "range": [0.6, 1]}
    assert _synthetic_target(share, 0.0, "synthetic")["range"] == [0.0, pytest.approx(0.4)]
    assert _synthetic_target(share, 1.0, "synthetic")["range"] == [0.6, 1.0]
    assert "range" not in _synthetic_target({"name": "x", "statistic": "share", "observed": 1}, 0.0, "synthetic")
