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
