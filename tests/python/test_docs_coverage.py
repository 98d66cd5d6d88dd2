"""docs/model.md's coverage table ("Coverage: does the joint calibration recover a known truth?") is what its stored
run gives: the table is coverage_summary() of docs/calibration/coverage.csv, the output of partyline.coverage() on
the joint calibration, and that run covers every parameter of scenarios/calibration/joint.yaml in each of its
repeats. Ten repeats take about 45 minutes on 2 cores (its command is in the section); regenerate the table from it with
PARTYLINE_UPDATE_DOCS=1 on this test."""


import pandas as pd
import yaml

import partyline
from docs_tables import MODEL_MD, ROOT, STORED, check_generated

COVERAGE = STORED / "coverage.csv"
CALIBRATION = ROOT / "scenarios" / "calibration" / "joint.yaml"
HEADING = "### Coverage: does the joint calibration recover a known truth?"
BEGIN, END = "<!-- coverage table: generated -->", "<!-- end of coverage table -->"


def _generated(s: pd.DataFrame) -> str:
    ident = s[s["identified"]]
    held = int((ident["inside"] >= 0.8 * ident["repeats"]).sum())
    repeats = int(s["repeats"].max())
    lines = [BEGIN,
             f"In {repeats} repeats, the cases identify **{len(ident)} of the {len(s)} coefficients** (mean 90% interval "
             f"under 80% of the prior's), and the truth lies inside the interval in at least 80% of the repeats "
             f"for **{held} of those {len(ident)}**; over all {len(s)}, in {int(s['inside'].sum())} of "
             f"{int(s['repeats'].sum())} intervals.",
             "",
             "| coefficient | truth | inside the 90% interval | mean width | identified |",
             "|---|---|---|---|---|"]
    for r in s.itertuples():
        lines.append(f"| `{r.parameter}` | {r.truth:g} | {r.inside} of {r.repeats} | {100 * r.width:.0f}% | "
                     f"{'yes' if r.identified else 'no'} |")
    lines.append(END)
    return "\n".join(lines)


def test_the_docs_table_is_the_stored_run_summarised():
    check_generated(MODEL_MD, HEADING, BEGIN, END,
                    _generated(partyline.coverage_summary(pd.read_csv(COVERAGE))), "coverage_summary() of docs/calibration/coverage.csv")


def test_the_stored_run_covers_every_parameter_of_the_joint_calibration_in_every_repeat():
    tree = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    t = pd.read_csv(COVERAGE)
    assert set(t["parameter"]) == set(tree["parameters"])
    repeats = sorted(t["repeat"].unique())
    assert repeats == list(range(len(repeats)))
    assert (t.groupby("parameter")["repeat"].nunique() == len(repeats)).all()
    assert (t["inside"] == ((t["lo"] <= t["truth"]) & (t["truth"] <= t["hi"]))).all()
