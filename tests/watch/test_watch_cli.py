"""``veille watch --once`` on the command line, with the real pipeline."""
from __future__ import annotations

from typer.testing import CliRunner

from veille.cli import app

from db_rows import rows


def test_watch_cli_once(tmp_path, feed_server):
    base, state = feed_server
    state.slow_seconds = 1.5
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["watch", f"{base}/feed.xml", "--db", str(db), "--once",
                                      "--timeout", "0.5", "--host-delay", "0", "--lang", "fr",
                                      "--allow-host", "127.0.0.1"])
    assert result.exit_code == 1, result.output  # failed items are reported, the rest stored
    assert "E802" in result.output and "2 articles" in result.output
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]
    assert rows(db, "SELECT count(*) FROM events")[0][0] >= 1
