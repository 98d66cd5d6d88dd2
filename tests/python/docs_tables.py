"""The check shared by the tests of docs/model.md's generated tables: the text between a table's markers is what its
generator gives now; with PARTYLINE_UPDATE_DOCS=1 the test writes it there instead."""

import os
import pathlib

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
MODEL_MD = ROOT / "docs" / "model.md"
STORED = ROOT / "docs" / "calibration"  # the calibration records the tables are generated from


def check_generated(doc: pathlib.Path, heading: str, begin: str, end: str, now: str, source: str) -> None:
    text = doc.read_text(encoding="utf-8")
    assert heading in text, f"{doc.name} has no section '{heading}'"
    assert begin in text and end in text, f"the markers of the table under '{heading}' are missing"
    start, stop = text.index(begin), text.index(end) + len(end)
    if os.environ.get("PARTYLINE_UPDATE_DOCS") == "1":
        doc.write_text(text[:start] + now + text[stop:], encoding="utf-8")
        return
    assert text[start:stop] == now, (f"the table under '{heading}' in {doc.name} is not what {source} gives: "
                                     "regenerate it with PARTYLINE_UPDATE_DOCS=1")
