"""docs/model.md's timing ledger ("Validation: when the documented events happen") is what its command gives: for each
dated documented fact (a target's `happened`) of every shipped case, `partyline.timing` over 200 runs of the case
(its own seed, events kept) -- the first week the runs see the fact's events, against the documented day -- and the
probability the model gives the event first happening within four weeks of it, with its verdict (reproduced at 0.25
or more, missed under 0.05, weak between). No coefficient was fitted to a date, so every row is out of sample. Facts
on which administration formed are left out (an administration forms at the count, whose date the scenario states),
and so are facts whose events are never told (their timing is unknown). This test regenerates the table and fails
when a row differs; PARTYLINE_UPDATE_DOCS=1 rewrites it."""

import math
import os
import pathlib

import pandas as pd
import yaml

import partyline

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
MODEL = ROOT / "docs" / "model.md"
HEADING = "### Validation: when the documented events happen"
HEADER = "| case | fact | documented | the runs' median first | weeks off | P(within 4 weeks) | verdict |"
RUNS, WITHIN = 200, 4


def _verdict(p):
    return "reproduced" if p >= 0.25 else "missed" if p < 0.05 else "weak"


def _rows():
    rows = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        text = yaml.safe_load(path.read_text(encoding="utf-8"))
        dated = [t for t in text.get("targets", []) or [] if t.get("happened")]
        if not dated:
            continue
        r = partyline.run(path, runs=RUNS, events=True, progress=False)
        t = partyline.timing(r, within_weeks=WITHIN)
        outcome = {d["name"]: str(d.get("outcome", "")).strip() for d in dated}
        for row in t.itertuples():
            if outcome.get(row.name) == "administration_end" or not row.events:
                continue
            first = "never" if pd.isna(row.first_median) else row.first_median.strftime("%Y-%m-%d")
            off = "" if pd.isna(row.weeks_off_median) else f"{row.weeks_off_median:+.0f}"
            p = 0.0 if math.isnan(row.share_within) else row.share_within
            rows.append(f"| `{path.name}` | `{row.name}` | {row.happened.strftime('%Y-%m-%d')} | {first} | {off} | "
                        f"{p:.2f} | {_verdict(p)} |")
    return rows


def test_the_timing_ledger_is_what_its_command_gives():
    lines = MODEL.read_text(encoding="utf-8").split("\n")
    at = lines.index(HEADING)
    header = next(i for i in range(at, len(lines)) if lines[i] == HEADER)
    end = header + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    stated, now = lines[header + 2:end], _rows()
    if stated != now and os.environ.get("PARTYLINE_UPDATE_DOCS"):
        MODEL.write_text("\n".join(lines[:header + 2] + now + lines[end:]), encoding="utf-8")
        return
    assert len(now) >= 15, "too few timed facts"
    assert stated == now, "docs/model.md's timing ledger is stale (regenerate with PARTYLINE_UPDATE_DOCS=1):\n" + \
        "\n".join(f"- {a}\n+ {b}" for a, b in zip(stated + [""] * len(now), now + [""] * len(stated)) if a != b)
