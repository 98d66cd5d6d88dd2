"""Plots a reader can read, for the case notebooks (results/<case>.ipynb): labels in words, never dotted paths;
the runs' 5-95% range drawn apart from the interval of the mean, so one is never mistaken for the other.

    import partyline, partyline.plots as plots
    r = partyline.run("scenarios/haringey-2018.yaml", runs=200, events=True, weekly=True)
    fig, ax = plt.subplots(); plots.timeline(ax, partyline.timeline(r, council="haringey"))

Every function draws on the matplotlib axes it is given and returns them.
"""

from __future__ import annotations

import textwrap
from typing import Any, Mapping

import pandas as pd

from . import meaning


def _words(name: str) -> str:
    return name.replace("_", " ")


def _label(outcome: str, fallback: str) -> str:
    """What a runs.csv column means; a column a notebook derived itself is labelled by its fact."""
    try:
        return meaning(outcome)
    except KeyError:
        return fallback


def _against(ax, values: pd.Series, observed: float, lo: float, hi: float, share: bool = False):
    """The runs' values as a histogram (a bar per whole number when they are whole and few), the documented value
    (a red line) and the range that counts as it (shaded)."""
    lo_v = float(min(values.min(), lo, 0 if share else lo))
    hi_v = float(max(values.max(), hi))
    whole = hi_v - lo_v < 60 and bool(values.round().eq(values).all())
    bins = [x - 0.5 for x in range(int(lo_v), int(hi_v) + 2)] if whole else 30
    ax.hist(values, bins=bins, color="tab:gray", alpha=0.7, label="simulated runs")
    single = lo == hi
    ax.axvspan(lo - 0.5 if single else lo, hi + 0.5 if single else hi, color="tab:red", alpha=0.12,
               label="counts as the documented value")
    ax.axvline(observed, color="tab:red", linewidth=2, label="documented")
    if share:
        ax.set_xticks([0, 1])
        ax.set_xticklabels(["did not happen", "happened"])
    ax.set_ylabel("runs")


def timeline(ax, table: pd.DataFrame, top: int = 14, min_share: float = 0.05):
    """When events happen across runs (a partyline.timeline table): one row per event, a bar over the weeks in
    which 90% of the runs that saw it first saw it, a dot at the median; the share of runs in the label. Events
    seen in fewer than `min_share` of runs are left out; at most `top` rows, the commonest kept."""
    t = table[table["share"] >= min_share].nlargest(top, "share").sort_values("week_median", ascending=False)
    labels = [f"{_words(e)} ({c}), {100 * s:.0f}% of runs" for e, c, s in zip(t["event"], t["council"], t["share"])]
    y = range(len(t))
    ax.hlines(list(y), t["week_p05"], t["week_p95"], color="tab:blue", alpha=0.5, linewidth=6,
              label="weeks of 90% of first occurrences")
    ax.plot(t["week_median"], list(y), "o", color="tab:blue", label="median week")
    ax.set_yticks(list(y))
    ax.set_yticklabels(labels)
    ax.set_xlabel("week of the scenario (week 0 is its start date)")
    ax.legend(loc="lower right", fontsize="small")
    return ax


def targets(axes, result: Mapping[str, Any]):
    """A histogram of the runs per target of the scenario (a result of partyline.run whose scenario states targets),
    with the documented value (a red line) and the range that counts as it (shaded); the title gives the label, the
    simulated statistic, how likely the model makes the documented value (a yes/no fact's probability, or the share of
    runs in the documented range) and the verdict (reproduced, weak, missed: docs/outcomes.md). `axes` holds one axes per target."""
    if "targets" not in result:
        raise ValueError("the scenario states no targets")
    for ax, row in zip(axes, result["targets"].itertuples()):
        council = row.council if isinstance(row.council, str) and row.council else None
        source = result["councils"][result["councils"]["council"] == council] if council else result["runs"]
        values = sum(source[c.strip()] for c in row.outcome.split("+"))
        share = row.statistic == "share"
        if share:
            values = (values > 0).astype(int)
        _against(ax, values, row.observed, row.range_lo, row.range_hi, share)
        label = row.label if isinstance(row.label, str) and row.label else _words(row.name)
        likely = "P(documented)" if share else "runs in range"
        ax.set_title(f"{textwrap.fill(label, 34)}\n{row.statistic} {row.simulated:.2f}; {likely} "
                     f"{row.reproduced_share:.2f}: {row.verdict}", fontsize="medium")
        ax.set_xlabel(textwrap.fill(" + ".join(_label(c.strip(), _words(c.strip())) for c in row.outcome.split("+"))
                                    if not council else f"{_words(row.outcome)} in {council}", 40), fontsize="small")
    axes[0].legend(fontsize="small")
    return axes


def weekly(ax, table: pd.DataFrame, council: str, column: str, label: str):
    """A weekly series of one council across runs (a weekly table, as run(..., weekly=True) returns): the median
    run by date and the band in which 90% of runs lie."""
    w = table[table["council"] == council]
    g = w.groupby("date")[column]
    dates = pd.to_datetime(pd.Series(list(g.groups.keys()))).sort_values()
    q = g.quantile([0.05, 0.5, 0.95]).unstack()
    q.index = pd.to_datetime(q.index)
    q = q.loc[dates]
    ax.fill_between(q.index, q[0.05], q[0.95], alpha=0.25, label="90% of runs")
    ax.plot(q.index, q[0.5], label="median run")
    ax.set_ylabel(label)
    ax.legend(fontsize="small")
    return ax


def comparison(axes, table: pd.DataFrame, outcomes: list[str], label_a: str, label_b: str):
    """A against B (a partyline.compare table), one axes per outcome: each side's mean with the 5-95% range of its
    runs, and in the title the difference of means (B - A) with its 95% interval. Outcomes keep their own scales."""
    t = table.set_index("outcome")
    for ax, outcome in zip(axes, outcomes):
        row = t.loc[outcome]
        for x, side, colour in ((0, "a", "tab:gray"), (1, "b", "tab:orange")):
            ax.vlines(x, row[f"p05_{side}"], row[f"p95_{side}"], color=colour, linewidth=8, alpha=0.4,
                      label="5-95% of runs" if x == 0 else None)
            ax.plot(x, row[f"mean_{side}"], "o", color=colour, label="mean" if x == 0 else None)
        ax.set_xticks([0, 1])
        ax.set_xticklabels([textwrap.fill(label_a, 14), textwrap.fill(label_b, 14)], fontsize="small")
        ax.set_xlim(-0.6, 1.6)
        ax.set_title(f"{textwrap.fill(_label(outcome, _words(outcome)), 28)}\n"
                     f"B - A = {row['difference']:+.2f} [{row['difference_lo']:+.2f}, {row['difference_hi']:+.2f}]",
                     fontsize="small")
    axes[0].legend(fontsize="x-small")
    return axes
