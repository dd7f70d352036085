"""`veille plot dyad|network` write images for reports (matplotlib, Agg backend)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from veille.cli import app

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args, expected", [
    (["plot", "dyad", "RUS", "PRK", "--interval", "month"], "7 events"),
    (["plot", "dyad", "USA", "RUS", "--interval", "day"], "2 events"),
    (["plot", "network"], "7 edges"),
    (["plot", "network", "--level", "code", "--since", "2023-10-01"], "4 edges"),
])
def test_plot_commands(export_db, tmp_path, args, expected):
    out = tmp_path / "chart.png"
    result = CliRunner().invoke(app, args + ["--db", str(export_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert out.read_bytes().startswith(PNG) and out.stat().st_size > 10_000


def test_plot_svg_and_missing_db(export_db, tmp_path):
    from veille.plot import plot_network

    assert plot_network(export_db, tmp_path / "n.svg") == 7
    assert (tmp_path / "n.svg").read_text().lstrip().startswith("<?xml")
    result = CliRunner().invoke(app, ["plot", "dyad", "RUS", "PRK", "--db", str(tmp_path / "no.duckdb"),
                                      "--out", str(tmp_path / "x.png")])
    assert result.exit_code == 5 and "E303" in result.output


def test_serve_help():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--db" in result.output and "--read-only" in result.output
