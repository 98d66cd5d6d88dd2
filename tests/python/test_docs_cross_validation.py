"""docs/model.md's leave-one-case-out tables ("Cross-validation: leave one case out") are what their stored runs give:
each is a summary of partyline.cross_validation() over the calibrations kept in docs/calibration/ (PREFIX-all-fit.csv:
the calibration file fitted with every case; PREFIX-CASE-fit.csv: the same with CASE held out), and those runs cover
every case of the calibration file and hold out each case with a fitted fact. Two tables: the joint calibration's
seventeen coefficients (scenarios/calibration/cases.yaml, prefix loo) and the whole model's eighty-six
(scenarios/calibration/model-cv.yaml, prefix model-loo). The runs take about half an hour on 2 cores each (the
commands are in the section); regenerate the tables from them with PARTYLINE_UPDATE_DOCS=1 on this test."""

import pathlib

import pandas as pd
import pytest
import yaml

import partyline
from docs_tables import MODEL_MD, ROOT, STORED, check_generated

HEADING = "### Cross-validation: leave one case out"
# (calibration file, prefix of its stored runs, the table's markers)
TABLES = {
    "joint": (ROOT / "scenarios" / "calibration" / "cases.yaml", "loo",
              "<!-- cross-validation table: generated -->", "<!-- end of cross-validation table -->"),
    "model": (ROOT / "scenarios" / "calibration" / "model-cv.yaml", "model-loo",
              "<!-- whole-model cross-validation table: generated -->", "<!-- end of whole-model cross-validation table -->"),
}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(STORED / name, keep_default_na=False, na_values=[""])


def _fitted_cases(full: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(full[full["use"] == "fit"]["case"]))


def _table(prefix: str) -> pd.DataFrame:
    full = _read(f"{prefix}-all-fit.csv")
    return partyline.cross_validation(full, {c: _read(f"{prefix}-{c}-fit.csv") for c in _fitted_cases(full)})


def _p(x: float) -> str:
    return "-" if pd.isna(x) else f"{x:.2f}"


def _generated(t: pd.DataFrame, begin: str, end: str) -> str:
    fit, val = t[t["use"] == "fit"], t[t["use"] != "fit"]
    lines = [begin,
             f"Over the {len(fit)} fitted facts (four seed cases), the model's mean probability of the documented "
             f"outcome is **{fit['reproduced_share_fitted'].mean():.2f} fitted and "
             f"{fit['reproduced_share_held_out'].mean():.2f} held out**, the mean miss "
             f"{fit['distance_fitted'].mean():.2f} and {fit['distance_held_out'].mean():.2f} tolerances; over the "
             f"{len(val)} validation facts of {val['case'].nunique()} cases, never fitted, "
             f"{val['reproduced_share_held_out'].mean():.2f} and {val['distance_held_out'].mean():.2f}.",
             "",
             "| case | fitted facts | P(documented): fitted | held out | miss (tolerances): fitted | held out | "
             "validation facts | P(documented) | miss |",
             "|---|---|---|---|---|---|---|---|---|"]
    for case, rows in t.groupby("case", sort=False):
        f, v = rows[rows["use"] == "fit"], rows[rows["use"] != "fit"]
        lines.append(f"| {case} | {len(f)} | {_p(f['reproduced_share_fitted'].mean())} | "
                     f"{_p(f['reproduced_share_held_out'].mean())} | {_p(f['distance_fitted'].mean())} | "
                     f"{_p(f['distance_held_out'].mean())} | {len(v)} | {_p(v['reproduced_share_held_out'].mean())} | "
                     f"{_p(v['distance_held_out'].mean())} |")
    lines.append(end)
    return "\n".join(lines)


@pytest.mark.parametrize("which", TABLES)
def test_the_docs_table_is_the_stored_runs_summarised(which):
    _, prefix, begin, end = TABLES[which]
    check_generated(MODEL_MD, HEADING, begin, end, _generated(_table(prefix), begin, end),
                    f"cross_validation() of the stored runs in docs/calibration/{prefix}-*-fit.csv")


def _cases_of(calibration: pathlib.Path) -> list[str]:
    """A calibration file's cases (a file that starts `from:` another and names none has that file's)."""
    tree = yaml.safe_load(calibration.read_text(encoding="utf-8"))
    if "cases" not in tree and "from" in tree:
        return _cases_of(calibration.parent / tree["from"])
    return tree["cases"]


@pytest.mark.parametrize("which", TABLES)
def test_the_stored_runs_cover_every_case_and_hold_out_each_fitted_one(which):
    calibration, prefix, _, _ = TABLES[which]
    full = _read(f"{prefix}-all-fit.csv")
    assert set(full["case"]) == {pathlib.Path(c).stem for c in _cases_of(calibration)}
    assert (full["held_out"] == 0).all()
    for case in _fitted_cases(full):
        fold = _read(f"{prefix}-{case}-fit.csv")
        assert set(fold["case"]) == set(full["case"])
        assert set(fold[fold["held_out"] == 1]["case"]) == {case}


def test_cross_validation_takes_a_fitted_fact_from_the_fold_and_a_validation_fact_from_the_full_run():
    def fit(rows):
        return pd.DataFrame(rows, columns=["case", "held_out", "name", "label", "use", "reproduced_share", "distance"])
    full = fit([["a", 0, "x", "X", "fit", 0.9, 0.1], ["a", 0, "y", "Y", "validate", 0.5, 0.7],
                ["b", 0, "z", "Z", "validate", 0.2, 1.5]])
    fold_a = fit([["a", 1, "x", "X", "fit", 0.4, 0.9], ["a", 1, "y", "Y", "validate", 0.3, 1.1],
                  ["b", 0, "z", "Z", "validate", 0.1, 2.0]])
    t = partyline.cross_validation(full, {"a": fold_a}).set_index("name")
    assert t.loc["x", "reproduced_share_fitted"] == 0.9 and t.loc["x", "reproduced_share_held_out"] == 0.4
    assert t.loc["x", "distance_held_out"] == 0.9
    assert pd.isna(t.loc["y", "reproduced_share_fitted"]) and t.loc["y", "reproduced_share_held_out"] == 0.5
    assert t.loc["z", "distance_held_out"] == 1.5
    with pytest.raises(ValueError, match="no fold holds it out"):
        partyline.cross_validation(full, {})
    with pytest.raises(ValueError, match="did not hold it out"):
        partyline.cross_validation(full, {"a": full})
    with pytest.raises(ValueError, match="does not have: c"):
        partyline.cross_validation(full, {"a": fold_a, "c": fold_a})
