"""docs/model.md's attribution tables ("What the inputs decide") are what their commands give: each table is a case
notebook's last cells -- its `inputs` and `partyline.attribution(scenario, inputs, runs=100, seed=1)` -- and this
test runs the same cells and compares every probability to the two decimals printed, so a table cannot go stale
when the model moves. (Regenerate a table by running its notebook with PARTYLINE_NOTEBOOK_RUNS=100 and copying
its last table.)"""

import json
import os
import pathlib
import re

import pytest

import partyline

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
MODEL = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
SECTION = MODEL.split("### What the inputs decide", 1)[1].split("\n### ", 1)[0]


def _tables():
    """{case: (header cells, [row cells])} for each "**case** (100 runs, seed 1...)" table of the section."""
    tables = {}
    for m in re.finditer(r"^\*\*([a-z0-9-]+)\*\* \(100 runs, seed 1[^\n]*\n\n((?:\|[^\n]*\n)+)", SECTION, flags=re.M):
        lines = m.group(2).strip().splitlines()
        cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
        tables[m.group(1)] = (cells[0], cells[2:])
    return tables


TABLES = _tables()


def _attribution_cell(case):
    """The source of the notebook cell that defines `inputs` and calls partyline.attribution, up to the call."""
    nb = json.loads((ROOT / "results" / f"{case}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "partyline.attribution(" in source:
            return source.split("attributed =", 1)[0]
    return None


def test_every_case_notebook_with_an_attribution_has_its_table():
    with_cells = {p.stem for p in (ROOT / "results").glob("*.ipynb") if _attribution_cell(p.stem)}
    assert with_cells, "no notebook has an attribution cell"
    assert set(TABLES) == with_cells


@pytest.mark.parametrize("case", sorted(TABLES))
def test_the_attribution_table_is_what_its_notebook_cells_give(case):
    header, rows = TABLES[case]
    namespace = {"partyline": partyline, "root": ROOT, "scenario": ROOT / "scenarios" / f"{case}.yaml"}
    exec(_attribution_cell(case), namespace)  # noqa: S102 -- the repository's own notebook cell
    attributed = partyline.attribution(namespace["scenario"], namespace["inputs"], runs=100, seed=1)
    table = attributed.pivot(index="name", columns="input", values="reproduced_share")
    assert header[1:] == ["as stated", *namespace["inputs"]], "the table's columns are not the notebook's inputs"
    assert sorted(r[0].strip("`") for r in rows) == sorted(table.index), "the table's facts are not the case's"
    stale = []
    for row in rows:
        fact = row[0].strip("`")
        for column, printed in zip(header[1:], row[1:]):
            now = f"{table.loc[fact, column]:.2f}"
            if printed != now:
                stale.append(f"{fact} / {column}: {printed} where the runs give {now}")
    assert not stale, f"docs/model.md's {case} attribution table is stale:\n" + "\n".join(stale)
