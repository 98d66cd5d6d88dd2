"""docs/model.md's table of what fitting the dates adds ("Fitting the dates") is what its stored run gives: the table
is docs/calibration/dates-widths.csv -- tests/tools/fit_with_dates.py's output: the joint calibration run with and
without the cases' facts on when, at one budget and seed -- summarised, and that run covers every parameter of
scenarios/calibration/joint.yaml in both fits. The two calibrations take about half an hour on 2 cores (the command
is in the section); regenerate the table from the stored file with PARTYLINE_UPDATE_DOCS=1 on this test."""

import pandas as pd
import yaml

from docs_tables import MODEL_MD, ROOT, STORED, check_generated

WIDTHS = STORED / "dates-widths.csv"
CALIBRATION = ROOT / "scenarios" / "calibration" / "joint.yaml"
HEADING = "### Fitting the dates: what the facts on when add"
BEGIN, END = "<!-- dates table: generated -->", "<!-- end of dates table -->"
NARROWED = 0.8  # a coefficient the cases narrow: its 90% interval under 80% of the prior's


def _generated(t: pd.DataFrame) -> str:
    wide = t.pivot(index="parameter", columns="fit", values="width")
    med = t.pivot(index="parameter", columns="fit", values="median")
    wide = wide.sort_values(["with", "without"], kind="stable")
    n_with, n_without = int((wide["with"] < NARROWED).sum()), int((wide["without"] < NARROWED).sum())
    lines = [BEGIN,
             f"Of the {len(wide)} coefficients, the cases narrow **{n_with} with the dates fitted and {n_without} "
             f"without** (90% interval under {NARROWED:.0%} of the prior's); the interval is narrower with the dates "
             f"for {int((wide['with'] < wide['without']).sum())} of them.",
             "",
             "| coefficient | width with the dates | without | median with | median without |",
             "|---|---|---|---|---|"]
    for p, r in wide.iterrows():
        lines.append(f"| `{p}` | {100 * r['with']:.0f}% | {100 * r['without']:.0f}% | {med.loc[p, 'with']:.3g} | "
                     f"{med.loc[p, 'without']:.3g} |")
    lines.append(END)
    return "\n".join(lines)


def test_the_docs_table_is_the_stored_run_summarised():
    check_generated(MODEL_MD, HEADING, BEGIN, END, _generated(pd.read_csv(WIDTHS)),
                    "docs/calibration/dates-widths.csv")


def test_the_stored_run_covers_every_parameter_of_the_joint_calibration_in_both_fits():
    tree = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    t = pd.read_csv(WIDTHS)
    assert set(t["fit"]) == {"with", "without"}
    for _, rows in t.groupby("fit"):
        assert sorted(rows["parameter"]) == sorted(tree["parameters"])
    assert ((t["lo"] <= t["median"]) & (t["median"] <= t["hi"])).all()
    assert (t["width"] > 0).all()
