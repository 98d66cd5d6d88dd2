#!/usr/bin/python3
"""Turn a table of councillors by ward into a partyline scenario (issue 34).

Two steps, each a subcommand:

  reduce    Open Data Manchester's "Local Political Representation" table (one row per LSOA, the ward's councillors
            as COUNC 1..3, their parties as the councils' sites named them) -> one row per ward with seats by party
            id, the party names mapped by a declared table (name,party).
  scenario  a ward table (council_code, council, ward_code, ward, lsoas, then one column of seats per party id and,
            optionally, votes_<party id> columns: the votes when the seats were last fought) + each
            council's electoral cycle (lad18cd, cycle, elects_2019, elects_2021, elects_2022) + the scenario's
            hand-written head (the national facts) -> a scenario: every council with its wards as they are.

Bad rows stop the import with the file, the row number (the file's line) and what is wrong; nothing is written
then. Python's standard library only. The shipped England scenario is regenerated with:

  /usr/bin/python3 scenarios/import/england_wards.py reduce \\
      --lsoa ../shared/data/england-wards-2018/LPR_LSOA_WD_LAD.csv \\
      --names scenarios/data/england-party-names.csv --out scenarios/data/england-wards-2018.csv
  /usr/bin/python3 scenarios/import/england_wards.py scenario \\
      --wards scenarios/data/england-wards-2018.csv --cycles scenarios/data/england-cycles-2019-2022.csv \\
      --head scenarios/data/england-2018-head.yaml --out scenarios/england-2018.yaml

Data: Open Data Manchester, "Local Political Representation in England" (5 September 2018), CC-BY; contains ONS
data (the LSOA-ward-LAD lookup, May 2018), Open Government Licence v3.0, (c) Crown copyright and database right 2018.
"""

import argparse
import csv
import json
import os
import re
import sys
import tempfile

PARTY_ID = re.compile(r"^[a-z][a-z0-9_]*$")
LAD_CODE = re.compile(r"^E0[6789]\d{6}$")
WARD_CODE = re.compile(r"^E05\d{6}$")
# Week of each May election in a run that starts on Monday 10 September 2018 (the data's date): the week holding
# Thursday 2 May 2019, 6 May 2021 (the 2020 elections postponed to it) and 5 May 2022.
ELECTION_WEEKS = {"2019": 33, "2021": 138, "2022": 190}


class ImportError_(Exception):
    """A bad input: the message names the file and row."""


def fail(path, row, message):
    raise ImportError_(f"{path}:{row}: {message}" if row else f"{path}: {message}")


def read_csv(path, required):
    """Rows of a CSV file as (line number, dict), after checking its header has the required columns."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        fail(path, 0, f"cannot open: {e.strerror}")
    with f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None:
            fail(path, 1, "the file is empty")
        missing = [c for c in required if c not in reader.fieldnames]
        if missing:
            fail(path, 1, "missing column(s) " + ", ".join(missing) + "; the header has " + ", ".join(reader.fieldnames))
        rows = []
        for row in reader:
            if None in row:
                fail(path, reader.line_num, f"more fields than the header's {len(reader.fieldnames)}")
            rows.append((reader.line_num, row))
        return reader.fieldnames, rows


def write_atomically(path, text):
    """Write through a temporary file in the same folder, so a failed import leaves the old file whole."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".import-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would make it, not mkstemp's owner-only
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def reduce_lsoas(args):
    """LSOA rows -> one row per ward, seats by party id."""
    _, names = read_csv(args.names, ["name", "party"])
    mapping = {}
    for line, row in names:
        party = row["party"].strip()
        if party != "vacant" and not PARTY_ID.match(party):
            fail(args.names, line, f"party '{party}' is not a party id (lower-case letters, digits, '_') or 'vacant'")
        if row["name"] in mapping:
            fail(args.names, line, f"'{row['name']}' is mapped twice")
        mapping[row["name"]] = party
    seat_cols = ["COUNC 1", "COUNC 2", "COUNC 3"]
    _, rows = read_csv(args.lsoa, ["WD18CD", "WD18NM", "LAD18CD", "LAD18NM"] + seat_cols)
    wards = {}  # ward code -> (first line, council code, council, ward, parties, lsoas)
    parties = []
    for line, row in rows:
        lad, ward = row["LAD18CD"].strip(), row["WD18CD"].strip()
        if not LAD_CODE.match(lad):
            fail(args.lsoa, line, f"LAD18CD '{lad}' is not an English district's code (E06, E07, E08 or E09 and six digits)")
        if not WARD_CODE.match(ward):
            fail(args.lsoa, line, f"WD18CD '{ward}' is not a ward's code (E05 and six digits)")
        held = []
        for col in seat_cols:
            name = row[col].strip()
            if not name:
                continue
            if name not in mapping:
                fail(args.lsoa, line, f"{col}: party name '{name}' is not in {args.names} (add it with its party id)")
            if mapping[name] != "vacant":
                held.append(mapping[name])
        key = (lad, row["LAD18NM"].strip(), row["WD18NM"].strip(), tuple(held))
        if ward in wards:
            first = wards[ward]
            if tuple(first[1:5]) != key:
                fail(args.lsoa, line, f"ward {ward} differs from its row at line {first[0]} (council, name or councillors)")
            first[5] += 1
            continue
        wards[ward] = [line, *key, 1]
        for p in held:
            if p not in parties:
                parties.append(p)
    order = [p for p in ("lab", "con", "ld", "grn", "ukip", "res", "ind", "oth") if p in parties]
    order += sorted(p for p in parties if p not in order)
    out = [["council_code", "council", "ward_code", "ward", "lsoas"] + order]
    for code, (_, lad, council, name, held, lsoas) in sorted(wards.items(), key=lambda kv: (kv[1][1], kv[0])):
        out.append([lad, council, code, name, lsoas] + [held.count(p) for p in order])
    write_atomically(args.out, to_csv(out))
    seats = sum(sum(r[5:]) for r in out[1:])
    print(f"{args.out}: {len(out) - 1} wards of {len({r[0] for r in out[1:]})} councils, {seats} councillors "
          f"({', '.join(f'{p} {sum(r[5 + i] for r in out[1:])}' for i, p in enumerate(order))})")


def to_csv(rows):
    import io
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def slug(name):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-")


def baseline_shares(seats, national):
    """A council's baseline vote shares from its seats, when the table has no votes: half the shares the cube law
    gives its seats (first past the post multiplies a lead: seats in ratio of votes cubed, so votes go as the cube root
    of seats), half the national shares (a party with no seat still polls). The shares add up to 1."""
    root = {p: n ** (1 / 3) for p, n in seats.items()}
    total = sum(root.values())
    parties = list(dict.fromkeys(list(seats) + list(national)))
    mix = {p: 0.5 * root.get(p, 0) / total + 0.5 * national.get(p, 0) for p in parties}
    norm = sum(mix.values())
    shares = {p: v / norm for p, v in mix.items() if v > 0}
    # Four decimals, the last absorbing the rounding, so that the written shares add up to exactly 1.
    keys = list(shares)
    rounded = {p: round(shares[p], 4) for p in keys}
    rounded[keys[0]] = round(1 - sum(rounded[p] for p in keys[1:]), 4)
    return rounded


def parse_shares(text):
    out = {}
    for part in text.split(","):
        p, _, v = part.partition("=")
        if not PARTY_ID.match(p.strip()):
            raise argparse.ArgumentTypeError(f"'{p}' is not a party id")
        try:
            out[p.strip()] = float(v)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{v}' is not a share") from None
    if abs(sum(out.values()) - 1) > 0.02:
        raise argparse.ArgumentTypeError(f"the shares add up to {sum(out.values()):.3f}, not 1")
    return out


def build_scenario(args):
    """Ward table + cycles + head -> scenario text."""
    header, rows = read_csv(args.wards, ["council_code", "council", "ward_code", "ward", "lsoas"])
    # After 'lsoas': one column of seats per party id, then optionally votes_<party id> columns (the votes cast when
    # the ward's seats were last fought: the ward's measured baseline).
    parties = [c for c in header[5:] if not c.startswith("votes_")]
    vote_columns = [c for c in header[5:] if c.startswith("votes_")]
    if not parties:
        fail(args.wards, 1, "no party columns after 'lsoas'")
    for p in parties + [c[len("votes_"):] for c in vote_columns]:
        if not PARTY_ID.match(p):
            fail(args.wards, 1, f"column '{p}' is not a party id (lower-case letters, digits, '_')")
    _, cycle_rows = read_csv(args.cycles, ["lad18cd", "cycle"] + [f"elects_{y}" for y in ELECTION_WEEKS])
    cycles = {}
    for line, row in cycle_rows:
        if row["cycle"] not in ("all_out", "thirds", "halves"):
            fail(args.cycles, line, f"cycle '{row['cycle']}' is not all_out, thirds or halves")
        for y in ELECTION_WEEKS:
            if row[f"elects_{y}"] not in ("0", "1"):
                fail(args.cycles, line, f"elects_{y} '{row[f'elects_{y}']}' is not 0 or 1")
        cycles[row["lad18cd"]] = row
    councils = {}  # code -> dict
    seen_wards = set()
    for line, row in rows:
        code = row["council_code"]
        if not LAD_CODE.match(code):
            fail(args.wards, line, f"council_code '{code}' is not an English district's code")
        if row["ward_code"] in seen_wards:
            fail(args.wards, line, f"ward {row['ward_code']} appears twice")
        seen_wards.add(row["ward_code"])
        if code not in cycles:
            fail(args.wards, line, f"council {code} ({row['council']}) has no row in {args.cycles}")
        seats = {}
        for p in parties:
            v = row[p].strip()
            if not v.isdigit():
                fail(args.wards, line, f"{p}: seats '{v}' is not a whole number of seats")
            if int(v):
                seats[p] = int(v)
        if sum(seats.values()) > 20:
            fail(args.wards, line, f"ward {row['ward_code']} holds {sum(seats.values())} seats; a ward holds at most 20")
        votes = {}
        for col in vote_columns:
            v = row[col].strip()
            if v == "":
                continue  # no candidate of that party
            if not v.isdigit():
                fail(args.wards, line, f"{col}: '{v}' is not a whole number of votes")
            if int(v):
                votes[col[len("votes_"):]] = int(v)
        if vote_columns and seats and not votes:
            fail(args.wards, line, f"ward {row['ward_code']} has vote columns but no votes: leave them all empty only for a table without votes")
        if not row["lsoas"].isdigit():
            fail(args.wards, line, f"lsoas '{row['lsoas']}' is not a whole number")
        c = councils.setdefault(code, {"name": row["council"], "wards": [], "lsoas": 0, "empty": 0})
        if c["name"] != row["council"]:
            fail(args.wards, line, f"council {code} is named '{row['council']}' here and '{c['name']}' before")
        c["lsoas"] += int(row["lsoas"])
        if seats:
            c["wards"].append((row["ward"], seats, votes))
        else:
            c["empty"] += 1  # no councillor named: vacancies the source does not tell apart from missing data
    try:
        head = open(args.head, encoding="utf-8").read()
    except OSError as e:
        fail(args.head, 0, f"cannot open: {e.strerror}")
    lsoas = sum(c["lsoas"] for c in councils.values())
    ids = set()
    lines = [
        f"# GENERATED by scenarios/import/england_wards.py from {os.path.basename(args.wards)}, "
        f"{os.path.basename(args.cycles)} and {os.path.basename(args.head)}: edit those and re-run, not this file.",
        "# Councillors by ward: Open Data Manchester, \"Local Political Representation in England\" (5 September 2018), CC-BY;",
        "# contains ONS data (LSOA-ward-LAD lookup, May 2018), Open Government Licence v3.0, (c) Crown copyright and",
        "# database right 2018. Electoral cycles: scenarios/data/england-cycles-2019-2022.csv (a source for each council).",
        "",
        head.rstrip("\n"),
        "",
        f"# {len(councils)} councils, {sum(len(c['wards']) for c in councils.values())} wards with councillors "
        f"({sum(c['empty'] for c in councils.values())} listed with none are left out). Members: {args.members:,} in "
        "England, shared by population (the ONS's LSOAs, about 1,500 people each).",
        "councils:",
    ]
    for code in sorted(councils, key=lambda k: councils[k]["name"]):
        c = councils[code]
        if not c["wards"]:
            fail(args.wards, 0, f"council {code} ({c['name']}) has no ward with a councillor")
        cid = slug(c["name"])
        if cid in ids:
            cid = f"{cid}-{code.lower()}"
        ids.add(cid)
        total = {}
        for _, seats, _ in c["wards"]:
            for p, n in seats.items():
                total[p] = total.get(p, 0) + n
        all_seats = sum(total.values())
        cyc = cycles[code]
        weeks = [ELECTION_WEEKS[y] for y in ELECTION_WEEKS if cyc[f"elects_{y}"] == "1"]
        lines.append(f"  - id: {cid}")
        lines.append(f"    name: {json.dumps(c['name'], ensure_ascii=False)}")
        lines.append(f"    cycle: {cyc['cycle']}")
        if weeks:
            lines.append(f"    election_weeks: [{', '.join(map(str, weeks))}]")
        top = max(total.values())
        if 2 * top <= all_seats:
            # No overall control: the data does not say who governs; the largest party (the first in the table's
            # order on a tie) is taken to lead a minority administration, stated so that the run does not re-form
            # every hung council in week 0.
            largest = next(p for p in parties if total.get(p, 0) == top)
            lines.append(f"    administration: [{largest}]  # no overall control: the largest party, a stated rule")
        if args.national_shares:
            shares = baseline_shares(total, args.national_shares)
            lines.append("    vote_shares: {" + ", ".join(f"{p}: {v:.4f}" for p, v in shares.items()) + "}")
        lines.append(f"    members: {{count: {round(args.members * c['lsoas'] / lsoas)}}}")
        lab = total.get(args.party, 0)
        if lab:
            lines.append(f"    group: {{cabinet_size: {min(10, lab)}}}")
        lines.append("    focus: false")
        lines.append("    wards:")
        for name, seats, votes in c["wards"]:
            held = ", ".join(f"{p}: {n}" for p, n in seats.items())
            cast = (", votes: {" + ", ".join(f"{p}: {n}" for p, n in votes.items()) + "}") if votes else ""
            lines.append(f"      - {{name: {json.dumps(name, ensure_ascii=False)}, seats: {{{held}}}{cast}}}")
    write_atomically(args.out, "\n".join(lines) + "\n")
    print(f"{args.out}: {len(councils)} councils, {sum(len(c['wards']) for c in councils.values())} wards, "
          f"{sum(sum(s.values()) for c in councils.values() for _, s, _ in c['wards'])} seats")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    sub = ap.add_subparsers(dest="step", required=True)
    r = sub.add_parser("reduce", help="LSOA rows (Open Data Manchester) -> one row per ward, seats by party id")
    r.add_argument("--lsoa", required=True, help="the LSOA table (LPR_LSOA_WD_LAD.csv)")
    r.add_argument("--names", required=True, help="the declared mapping of party names to ids (name,party)")
    r.add_argument("--out", required=True, help="the ward table to write")
    s = sub.add_parser("scenario", help="ward table + cycles + head -> scenario YAML")
    s.add_argument("--wards", required=True)
    s.add_argument("--cycles", required=True)
    s.add_argument("--head", required=True, help="the scenario's hand-written national facts (YAML, no councils)")
    s.add_argument("--out", required=True)
    s.add_argument("--national-shares", type=parse_shares, default=None, metavar="P=V,...",
                   help="without votes in the table, baseline vote shares from each council's seats (cube law) "
                        "blended half and half with these national shares; without it, shares follow the seats")
    s.add_argument("--party", default="lab", help="the party the scenario is about (its cabinet sizes)")
    # Labour's 518,659 members at 31 December 2018 (the party's accounts), times England's share of the UK's people
    # (ONS mid-2018 estimates: 55,977,178 of 66,435,550, 84.3%).
    s.add_argument("--members", type=int, default=437_000, help="the party's members in England (default 437,000)")
    args = ap.parse_args(argv)
    try:
        (reduce_lsoas if args.step == "reduce" else build_scenario)(args)
    except ImportError_ as e:
        print(f"england_wards.py: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
