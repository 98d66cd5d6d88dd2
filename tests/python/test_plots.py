"""The plot helpers for sweeps, sensitivity and calibration (partyline.plots): each draws what it says on the axes it
is given, labelled in words with the real range -- shares on 0-1, counts from their data. Headless (Agg)."""

import os
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import partyline  # noqa: E402
import partyline.plots as plots  # noqa: E402

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
SWEEPS = ROOT / "tests" / "data" / "sweeps"


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    out = tmp_path_factory.mktemp("grid") / "s"
    partyline.sweep(SWEEPS / "tiny-grid.yaml", out=out, progress=False)
    return out


def test_a_band_per_sweep_point_against_a_parameter(grid):
    fig, ax = plt.subplots()
    plots.sweep_band(ax, grid, "councils[0].group.confrontation", "focus_seats_end")
    s = partyline.summarize(grid)
    s = s[s.outcome == "focus_seats_end"]
    line = ax.lines[0]  # the means, in the parameter's order
    xs = line.get_xdata()
    assert sorted(set(xs)) == [0.1, 0.5, 0.9]
    assert np.allclose(sorted(line.get_ydata()), sorted(s["mean"]))
    assert "confrontation" in ax.get_xlabel() and ax.get_ylabel()
    with pytest.raises(KeyError, match="not a swept parameter"):
        plots.sweep_band(ax, grid, "rules.R9.nope", "focus_seats_end")
    plt.close(fig)


def test_a_heatmap_over_two_parameters(grid):
    fig, ax = plt.subplots()
    plots.sweep_heatmap(ax, grid, "councils[0].group.confrontation", "rules.R7.letter_min", "focus_seats_end")
    image = ax.images[0].get_array()
    assert image.shape == (2, 3)  # letter_min x confrontation
    s = partyline.summarize(grid)
    s = s[s.outcome == "focus_seats_end"]
    top_right = s[(s["rules.R7.letter_min"] == 8) & (s["councils[0].group.confrontation"] == 0.9)]["mean"].iloc[0]
    assert image[0, 2] == pytest.approx(top_right)  # rows from the largest y down
    plt.close(fig)


def test_sobol_bars_and_morris_points(tmp_path):
    partyline.sweep(SWEEPS / "tiny-sobol.yaml", out=tmp_path / "sobol", progress=False)
    table = partyline.sensitivity(tmp_path / "sobol")
    outcome = table["outcome"].iloc[0]
    fig, ax = plt.subplots()
    plots.sobol(ax, table, outcome)
    assert ax.get_ylim() == (0, 1)
    assert len(ax.patches) == 2 * (table.outcome == outcome).sum()  # S1 and ST per input
    plt.close(fig)
    partyline.sweep(SWEEPS / "tiny-morris.yaml", out=tmp_path / "morris", progress=False)
    table = partyline.sensitivity(tmp_path / "morris")
    outcome = table["outcome"].iloc[0]
    fig, ax = plt.subplots()
    plots.morris(ax, table, outcome)
    points = ax.collections[-1].get_offsets()
    rows = table[table.outcome == outcome]
    assert np.allclose(points[:, 0], rows["mu_star"]) and np.allclose(points[:, 1], rows["sigma"])
    assert ax.get_xlim()[0] == 0 and ax.get_ylim()[0] == 0
    plt.close(fig)


def test_priors_against_weighted_posteriors_pairs_and_predictive_checks(tmp_path):
    partyline.calibrate(ROOT / "tests" / "data" / "calibration" / "two.yaml", out=tmp_path / "c", progress=False)
    tables = partyline.load(tmp_path / "c")
    import yaml
    priors = yaml.safe_load(tables["calibration"])["parameters"]
    fig, axes = plt.subplots(1, len(priors), squeeze=False)
    plots.posteriors(axes[0], tables)
    for ax, (name, prior) in zip(axes[0], priors.items()):
        curve = ax.lines[0]
        x, y = curve.get_xdata(), curve.get_ydata()
        assert np.trapz(y, x) == pytest.approx(1, abs=1e-6)  # a density
        assert name in ax.get_xlabel()
    plt.close(fig)
    names = list(priors)
    fig, axes = plt.subplots(len(names), len(names), squeeze=False)
    plots.pairs(axes, tables)
    plt.close(fig)
    fit = tables["fit"]
    fig, axes = plt.subplots(len(fit), 1, squeeze=False)
    plots.predictive(axes[:, 0], fit)
    for ax, row in zip(axes[:, 0], fit.itertuples()):
        if row.statistic == "share":
            assert ax.get_xlim() == (0, 1)
        else:
            assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] >= max(row.sim_p95, row.observed)
    plt.close(fig)
    assert plots.weighted_quantile([1, 2, 3], [0, 1, 0], 0.5) == pytest.approx(2)


@pytest.fixture(scope="module")
def haringey():
    return partyline.run(ROOT / "scenarios" / "haringey-2018.yaml", runs=40, seed=6, events=True, agents=True,
                         progress=False)


def test_branches_split_each_column_within_the_paths_before_it(haringey):
    events = haringey["events"]
    chain = plots.chain_of_events(events, 40, council="haringey")
    assert 2 <= len(chain) <= 5 and "defection" not in chain and "election" not in chain
    fig, ax = plt.subplots()
    plots.branches(ax, events, 40, chain, council="haringey")
    bars = ax.patches
    for k in range(len(chain)):
        column = [b for b in bars if abs(b.get_x() + b.get_width() / 2 - k) < 1e-9]
        assert sum(b.get_height() for b in column) == pytest.approx(1)  # every run, once per column
        assert len(column) <= 2 ** (k + 1)
    first = [b for b in bars if abs(b.get_x() + b.get_width() / 2) < 1e-9]
    ran = events[(events.council == "haringey") & (events.event == chain[0])]["run"].nunique() / 40
    assert sum(b.get_height() for b in first if b.get_facecolor()[:3] != matplotlib.colors.to_rgb("lightgray")) == pytest.approx(ran)
    assert ax.get_ylim() == (0, 1)
    plt.close(fig)


def test_who_acted_on_whom_weighs_each_arrow_by_its_share_of_runs(haringey):
    fig, ax = plt.subplots()
    plots.acted_on(ax, haringey["events"], haringey["decisions"], 40)
    labels = [t.get_text() for t in ax.texts]
    ev = haringey["events"]
    share = ev[(ev.event == "request") & (ev.council == "haringey")]["run"].nunique() / 40
    assert f"request {share:.0%}" in labels
    d = haringey["decisions"]
    advised = d[(d.body == "nec") & (d.decision == "advise_pause")]["run"].nunique() / 40
    assert f"advise pause {advised:.0%}" in labels
    plt.close(fig)


def test_group_positions_before_the_selections_kept_and_after_the_election(haringey):
    fig, ax = plt.subplots()
    plots.group_positions(ax, haringey["councillors"], "haringey")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    c = haringey["councillors"]
    before = (c.party_start == "lab").sum() / 40
    assert legend[0].startswith(f"before the selections ({before:.1f} a run")
    assert ax.get_xlim() == (-1, 1)
    plt.close(fig)
