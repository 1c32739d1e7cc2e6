"""The command line shown in the README is the real one: documentation cannot drift from `--help`."""

from __future__ import annotations

import re

import typer.main

from flows.cli import app
from tests.conftest import ROOT

FENCED = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
USAGE = re.compile(r"^reportfacts (\w+)(.*)$", re.MULTILINE)


def _readme_usage() -> dict[str, set[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = "\n".join(FENCED.findall(readme))
    return {m.group(1): set(re.findall(r"--[a-z][a-z-]*", m.group(2))) for m in USAGE.finditer(blocks)}


def _real_usage() -> dict[str, set[str]]:
    group = typer.main.get_command(app)
    return {name: {opt for p in command.params for opt in p.opts if opt.startswith("--") and opt != "--help"}
            for name, command in group.commands.items()}


def test_readme_lists_every_command_with_exactly_its_options():
    assert _readme_usage() == _real_usage()
