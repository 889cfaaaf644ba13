"""The documentation keeps up with the code."""

import argparse
from pathlib import Path

import pytest

from geo.cli import parser

ROOT = Path(__file__).resolve().parent.parent


def options(command: argparse.ArgumentParser) -> set[str]:
    """Every option string of a parser and of its subcommands."""
    found = {string for action in command._actions for string in action.option_strings}
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= options(sub)
    return found


@pytest.mark.parametrize("option", sorted(options(parser())))
def test_every_cli_option_is_in_the_cli_reference(option):
    assert f"`{option}" in (ROOT / "docs" / "cli.md").read_text("utf-8")


def test_the_options_are_found():
    # the table above must not be empty: it would pass whatever the docs say
    assert {"--inline-assets", "--geocoder-url", "--against", "--only"} <= options(parser())


def test_the_readme_stays_short():
    assert (ROOT / "README.md").stat().st_size <= 8 * 1024
