"""One HTML page per result folder: `partyline report DIR` (or partyline.report.write(DIR)).

A run's folder: what ran (scenario, runs, seed, command), the documented facts against the runs (targets.csv, with
how likely the model makes each), the focus outcomes' statistics, a timeline of the case's events on a date axis
with the scenario's documented dates (its elections and shocks, and the day each dated documented fact happened)
drawn over the simulated ones (needs `--events`),
the focus councils' weekly bands (needs `--weekly`) and the story of the folder's typical run (manifest.json's
typical_run, chosen among all its runs; retold from its resolved scenario, seed and run id). A sweep's folder: its
points, and each focus outcome against each swept parameter.

The page is self-contained (figures embedded as PNG), so it can be mailed or archived with the folder. It is
written beside the folder (DIR.html), never inside it: a result folder holds one result set and nothing else.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import io
import json
import os
import pathlib
import sys
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import partyline  # noqa: E402
from . import plots  # noqa: E402

_STYLE = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}
th{background:#f4f4f4}td.t{text-align:left}pre{background:#f8f8f8;padding:1em;white-space:pre-wrap;font-size:.85em}
.note{color:#666;font-size:.85em}img{max-width:100%}"""


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return f'<img alt="figure" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def _table(frame: pd.DataFrame, digits: int = 2) -> str:
    rows = ["<tr>" + "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns) + "</tr>"]
    for _, row in frame.iterrows():
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append("<td></td>" if pd.isna(value) else f"<td>{value:.{digits}f}</td>")
            else:
                cells.append(f'<td class="t">{html.escape("" if pd.isna(value) else str(value))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _documented_dates(scenario: dict) -> list[tuple[pd.Timestamp, str]]:
    """The dates a scenario states as facts: its focus councils' elections and its dated events (shocks)."""
    start = pd.Timestamp(scenario["start_date"])
    marks = []
    for council in scenario.get("councils", []):
        if council.get("focus"):
            for week in council.get("election_weeks", []):
                marks.append((start + pd.Timedelta(weeks=week), f"{council['id']} election"))
    for event in scenario.get("events", []):
        if "week" in event:
            marks.append((start + pd.Timedelta(weeks=event["week"]), event.get("id") or event.get("type", "event")))
    return sorted(marks)


def _timeline_figure(folder: pathlib.Path, scenario: dict) -> str:
    table = partyline.timeline(folder)
    table = table[table["share"] >= 0.05].nlargest(16, "share").sort_values("week_median", ascending=False)
    facts = partyline.timing(folder) if (folder / "targets.csv").exists() else pd.DataFrame()
    if table.empty and facts.empty:
        return '<p class="note">No event of the story happened in 5% of runs or more.</p>'
    start = pd.Timestamp(scenario["start_date"])
    when = lambda weeks: start + pd.to_timedelta(weeks * 7, unit="D")  # noqa: E731
    rows = len(table) + len(facts)
    fig, ax = plt.subplots(figsize=(10, 0.42 * rows + 1.8))
    y = list(range(len(table)))
    ax.hlines(y, when(table["week_p05"]), when(table["week_p95"]), color="tab:blue", alpha=0.45, linewidth=7,
              label="simulated: when 90% of the runs that saw it first saw it")
    ax.plot(when(table["week_median"]), y, "o", color="tab:blue", label="simulated: median")
    labels = [f"{plots._words(e)} ({c}), {100 * s:.0f}% of runs"
              for e, c, s in zip(table["event"], table["council"], table["share"])]
    # The dated documented facts on top, each on its own row: the runs' first dates of the events its outcome
    # counts against the day it happened (a red diamond).
    if len(facts):
        facts = facts.iloc[::-1]
        seen = facts["first_median"].notna().to_numpy()
        fy = [len(table) + k for k in range(len(facts))]
        seen_y = [v for v, k in zip(fy, seen) if k]
        ax.hlines(seen_y, facts.loc[seen, "first_p05"], facts.loc[seen, "first_p95"], color="tab:blue", alpha=0.45,
                  linewidth=7)
        ax.plot(facts.loc[seen, "first_median"], seen_y, "o", color="tab:blue")
        ax.plot(facts["happened"], fy, "D", color="tab:red", markersize=8, label="documented: the day it happened")
        labels += [f"fact: {textwrap.shorten(str(f.label), 60)}, {100 * f.share:.0f}% of runs"
                   for f in facts.itertuples()]
    ax.set_yticks(list(range(rows)), labels, fontsize="small")
    for i, (date, label) in enumerate(_documented_dates(scenario)):
        ax.axvline(date, color="tab:red", linestyle=":", linewidth=1.5, label="documented dates" if i == 0 else None)
        ax.annotate(label, (date, rows - 0.4), rotation=90, fontsize="x-small", color="tab:red", va="top",
                    ha="right")
    ax.set_xlabel("date")
    ax.legend(fontsize="x-small", loc="lower left")
    return _png(fig)


def _paths_and_actors(folder: pathlib.Path, scenario: dict, runs: int) -> list[str]:
    """How the runs diverge along the case's chain of events, and who acted on whom (decisions.csv)."""
    events = pd.read_csv(folder / "events.csv")
    focus = next((c["id"] for c in scenario.get("councils", []) if c.get("focus")), None)
    chain = plots.chain_of_events(events, runs, council=focus)
    out = ["<h2>How the runs diverge</h2>"]
    if chain:
        fig, ax = plt.subplots(figsize=(10, 4))
        plots.branches(ax, events, runs, chain, council=focus)
        out.append(_png(fig))
    if (folder / "decisions.csv").exists():
        decisions = pd.read_csv(folder / "decisions.csv", keep_default_na=False, na_values=[""])
        fig, ax = plt.subplots(figsize=(9, 7))
        plots.acted_on(ax, events, decisions, runs)
        out += ["<h2>Who acted on whom</h2>", _png(fig)]
    return out


def _weekly_figure(folder: pathlib.Path, scenario: dict) -> str:
    weekly = pd.read_csv(folder / "weekly.csv", parse_dates=["date"])
    focus = [c["id"] for c in scenario.get("councils", []) if c.get("focus")][:3] or ["all"]
    columns = [("seats", "the party's seats (councillors)", False),
               ("satisfaction", "members' satisfaction (share, 0-1)", True),
               ("backlash", "backlash (share of members, 0-1)", True)]
    fig, axes = plt.subplots(len(focus), len(columns), figsize=(13, 3.1 * len(focus)), squeeze=False)
    for row, council in zip(axes, focus):
        for ax, (column, label, share) in zip(row, columns):
            plots.weekly(ax, weekly, council, column, label)
            if share:
                ax.set_ylim(0, 1)
            ax.set_title(f"{council}: {label}", fontsize="small")
            ax.set_xlabel("date")
    fig.autofmt_xdate()
    return _png(fig)


def _run_page(folder: pathlib.Path) -> tuple[str, str]:
    manifest = json.loads((folder / "manifest.json").read_text())
    import yaml
    scenario = yaml.safe_load(manifest["resolved_scenario"])
    title = f"{manifest.get('scenario_name', folder.name)}: {manifest.get('runs_completed')} runs"
    parts = [f"<h1>{html.escape(title)}</h1>",
             f"<p>{html.escape(str(scenario.get('description', '')))}</p>",
             _table(pd.DataFrame([("scenario", manifest.get("scenario_path", "")), ("seed", manifest.get("seed")),
                                  ("runs", manifest.get("runs_completed")), ("command", manifest.get("command", "")),
                                  ("partyline", f"{manifest.get('partyline_version')} ({manifest.get('git_commit')})"),
                                  ("overrides (--set)", "; ".join(manifest.get("set", [])) or "none")],
                                 columns=["what", "value"]))]
    if (folder / "targets.csv").exists():
        t = pd.read_csv(folder / "targets.csv", keep_default_na=False, na_values=[""])
        shown = t[["label", "observed", "range_lo", "range_hi", "statistic", "simulated", "sim_p05", "sim_p95",
                   "reproduced_share", "verdict", "use"]].rename(columns={"reproduced_share": "P(documented)"})
        parts += ["<h2>The documented facts against the runs</h2>",
                  '<p class="note">P(documented): how likely the model makes the documented value -- a yes/no fact\'s '
                  "share of runs, or the share of runs inside the documented range. use: fit (used to calibrate) or "
                  "validate (never fitted).</p>", _table(shown)]
    summary = partyline.summarize(folder)
    focus = ["focus_seats_end", "deselections", "interventions", "selections_taken_over", "leaders_stood_down",
             "coalitions_blocked", "independents_standing"]
    summary = summary[summary["outcome"].isin(focus) | summary["outcome"].str.startswith("focus_")]
    parts += ["<h2>Outcomes</h2>", _table(summary.drop(columns=["point"]))]
    if (folder / "events.csv").exists():
        parts += ["<h2>Timeline</h2>", '<p class="note">Each of the case\'s events: the dates on which the runs that '
                  "saw it first saw it (bar: 90% of them; dot: the median), against the scenario's documented dates "
                  "(red, dotted: its elections and shocks; red diamonds: the day each dated documented fact happened, "
                  "on the row of the events its outcome counts).</p>", _timeline_figure(folder, scenario)]
        if (folder / "targets.csv").exists():
            when = partyline.timing(folder)
            if len(when):
                shown = when[["label", "happened", "share", "first_median", "first_p05", "first_p95",
                              "weeks_off_median", "share_within"]].copy()
                for c in ("happened", "first_median", "first_p05", "first_p95"):
                    shown[c] = shown[c].dt.strftime("%Y-%m-%d")
                parts += ["<h3>When, against the documented dates</h3>",
                          '<p class="note">share: of runs in which the fact\'s events happened; first_*: the date they '
                          "first did (median, 5%, 95% of those runs); weeks_off_median: the median's distance from the "
                          "documented day (negative: earlier); share_within: of all runs, first within 4 weeks of it.</p>",
                          _table(shown.rename(columns={"happened": "documented"}))]
        parts += _paths_and_actors(folder, scenario, int(manifest.get("runs_completed") or 1))
    else:
        parts.append('<p class="note">No timeline: run with --events to keep every run\'s events.</p>')
    if (folder / "councillors.csv").exists():
        councillors = pd.read_csv(folder / "councillors.csv")
        focus = [c["id"] for c in scenario.get("councils", []) if c.get("focus")][:3]
        fig, axes = plt.subplots(1, max(1, len(focus)), figsize=(5.5 * max(1, len(focus)), 3.6), squeeze=False)
        for ax, council in zip(axes[0], focus):
            plots.group_positions(ax, councillors, council, scenario.get("party", "lab"))
        parts += ["<h2>The group's positions</h2>", _png(fig)]
    else:
        parts.append('<p class="note">No positions: run with --agents to keep each focus seat\'s councillors.</p>')
    if (folder / "weekly.csv").exists():
        parts += ["<h2>Week by week</h2>", _weekly_figure(folder, scenario)]
    if (manifest.get("typical_run") or 0) >= 0 and "typical_run" in manifest:
        parts += [f"<h2>The story of run {manifest['typical_run']}, a typical run</h2>",
                  f'<p class="note">{html.escape(str(manifest.get("typical_run_why", "")))}</p>',
                  f"<pre>{html.escape(partyline.story(folder))}</pre>"]
    else:
        parts.append('<p class="note">No story: the manifest names no typical run (no run finished, or an older '
                     "partyline made the folder).</p>")
    return title, "\n".join(parts)


def _sweep_page(folder: pathlib.Path) -> tuple[str, str]:
    tables = partyline.load(folder)
    manifest = tables["manifest"]
    points = tables["points"]
    params = [c for c in points.columns if c not in ("point", "seed", "sobol_block", "sobol_row", "sobol_param")
              and points[c].nunique() > 1]
    title = f"sweep {manifest.get('sweep_name', folder.name)}: {len(points)} points, {len(tables['runs'])} runs"
    parts = [f"<h1>{html.escape(title)}</h1>",
             _table(pd.DataFrame([(k, manifest.get(k, "")) for k in ("sweep_path", "design", "replicates", "command")],
                                 columns=["what", "value"]))]
    summary = partyline.summarize(folder)
    outcomes = [o for o in ("focus_seats_end", "deselections", "interventions", "coalitions_blocked",
                            "selections_taken_over") if (summary["outcome"] == o).any()
                and summary.loc[summary["outcome"] == o, "mean"].nunique() > 1]
    parts.append("<h2>Outcomes against the swept parameters</h2>")
    for param in params[:4]:
        if not pd.api.types.is_numeric_dtype(points[param]):
            continue
        fig, axes = plt.subplots(1, max(1, len(outcomes)), figsize=(4.2 * max(1, len(outcomes)), 3.4), squeeze=False)
        for ax, outcome in zip(axes[0], outcomes):
            plots.sweep_band(ax, summary, param, outcome)
        parts.append(_png(fig))
    parts += ["<h2>Points</h2>", _table(points.drop(columns=[c for c in ("sobol_block", "sobol_row", "sobol_param")
                                                          if c in points.columns]).head(200), 3)]
    return title, "\n".join(parts)


def write(directory: str | os.PathLike, out: str | os.PathLike | None = None, force: bool = False) -> pathlib.Path:
    """Writes the report of a `partyline run` folder or a sweep's folder as one self-contained HTML page.

    Args:
        directory: the result folder.
        out: the page's path (default: the folder's path with .html, beside it).
        force: replace an existing page.

    Returns:
        The page's path.
    """
    folder = pathlib.Path(directory)
    target = pathlib.Path(out) if out is not None else folder.with_name(folder.name + ".html")
    if target.exists() and not force:
        raise FileExistsError(f"{target}: exists; refusing to overwrite it (force=True, or --force, replaces it)")
    if (folder / "calibration.yaml").exists():
        # A calibration's folder holds a results.sqlite too, but no runs to draw: say what reads it instead.
        raise FileNotFoundError(f"{folder}: a calibration's folder, not a run's or a sweep's; read it with "
                                f"partyline.load(DIR) (posterior, generations, fit) or partyline.posterior_widths(DIR)")
    if (folder / "results.sqlite").exists():
        title, body = _sweep_page(folder)
    elif (folder / "manifest.json").exists() and (folder / "runs.csv").exists():
        title, body = _run_page(folder)
    else:
        raise FileNotFoundError(f"{folder}: neither a run's folder (manifest.json, runs.csv) nor a sweep's (results.sqlite)")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body>{body}<p class=\"note\">Written by partyline {partyline.__version__} "
            f"on {stamp} from {html.escape(str(folder))}.</p></body></html>")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(page, encoding="utf-8")
    temporary.replace(target)  # whole or not at all
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="partyline report", description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", help="a `partyline run` output folder or a sweep's folder")
    parser.add_argument("--out", help="the page's path (default: DIR.html beside the folder)")
    parser.add_argument("--force", action="store_true", help="replace an existing page")
    args = parser.parse_args(argv)
    try:
        page = write(args.directory, args.out, args.force)
    except (FileNotFoundError, FileExistsError) as e:
        print(f"partyline report: {e}", file=sys.stderr)
        return 2
    print(f"report: {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
