"""partyline for notebooks: run scenarios and sweeps, get pandas DataFrames back.

    import partyline
    r = partyline.run("scenarios/haringey-2018.yaml", runs=200, seed=1)
    r["runs"].describe()                      # one row per run, the columns of runs.csv
    partyline.sweep("scenarios/sweeps/leicester-central-board.yaml", out="results/leicester-board")
    tables = partyline.load("results/leicester-board")   # runs, councils, points, manifest

Results are identical to the command line's for the same scenario, seed and runs, and come with real dtypes: ids
and kinds as categories, dates as datetime64, yes/no columns as bool (the engine hands its typed columns over as
arrays). Errors in a scenario raise ScenarioError (a ValueError) with the same FILE:LINE:COL: key.path: message as
`partyline validate`. Long work shows a progress bar (tqdm; progress=False for none, or a callable(done, total) of
your own), releases the GIL, and stops on Ctrl-C with KeyboardInterrupt, leaving a sweep's store or a calibration
folder consistent (resume it with resume=True).
"""

from __future__ import annotations

import datetime
import io
import json
import numbers
import os
import pathlib
import sqlite3
from typing import Any, Mapping

import re
import sys
import time
from typing import Callable, Union

import numpy as np
import pandas as pd

from . import _core
from ._core import ScenarioError, UsageError

__all__ = ["shared_dir", "scenario_path", "run", "attribution", "identification", "identified_by", "cross_validation", "coverage", "coverage_summary", "facts_with_uncertainty", "posterior_subset", "sweep", "calibrate", "load", "summarize", "compare", "sensitivity", "timeline", "timing", "selection_history", "story",
           "against_facts", "meaning",
           "ScenarioError", "UsageError", "__version__"]
__version__ = _core.version()


Progress = Union[bool, Callable[[int, int], Any], None]
"""progress=: True (a tqdm bar once the work takes more than a second; a line on stderr without tqdm), False or
None (nothing), or a callable(done, total) told as work finishes."""


class _Reporter:
    """The engine's progress, (done, total, what), shown as the caller asked: a tqdm bar (the notebook widget under
    Jupyter when it can draw one), a callable, or nothing. A new `what` (a calibration's next generation) starts a
    new bar."""

    def __init__(self, progress: Progress, task: str):
        if progress is not None and not isinstance(progress, bool) and not callable(progress):
            raise TypeError(f"progress must be True, False or a callable(done, total), not {type(progress).__name__}")
        self.progress, self.task, self.bar, self.what = progress, task, None, None

    def active(self) -> bool:
        return bool(self.progress)

    def __call__(self, done: int, total: int, what: str) -> None:
        if callable(self.progress) and not isinstance(self.progress, bool):
            self.progress(done, total)
            return
        if self.bar is None or what != self.what:
            self.close()
            self.what = what
            self.bar = _make_bar(total, f"{self.task}: {what}" if what not in ("runs",) else self.task,
                                 "particles" if what.startswith("generation") else what)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class _LineBar:
    """A bar without tqdm: one line on stderr, rewritten as work finishes."""

    def __init__(self, total: int, desc: str, unit: str):
        self.total, self.desc, self.unit, self.n = total, desc, unit, 0
        self.since, self.shown = time.monotonic(), False

    def update(self, k: int) -> None:
        self.n += k
        if self.shown or time.monotonic() - self.since > 1.0:  # as tqdm's delay: quick work shows nothing
            self.shown = True
            print(f"\r{self.desc}: {self.n}/{self.total} {self.unit}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.shown:
            print(file=sys.stderr, flush=True)


def _make_bar(total: int, desc: str, unit: str):
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _LineBar(total, desc, unit)
    import warnings
    with warnings.catch_warnings():  # tqdm.auto warns when a notebook has no ipywidgets; it falls back to text
        warnings.simplefilter("ignore")
        return tqdm(total=total, desc=desc, unit=f" {unit}" if unit else "", delay=1.0, leave=False)


_CLI_WORDS = [(re.compile(r"with the same `partyline calibrate` command and --resume"), "by calling partyline.calibrate again with resume=True"),
              (re.compile(r"`partyline sweep [^`]*--resume`"), "partyline.sweep(..., resume=True)"),
              (re.compile(r"--resume"), "resume=True"), (re.compile(r"another --out"), "another out="),
              (re.compile(r"--force"), "another out= (Python never overwrites results)")]


def _python_words(error: Exception) -> Exception:
    """The same error, its command-line wording (--resume, --out) said as the Python call's arguments."""
    text = str(error)
    for pattern, words in _CLI_WORDS:
        text = pattern.sub(words, text)
    if text == str(error):
        return error
    new = type(error)(text)
    new.__cause__ = error.__cause__
    return new


_DATE = re.compile(r"(^|_)date$")


def _blank_to_na(values: pd.Series) -> pd.Series:
    return values.where(values != "")


def _frame(columns: list) -> pd.DataFrame:
    """A DataFrame from the engine's typed columns (name, kind, values, labels, flag): integers as int64, reals as
    float64, yes/no columns as bool, texts as categories (an empty text is missing) and dates as datetime64."""
    data: dict[str, Any] = {}
    for name, kind, values, labels, flag in columns:
        if kind == "text":
            codes = np.asarray(values, dtype=np.int64)
            labels = list(labels)
            if _DATE.search(name):
                when = pd.to_datetime(_blank_to_na(pd.Series(labels, dtype=object)), format="%Y-%m-%d")
                data[name] = pd.Series(when.to_numpy()[codes] if len(labels) else np.array([], dtype="datetime64[ns]"))
                continue
            # Categories are the distinct non-empty labels, in the engine's order (scenario order for councils).
            label_codes, uniques = pd.factorize(_blank_to_na(pd.Series(labels, dtype=object)), use_na_sentinel=True)
            data[name] = pd.Categorical.from_codes(label_codes[codes] if len(labels) else codes, categories=list(uniques))
        elif flag:
            data[name] = np.asarray(values).astype(bool)
        else:
            data[name] = np.asarray(values)
    return pd.DataFrame(data)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """A table read from a results store with the dtypes run() gives: dates as datetime64, texts as categories."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype != object:
            continue
        if _DATE.search(name):
            out[name] = pd.to_datetime(_blank_to_na(out[name]), format="%Y-%m-%d")
        else:
            out[name] = _blank_to_na(out[name]).astype("category")
    return out


def shared_dir() -> pathlib.Path:
    """The folder holding the shipped scenarios/, the notebooks (results/) and docs/: share/partyline in the
    environment `pip install .` installed into, or the source tree the module was built from, or $PARTYLINE_ROOT."""
    candidates = [os.environ.get("PARTYLINE_ROOT"), pathlib.Path(sys.prefix) / "share" / "partyline",
                  pathlib.Path(__file__).resolve().parents[3]]  # build/<preset>/python/partyline -> the source tree
    for place in candidates:
        if place and (pathlib.Path(place) / "scenarios").is_dir():
            return pathlib.Path(place)
    raise FileNotFoundError("no shipped scenarios found: set PARTYLINE_ROOT to partyline's source tree")


def scenario_path(name: str) -> pathlib.Path:
    """A shipped scenario's file by its name, e.g. scenario_path("haringey-2018")."""
    path = shared_dir() / "scenarios" / f"{name.removesuffix('.yaml')}.yaml"
    if not path.is_file():
        shipped = sorted(p.stem for p in (shared_dir() / "scenarios").glob("*.yaml"))
        raise FileNotFoundError(f"{name}: no such shipped scenario (there are: {', '.join(shipped)})")
    return path


def _read_file(path: pathlib.Path) -> bytes:
    """A scenario or sweep file's bytes, read by the same loader as the CLI: regular files only (a device or a pipe
    raises UsageError), size-limited; the scenario reader then checks it is UTF-8 and names the line and column."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a directory, expected a YAML file")
    return _core.read_text(str(path))


def _plain(value: Any, path: str = "") -> Any:
    """A dict read from YAML as JSON can hold it: yaml.safe_load reads `start_date: 2018-05-03` as a date, which is
    written back as its ISO text; anything a YAML file could not hold is a TypeError naming where it is."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, numbers.Integral):  # numpy's integers too
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(f"{path}: a {type(value).__name__} is not a value a scenario holds "
                    "(numbers, text, true/false, dates, lists and mappings)")


def _scenario_text(scenario: str | os.PathLike | Mapping[str, Any]) -> tuple[str | bytes, str]:
    """The scenario's YAML text and the label used in error messages."""
    if isinstance(scenario, Mapping):
        # JSON is YAML; indenting keeps line numbers in error messages useful.
        return json.dumps(_plain(scenario), indent=2), "<scenario dict>"
    if not isinstance(scenario, (str, os.PathLike)):
        raise TypeError(f"scenario must be a path or a dict, not {type(scenario).__name__}")
    return _read_file(pathlib.Path(scenario)), str(scenario)


def _int_arg(name: str, value: Any, lo: int, hi: int) -> int:
    """An integer argument checked as the CLI checks its options: exact type (not bool, float or str), range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not lo <= int(value) <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")
    return int(value)


def _bool_arg(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    return value


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    raise TypeError(f"override values must be numbers, booleans or strings, not {type(value).__name__}")


def _with_overrides(frame: pd.DataFrame, overrides: Mapping[str, Any]) -> pd.DataFrame:
    """The frame with a column per override (its dotted path, its value), after the run's id columns: as a sweep's
    tables carry their parameter columns."""
    if not overrides:
        return frame
    at = sum(1 for c in ("run", "seed") if c in frame.columns[:2])
    front, back = frame.iloc[:, :at], frame.iloc[:, at:]
    values = pd.DataFrame({str(k): [v] * len(frame) for k, v in overrides.items() if str(k) not in frame.columns},
                          index=frame.index)
    return pd.concat([front, values, back], axis=1)


def run(scenario: str | os.PathLike | Mapping[str, Any], runs: int = 100, seed: int | None = None, threads: int = 0,
        overrides: Mapping[str, Any] | None = None, weekly: bool = False, events: bool = False,
        agents: bool = False, progress: Progress = True,
        posterior: str | os.PathLike | None = None) -> dict[str, Any]:
    """Runs a scenario `runs` times and returns its tables as DataFrames.

    Args:
        scenario: a path to a scenario file, or the scenario as a dict (the YAML structure).
        runs: how many runs (run ids 0..runs-1).
        seed: the base seed (default: the scenario's). Run k draws from (seed, k): the same seed gives the same runs.
        threads: worker threads; 0 means all cores. Results never depend on it.
        overrides: dotted paths as in sweep files, e.g. {"rules.R2.b_backlash": 3.0, "executive.left_share": 0.3,
            "events.bins-dispute.value": 0.45}. Each becomes a column of "runs" and "councils".
        weekly: keep the weekly series ("weekly": one row per run, week and council).
        events: keep every run's events ("events") and every vote of every body ("decisions").
        agents: keep each seat of the focus councils at the start and the end of every run ("councillors").
        progress: True for a progress bar (shown once the work takes over a second), False for none, or a
            callable(done, total) told as runs finish.
        posterior: a calibration's output folder (`partyline calibrate --out DIR`, `partyline.calibrate`): each run
            draws one particle of its last generation by weight (keyed by seed and run) and runs with those values set
            after `overrides`, as `partyline run --posterior DIR`. "runs" and "councils" then have a `particle` column.

    Returns:
        A dict: "runs" and "councils" (DataFrames, as runs.csv and councils.csv), "weekly", "events", "decisions" and
        "councillors" when asked for, "targets" when the scenario states targets (its documented facts against the
        runs, as targets.csv), "seed", "story" (the story of a typical run, as `partyline run` prints it),
        "typical_run" (its run id) and "resolved_scenario" (the YAML of the frozen scenario). Ids and kinds are
        categories, dates datetime64, yes/no columns bool (docs/outcomes.md names every column).

    Raises:
        ScenarioError: the scenario is invalid (FILE:LINE:COL: key.path: message, as `partyline validate`).
        TypeError, ValueError: an argument of the wrong type or out of range.
        KeyboardInterrupt: Ctrl-C; the runs in flight stop.

    Example:
        >>> r = partyline.run("scenarios/haringey-2018.yaml", runs=200, seed=1)
        >>> r["runs"]["focus_seats_end"].mean()
    """
    runs = _int_arg("runs", runs, 1, 10_000_000)
    seed = None if seed is None else _int_arg("seed", seed, 0, 9_000_000_000_000_000_000)
    threads = _int_arg("threads", threads, 0, 1024)
    weekly, events, agents = _bool_arg("weekly", weekly), _bool_arg("events", events), _bool_arg("agents", agents)
    if overrides is not None and not isinstance(overrides, Mapping):
        raise TypeError(f"overrides must be a dict of dotted paths to values, not {type(overrides).__name__}")
    reporter = _Reporter(progress, "partyline.run")
    text, label = _scenario_text(scenario)
    pairs = [(str(k), _yaml_value(v)) for k, v in (overrides or {}).items()]
    try:
        raw = _core.run(text, label, runs, seed, threads, pairs, weekly, events, agents,
                        reporter if reporter.active() else None,
                        None if posterior is None else os.fspath(posterior))
    finally:
        reporter.close()
    out: dict[str, Any] = {}
    for name in ("runs", "councils", "weekly", "events", "decisions", "councillors"):
        if name in raw:
            frame = _frame(raw[name])
            out[name] = _with_overrides(frame, overrides) if name in ("runs", "councils") else frame
    if "posterior_particles" in raw:  # each run's particle, by run id
        particle = pd.Series(raw["posterior_particles"], name="particle")
        for name in ("runs", "councils"):
            out[name]["particle"] = out[name]["run"].map(particle).astype("int64")
    out["seed"] = raw["seed"]
    if "targets" in raw:
        out["targets"] = pd.read_csv(io.StringIO(raw["targets"]), keep_default_na=False, na_values=[""])
    out["story"] = raw["story"]
    out["typical_run"] = raw["typical_run"]
    out["resolved_scenario"] = raw["resolved_scenario"]
    return out


def sweep(sweep_file: str | os.PathLike | Mapping[str, Any], out: str | os.PathLike, threads: int = 0,
          resume: bool = False, progress: Progress = True) -> dict[str, Any]:
    """Runs a sweep (a sweep file's path, or its content as a dict) into out/results.sqlite, as `partyline sweep`.

    Args:
        sweep_file: a sweep file (scenarios/README.md, Sweep files), or its content as a dict; a dict's `scenario`
            path is resolved against the current directory.
        out: the results folder; it must be new or empty, unless resume=True completes the sweep already in it.
        threads: worker threads (0: all cores); results never depend on it.
        resume: run only the runs the store lacks (after Ctrl-C or a crash).
        progress: True for a progress bar, False for none, or a callable(done, total).

    Returns:
        What was done: total, ran, already_done, complete, seconds, points. Read the results with load(out).
    """
    if not isinstance(out, (str, os.PathLike)) or str(out) == "":
        raise TypeError(f"out must be a folder's path, not {out!r}")
    threads = _int_arg("threads", threads, 0, 1024)
    resume = _bool_arg("resume", resume)
    if isinstance(sweep_file, Mapping):
        text, label, base = json.dumps(_plain(sweep_file), indent=2), "<sweep dict>", os.getcwd()
    elif isinstance(sweep_file, (str, os.PathLike)):
        path = pathlib.Path(sweep_file)
        text, label, base = _read_file(path), str(sweep_file), str(path.parent)
    else:
        raise TypeError(f"sweep_file must be a path or a dict, not {type(sweep_file).__name__}")
    reporter = _Reporter(progress, "partyline.sweep")
    try:
        return dict(_core.sweep(text, label, base, str(out), threads, resume, reporter if reporter.active() else None))
    except (UsageError, ValueError) as e:
        raise _python_words(e) from None
    finally:
        reporter.close()


def calibrate(calibration_file: str | os.PathLike, out: str | os.PathLike, threads: int = 0, resume: bool = False,
              hold_out: str | None = None, progress: Progress = True) -> dict[str, Any]:
    """Runs (or with resume=True continues) a calibration file into `out`, as `partyline calibrate`: ABC-SMC against
    the cases' documented facts (scenarios/README.md, Calibration files). hold_out names a case to leave out of the
    fit (its facts are then predicted). Returns what was done (generations, resumed_generations, complete, seconds);
    read the results with load(out): "posterior", "generations", "fit", "validation" (the facts marked
    `use: validate`, never fitted) and "calibration" (the file as run). progress: True for a bar per generation
    (particles accepted), False for none, or a callable(done, total)."""
    if not isinstance(out, (str, os.PathLike)) or str(out) == "":
        raise TypeError(f"out must be a folder's path, not {out!r}")
    threads = _int_arg("threads", threads, 0, 1024)
    resume = _bool_arg("resume", resume)
    if hold_out is not None and not isinstance(hold_out, str):
        raise TypeError(f"hold_out must be a case's name, not {type(hold_out).__name__}")
    path = pathlib.Path(calibration_file)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such calibration file")
    reporter = _Reporter(progress, "partyline.calibrate")
    try:
        return dict(_core.calibrate(str(path), str(out), threads, resume, hold_out or "",
                                    reporter if reporter.active() else None))
    except (UsageError, ValueError) as e:
        raise _python_words(e) from None
    finally:
        reporter.close()


def load(directory: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """The tables of a calibration's folder ("posterior", "generations", "fit", "validation", "calibration") or of a sweep's
    results store: "runs" (parameter columns first, one row per run), "councils",
    "points", "manifest" (a key -> value Series), when the sweep kept weekly series (`weekly: true`), "weekly"
    (parameter columns first, one row per run, week and council: party-wide "all" and each focus council) and, when
    it kept events (`events: true`), "events" (parameter columns first, one row per event in each run's order:
    point, replicate, seq, week, date, council, rule, event, detail) and "decisions" (every vote of every body, as
    decisions.csv, parameter columns first: point, replicate, seq, week, date, body, council, item, decision, yes,
    of, meeting, notice, weeks_waiting, deal) and, when it kept the focus seats (`agents: true`), "councillors" (as
    councillors.csv, parameter columns first: point, replicate, seq, council, seat, ...)."""
    folder = pathlib.Path(directory)
    if (folder / "calibration.yaml").exists() and (folder / "posterior.csv").exists():
        out: dict[str, Any] = {"posterior": pd.read_csv(folder / "posterior.csv"),
                               "generations": pd.read_csv(folder / "generations.csv"),
                               "calibration": (folder / "calibration.yaml").read_text()}
        if (folder / "fit.csv").exists():
            out["fit"] = pd.read_csv(folder / "fit.csv", keep_default_na=False, na_values=[""])
        if (folder / "validation.csv").exists():
            out["validation"] = pd.read_csv(folder / "validation.csv", keep_default_na=False, na_values=[""])
        return out
    db = folder / "results.sqlite"
    if not db.exists():
        raise FileNotFoundError(f"{directory}: no results store (results.sqlite) here")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        points = pd.read_sql_query("SELECT * FROM points ORDER BY point", con)
        params = [c for c in points.columns if c not in ("point", "seed", "sobol_block", "sobol_row", "sobol_param")]
        runs = pd.read_sql_query("SELECT * FROM runs ORDER BY point, replicate", con)
        councils = pd.read_sql_query("SELECT * FROM councils ORDER BY point, replicate, council", con)
        manifest = pd.read_sql_query("SELECT * FROM manifest", con).set_index("key")["value"]
        has_weekly = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'weekly'").fetchone()
        weekly = pd.read_sql_query("SELECT * FROM weekly ORDER BY point, replicate, week, council = 'all' DESC, council",
                                   con) if has_weekly else None
        has_events = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()
        events = pd.read_sql_query("SELECT * FROM events ORDER BY point, replicate, seq", con) if has_events else None
        has_decisions = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decisions'").fetchone()
        decisions = pd.read_sql_query("SELECT * FROM decisions ORDER BY point, replicate, seq", con) if has_decisions else None
        has_seats = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'councillors'").fetchone()
        councillors = pd.read_sql_query("SELECT * FROM councillors ORDER BY point, replicate, seq", con) if has_seats else None
    first = ["point", "replicate", "seed"]
    runs = runs.merge(points[["point"] + params], on="point")
    runs = runs[first + params + [c for c in runs.columns if c not in first + params]]
    councils = councils.merge(points[["point"] + params], on="point")
    councils = councils[["point", "replicate"] + params + [c for c in councils.columns if c not in ["point", "replicate"] + params]]
    out = {"runs": _typed(runs), "councils": _typed(councils), "points": points, "manifest": manifest}
    if weekly is not None:
        weekly = weekly.merge(points[["point"] + params], on="point")
        out["weekly"] = _typed(weekly[["point", "replicate"] + params + [c for c in weekly.columns if c not in ["point", "replicate"] + params]])
    if events is not None:
        events = events.merge(points[["point"] + params], on="point")
        out["events"] = _typed(events[["point", "replicate"] + params + [c for c in events.columns if c not in ["point", "replicate"] + params]])
    if decisions is not None:
        decisions = decisions.merge(points[["point"] + params], on="point")
        decisions = _typed(decisions[["point", "replicate"] + params +
                                      [c for c in decisions.columns if c not in ["point", "replicate"] + params]])
        out["decisions"] = decisions.astype({"notice": bool})
    if councillors is not None:
        councillors = councillors.merge(points[["point"] + params], on="point")
        councillors = _typed(councillors[["point", "replicate"] + params +
                                         [c for c in councillors.columns if c not in ["point", "replicate"] + params]])
        out["councillors"] = councillors.astype({"cabinet_end": bool, "stands_independent": bool})
    return out


_PARAMETER_SKIP = ("point", "replicate", "seed")


def _runs_of(source: str | os.PathLike | pd.DataFrame | Mapping[str, Any], point: int | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The runs to analyse, and their parameter columns: a DataFrame of runs, a result of run() or load(), a `run`
    output folder (runs.csv), or a sweep's folder (results.sqlite; `point` picks one point)."""
    params: list[str] = []
    if isinstance(source, pd.DataFrame):
        runs = source
    elif isinstance(source, Mapping):
        runs = source["runs"]
        if "points" in source:
            params = [c for c in source["points"].columns if c not in ("point", "seed", "sobol_block", "sobol_row", "sobol_param")]
    else:
        folder = pathlib.Path(source)
        if (folder / "results.sqlite").exists():
            tables = load(folder)
            runs = tables["runs"]
            params = [c for c in tables["points"].columns if c not in ("point", "seed", "sobol_block", "sobol_row", "sobol_param")]
        elif (folder / "runs.csv").exists():
            runs = pd.read_csv(folder / "runs.csv")
        else:
            raise FileNotFoundError(f"{folder}: neither results.sqlite nor runs.csv here")
    if point is not None:
        if "point" not in runs.columns:
            raise ValueError("point= applies to a sweep's runs")
        runs = runs[runs["point"] == point]
        if runs.empty:
            raise ValueError(f"no runs for point {point}")
    return runs, params


def summarize(source: str | os.PathLike | pd.DataFrame | Mapping[str, Any]) -> pd.DataFrame:
    """Per point (a run's runs are point 0) and outcome: runs, mean with its 95% bootstrap interval (mean_lo,
    mean_hi), the runs' 5-95% range (p05, p95), and the share of runs in which it happened with its exact interval
    (share_lo, share_hi; empty for levels). The same numbers as `partyline summarize DIR --format csv` and the run
    summary: one documented method (docs/outcomes.md, "Statistics")."""
    runs, params = _runs_of(source)
    if "point" not in runs.columns:
        runs = runs.assign(point=0)
    return pd.read_csv(io.StringIO(_core.summary_table(runs.to_csv(index=False), params)))


def compare(a: str | os.PathLike | pd.DataFrame | Mapping[str, Any], b: str | os.PathLike | pd.DataFrame | Mapping[str, Any],
            point_a: int | None = None, point_b: int | None = None) -> pd.DataFrame:
    """B - A per outcome: means, the difference with its 95% bootstrap interval, each side's 5-95% range of runs,
    and the shares of runs with Newcombe's interval of their difference. As `partyline compare A B --format csv`."""
    runs_a, _ = _runs_of(a, point_a)
    runs_b, _ = _runs_of(b, point_b)
    return pd.read_csv(io.StringIO(_core.comparison_table(runs_a.to_csv(index=False), runs_b.to_csv(index=False))))


def sensitivity(directory: str | os.PathLike) -> pd.DataFrame:
    """The sensitivity of every varying outcome to each ranged parameter, as `partyline sensitivity DIR --format
    csv`. A `design: sobol` sweep: first- and total-order Sobol' indices, one row per outcome and input: s1, st and
    their 95% bootstrap intervals, and too_few_samples / samples_needed when the sample is too small to read them.
    A `design: morris` sweep: elementary effects, one row per outcome and input: mu, mu_star (with its 95% bootstrap
    interval) and sigma, per the input's whole range, and above_noise: with a dummy input in the sweep (`dummy` or
    `dummy.NAME`, applied to nothing), whether the input's mu* exceeds the upper end of the dummy's interval."""
    tables = load(directory)
    design = tables["manifest"].get("design")
    if design not in ("sobol", "morris"):
        raise ValueError(f"{directory}: sensitivity needs a sweep with design: sobol or morris (this one is {design})")
    with sqlite3.connect(f"file:{pathlib.Path(directory) / 'results.sqlite'}?mode=ro", uri=True) as con:
        points = pd.read_sql_query("SELECT * FROM points ORDER BY point", con)
    inputs = tables["manifest"]["ranged_parameters"].splitlines()
    runs_csv = tables["runs"].to_csv(index=False)
    if design == "morris":
        csv = _core.morris_table(points.to_csv(index=False), runs_csv, inputs, int(tables["manifest"]["morris_levels"]))
    else:
        csv = _core.sensitivity_table(points.to_csv(index=False), runs_csv, inputs)
    return pd.read_csv(io.StringIO(csv))



_MEANINGS = dict(_core.outcome_meanings())
_EVENT_WEIGHTS = dict(_core.event_weights())


def meaning(outcome: str) -> str:
    """What an outcome column means, in words (docs/outcomes.md): for labels a reader understands."""
    if outcome not in _MEANINGS:
        raise KeyError(f"{outcome}: not an outcome of runs.csv")
    return _MEANINGS[outcome]


def _percentile(values: pd.Series, q: float) -> float:
    # numpy's default (linear interpolation, Hyndman-Fan type 7): the same as the summaries' p05 and p95.
    return float(values.quantile(q, interpolation="linear"))


def timeline(source: str | os.PathLike | Mapping[str, Any], council: str | None = None,
             include_minor: bool = True) -> pd.DataFrame:
    """When things happen across runs: for each council and event kind of the story (members' moves left out;
    minor kinds such as single deselections with include_minor), the runs in which it happened at least once, their
    share of all runs, and the week it first happened in those runs -- median, 5% and 95% -- with the median's date.
    Sorted by the median week. `source` is a result of run(..., events=True) or a `run --events` folder."""
    if isinstance(source, Mapping):
        if "events" not in source:
            raise ValueError("timeline needs the runs' events: run(..., events=True)")
        events, runs = source["events"], source["runs"]
    else:
        folder = pathlib.Path(source)
        if not (folder / "events.csv").exists():
            raise FileNotFoundError(f"{folder}: no events.csv (run with --events)")
        events, runs = pd.read_csv(folder / "events.csv"), pd.read_csv(folder / "runs.csv")
    wanted = {"major"} | ({"minor"} if include_minor else set())
    ev = events[events["event"].map(lambda e: _EVENT_WEIGHTS.get(e, "major")).isin(wanted)]
    if council is not None:
        ev = ev[ev["council"] == council]
    columns = ["council", "event", "runs", "share", "week_median", "week_p05", "week_p95", "date_median"]
    if ev.empty:
        return pd.DataFrame(columns=columns).astype({"date_median": "datetime64[ns]"})
    # Week 0's date, from any event's week and date: the median week's date follows.
    start = pd.Timestamp(events["date"].iloc[0]) - pd.Timedelta(weeks=int(events["week"].iloc[0]))
    first = ev.groupby(["council", "event", "run"], observed=True)["week"].min().reset_index()
    rows = []
    for (where, kind), g in first.groupby(["council", "event"], observed=True):
        median = _percentile(g["week"], 0.5)
        rows.append({"council": where, "event": kind, "runs": len(g), "share": len(g) / len(runs),
                     "week_median": median, "week_p05": _percentile(g["week"], 0.05),
                     "week_p95": _percentile(g["week"], 0.95),
                     "date_median": start + pd.Timedelta(weeks=round(median))})
    return pd.DataFrame(rows, columns=columns).sort_values(["week_median", "council", "event"]).reset_index(drop=True)


_OUTCOME_EVENTS = _core.outcome_events()  # (run outcomes, council counts): name -> the event kinds it counts


def _events_and_targets(source: str | os.PathLike | Mapping[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """A result's or a run folder's events, targets and number of runs (for timing)."""
    if isinstance(source, Mapping):
        if "events" not in source:
            raise ValueError("timing needs the runs' events: run(..., events=True)")
        if "targets" not in source:
            raise ValueError("timing needs the scenario's documented facts (targets:); this result has none")
        return source["events"], source["targets"], len(source["runs"])
    folder = pathlib.Path(source)
    for name, how in (("events.csv", "run with --events"), ("targets.csv", "the scenario states no targets")):
        if not (folder / name).exists():
            raise FileNotFoundError(f"{folder}: no {name} ({how})")
    targets = pd.read_csv(folder / "targets.csv", keep_default_na=False, na_values=[""])
    return pd.read_csv(folder / "events.csv"), targets, len(pd.read_csv(folder / "runs.csv", usecols=["run"]))


def timing(source: str | os.PathLike | Mapping[str, Any], within_weeks: int = 4) -> pd.DataFrame:
    """When the runs first see each dated documented fact: for every target with a `happened` date (scenarios/README.md,
    Targets), the event kinds its outcome counts (in its council when it names one), the share of runs in which one
    of them happened, the first week it did in those runs -- median, 5% and 95%, as dates -- the median's distance from
    the documented day in weeks (negative: earlier), and the share of all runs in which it first happened within
    `within_weeks` of that day. Only events the story tells (events.csv) are seen: an event never told is read as the
    told one that marks its moment when it has one (a coalition approved: the body's `approve_coalition`), and a fact
    whose outcome counts any other event never told (administrative suspensions, strike weeks, impositions) has no
    timing -- its `events` is empty and its shares are NaN, never a misleading 0 or the time of its told part alone. `source` is a result of run(..., events=True) or a `run --events`
    folder."""
    within_weeks = _int_arg("within_weeks", within_weeks, 0, 520)
    events, targets, runs = _events_and_targets(source)
    columns = ["name", "label", "happened", "events", "share", "first_median", "first_p05", "first_p95",
               "weeks_off_median", "share_within"]
    dated = targets[targets["happened"].notna() & (targets["happened"].astype(str) != "")] \
        if "happened" in targets else targets.iloc[0:0]
    if "within_weeks" in dated:  # a fact on when (`within_weeks`) restates its fact's date, scored: not timed twice
        dated = dated[dated["within_weeks"].isna() | (dated["within_weeks"].astype(str).isin(["", "nan"]))]
    if dated.empty or events.empty:
        return pd.DataFrame(columns=columns)
    start = pd.Timestamp(events["date"].iloc[0]) - pd.Timedelta(weeks=int(events["week"].iloc[0]))
    on = lambda week: start + pd.Timedelta(weeks=float(week))  # noqa: E731
    rows = []
    for t in dated.itertuples():
        council = t.council if isinstance(t.council, str) and t.council else None
        table = _OUTCOME_EVENTS[1 if council else 0]
        # A fact on which administration formed is seen when an administration forms (R11's `administration` event) or
        # a mayor is elected (R21: the mayor's party leads the administration).
        # A sum of outcomes is timed only when each of them is (an untimed part could come first).
        told = [table.get(column.strip(), []) for column in str(t.outcome).split("+")]
        kinds = ["administration", "mayor_elected"] if str(t.outcome).strip() == "administration_end" else \
            [] if any(not k for k in told) else sorted({k for k_of in told for k in k_of})
        if not kinds:  # counted, never told: events.csv cannot say when
            rows.append({"name": t.name, "label": t.label, "happened": pd.Timestamp(t.happened), "events": "",
                         "share": float("nan"), "share_within": float("nan")})
            continue
        ev = events[events["event"].astype(str).isin(kinds)]
        if council:
            ev = ev[ev["council"].astype(str) == council]
        first = ev.groupby("run")["week"].min()
        happened = pd.Timestamp(t.happened)
        documented_week = (happened - start).days // 7
        row = {"name": t.name, "label": t.label, "happened": happened, "events": " + ".join(kinds),
               "share": len(first) / runs}
        if len(first):
            row.update(first_median=on(_percentile(first, 0.5)), first_p05=on(_percentile(first, 0.05)),
                       first_p95=on(_percentile(first, 0.95)),
                       weeks_off_median=_percentile(first, 0.5) - documented_week,
                       share_within=float(((first - documented_week).abs() <= within_weeks).sum()) / runs)
        else:
            row.update(share_within=0.0)
        rows.append(row)
    out = pd.DataFrame(rows, columns=columns)
    for c in ("happened", "first_median", "first_p05", "first_p95"):
        out[c] = pd.to_datetime(out[c])
    return out


def story(folder: str | os.PathLike, run: int | None = None, lines: int = 20) -> str:
    """The story of one run of a `partyline run` folder, as the run's summary tells it: by default the folder's typical
    run (manifest.json's typical_run, chosen among every run of the folder; typical_run_why says why), or run `run`.
    Retold from the folder's resolved scenario and seed alone -- every draw is keyed by (seed, run, ...) -- so the
    story is that run's own, whatever the number of runs."""
    folder = pathlib.Path(folder)
    if not (folder / "manifest.json").exists():
        raise FileNotFoundError(f"{folder}: no manifest.json (not a `partyline run` folder)")
    manifest = json.loads((folder / "manifest.json").read_text())
    if run is None:
        run = manifest.get("typical_run", -1)
        if run is None or run < 0:
            raise ValueError(f"{folder}: its manifest names no typical run (no run finished, or an older partyline "
                             "made it): pass run=")
    run = _int_arg("run", run, 0, 10_000_000)
    lines = _int_arg("lines", lines, 1, 100_000)
    return _core.story(manifest["resolved_scenario"], str(folder / "manifest.json"), int(manifest["seed"]), run, lines)


def selection_history(councillors: pd.DataFrame) -> pd.DataFrame:
    """Every selection each focus seat reached, one row each, from a councillors table (run(..., agents=True), a
    `run --agents` folder's councillors.csv, or load()): run (a sweep's point and replicate), council, seat, the
    selection's order in the run (0..),
    its outcome (reselected, deselected_members, deselected_central, withdrawn), the week it was reached and the share
    of the ward's members behind the holder then (missing when no ballot was contested)."""
    keys = [c for c in ("point", "replicate", "run") if c in councillors.columns]  # a sweep's seats have no run
    columns = ["council", "seat", "order", "selection", "week", "ballot_support"]
    rows = []
    for rec in councillors[keys + ["council", "seat", "selection_history"]].itertuples(index=False):
        history = rec.selection_history
        if not isinstance(history, str) or not history:
            continue
        for order, item in enumerate(history.split(";")):
            outcome, week, support = item.split(":")
            rows.append(list(rec[:-1]) + [order, outcome, int(week), float(support) if support else np.nan])
    out = pd.DataFrame(rows, columns=keys + columns)
    return out.astype({"week": "int64", "ballot_support": "float64", "order": "int64"})


def against_facts(source: str | os.PathLike | Mapping[str, Any], facts: list[Mapping[str, Any]]) -> pd.DataFrame:
    """Documented facts held against runs, in the one format a scenario states them: each fact is a dict with the keys
    of a scenario's `targets:` entries (scenarios/README.md, Targets) -- "outcome" (a column of runs.csv, "a + b" for
    a sum, or with "council" a column of councils.csv for that council, e.g. seats_end_con), "observed", "source"
    (where the fact is documented), and optionally "name" (default fact-1, fact-2, ...), "label", "statistic"
    ("mean" or "share": whether it happened), "range" ([lo, hi]: the values that count as it) and "tolerance".

    Args:
        source: a result of run(), or a `partyline run` output folder (its runs.csv, councils.csv and the resolved
            scenario in manifest.json). The facts are checked against that scenario as its own targets would be.
        facts: the facts, as above.

    Returns:
        The columns of targets.csv (docs/outcomes.md) for these facts: simulated with the runs' 5-95% range, inside,
        distance, and how likely the model makes each documented value (reproduced_share with its interval, verdict).

    Raises:
        ScenarioError: a fact with a misspelt key, an unknown outcome or council, a bad range (the message names
            the fact, e.g. targets[1].outcome).
        ValueError: a fact read at a week (`at`) or on when (`within_weeks`): runs.csv cannot give it.
    """
    if isinstance(source, pd.DataFrame):
        raise TypeError("against_facts needs a run's result or folder (the facts are checked against its scenario), "
                        "not a DataFrame of runs")
    if isinstance(source, Mapping):
        runs, councils, scenario_yaml = source["runs"], source["councils"], source["resolved_scenario"]
    else:
        folder = pathlib.Path(source)
        if not (folder / "manifest.json").exists():
            raise FileNotFoundError(f"{folder}: not a `partyline run` output folder (no manifest.json)")
        runs, councils = pd.read_csv(folder / "runs.csv"), pd.read_csv(folder / "councils.csv")
        scenario_yaml = json.loads((folder / "manifest.json").read_text())["resolved_scenario"]
    if not isinstance(facts, (list, tuple)) or not all(isinstance(f, Mapping) for f in facts):
        raise TypeError("facts must be a list of dicts, each in the format of a scenario's targets: entries")
    weekly = [str(f.get("name", f"fact-{i + 1}")) for i, f in enumerate(facts) if "at" in f or "within_weeks" in f]
    if weekly:
        raise ValueError(f"{', '.join(weekly)}: a fact read at a week (`at`) or on when (`within_weeks`) needs what the "
                         "runs saw week by week, which runs.csv does not hold: state it among the scenario's targets and "
                         "run it (its row is in the result's targets)")
    import yaml
    tree = yaml.safe_load(scenario_yaml)
    tree["targets"] = [{"name": f"fact-{i + 1}", **dict(f)} for i, f in enumerate(facts)]
    csv = _core.facts_table(json.dumps(_plain(tree), indent=2), "<facts>", runs.to_csv(index=False),
                            councils.to_csv(index=False))
    return pd.read_csv(io.StringIO(csv), keep_default_na=False, na_values=[""])


def attribution(scenario: str | os.PathLike | Mapping[str, Any],
                inputs: Mapping[str, Mapping[str, Any] | Callable[[dict], None]], runs: int = 100,
                seed: int | None = None, threads: int = 0, progress: Progress = False) -> pd.DataFrame:
    """What a case's asserted inputs decide: each documented fact (the scenario's targets) with the inputs as
    stated, then with each input set to a neutral value in turn, the others as stated (issue 33).

    A scenario states facts; some of them do causal work a reader does not see (a legal challenge that guards a
    policy, a crisis that slows the executive, a swing, the executive's make-up, a documented allegation). Setting
    each to a neutral value in turn shows which facts of the outcome rest on which input.

    Args:
        scenario: a path to a scenario file with `targets`, or the scenario as a dict.
        inputs: for each input's label, how to make it neutral: a dict of dotted paths to values (as `overrides` of
            run(), e.g. {"national.swing.con": 0}), or a function that edits the scenario's dict in place (to
            remove a dated event, say).
        runs, seed, threads, progress: as run(); every variant runs with the same seed.

    Returns:
        One row per fact and variant ("as stated", then each input's label): name, label, statistic, observed,
        simulated (the runs' mean or share), reproduced_share (how likely the model makes the documented value,
        with reproduced_lo and reproduced_hi) and verdict. Pivot it for a table, e.g.
        `table.pivot(index="name", columns="input", values="reproduced_share")`.

    Raises:
        ValueError: the scenario states no targets, or `inputs` is empty.
        ScenarioError: a variant is not a valid scenario (the message names the key).
    """
    import copy
    import yaml
    if not isinstance(inputs, Mapping) or not inputs:
        raise ValueError("inputs must name at least one input: {label: {dotted.path: neutral value}} or {label: function}")
    if isinstance(scenario, Mapping):
        tree = _plain(scenario)
    else:
        path = pathlib.Path(scenario)
        tree = _plain(yaml.safe_load(_read_file(path).decode("utf-8")))
    if not tree.get("targets"):
        raise ValueError("the scenario states no targets: there is nothing to attribute")
    keep = ["name", "label", "statistic", "observed", "simulated", "reproduced_share", "reproduced_lo",
            "reproduced_hi", "verdict"]
    tables = []
    for label, neutral in [("as stated", None), *inputs.items()]:
        variant, overrides = tree, None
        if callable(neutral):
            variant = copy.deepcopy(tree)
            neutral(variant)
        elif neutral is not None:
            if not isinstance(neutral, Mapping):
                raise TypeError(f"inputs[{label!r}] must be a dict of dotted paths to values or a function, "
                                f"not {type(neutral).__name__}")
            overrides = dict(neutral)
        result = run(variant, runs=runs, seed=seed, threads=threads, overrides=overrides, progress=progress)
        table = result["targets"][[c for c in keep if c in result["targets"].columns]].copy()
        table.insert(0, "input", label)
        tables.append(table)
    out = pd.concat(tables, ignore_index=True)
    out["input"] = pd.Categorical(out["input"], categories=["as stated", *inputs.keys()], ordered=True)
    return out


def _calibration_tree(path: pathlib.Path, nested: bool = False) -> dict:
    """A calibration file as a dict, `from:` resolved (the parent's keys, then the file's own; one level only) and
    each case's path made absolute relative to the file that names it, as `partyline calibrate` reads it."""
    import yaml
    tree = yaml.safe_load(_read_file(path).decode("utf-8")) or {}
    if not isinstance(tree, Mapping):
        raise ValueError(f"{path}: not a calibration file (expected a mapping)")
    tree = dict(tree)
    if "cases" in tree:
        tree["cases"] = [str((path.parent / c).resolve()) for c in tree["cases"]]
    parent = tree.pop("from", None)
    if parent is not None:
        if nested:
            raise ValueError(f"{path}: `from:` in a file another file starts from (one level only)")
        base = _calibration_tree((path.parent / str(parent)).resolve(), nested=True)
        base.update(tree)
        tree = base
    return tree


def _prior_ends(name: str, prior: Mapping[str, Any]) -> tuple[float, float]:
    """The two values a screen sets a coefficient to: a uniform prior's ends; the 5% and 95% points of a normal
    (or lognormal) prior, within its min and max."""
    shape = prior.get("prior")
    if shape == "uniform":
        return float(prior["min"]), float(prior["max"])
    if shape in ("normal", "lognormal"):
        import math
        mean, sd = float(prior["mean"]), float(prior["sd"])
        lo, hi = mean - 1.6449 * sd, mean + 1.6449 * sd
        if shape == "lognormal":
            lo, hi = math.exp(lo), math.exp(hi)
        lo, hi = max(lo, float(prior.get("min", lo))), min(hi, float(prior.get("max", hi)))
        return lo, hi
    raise ValueError(f"parameters.{name}: prior '{shape}' is not one of uniform, normal, lognormal")


def identification(calibration: str | os.PathLike, runs: int = 100, seed: int = 1, threads: int = 0,
                   case_runs: Mapping[str, int] | None = None, parameters: list[str] | None = None,
                   cases: list[str] | None = None, min_change: float = 0.1, min_z: float = 4.0, confirm: int = 0,
                   candidate_z: float = 1.0, progress: Progress = False) -> pd.DataFrame:
    """Which cases bear on which coefficient: a one-at-a-time screen of a calibration file's parameters against
    every documented fact of every one of its cases (issue 33 pt 4).

    Each case runs `runs` times with every coefficient at its default, then with each parameter set in turn to the
    low and to the high end of its prior (a uniform prior's min and max; a normal prior's 5% and 95% points), the
    others at their defaults, every variant with the same seed (common random numbers). For each fact the model's
    probability of the documented value (`reproduced_share`) is compared between the two ends: the case *moves* the
    coefficient through that fact when the change is at least `min_change` and at least `min_z` standard errors
    (the standard error of two independent shares, with half a run added to each count: conservative, as common
    random numbers make the ends' difference less noisy than that). Facts of every `use` are screened: a screen
    fits nothing, it says where a fit could learn. It is local (the other coefficients at their defaults) and says
    nothing of coefficients that matter only together.

    At 100 runs four standard errors are a change of 0.17 to 0.28, so the screen alone cannot see a change of
    `min_change` (0.1). With `confirm` > 1 it has a second stage: a parameter whose case moves no fact but changes
    some fact by at least `candidate_z` standard errors (one by default: a loose net) is a candidate, and that case
    is run again for it at `confirm` times the runs (default, low and high end) with an independent seed
    (`seed` + 1); its rows are then the second stage's alone (`stage` 2), judged by the same rule. The first stage
    only picks where to look: the second stage's runs share nothing with the first's, so the choice does not bias
    its verdict.

    Args:
        calibration: a calibration file (scenarios/calibration/*.yaml): its cases and its parameters' priors.
        runs: runs of each case in each variant; `case_runs` sets it per case (by file stem), e.g. fewer for a
            national case.
        seed: the base seed of every variant.
        parameters: screen only these (dotted paths of the file's parameters); default: all.
        cases: screen only these of the file's cases (by file stem); default: all.
        min_change, min_z: when a fact's change counts as the case moving the coefficient.
        confirm, candidate_z: the second stage (above); 0 or 1 for none.
        threads, progress: as run().

    Returns:
        One row per parameter, case and fact: parameter, case, fact, use, low, high, runs, p_low, p_default, p_high,
        change (p_high - p_low), z, moves, stage (1, or 2 for a confirmed candidate's rows). `identified_by(table)`
        summarises it per parameter.
    """
    path = pathlib.Path(calibration)
    tree = _calibration_tree(path)
    priors = tree.get("parameters") or {}
    all_cases = tree.get("cases") or []
    if not priors or not all_cases:
        raise ValueError(f"{path}: a calibration file names cases and parameters")
    stems = [pathlib.Path(c).stem for c in all_cases]
    if cases is not None and any(c not in stems for c in cases):
        raise ValueError(f"{path}: no such case {[c for c in cases if c not in stems]} (it has {stems})")
    cases = [c for c in all_cases if cases is None or pathlib.Path(c).stem in cases]
    names = list(priors) if parameters is None else list(parameters)
    unknown = [p for p in names if p not in priors]
    if unknown:
        raise ValueError(f"{path}: no such parameter {unknown} (it has {list(priors)})")
    ends = {p: _prior_ends(p, priors[p]) for p in names}
    per_case = dict(case_runs or {})
    bar = _make_bar(len(cases) * (2 * len(names) + 1), "partyline.identification", "variants") if progress else None
    cols = ["name", "use", "reproduced_share"]
    rows = []
    confirm = _int_arg("confirm", confirm, 0, 1000)
    try:
        for case in cases:
            stem = pathlib.Path(case).stem
            n = _int_arg("runs", per_case.get(stem, runs), 1, 10_000_000)

            def shares(overrides, runs_, seed_):
                result = run(case, runs=runs_, seed=seed_, threads=threads, overrides=overrides, progress=False)
                if bar is not None:
                    bar.update(1)
                if "targets" not in result:
                    return None
                return result["targets"][cols].set_index("name")

            def compare(p, base, at_lo, at_hi, runs_, stage):
                lo, hi = ends[p]
                out = []
                for fact in base.index:
                    p_lo, p_hi = float(at_lo.loc[fact, "reproduced_share"]), float(at_hi.loc[fact, "reproduced_share"])
                    change = p_hi - p_lo
                    a, b = (p_lo * runs_ + 0.5) / (runs_ + 1), (p_hi * runs_ + 0.5) / (runs_ + 1)
                    se = ((a * (1 - a) + b * (1 - b)) / runs_) ** 0.5
                    z = change / se if change == change else float("nan")
                    out.append({"parameter": p, "case": stem, "fact": fact, "use": base.loc[fact, "use"],
                                "low": lo, "high": hi, "runs": runs_, "p_low": p_lo,
                                "p_default": float(base.loc[fact, "reproduced_share"]), "p_high": p_hi,
                                "change": change, "z": z,
                                "moves": bool(abs(change) >= min_change and abs(z) >= min_z), "stage": stage})
                return out

            base = shares(None, n, seed)
            if base is None:
                if bar is not None:
                    bar.update(2 * len(names))
                continue
            base2, n2 = None, n * confirm
            for p in names:
                lo, hi = ends[p]
                first = compare(p, base, shares({p: lo}, n, seed), shares({p: hi}, n, seed), n, 1)
                candidate = (confirm > 1 and not any(r["moves"] for r in first)
                             and any(abs(r["z"]) >= candidate_z for r in first if r["z"] == r["z"]))
                if not candidate:
                    rows.extend(first)
                    continue
                if bar is not None:
                    bar.total += 2 + (base2 is None)
                if base2 is None:
                    base2 = shares(None, n2, seed + 1)
                rows.extend(compare(p, base2, shares({p: lo}, n2, seed + 1), shares({p: hi}, n2, seed + 1), n2, 2))
    finally:
        if bar is not None:
            bar.close()
    return pd.DataFrame(rows)


def identified_by(table: pd.DataFrame) -> pd.DataFrame:
    """identification()'s table per parameter: the cases that move it (sorted), how many, how many through a fact
    the calibration fits (`use: fit`), and the fact it moves most (case: fact, the change in its probability).
    Sorted by the number of cases, most first."""
    out = []
    for p, rows in table.groupby("parameter", sort=False):
        moving = rows[rows["moves"]]
        strongest = ""
        if not rows["change"].dropna().empty:
            top = rows.loc[rows["change"].abs().idxmax()]
            strongest = f"{top['case']}: {top['fact']} ({top['change']:+.2f})"
        out.append({"parameter": p, "cases": ", ".join(sorted(moving["case"].unique())),
                    "n_cases": int(moving["case"].nunique()),
                    "n_fit_cases": int(moving[moving["use"] == "fit"]["case"].nunique()),
                    "strongest": strongest})
    frame = pd.DataFrame(out, columns=["parameter", "cases", "n_cases", "n_fit_cases", "strongest"])
    return frame.sort_values(["n_cases", "parameter"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _fit_table(source: str | os.PathLike | pd.DataFrame) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    folder = pathlib.Path(source)
    if not (folder / "fit.csv").exists():
        raise FileNotFoundError(f"{source}: no fit.csv here (a calibration's folder, run to its end, has one)")
    return pd.read_csv(folder / "fit.csv", keep_default_na=False, na_values=[""])


def cross_validation(full: str | os.PathLike | pd.DataFrame,
                     folds: Mapping[str, str | os.PathLike | pd.DataFrame]) -> pd.DataFrame:
    """Leave-one-case-out cross-validation from calibrations' posterior predictive checks (their fit.csv).

    `full` is a calibration fitted with every case; `folds[case]` the same calibration with `case` held out
    (`partyline calibrate FILE --hold-out CASE`), one for each case with a fitted fact. One row per documented fact
    of `full`: its case, name, label and use, and the model's probability of the documented outcome
    (`reproduced_share`) and miss in tolerances (`distance`), twice: `*_fitted` under the calibration that fitted it
    (only for a fact with `use: fit`) and `*_held_out` under one that did not -- the fold without its case for a
    fitted fact, the full calibration for a validation fact (it never enters a distance, so it is out of sample
    there already)."""
    whole = _fit_table(full)
    tables = {case: _fit_table(f) for case, f in folds.items()}
    unknown = sorted(set(tables) - set(whole["case"]))
    if unknown:
        raise ValueError(f"folds name cases the full calibration does not have: {', '.join(unknown)}")
    out = []
    for r in whole.itertuples(index=False):
        fitted = r.use == "fit"
        row = {"case": r.case, "name": r.name, "label": r.label, "use": r.use,
               "reproduced_share_fitted": r.reproduced_share if fitted else float("nan"),
               "distance_fitted": r.distance if fitted else float("nan")}
        if fitted:
            if r.case not in tables:
                raise ValueError(f"{r.case} has fitted facts but no fold holds it out (folds['{r.case}'])")
            fold = tables[r.case]
            same = fold[(fold["case"] == r.case) & (fold["name"] == r.name)]
            if same.empty:
                raise ValueError(f"the fold without {r.case} has no fact {r.name}")
            if int(same.iloc[0]["held_out"]) != 1:
                raise ValueError(f"the fold given for {r.case} did not hold it out (fit.csv's held_out is 0)")
            row["reproduced_share_held_out"] = same.iloc[0]["reproduced_share"]
            row["distance_held_out"] = same.iloc[0]["distance"]
        else:
            row["reproduced_share_held_out"] = r.reproduced_share
            row["distance_held_out"] = r.distance
        out.append(row)
    return pd.DataFrame(out, columns=["case", "name", "label", "use", "reproduced_share_fitted", "distance_fitted",
                                      "reproduced_share_held_out", "distance_held_out"])


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The smallest value whose cumulative weight reaches q (the C++ tests' definition)."""
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order]) / weights.sum()
    return float(values[order][min(int(np.searchsorted(cum, q)), len(order) - 1)])


def _dotted(tree: Any, path: str) -> Any:
    """The value at a sweep file's dotted path (`rules.R6.d0`, `councils[0].group.confrontation`) in a YAML tree."""
    for key in path.split("."):
        name, _, index = key.partition("[")
        tree = tree[name]
        if index:
            tree = tree[int(index.rstrip("]"))]
    return tree


def _synthetic_target(target: Mapping[str, Any], value: float, source: str) -> dict[str, Any]:
    """A documented fact restated as if `value` had been observed: a count's range moves with it; a share's range
    ("at least 0.6 of runs" of an event) is mirrored when the event did not happen ("at most 0.4"); `happened` goes,
    but for a fact on when (`within_weeks`), whose value is whether the event came in its window round that day."""
    timed = "within_weeks" in target
    out = {key: v for key, v in target.items() if key not in ("happened", "source") or (timed and key == "happened")}
    if "range" in target:
        lo, hi, was = float(target["range"][0]), float(target["range"][1]), float(target["observed"])
        if target.get("statistic") == "share":
            out["range"] = [lo, hi] if value == was else [1.0 - hi, 1.0 - lo]
        else:
            out["range"] = [lo + value - was, hi + value - was]
    out["observed"] = value
    out["source"] = source
    return out


def coverage(calibration: str | os.PathLike, out: str | os.PathLike, repeats: int = 10, seed: int = 1,
             particles: int | None = None, generations: int | None = None, threads: int = 0,
             progress: Progress = True) -> pd.DataFrame:
    """Does a calibration recover coefficients it is given? A synthetic truth, calibrated `repeats` times.

    The truth is each parameter's value as the cases state it: the model's default for a coefficient (the first case
    that resolves the path gives it; a case's own value, such as its swing, is the truth for every case). In each
    repeat every case with a fitted fact (`use: fit`) runs once at the truth (seed `seed + repeat`), and that run's
    outcome becomes each fitted fact's observed value -- one observation, as a documented fact is: a yes/no fact its 0
    or 1 (a share's range mirrored when the event did not happen), a count its value with the documented range moved
    by as much; validation facts are dropped.
    The calibration then runs on these synthetic cases (its seed `seed + repeat`; `particles` and `generations`
    replace the file's when given) into out/repeat-K/. Returns one row per repeat and parameter: the truth, the
    posterior's weighted median and 5% and 95% points (the last generation), whether the truth lies inside, and the
    interval's width over the prior's 90% width. Read it with coverage_summary(). Each repeat costs one calibration."""
    import yaml
    path = pathlib.Path(calibration)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such calibration file")
    repeats = _int_arg("repeats", repeats, 1, 1000)
    seed = _int_arg("seed", seed, 0, 2**62)
    tree = _calibration_tree(path)
    parameters = dict(tree.get("parameters") or {})
    if not parameters:
        raise ValueError(f"{path}: no parameters to recover")
    folder = pathlib.Path(out)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder}: not empty (coverage never writes over earlier results)")
    cases = []
    for c in tree["cases"]:
        scen = yaml.safe_load(_read_file(pathlib.Path(c)).decode("utf-8"))
        fitted = [t for t in scen.get("targets") or [] if t.get("use", "fit") == "fit"]
        if fitted:
            cases.append((pathlib.Path(c), scen, fitted))
    if not cases:
        raise ValueError(f"{path}: no case states a fitted fact (use: fit)")
    truth: dict[str, float] = {}
    for source, _, _ in cases:
        if len(truth) == len(parameters):
            break
        resolved = yaml.safe_load(run(str(source), runs=1, progress=False)["resolved_scenario"])
        for p in parameters:
            if p not in truth:
                try:
                    truth[p] = float(_dotted(resolved, p))
                except (KeyError, IndexError, TypeError, ValueError):
                    pass
    missing = [p for p in parameters if p not in truth]
    if missing:
        raise ValueError(f"no case states a value for {', '.join(missing)}: coverage needs a truth for each parameter")
    rows = []
    for k in range(repeats):
        here = folder / f"repeat-{k}"
        here.mkdir(parents=True)
        files = []
        for source, scen, fitted in cases:
            outcome = run(str(source), runs=1, seed=seed + k, progress=False)["targets"].set_index("name")["simulated"]
            targets = []
            for t in fitted:
                value = float(outcome[t["name"]])
                if not np.isfinite(value):
                    continue
                targets.append(_synthetic_target(t, value, f"synthetic: one run at the truth, seed {seed + k}"))
            synthetic = dict(scen, targets=targets)
            files.append(here / source.name)
            files[-1].write_text(yaml.safe_dump(synthetic, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cal = {key: v for key, v in tree.items() if key not in ("cases", "name")}
        cal.update(name=f"coverage-{k}", cases=[f.name for f in files], seed=seed + k)
        if particles is not None:
            cal["particles"] = _int_arg("particles", particles, 2, 1_000_000)
        if generations is not None:
            cal["generations"] = _int_arg("generations", generations, 1, 1000)
        (here / "calibration.yaml").write_text(yaml.safe_dump(cal, sort_keys=False), encoding="utf-8")
        calibrate(here / "calibration.yaml", here / "result", threads=threads, progress=progress)
        rows.extend(_coverage_rows(here / "result", k, parameters, truth))
    return pd.DataFrame(rows, columns=["repeat", "parameter", "truth", "median", "lo", "hi", "inside", "width"])


def _calibration_parameters(text: str) -> dict[str, Any]:
    """The priors of a calibration as run (the text of its folder's calibration.yaml). A file that starts `from:`
    another carries that file's text as comments after a line `# ---- NAME as read:`; its priors are the base's unless
    the file states its own."""
    import yaml
    own = yaml.safe_load(text) or {}
    if own.get("parameters"):
        return own["parameters"]
    marker = text.find("\n# ---- ")
    if "from" not in own or marker < 0:
        return {}
    lines = text[marker + 1:].splitlines()[1:]
    base = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines)
    return (yaml.safe_load(base) or {}).get("parameters") or {}


def posterior_widths(folder: str | os.PathLike) -> pd.DataFrame:
    """How much a calibration's cases narrow each parameter: per parameter of the calibration run in `folder` (its
    calibration.yaml, as run), the last generation's weighted median and 5% and 95% points, and `width`, that 90%
    interval over the prior's 90% interval (a uniform prior's middle 90%; a normal prior's 5-95% points): near 1 the
    cases say little beyond the prior, under 0.8 they narrow it."""
    import yaml
    folder = pathlib.Path(folder)
    if not (folder / "calibration.yaml").exists():
        raise FileNotFoundError(f"{folder}: not a calibration's folder (no calibration.yaml)")
    parameters = _calibration_parameters((folder / "calibration.yaml").read_text(encoding="utf-8"))
    post = load(folder)["posterior"]
    last = post[post["generation"] == post["generation"].max()]
    w = last["weight"].to_numpy(dtype=float)
    rows = []
    for p, prior in parameters.items():
        x = last[p].to_numpy(dtype=float)
        lo, hi = _weighted_quantile(x, w, 0.05), _weighted_quantile(x, w, 0.95)
        a, b = _prior_ends(p, prior)
        prior_width = 0.9 * (b - a) if prior.get("prior") == "uniform" else (b - a)
        rows.append({"parameter": p, "median": _weighted_quantile(x, w, 0.5), "lo": lo, "hi": hi,
                     "width": (hi - lo) / prior_width if prior_width > 0 else float("nan")})
    return pd.DataFrame(rows, columns=["parameter", "median", "lo", "hi", "width"])


def _coverage_rows(result: pathlib.Path, repeat: int, parameters: Mapping[str, Any],
                   truth: Mapping[str, float]) -> list[dict[str, Any]]:
    """One repeat's rows of coverage(): each parameter's truth against its posterior (the last generation)."""
    widths = posterior_widths(result).set_index("parameter")
    rows = []
    for p in parameters:
        r = widths.loc[p]
        rows.append({"repeat": repeat, "parameter": p, "truth": truth[p], "median": r["median"], "lo": r["lo"],
                     "hi": r["hi"], "inside": bool(r["lo"] <= truth[p] <= r["hi"]), "width": r["width"]})
    return rows


def coverage_summary(table: pd.DataFrame, identified_below: float = 0.8) -> pd.DataFrame:
    """coverage()'s table per parameter: the truth, the repeats, in how many the truth lay inside the 90% interval,
    the mean width (the interval over the prior's 90% width) and whether the cases identify the coefficient (mean width
    under `identified_below`), most narrowed first."""
    out = table.groupby("parameter", sort=False).agg(truth=("truth", "first"), repeats=("repeat", "nunique"),
                                                     inside=("inside", "sum"), width=("width", "mean")).reset_index()
    out["inside"] = out["inside"].astype(int)
    out["identified"] = out["width"] < identified_below
    return out.sort_values(["width", "parameter"], kind="stable").reset_index(drop=True)


def posterior_subset(folder: str | os.PathLike, out: str | os.PathLike, keep: str | list[str] = "rules.") -> pathlib.Path:
    """A calibration's posterior restricted to some of its parameters, as a folder run(..., posterior=) reads.

    A calibration may fit a case's own facts beside the model's coefficients (the quick calibration fits Leicester's
    swing): to carry only the coefficients' uncertainty into another case, keep the parameters whose dotted path
    starts with `keep` ("rules." by default). The particles and weights are unchanged.

    Args:
        folder: a calibration's output folder (its posterior.csv).
        out: the folder to write (created; its posterior.csv must not exist yet: nothing is overwritten).
        keep: a prefix, or a list of prefixes, of the parameters' dotted paths.

    Returns:
        `out`, to pass as run(..., posterior=out).

    Raises:
        FileNotFoundError: no posterior.csv in `folder`. FileExistsError: `out` already holds one.
        ValueError: no parameter starts with `keep`.
    """
    source = pathlib.Path(folder) / "posterior.csv"
    if not source.exists():
        raise FileNotFoundError(f"{source}: not a calibration's output folder (partyline calibrate --out DIR)")
    prefixes = [keep] if isinstance(keep, str) else list(keep)
    table = pd.read_csv(source, dtype=str, keep_default_na=False)
    fixed = list(table.columns[: list(table.columns).index("distance") + 1])
    kept = [c for c in table.columns[len(fixed):] if any(c.startswith(k) for k in prefixes)]
    if not kept:
        raise ValueError(f"{source}: no parameter starts with {prefixes} (it has {list(table.columns[len(fixed):])})")
    target = pathlib.Path(out)
    target.mkdir(parents=True, exist_ok=True)
    if (target / "posterior.csv").exists():
        raise FileExistsError(f"{target / 'posterior.csv'} exists: choose another folder")
    table[fixed + kept].to_csv(target / "posterior.csv", index=False)
    return target


def facts_with_uncertainty(scenario: str | os.PathLike | Mapping[str, Any], posterior: str | os.PathLike,
                           runs: int = 100, seed: int | None = None, threads: int = 0,
                           progress: Progress = False) -> pd.DataFrame:
    """Each documented fact of a case (its targets) with the shipped coefficients and with the coefficients drawn
    from a calibration's posterior (run(..., posterior=)): the runs' own randomness alone, then with the parameters'
    uncertainty as well (issue 33).

    Returns:
        One row per fact: name, statistic, observed, then simulated, sim_p05, sim_p95 and reproduced_share with the
        shipped coefficients, and the same with the suffix `_posterior`.
    """
    cols = ["name", "statistic", "observed", "simulated", "sim_p05", "sim_p95", "reproduced_share"]
    plain = run(scenario, runs=runs, seed=seed, threads=threads, progress=progress)
    if "targets" not in plain:
        raise ValueError("the scenario states no targets: there are no facts to show")
    drawn = run(scenario, runs=runs, seed=seed, threads=threads, progress=progress, posterior=posterior)
    return plain["targets"][cols].merge(drawn["targets"][[c for c in cols if c not in ("statistic", "observed")]],
                                        on="name", suffixes=("", "_posterior"))


def _words_of(name: str) -> str:
    return name.replace("_", " ")
