"""Ingest under faults: odd names, duplicates, a store that cannot be written, a parent
killed with -9. Nothing is lost, nothing is doubled, no worker outlives its parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from veille.errors import VeilleError
from veille.ingest import ingest
from veille.records import Article, Extraction
from veille.store import StoreWriter, connect

from db_rows import rows

BODY = "Le président Emmanuel Macron a reçu lundi à Paris le chancelier allemand Olaf Scholz.\n"


class NoModel:
    """An executor without spaCy: each article comes back with no events."""

    def map(self, chunks):
        for chunk in chunks:
            yield [Extraction(article=a) for a in chunk]

    def close(self) -> None:
        return None


def test_non_utf8_file_name_is_stored_with_the_batch(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / os.fsdecode(b"bad\xffname.txt")).write_text(BODY, encoding="utf-8")
    (inbox / "good.txt").write_text("Autre dépêche : " + BODY, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    summary = ingest([str(inbox)], db, lang="fr", executor=NoModel())
    assert (summary.articles, summary.failures) == (2, 0)
    stored = sorted(r[0].rsplit("/", 1)[-1] for r in rows(db, "SELECT source_path FROM articles"))
    assert stored == ["bad\\xffname.txt", "good.txt"]


def test_titles_make_articles_and_exact_duplicates_are_counted(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for i in range(20):
        (inbox / f"t{i:02}.txt").write_text(f"Titre {i % 5}\nPublié le 14 septembre 2023 à 11h36\n\n{BODY}",
                                            encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    summary = ingest([str(inbox)], db, lang="fr", executor=NoModel())
    assert (summary.articles, summary.duplicates) == (5, 15)
    assert rows(db, "SELECT count(*) FROM articles") == [(5,)]
    dupes = rows(db, "SELECT code, skipped, count(*) FROM failures GROUP BY ALL")
    assert dupes == [("E116", True, 15)]  # every input is accounted for


class FailingCommit:
    """A connection whose COMMIT fails as on a full disk, and whose ROLLBACK then fails too
    (DuckDB invalidates the database after such an I/O error)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def execute(self, sql: str, *args):  # type: ignore[no-untyped-def]
        if sql == "COMMIT":
            raise duckdb.IOException("Could not write file: No space left on device")
        if sql == "ROLLBACK":
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")
        return self.con.execute(sql, *args)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.con, name)


def test_disk_full_is_a_coded_store_error(tmp_path):
    con = connect(str(tmp_path / "full.duckdb"))
    writer = StoreWriter(FailingCommit(con), "full.duckdb")  # type: ignore[arg-type]
    with pytest.raises(VeilleError) as caught:
        writer.write([Extraction(article=Article(id="a", text=BODY, language="fr"))])
    assert caught.value.code == "E304" and "No space left" in caught.value.message


def test_unstorable_article_costs_only_itself(tmp_path):
    con = connect(str(tmp_path / "s.duckdb"))
    bad = Article(id="bad", text=BODY, language="fr", source_path="x\udcff.txt")
    good = Article(id="good", text=BODY, language="fr", source_path="good.txt")
    counts = StoreWriter(con).write([Extraction(article=bad), Extraction(article=good)])
    assert (counts.articles, counts.failures) == (1, 1)
    assert con.execute("SELECT id FROM articles").fetchall() == [("good",)]
    assert con.execute("SELECT code, article_id FROM failures").fetchall() == [("E305", "bad")]


def test_cli_ingest_on_a_store_that_cannot_be_written(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import veille.ingest as ingest_module
    from veille.cli import app

    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    real_writer = ingest_module.StoreWriter
    monkeypatch.setattr(ingest_module, "make_executor", lambda workers, config: NoModel())
    monkeypatch.setattr(ingest_module, "StoreWriter", lambda con, path: real_writer(FailingCommit(con), path))
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"),
                                      "--lang", "fr", "--quiet"])
    assert result.exit_code == 5, result.output
    assert "E304" in result.output and "hint:" in result.output and "Traceback" not in result.output


PARENT = textwrap.dedent("""
    import time
    from veille.config import load_config
    from veille.ingest import LocalExecutor

    ex = LocalExecutor(2, load_config())
    for _ in range(2):  # two busy workers, as during an ingest
        ex.pool.submit(time.sleep, 600)
    time.sleep(2)
    print(" ".join(str(p) for p in ex.pool._processes), flush=True)
    time.sleep(600)
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_workers_die_with_a_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(p) for p in workers), "workers outlived their parent"
    finally:
        parent.kill()
        for pid in filter(_alive, workers):  # leave nothing behind, even when the test fails
            os.kill(pid, signal.SIGKILL)
