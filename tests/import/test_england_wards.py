"""The ward-table importer (scenarios/import/england_wards.py; issue 34): bad rows are errors naming the file and
row, nothing is written then; a good table makes a scenario partyline accepts; the shipped England scenario is what
the importer makes from the shipped, derived ward table."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(os.environ.get("PARTYLINE_ROOT", Path(__file__).resolve().parents[2]))
SCRIPT = ROOT / "scenarios" / "import" / "england_wards.py"
DATA = ROOT / "scenarios" / "data"
BIN = os.environ.get("PARTYLINE_BIN")

LSOA_HEADER = "LSOA11CD,LSOA11NM,WD18CD,WD18NM,WD18NMW,LAD18CD,LAD18NM,COUNC 1,COUNC 2,COUNC 3,REPR\n"
LSOA_ROWS = [
    "E01000001,Town 001A,E05000001,North,,E07000001,Town,Labour,Labour Party,Independent,Labour\n",
    "E01000002,Town 001B,E05000001,North,,E07000001,Town,Labour,Labour Party,Independent,Labour\n",
    "E01000003,Town 002A,E05000002,South,,E07000001,Town,Conservative,,,Conservative\n",
    "E01000004,Town 003A,E05000003,Mill,,E07000001,Town,Green Party,Labour,,NOC\n",
]
NAMES = "name,party\nLabour,lab\nLabour Party,lab\nIndependent,ind\nConservative,con\nGreen Party,grn\n"
CYCLES = "lad18cd,lad18nm,cycle,elects_2019,elects_2021,elects_2022\nE07000001,Town,thirds,1,1,1\n"
HEAD = "name: town\nstart_date: 2018-09-10\nweeks: 196\nparty: lab\nparties:\n  - {id: lab, position: -0.3}\n" \
       "  - {id: con, position: 0.5}\n  - {id: grn, position: -0.5}\n"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def reduce(tmp_path, rows, names=NAMES):
    (tmp_path / "lsoa.csv").write_text(LSOA_HEADER + "".join(rows))
    (tmp_path / "names.csv").write_text(names)
    return run("reduce", "--lsoa", tmp_path / "lsoa.csv", "--names", tmp_path / "names.csv", "--out", tmp_path / "wards.csv")


def test_a_good_table_becomes_wards_then_a_scenario_partyline_accepts(tmp_path):
    r = reduce(tmp_path, LSOA_ROWS)
    assert r.returncode == 0, r.stderr
    wards = (tmp_path / "wards.csv").read_text().splitlines()
    assert wards[0] == "council_code,council,ward_code,ward,lsoas,lab,con,grn,ind"
    assert wards[1] == "E07000001,Town,E05000001,North,2,2,0,0,1"  # two LSOAs, one ward; two names for Labour
    (tmp_path / "cycles.csv").write_text(CYCLES)
    (tmp_path / "head.yaml").write_text(HEAD)
    r = run("scenario", "--wards", tmp_path / "wards.csv", "--cycles", tmp_path / "cycles.csv", "--head",
            tmp_path / "head.yaml", "--out", tmp_path / "town.yaml", "--members", 1000)
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "town.yaml").read_text()
    assert "election_weeks: [33, 138, 190]" in text
    assert '- {name: "Mill", seats: {lab: 1, grn: 1}}' in text
    assert "administration: [lab]" in text  # 3 of 6 seats is no majority: the largest party, a stated rule
    if BIN:
        v = subprocess.run([BIN, "validate", str(tmp_path / "town.yaml")], capture_output=True, text=True)
        assert v.returncode == 0, v.stdout + v.stderr


def test_votes_columns_become_each_wards_measured_baseline(tmp_path):
    (tmp_path / "cycles.csv").write_text(CYCLES)
    (tmp_path / "head.yaml").write_text(HEAD)
    (tmp_path / "wards.csv").write_text(
        "council_code,council,ward_code,ward,lsoas,lab,con,votes_lab,votes_con,votes_grn\n"
        "E07000001,Town,E05000001,North,2,2,1,1200,1100,300\n"
        "E07000001,Town,E05000002,South,1,0,1,400,900,\n")
    r = run("scenario", "--wards", tmp_path / "wards.csv", "--cycles", tmp_path / "cycles.csv", "--head",
            tmp_path / "head.yaml", "--out", tmp_path / "town.yaml", "--members", 1000)
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "town.yaml").read_text()
    assert '- {name: "North", seats: {lab: 2, con: 1}, votes: {lab: 1200, con: 1100, grn: 300}}' in text
    assert '- {name: "South", seats: {con: 1}, votes: {lab: 400, con: 900}}' in text  # an empty cell: no candidate
    if BIN:
        v = subprocess.run([BIN, "validate", str(tmp_path / "town.yaml")], capture_output=True, text=True)
        assert v.returncode == 0, v.stdout + v.stderr
    bad = [
        ("votes_lab\n", ",lots", "wards.csv:2: votes_lab: 'lots' is not a whole number of votes"),
        ("votes_lab\n", ",0", "wards.csv:2: ward E05000001 has vote columns but no votes"),
        ("votes_Lab\n", ",5", "wards.csv:1: column 'Lab' is not a party id"),
    ]
    for column, cell, message in bad:
        (tmp_path / "wards.csv").write_text("council_code,council,ward_code,ward,lsoas,lab," + column +
                                            "E07000001,Town,E05000001,North,2,2" + cell + "\n")
        (tmp_path / "town.yaml").unlink(missing_ok=True)
        r = run("scenario", "--wards", tmp_path / "wards.csv", "--cycles", tmp_path / "cycles.csv", "--head",
                tmp_path / "head.yaml", "--out", tmp_path / "town.yaml")
        assert r.returncode == 2 and message in r.stderr, (message, r.stderr)
        assert not (tmp_path / "town.yaml").exists()


def test_bad_rows_name_the_file_and_row_and_write_nothing(tmp_path):
    cases = [
        (LSOA_ROWS[:2] + ["E01000003,Town 002A,E05000002,South,,E07000001,Town,Tory,,,Conservative\n"],
         "lsoa.csv:4: COUNC 1: party name 'Tory' is not in"),
        (LSOA_ROWS[:1] + ["E01000002,Town 001B,E05000001,North,,E07000001,Town,Labour,,,Labour\n"],
         "lsoa.csv:3: ward E05000001 differs from its row at line 2"),
        (["E01000001,Town 001A,E05000001,North,,W06000001,Town,Labour,,,Labour\n"],
         "lsoa.csv:2: LAD18CD 'W06000001' is not an English district's code"),
    ]
    for rows, message in cases:
        r = reduce(tmp_path, rows)
        assert r.returncode == 2 and message in r.stderr, r.stderr
        assert not (tmp_path / "wards.csv").exists()
    (tmp_path / "cycles.csv").write_text(CYCLES)
    (tmp_path / "head.yaml").write_text(HEAD)
    bad_wards = [
        ("council_code,council,ward_code,ward,lsoas,lab\nE07000001,Town,E05000001,North,2,two\n", "wards.csv:2: lab: seats 'two'"),
        ("council_code,council,ward_code,ward,lsoas,lab\nE07000001,Town,E05000001,North,2,21\n", "wards.csv:2: ward E05000001 holds 21 seats"),
        ("council_code,council,ward_code,ward,lsoas,lab\nE07000002,Else,E05000001,North,2,1\n", "wards.csv:2: council E07000002 (Else) has no row in"),
        ("council_code,council,ward,lsoas,lab\nE07000001,Town,North,2,1\n", "wards.csv:1: missing column(s) ward_code"),
    ]
    for table, message in bad_wards:
        (tmp_path / "wards.csv").write_text(table)
        r = run("scenario", "--wards", tmp_path / "wards.csv", "--cycles", tmp_path / "cycles.csv", "--head",
                tmp_path / "head.yaml", "--out", tmp_path / "town.yaml")
        assert r.returncode == 2 and message in r.stderr, (message, r.stderr)
        assert not (tmp_path / "town.yaml").exists()


def test_the_shipped_england_scenario_is_the_importers_output(tmp_path):
    out = tmp_path / "england-2018.yaml"
    r = run("scenario", "--wards", DATA / "england-wards-2018.csv", "--cycles", DATA / "england-cycles-2019-2022.csv",
            "--head", DATA / "england-2018-head.yaml", "--out", out)
    assert r.returncode == 0, r.stderr
    assert out.read_text() == (ROOT / "scenarios" / "england-2018.yaml").read_text(), \
        "scenarios/england-2018.yaml differs from what the importer makes: re-run it (scenarios/data/README.md)"
    assert "326 councils, 7410 wards, 15806 seats" in r.stdout
