"""Command-line conventions: `--version`, and `-h` beside `--help` on every command."""

from __future__ import annotations

from importlib import metadata

import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_version_prints_the_installed_version_and_exits():
    result = runner.invoke(app, ["--version"])

    assert result.exit_code == 0
    assert result.output == f"ibidem {metadata.version('ibidem')}\n"


@pytest.mark.parametrize("command", [[], ["run"], ["rerun"], ["review"]])
def test_h_is_help_on_every_command(command):
    short = runner.invoke(app, [*command, "-h"])
    long = runner.invoke(app, [*command, "--help"])

    assert short.exit_code == long.exit_code == 0
    assert short.output == long.output
    assert "Usage: ibidem" in short.output
