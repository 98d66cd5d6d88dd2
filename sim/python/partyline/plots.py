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
        equals = getattr(row, "equals", "")
        if isinstance(equals, str) and equals:  # which administration formed: 1 where it is the one documented
            values = (source[row.outcome.strip()].astype(str) == equals).astype(int)
        else:
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


# ---- sweeps, sensitivity and calibration ------------------------------------------------------------------------

def _parameter_words(path: str) -> str:
    """A dotted parameter path as a reader's label: its last key in words, the path beneath in small print."""
    return f"{_words(path.split('.')[-1])}\n({path})"


def _summary_of(source: Any) -> pd.DataFrame:
    from . import summarize
    if isinstance(source, pd.DataFrame) and {"outcome", "mean", "p05", "p95"} <= set(source.columns):
        return source
    return summarize(source)


def _is_share(summary: pd.DataFrame) -> bool:
    """An outcome that is a yes/no across runs: every run 0 or 1."""
    return bool(summary["p05"].ge(0).all() and summary["p95"].le(1).all() and summary["share"].notna().all()
                and summary["mean"].le(1).all())


def sweep_band(ax, source: Any, parameter: str, outcome: str):
    """One outcome against one swept parameter: the mean with its 95% interval (error bars) and the band in which
    90% of the runs lie (5-95%), per sweep point. `source`: a sweep's folder, partyline.load's tables, or a
    partyline.summarize table. Points that share the parameter's value (other parameters varying) are drawn side by
    side, not averaged."""
    s = _summary_of(source)
    if parameter not in s.columns:
        raise KeyError(f"{parameter}: not a swept parameter (the sweep's are: "
                       f"{', '.join(c for c in s.columns if '.' in c or '[' in c)})")
    s = s[s["outcome"] == outcome].sort_values(parameter)
    if s.empty:
        raise KeyError(f"{outcome}: not an outcome of the sweep")
    x = s[parameter].astype(float)
    ax.fill_between(x, s["p05"], s["p95"], color="tab:blue", alpha=0.2, step=None, label="90% of runs")
    ax.errorbar(x, s["mean"], yerr=[s["mean"] - s["mean_lo"], s["mean_hi"] - s["mean"]], fmt="o-", color="tab:blue",
                capsize=3, label="mean (95% interval)")
    ax.set_xlabel(_parameter_words(parameter), fontsize="small")
    ax.set_ylabel(textwrap.fill(_label(outcome, _words(outcome)), 40), fontsize="small")
    if _is_share(s):
        ax.set_ylim(0, 1)
    ax.legend(fontsize="small")
    return ax


def sweep_heatmap(ax, source: Any, x: str, y: str, outcome: str, statistic: str = "mean"):
    """One outcome over two swept parameters: a cell per (x, y) pair coloured by `statistic` (mean, p05, p95 or share),
    its value written in the cell. A yes/no outcome's colour scale runs 0-1."""
    s = _summary_of(source)
    s = s[s["outcome"] == outcome]
    if s.empty:
        raise KeyError(f"{outcome}: not an outcome of the sweep")
    grid = s.pivot_table(index=y, columns=x, values=statistic, aggfunc="mean").sort_index(ascending=False)
    share = statistic == "share" or _is_share(s)
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="viridis",
                      vmin=0 if share else None, vmax=1 if share else None)
    ax.set_xticks(range(grid.shape[1]), [f"{v:g}" for v in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" for v in grid.index])
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            ax.text(j, i, f"{grid.iat[i, j]:.2f}", ha="center", va="center", color="white", fontsize="x-small")
    ax.set_xlabel(_parameter_words(x), fontsize="small")
    ax.set_ylabel(_parameter_words(y), fontsize="small")
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(f"{statistic} of: {textwrap.fill(_label(outcome, _words(outcome)), 36)}", fontsize="small")
    return ax


def sobol(ax, table: pd.DataFrame, outcome: str):
    """First- and total-order Sobol' indices of one outcome (a partyline.sensitivity table of a `design: sobol`
    sweep): a pair of bars per input with their 95% bootstrap intervals, on the indices' own 0-1 scale. Inputs whose
    indices the sample is too small to read are marked."""
    t = table[table["outcome"] == outcome].reset_index(drop=True)
    if t.empty:
        raise KeyError(f"{outcome}: no sensitivity rows (it did not vary, or is not an outcome)")
    at = range(len(t))
    for offset, (column, label, colour) in enumerate((("s1", "first order S1", "tab:blue"), ("st", "total order ST", "tab:orange"))):
        x = [i + (offset - 0.5) * 0.38 for i in at]
        err = [(t[column] - t[f"{column}_lo"]).clip(lower=0), (t[f"{column}_hi"] - t[column]).clip(lower=0)]
        ax.bar(x, t[column], width=0.38, color=colour, label=label, yerr=err, capsize=2)
    names = [_words(i.split(".")[-1]) + (" *" if bool(row) else "") for i, row in
             zip(t["input"], t.get("too_few_samples", pd.Series([False] * len(t))))]
    ax.set_xticks(list(at), names, rotation=30, ha="right", fontsize="small")
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of the outcome's variance")
    ax.set_title(textwrap.fill(_label(outcome, _words(outcome)), 50), fontsize="small")
    ax.legend(fontsize="small")
    return ax


def morris(ax, table: pd.DataFrame, outcome: str):
    """Elementary effects of one outcome (a partyline.sensitivity table of a `design: morris` sweep): mu* (the mean
    absolute effect, with its 95% interval) against sigma (their spread: interaction or non-linearity), an input per
    point; inputs not above the dummy's noise are grey."""
    t = table[table["outcome"] == outcome].reset_index(drop=True)
    if t.empty:
        raise KeyError(f"{outcome}: no sensitivity rows (it did not vary, or is not an outcome)")
    above = t["above_noise"].astype(str).str.lower().isin(["1", "true", "yes"]) if "above_noise" in t else pd.Series([True] * len(t))
    colours = ["tab:blue" if a else "tab:gray" for a in above]
    ax.errorbar(t["mu_star"], t["sigma"], xerr=[(t["mu_star"] - t["mu_star_lo"]).clip(lower=0),
                                                  (t["mu_star_hi"] - t["mu_star"]).clip(lower=0)],
                fmt="none", ecolor="lightgray")
    ax.scatter(t["mu_star"], t["sigma"], c=colours)
    for name, x, y in zip(t["input"], t["mu_star"], t["sigma"]):
        ax.annotate(_words(str(name).split(".")[-1]), (x, y), fontsize="x-small", xytext=(3, 3), textcoords="offset points")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.set_xlabel(f"mu*: mean absolute effect on {_words(outcome)} over an input's whole range")
    ax.set_ylabel("sigma: spread of the effects")
    return ax


def weighted_quantile(values: Any, weights: Any, q: float | list[float]) -> Any:
    """Quantile(s) q of values weighted by weights (the midpoint rule: a particle's weight centred on its value)."""
    import numpy as np
    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    order = np.argsort(v)
    v, w = v[order], w[order]
    cum = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(q, cum, v)


def _prior_density(prior: Mapping[str, Any], x: Any) -> Any:
    """A prior's density on x, as the calibration samples it (truncated to min/max when given), normalised over x."""
    import numpy as np
    kind = prior.get("prior", "uniform")
    lo, hi = prior.get("min", -np.inf), prior.get("max", np.inf)
    if kind == "uniform":
        d = np.where((x >= lo) & (x <= hi), 1.0, 0.0)
    elif kind == "normal":
        d = np.exp(-0.5 * ((x - prior["mean"]) / prior["sd"]) ** 2)
    else:  # lognormal: mean and sd of the log
        safe = np.where(x > 0, x, 1.0)
        d = np.where(x > 0, np.exp(-0.5 * ((np.log(safe) - prior["mean"]) / prior["sd"]) ** 2) / safe, 0.0)
    d = np.where((x >= lo) & (x <= hi), d, 0.0)
    area = np.trapz(d, x)
    return d / area if area > 0 else d


def posteriors(axes, tables: Mapping[str, Any]):
    """Each calibrated parameter (partyline.load of a calibration's folder): its prior as a density curve (from the
    calibration file) against the last generation's weighted particles (a histogram, density scale), with the
    posterior's 5-95% interval shaded. `axes` holds one axes per parameter."""
    import numpy as np
    import yaml
    spec = yaml.safe_load(tables["calibration"])
    priors = spec["parameters"]
    post = tables["posterior"]
    last = post[post["generation"] == post["generation"].max()]
    for ax, (name, prior) in zip(axes, priors.items()):
        values, weights = last[name].to_numpy(dtype=float), last["weight"].to_numpy(dtype=float)
        lo = prior.get("min", min(values.min(), prior.get("mean", values.min()) - 3 * prior.get("sd", 0)))
        hi = prior.get("max", max(values.max(), prior.get("mean", values.max()) + 3 * prior.get("sd", 0)))
        x = np.linspace(lo, hi, 400)
        ax.hist(values, bins=np.linspace(lo, hi, 25), weights=weights, density=True, color="tab:blue", alpha=0.5,
                label="posterior (weighted particles)")
        ax.plot(x, _prior_density(prior, x), color="black", lw=1.5, label="prior")
        q05, q95 = weighted_quantile(values, weights, [0.05, 0.95])
        ax.axvspan(q05, q95, color="tab:blue", alpha=0.1, label="posterior 5-95%")
        ax.set_xlabel(_parameter_words(name), fontsize="small")
        ax.set_ylabel("density")
    axes[0].legend(fontsize="x-small")
    return axes


def pairs(axes, tables: Mapping[str, Any]):
    """The last generation's particles two parameters at a time (a k x k grid of axes): weighted histograms on the
    diagonal, particles sized by weight off it, so correlated parameters show as tilted clouds."""
    post = tables["posterior"]
    last = post[post["generation"] == post["generation"].max()]
    names = [c for c in post.columns if c not in ("generation", "tolerance", "simulations", "particle", "weight", "distance")]
    size = 2000 * last["weight"] / last["weight"].sum() * len(last) / 100
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            ax = axes[i][j]
            if i == j:
                ax.hist(last[a], bins=20, weights=last["weight"], color="tab:blue", alpha=0.6)
            else:
                ax.scatter(last[b], last[a], s=size, alpha=0.4)
            if i == len(names) - 1:
                ax.set_xlabel(_parameter_words(b), fontsize="x-small")
            if j == 0:
                ax.set_ylabel(_parameter_words(a), fontsize="x-small")
    return axes


def predictive(axes, fit: pd.DataFrame):
    """Posterior predictive checks in each fact's own units (a calibration's fit or validation table): per documented
    fact, the fitted model's 90% range of runs (for a count) and its simulated statistic against the documented value
    and the range that counts as it. A share is drawn on 0-1; a count on its own axis from 0. `axes` holds one per fact."""
    for ax, row in zip(axes, fit.itertuples()):
        share = row.statistic == "share"
        if not share:  # a yes/no fact's runs are each 0 or 1: its band would say nothing
            ax.hlines(0, row.sim_p05, row.sim_p95, color="tab:blue", alpha=0.4, linewidth=10, label="90% of runs")
        ax.plot(row.simulated, 0, "o", color="tab:blue", label="simulated", clip_on=False)
        # Drawn unclipped: a documented share of 1 sits on the axis's end.
        ax.hlines(0.25, row.range_lo, row.range_hi, color="tab:red", linewidth=3, label="documented range", clip_on=False)
        ax.plot(row.observed, 0.25, "|", color="tab:red", markersize=14, label="documented", clip_on=False)
        top = max(row.sim_p95, row.range_hi, row.observed, 1)
        ax.set_xlim(0, 1 if share else top * 1.1)
        ax.set_ylim(-0.4, 0.6)
        ax.set_yticks([])
        ax.set_xlabel("share of runs in which it happened" if share else f"{row.statistic}: {_words(str(row.name))}",
                      fontsize="small")
        ax.set_title(f"{row.case}: {_words(str(row.name))}", fontsize="small")
    axes[0].legend(fontsize="x-small", loc="upper right")
    return axes


# ---- what happened, across runs: the paths runs take, who acted on whom, the group's positions ------------------

def chain_of_events(events: pd.DataFrame, runs: int, council: str | None = None, steps: int = 5,
                    min_share: float = 0.05, max_share: float = 1.0) -> list[str]:
    """The case's chain of events: the story's event kinds (of `council`, or every council) seen in at least
    `min_share` of runs, the `steps` commonest, in the order of the median week they first happen."""
    from . import _EVENT_WEIGHTS
    ev = events[events["event"].astype(str).map(lambda e: _EVENT_WEIGHTS.get(e, "major")) == "major"]
    if council is not None:
        ev = ev[ev["council"].astype(str) == council]
    first = ev.groupby(["event", "run"], observed=True)["week"].min().reset_index()
    kinds = first.groupby("event", observed=True).agg(runs=("run", "nunique"), week=("week", "median")).reset_index()
    kinds = kinds[(kinds["runs"] >= min_share * runs) & (kinds["runs"] <= max_share * runs)]
    kinds = kinds[kinds["event"].astype(str) != "election"]  # a scheduled fact, not a branch
    kinds = kinds.nlargest(steps, "runs").sort_values("week")
    return [str(k) for k in kinds["event"]]


def branches(ax, events: pd.DataFrame, runs: int, chain: list[str], council: str | None = None):
    """How runs diverge along a chain of events (chain_of_events): a column per event, in order; each column split,
    within each path so far, into the runs in which the event happened (coloured) and those in which it did not
    (grey), heights the share of all runs (0-1), each share written when it is at least 4%."""
    ev = events if council is None else events[events["council"].astype(str) == council]
    happened = {kind: set(ev.loc[ev["event"].astype(str) == kind, "run"]) for kind in chain}
    run_ids = sorted(set(events["run"]) | set(range(runs)))[:runs]
    paths = pd.DataFrame({kind: [r in happened[kind] for r in run_ids] for kind in chain})
    for k, kind in enumerate(chain):
        prefix = paths[chain[:k + 1]]
        shares = prefix.value_counts(normalize=True, sort=False)
        shares = shares.sort_index(ascending=False)  # happened before not, path by path: children nest in parents
        top = 1.0
        for path, share in shares.items():
            path = path if isinstance(path, tuple) else (path,)
            ax.bar(k, share, bottom=top - share, width=0.8, color="tab:blue" if path[-1] else "lightgray",
                   edgecolor="white", linewidth=0.8)
            if share >= 0.04:
                ax.text(k, top - share / 2, f"{share:.0%}", ha="center", va="center", fontsize="x-small",
                        color="white" if path[-1] else "black")
            top -= share
    ax.set_xticks(range(len(chain)), [textwrap.fill(_words(k), 14) for k in chain], fontsize="small")
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of runs")
    ax.set_title("How the runs diverge: blue, it happened; grey, it did not (each column split within the paths to "
                 "its left)", fontsize="small")
    return ax


def acted_on(ax, events: pd.DataFrame, decisions: pd.DataFrame, runs: int, min_share: float = 0.05):
    """Who acted on whom: requests (a council group to the national executive, nec), letters (backbenchers or members
    to their leader) and every body's decisions (a body to a council's group, labelled by what it decided), as arrows
    whose width is the share of runs in which it happened at least once; those under `min_share` left out."""
    import math
    edges: dict[tuple[str, str, str], set] = {}
    kinds = {"request": ("{c} group", "nec", "request"),
             "backbench_letter": ("{c} backbenchers", "{c} leader", "backbench letter"),
             "protest_letter": ("{c} members", "{c} leader", "protest letter")}
    for kind, (source, target, label) in kinds.items():
        for council, g in events[events["event"].astype(str) == kind].groupby("council", observed=True):
            edges.setdefault((source.format(c=council), target.format(c=council), label), set()).update(g["run"])
    for (body, council, decision), g in decisions[decisions["decision"].astype(str) != "lapsed"].groupby(
            ["body", "council", "decision"], observed=True):
        edges.setdefault((str(body), f"{council} group", _words(str(decision))), set()).update(g["run"])
    edges = {k: len(v) / runs for k, v in edges.items() if len(v) / runs >= min_share}
    nodes = sorted({n for s, t, _ in edges for n in (s, t)})
    if not nodes:
        ax.text(0.5, 0.5, "nobody acted on anybody in enough runs", ha="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    where = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes))) for i, n in enumerate(nodes)}
    for (s, t, label), share in sorted(edges.items(), key=lambda e: e[1]):
        (x0, y0), (x1, y1) = where[s], where[t]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=dict(arrowstyle="-|>", lw=0.5 + 6 * share, alpha=0.6,
                                                                     color="tab:blue", shrinkA=18, shrinkB=18,
                                                                     connectionstyle="arc3,rad=0.12"))
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"{label} {share:.0%}", fontsize="x-small", ha="center", color="tab:blue")
    for n, (x, y) in where.items():
        ax.text(x, y, textwrap.fill(_words(n), 16), ha="center", va="center", fontsize="small",
                bbox=dict(boxstyle="round", facecolor="white", edgecolor="gray"))
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.4, 1.4)
    ax.set_axis_off()
    ax.set_title("Who acted on whom (arrow width and label: share of runs)", fontsize="small")
    return ax


def group_positions(ax, councillors: pd.DataFrame, council: str, party: str = "lab"):
    """The party's group in a council on the left-right axis (-1 left, +1 right), over all runs: its councillors before
    the selections, those the selections kept (re-selected, or not up for selection) and the group after the
    election (whoever then holds the party's seats) -- from councillors.csv (run with --agents)."""
    import numpy as np
    c = councillors[councillors["council"].astype(str) == council]
    before = c[c["party_start"].astype(str) == party]
    kept = before[before["selection"].astype(str).isin(["reselected", "none"])]
    after = c[c["party_end"].astype(str) == party]
    bins = np.linspace(-1, 1, 21)
    for frame, column, label, colour in ((before, "position_start", "before the selections", "tab:gray"),
                                         (kept, "position_start", "kept by the selections", "tab:orange"),
                                         (after, "position_end", "after the election", "tab:blue")):
        runs = max(1, frame["run"].nunique())
        weights = np.full(len(frame), 1.0 / runs)
        ax.hist(frame[column], bins=bins, weights=weights, histtype="step", linewidth=2, color=colour,
                label=f"{label} ({len(frame) / runs:.1f} a run, mean {frame[column].mean():+.2f})")
    ax.set_xlim(-1, 1)
    ax.set_xlabel("position on the left-right axis (-1 left, +1 right)")
    ax.set_ylabel("councillors per run")
    ax.set_title(f"{council}: the {party} group's positions", fontsize="small")
    ax.legend(fontsize="x-small")
    return ax
