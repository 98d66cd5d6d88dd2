#!/usr/bin/python3
"""Does fitting the documented dates narrow the joint calibration? (issue 33 pt 4; docs/model.md, "Fitting the
dates".) Runs scenarios/calibration/joint.yaml twice at one budget and seed: once on the cases as shipped -- their
facts on when (`targets[].within_weeks`, the `<fact>_when` targets) fitted with the rest -- and once on copies of the
same cases with those facts removed. Writes OUT/with/, OUT/without/ (each a calibration folder) and OUT/widths.csv:
per coefficient, each run's weighted median and 90% interval (the last generation) and the interval's width over the
prior's 90% width.

    PYTHONPATH=build/release/python /usr/bin/python3 tests/tools/fit_with_dates.py OUT [--particles 200] [--generations 4]
"""
import argparse
import pathlib
import sys

import pandas as pd
import yaml

import partyline
from partyline import _calibration_tree

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _widths(result: pathlib.Path, label: str) -> list[dict]:
    return [dict(fit=label, **row) for row in partyline.posterior_widths(result).to_dict("records")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--particles", type=int, default=200)
    ap.add_argument("--generations", type=int, default=4)
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    if out.exists() and any(out.iterdir()):
        print(f"{out}: not empty (this tool never writes over earlier results)", file=sys.stderr)
        return 2
    tree = _calibration_tree(ROOT / "scenarios" / "calibration" / "joint.yaml")
    rows = []
    for label, keep_when in (("with", True), ("without", False)):
        here = out / label
        here.mkdir(parents=True)
        files = []
        for case in tree["cases"]:
            scen = yaml.safe_load(pathlib.Path(case).read_text(encoding="utf-8"))
            if not keep_when:
                scen["targets"] = [t for t in scen.get("targets") or [] if "within_weeks" not in t]
            files.append(here / pathlib.Path(case).name)
            files[-1].write_text(yaml.safe_dump(scen, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cal = {k: v for k, v in tree.items() if k not in ("cases", "name")}
        cal.update(name=f"dates-{label}", cases=[f.name for f in files], particles=args.particles,
                   generations=args.generations)
        (here / "calibration.yaml").write_text(yaml.safe_dump(cal, sort_keys=False), encoding="utf-8")
        partyline.calibrate(here / "calibration.yaml", here / "result", progress=False)
        rows += _widths(here / "result", label)
    table = pd.DataFrame(rows)
    table.to_csv(out / "widths.csv", index=False, float_format="%.6g")
    print(table.pivot(index="parameter", columns="fit", values="width").sort_values("with").to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
