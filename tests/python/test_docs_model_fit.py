"""docs/model.md's whole-model fit ("The whole model fitted at once") is what its stored run gives: the generated block
summarises docs/calibration/model-generations.csv (the schedule), model-widths.csv (partyline.posterior_widths() of
the run) and model-fit.csv (its predictive check), and lists every coefficient narrowed under 90% of its prior with the
cases the stored screen (model-screen.csv) says move it. The run itself takes about 25 minutes on 2 cores
(`partyline calibrate scenarios/calibration/model.yaml --out DIR`); regenerate the block from its files with
PARTYLINE_UPDATE_DOCS=1 on this test."""

import pandas as pd
import yaml

import partyline
from docs_tables import MODEL_MD, ROOT, STORED, check_generated

HEADING = "### The whole model fitted at once"
BEGIN, END = "<!-- whole-model fit table: generated -->", "<!-- end of whole-model fit table -->"
CALIBRATION = ROOT / "scenarios" / "calibration" / "model.yaml"


def _verdicts(fit: pd.DataFrame) -> str:
    n = fit["verdict"].value_counts()
    return f"{n.get('reproduced', 0)} reproduced, {n.get('weak', 0)} weak, {n.get('missed', 0)} missed"


def _generated() -> str:
    schedule = pd.read_csv(STORED / "model-generations.csv")
    widths = pd.read_csv(STORED / "model-widths.csv")
    fit = pd.read_csv(STORED / "model-fit.csv", keep_default_na=False, na_values=[""])
    screen = partyline.identified_by(pd.read_csv(STORED / "model-screen.csv")).set_index("parameter")
    later = schedule[schedule["generation"] > 0]
    lines = [BEGIN,
             f"The stored run: {len(schedule)} generations, the tolerance from {later['tolerance'].iloc[0]:.2f} to "
             f"{later['tolerance'].iloc[-1]:.2f}, the share of moves accepted from {later['acceptance'].iloc[0]:.0%} to "
             f"{later['acceptance'].iloc[-1]:.0%}; of {len(widths)} coefficients, **{(widths['width'] < 0.8).sum()} "
             f"narrowed under 80% of the prior and {(widths['width'] < 0.9).sum()} under 90%**. Fitted facts: "
             f"{_verdicts(fit[fit['use'] == 'fit'])}; validation facts: {_verdicts(fit[fit['use'] != 'fit'])}.",
             "",
             "| coefficient | width | median (90% interval) | cases that move it in the screen | through fitted facts |",
             "|---|---|---|---|---|"]
    for _, r in widths[widths["width"] < 0.9].sort_values("width").iterrows():
        s = screen.loc[r["parameter"]]
        cases = s["cases"] if isinstance(s["cases"], str) and s["cases"] else "none"
        lines.append(f"| `{r['parameter']}` | {r['width']:.2f} | {r['median']:.3g} ({r['lo']:.3g} to {r['hi']:.3g}) | "
                     f"{cases} | {int(s['n_fit_cases'])} |")
    lines.append(END)
    return "\n".join(lines)


def test_the_docs_block_is_the_stored_run_summarised():
    check_generated(MODEL_MD, HEADING, BEGIN, END, _generated(),
                    "the stored whole-model fit in docs/calibration/model-*.csv")


def test_the_stored_run_covers_every_coefficient_of_the_calibration_file():
    priors = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))["parameters"]
    widths = pd.read_csv(STORED / "model-widths.csv")
    assert list(widths["parameter"]) == list(priors)
    assert ((widths["lo"] <= widths["median"]) & (widths["median"] <= widths["hi"])).all()
    for p, prior in priors.items():  # every interval inside its uniform prior
        r = widths.set_index("parameter").loc[p]
        assert prior["min"] <= r["lo"] and r["hi"] <= prior["max"], p
    fit = pd.read_csv(STORED / "model-fit.csv", keep_default_na=False, na_values=[""])
    assert set(fit["use"]) == {"fit", "validate"}


def test_the_two_samplers_paragraph_states_what_its_stored_runs_give():
    text = MODEL_MD.read_text(encoding="utf-8")
    start = text.index("**The two samplers on the joint calibration.**")
    paragraph = text[start:text.index("\n\n", start)]
    for n in (200, 500):
        schedule = pd.read_csv(STORED / f"joint-metropolis-{n}-generations.csv")
        assert f"reached {schedule['tolerance'].iloc[-1]:.2f}" in paragraph or \
            f"tolerance of {schedule['tolerance'].iloc[-1]:.2f}" in paragraph, n
        assert f"{schedule['simulations'].sum():,} proposals" in paragraph, n
    small = pd.read_csv(STORED / "joint-metropolis-200-widths.csv").set_index("parameter")["width"]
    for p in ("rules.R5.v0", "rules.R1.s0", "rules.R2.cost_take_over_selections"):
        assert f"{small[p]:.2f}" in paragraph, p
    full = pd.read_csv(STORED / "joint-metropolis-500-widths.csv").set_index("parameter")["width"]
    assert f"{full['rules.R5.v0']:.2f} of its prior here" in paragraph
