"""The README's commands hold: every `partyline SUBCOMMAND --option` in its code blocks is one the CLI offers, every
preset a command names exists, every shipped file it points to is there, and every `partyline.NAME(..., kw=...)` of
its Python examples is a function of the module taking that keyword. (The commands' heavy work -- builds, sweeps --
is run by the rest of the suite; this keeps the text from drifting away from the code.)"""

import inspect
import json
import os
import pathlib
import re
import subprocess

import pytest

import partyline

ROOT = pathlib.Path(os.environ.get("PARTYLINE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
BIN = os.environ.get("PARTYLINE_BIN", str(ROOT / "build" / "release" / "sim" / "partyline"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, flags=re.S)
SHELL = "\n".join(body for lang, body in BLOCKS if lang in ("sh", "bash", ""))
PYTHON = "\n".join(body for lang, body in BLOCKS if lang == "python")


def _commands():
    """(subcommand, options) of every partyline command line in the shell blocks (continuation lines joined)."""
    text = SHELL.replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0]
        for m in re.finditer(r"(?:^|[\s/])partyline\s+([a-z][a-z-]*)((?:\s+[^\s&|;]+)*)", line):
            options = re.findall(r"[\s\[](--[a-z][a-z-]*)", m.group(2))
            found.append((m.group(1), options))
    return found


COMMANDS = _commands()


def test_the_readme_has_commands_to_check():
    assert len(COMMANDS) >= 8 and {"run", "sweep", "summarize", "compare", "merge", "calibrate"} <= {c for c, _ in COMMANDS}


@pytest.mark.parametrize("sub,options", COMMANDS, ids=[f"{c} {' '.join(o)}" for c, o in COMMANDS])
def test_each_command_line_is_one_the_cli_takes(sub, options):
    helped = subprocess.run([BIN, sub, "--help"], capture_output=True, text=True)
    assert helped.returncode == 0, f"`partyline {sub}` is not a subcommand: {helped.stderr}"
    for option in options:
        assert re.search(rf"{re.escape(option)}\b", helped.stdout), f"`partyline {sub}` has no {option}"


def test_each_preset_a_command_names_exists():
    presets = json.loads((ROOT / "CMakePresets.json").read_text())
    names = {p["name"] for kind in ("configurePresets", "buildPresets", "testPresets", "workflowPresets")
             for p in presets.get(kind, [])}
    named = re.findall(r"--preset[ =]([a-z]+)", README)
    assert named and set(named) <= names, set(named) - names


def test_each_shipped_file_the_readme_points_to_exists():
    paths = set(re.findall(r"(?<![\w/.~-])((?:scenarios|tests|docs|results|bench|sim|include)/[\w./-]+\.(?:yaml|ipynb|md|csv|py|sh|hpp|cpp))",
                           README))
    # results/ holds the notebooks the project ships and the output folders runs write (examples, not shipped).
    paths = {p for p in paths if not p.startswith("results/") or p.endswith((".ipynb", "README.md"))}
    assert len(paths) >= 10
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, missing


def test_each_python_call_is_a_function_taking_its_keywords():
    calls = re.findall(r"partyline\.(?:plots\.)?(\w+)\(([^()]*(?:\([^()]*\)[^()]*)*)\)", PYTHON)
    assert len(calls) >= 6
    import partyline.plots
    for name, args in calls:
        fn = getattr(partyline, name, None) or getattr(partyline.plots, name, None)
        assert callable(fn), f"partyline.{name} is not a function of the module"
        accepted = inspect.signature(fn).parameters
        for kw in re.findall(r"(?:^|,)\s*(\w+)=", args):
            assert kw in accepted, f"partyline.{name} takes no {kw}="
        assert fn.__doc__, f"partyline.{name} has no docstring (help() would say nothing)"
