"""What the command line prints: users' text (paths, titles, messages) is never read as
markup, and every coded failure comes with its hint; the package declares what it imports."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("parts", [("a[", "b]", "c.txt"), ("a[", "[bold]y.txt"), ("[/].txt",)])
def test_markup_in_paths_is_printed_as_is(tmp_path, parts):
    path = tmp_path.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")  # empty: a coded failure (E101) that names the path
    result = CliRunner().invoke(app, ["extract", str(path), "--lang", "fr"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "E101" in result.output and str(path) in result.output
    assert "hint:" in result.output


def test_markup_in_content_is_printed_as_is(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Le président a parlé.", "date": "[/]"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--lang", "fr"])
    assert result.exit_code == 3 and "E107" in result.output and "'[/]'" in result.output


def test_ingest_prints_failures_with_their_hints(tmp_path):
    import os

    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.duckdb"),
                                      "--quiet", "--workers", "1"])
    assert result.exit_code == 3, result.output
    assert "E114" in result.output and "pipes, sockets and devices are not read" in result.output


def test_html_cleaner_is_declared():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.replace("-", "_").startswith("lxml_html_clean") for d in deps)
    import lxml_html_clean  # noqa: F401 - what justext imports through lxml.html.clean


def test_damaged_store_is_a_coded_error_in_every_command(tmp_path):
    import subprocess
    import sys

    from db_rows import damaged_copy
    from veille.store import connect

    store = tmp_path / "s.duckdb"
    connect(store).close()
    db = damaged_copy(store, tmp_path)
    for command in (["export", "--db", str(db), "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")],
                    ["export", "--db", str(db), "--format", "parquet", "--out", str(tmp_path / "x.parquet")]):
        done = subprocess.run([sys.executable, "-m", "veille.cli", *command], capture_output=True, text=True)
        assert done.returncode == 5, done.stderr
        assert ("E306" in done.stderr or "E302" in done.stderr) and "Traceback" not in done.stderr
