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

from . import against_facts, meaning


def _words(name: str) -> str:
    return name.replace("_", " ")


def _label(outcome: str, fallback: str) -> str:
    """What a runs.csv column means; a column a notebook derived itself is labelled by its fact."""
    try:
        return meaning(outcome)
    except KeyError:
        return fallback


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


def facts(axes, result: Mapping[str, Any], case_facts: list[Mapping[str, Any]]):
    """A histogram of the runs per fact (a result of partyline.run and the facts as partyline.against_facts takes
    them), with the documented value (a red line) and the range that counts as reproducing it (shaded); the title
    says how many runs fall in it. `axes` holds one axes per fact."""
    table = against_facts(result, case_facts)
    for ax, fact, row in zip(axes, case_facts, table.itertuples()):
        source = result["councils"][result["councils"]["council"] == fact["council"]] if "council" in fact else result["runs"]
        values = source[fact["outcome"]]
        lo_v, hi_v = float(min(values.min(), row.range_lo, 0)), float(max(values.max(), row.range_hi))
        if hi_v - lo_v < 40 and float(values.round().eq(values).all()):
            bins = [x - 0.5 for x in range(int(lo_v), int(hi_v) + 2)]  # one bar per whole number
        else:
            bins = 30
        ax.hist(values, bins=bins, color="tab:gray", alpha=0.7, label="simulated runs")
        ax.axvspan(row.range_lo - 0.5 if row.range_lo == row.range_hi else row.range_lo,
                   row.range_hi + 0.5 if row.range_lo == row.range_hi else row.range_hi, color="tab:red", alpha=0.12,
                   label="counts as the documented value")
        ax.axvline(row.observed, color="tab:red", linewidth=2, label="documented")
        ax.set_title(f"{textwrap.fill(row.fact, 34)}\n{100 * row.matching:.0f}% of runs match; mean {row.mean:.1f}", fontsize="medium")
        ax.set_xlabel(textwrap.fill(row.fact if "council" in fact else _label(fact["outcome"], row.fact), 40), fontsize="small")
        ax.set_ylabel("runs")
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
