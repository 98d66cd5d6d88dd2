"""docs/model.md's screen of the whole model's coefficients ("Which cases move which coefficient") is what its
command gives: the table and its counts are identified_by() of the stored screen (docs/calibration/model-screen.csv),
and the stored screen is what partyline.identification gives today, re-run here for a sample of its coefficients on
every case but the national one (which would take minutes). So neither the table nor the file can go stale when the
model moves. Regenerate the file with the command in the section (about 70 minutes on 2 cores with its second
stage), then the table with PARTYLINE_UPDATE_DOCS=1 on this test."""

import pathlib

import pandas as pd
import pytest

import partyline
from docs_tables import MODEL_MD, ROOT, STORED, check_generated

SCREEN = STORED / "model-screen.csv"
CALIBRATION = ROOT / "scenarios" / "calibration" / "model.yaml"
CONFIRM = 8  # the second stage's runs, as a multiple of the first's (docs/model.md's command)
HEADING = "### Which cases move which coefficient"
BEGIN, END = "<!-- identification table: generated -->", "<!-- end of identification table -->"


def _screen():
    return pd.read_csv(SCREEN, keep_default_na=False, na_values=[""])


def _generated(summary: pd.DataFrame) -> str:
    n = len(summary)
    two, one = int((summary["n_cases"] >= 2).sum()), int((summary["n_cases"] == 1).sum())
    fit_two = int((summary["n_fit_cases"] >= 2).sum())
    lines = [BEGIN,
             f"Of the {n} coefficients, **{two} are moved by two or more cases**, {one} by one and {n - two - one} by none; "
             f"{fit_two} are moved through fitted facts (`use: fit`) of two or more cases.",
             "",
             "| coefficient | the cases that move it | cases | through fitted facts | the largest change (case: fact, p_high - p_low) |",
             "|---|---|---|---|---|"]
    for r in summary.itertuples():
        lines.append(f"| `{r.parameter}` | {r.cases or '-'} | {r.n_cases} | {r.n_fit_cases} | {r.strongest} |")
    lines.append(END)
    return "\n".join(lines)


def test_the_docs_table_is_the_stored_screen_summarised():
    check_generated(MODEL_MD, HEADING, BEGIN, END, _generated(partyline.identified_by(_screen())),
                    "identified_by() of docs/calibration/model-screen.csv")


def test_the_stored_screen_covers_every_parameter_and_case_of_the_calibration_file():
    import yaml
    tree = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    screen = _screen()
    assert set(screen["parameter"]) == set(tree["parameters"])
    assert set(screen["case"]) == {pathlib.Path(c).stem for c in tree["cases"]}


def _sample():
    """Three coefficients: the one the most cases move, one no case moves (if any) and the middle of the table."""
    summary = partyline.identified_by(_screen())
    picks = [summary.iloc[0]["parameter"], summary.iloc[len(summary) // 2]["parameter"]]
    none = summary[summary["n_cases"] == 0]
    if not none.empty:
        picks.append(none.iloc[0]["parameter"])
    return list(dict.fromkeys(picks))


@pytest.mark.parametrize("parameter", _sample())
def test_the_stored_screen_is_what_identification_gives_today(parameter):
    screen = _screen()
    stored = screen[(screen["parameter"] == parameter) & (screen["case"] != "england-2018")].reset_index(drop=True)
    cases = list(dict.fromkeys(stored["case"]))
    now = partyline.identification(CALIBRATION, runs=100, seed=1, parameters=[parameter], cases=cases, confirm=CONFIRM)
    assert list(now["fact"]) == list(stored["fact"])
    assert list(now["stage"]) == list(stored["stage"]) and list(now["runs"]) == list(stored["runs"])
    stale = []
    for (_, a), (_, b) in zip(stored.iterrows(), now.iterrows()):
        for column in ("p_low", "p_default", "p_high"):
            if abs(float(a[column]) - float(b[column])) > 1e-9:
                stale.append(f"{a['case']} / {a['fact']} / {column}: stored {a[column]}, the model gives {b[column]}")
    assert not stale, ("docs/calibration/model-screen.csv is stale (re-run the screen, docs/model.md's command):\n"
                       + "\n".join(stale))
