"""``veille watch --once`` on the command line, with the real pipeline."""
from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from veille.cli import app


def test_watch_cli_once(tmp_path, feed_server):
    base, state = feed_server
    state.slow_seconds = 1.5
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["watch", f"{base}/feed.xml", "--db", str(db), "--once",
                                      "--timeout", "0.5", "--host-delay", "0", "--lang", "fr"])
    assert result.exit_code == 1, result.output  # failed items are reported, the rest stored
    assert "E802" in result.output and "2 articles" in result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    finally:
        con.close()
