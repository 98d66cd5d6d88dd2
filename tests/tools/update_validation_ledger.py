#!/usr/bin/python3
"""Rewrites docs/model.md's validation ledger ("Validation: the held-out facts": each held-out fact's probability
under the model and its verdict) from what the Validation integration test prints, after a change that moves
results. The test itself holds every row to the verdict the ledger states, so run this, read the changed rows, and
update the prose around the ledger (its counts, what each miss says) by hand.

    build/test/tests/partyline_integration_tests --gtest_filter='Validation.*' > /tmp/validation.log
    /usr/bin/python3 tests/tools/update_validation_ledger.py /tmp/validation.log

Prints each row changed, any fact the log has that the ledger does not (and the reverse), and the log's counts."""
import pathlib
import re
import sys

MODEL_MD = pathlib.Path(__file__).resolve().parents[2] / "docs" / "model.md"
HEADING = "### Validation: the held-out facts"


def main(log_path: str) -> int:
    log = pathlib.Path(log_path).read_text(encoding="utf-8")
    values = {}
    for m in re.finditer(r"^(\S+\.yaml)\s+(\S+)\s+P\(documented\) ([0-9.]+)\s+(\w+)$", log, re.M):
        values[(m.group(1), m.group(2))] = (float(m.group(3)), m.group(4))
    if not values:
        print(f"{log_path}: no 'FILE FACT P(documented) P VERDICT' lines: not the Validation test's output", file=sys.stderr)
        return 2
    counts = re.search(r"^(\d+) validation facts: (\d+) reproduced, (\d+) weak, (\d+) missed$", log, re.M)
    lines = MODEL_MD.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADING))
    case, changed, seen = None, 0, set()
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.startswith("### "):
            break
        if not line.startswith("| ") or line.startswith("| case"):
            continue
        cells = line.split("|")
        if len(cells) < 8:
            continue
        named = cells[2].strip().strip("`")
        if named:
            case = named  # a case's first row names it; the rows under it leave the cell empty
        m = re.search(r"\(`([^`]+)`\)\s*$", cells[3].strip())
        if not m:
            continue
        key = (case, m.group(1))
        if key not in values:
            print("in the ledger, not in the log:", key)
            continue
        seen.add(key)
        share, verdict = values[key]
        old = cells[5].strip()
        new = f"{share:.2f} ({share:.3f})" if "(" in old else f"{share:.2f}"  # three decimals where a verdict's edge is near
        cells[5], cells[6] = f" {new} ", f" {verdict} "
        rewritten = "|".join(cells)
        if rewritten != line:
            changed += 1
            print("changed", key, old, "->", new, verdict)
        lines[i] = rewritten
    for key in values:
        if key not in seen:
            print("in the log, not in the ledger:", key)
    MODEL_MD.write_text("\n".join(lines), encoding="utf-8")
    print("rows changed:", changed, "| the log's counts (facts, reproduced, weak, missed):", counts.groups() if counts else None)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
