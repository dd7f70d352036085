"""Ingest: crash and resume, re-ingest replaces, unchanged articles skipped, failures recorded."""
from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.config import load_config
from veille.ingest import IngestSummary, extract_chunk, ingest
from veille.records import ActorRef, Article, Event, EventDate, Extraction, Failure, Span

from db_rows import rows

REPO = Path(__file__).resolve().parents[1]
VEILLE = [sys.executable, "-m", "veille.cli"]
CITIES = ["Moscou", "Pyongyang", "Séoul", "Tokyo", "Pékin", "Kiev", "Paris", "Berlin", "Rome", "Madrid"]


def write_dispatches(folder: Path, n: int) -> list[Path]:
    """``n`` tiny distinct French dispatches, and an empty file (E101) sorted last."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"a{i:02d}.txt"
        p.write_text(f"Dépêche {i}\nPar A.B (avec AFP)\nPublié le 14 septembre 2023 à 11h36\nSource : TF1 Info\n\n"
                     f"Le ministre a rencontré son homologue à {CITIES[i % len(CITIES)]} le jour {i}.\n",
                     encoding="utf-8")
        paths.append(p)
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    return paths


def small_config(tmp_path: Path, batch_articles: int = 3, batch_size: int = 2) -> Path:
    cfg = tmp_path / "veille.yaml"
    cfg.write_text(f"store: {{batch_articles: {batch_articles}}}\nnlp: {{batch_size: {batch_size}}}\n",
                   encoding="utf-8")
    return cfg


class FakeExecutor:
    """Codes one event per article without a model; records what it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Extraction | Failure]]:
        for chunk in chunks:
            self.seen += [a.id for a in chunk]
            yield [self._one(a) for a in chunk]

    @staticmethod
    def _one(a: Article) -> Extraction | Failure:
        if "Berlin" in a.text:  # stands for an unsupported language
            return Failure(source=a.source_path or a.id, article_id=a.id, code="E106", message="de",
                           skipped=True)
        ref = ActorRef(text="Le ministre", code="FRAGOV", country="FRA", sector="GOV", start=0, end=11)
        ev = Event(id=f"{a.id}#1", cameo="040", source=[ref], target=[], trigger=Span("rencontré", 14, 23),
                   sentence=Span(a.text.strip(), 0, len(a.text.strip())),
                   date=EventDate(None, None, None, "publication"))
        return Extraction(article=a, events=[ev])

    def close(self) -> None:
        pass


def test_ingest_crash_and_resume(tmp_path):
    """Killed after 2 committed batches (mid-transaction), re-run: every article exactly once."""
    inputs = tmp_path / "in"
    write_dispatches(inputs, 20)
    db, cfg = tmp_path / "c.duckdb", small_config(tmp_path)
    cmd = VEILLE + ["ingest", str(inputs), "--db", str(db), "--lang", "fr", "--workers", "1",
                    "--config", str(cfg), "--quiet"]
    env = {**os.environ, "VEILLE_TEST_CRASH_AFTER": "2"}
    crashed = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=REPO)
    assert crashed.returncode == 17, crashed.stderr
    stored = rows(db, "SELECT count(*) FROM articles")[0][0] + rows(db, "SELECT count(*) FROM failures")[0][0]
    assert stored == 6  # two batches of three; the third was rolled back

    # run again (in this process: the same CLI, without paying for a second model load)
    resumed = CliRunner().invoke(app, cmd[3:])
    assert resumed.exit_code == 1, resumed.output  # 1: the empty file failed
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(20, 20)]
    assert sorted(r[0] for r in rows(db, "SELECT source_path FROM articles")) == \
        sorted(str(p) for p in inputs.glob("a*.txt"))
    assert rows(db, "SELECT code, skipped FROM failures") == [("E101", False)]
    assert "unchanged" in resumed.output

    again = CliRunner().invoke(app, cmd[3:])
    assert "0 articles" in again.output and "20 unchanged" in again.output
    assert rows(db, "SELECT count(*) FROM articles") == [(20,)]


def test_ingest_reingest_replaces_and_skips_unchanged(tmp_path):
    inputs = tmp_path / "in"
    write_dispatches(inputs, 8)  # a07 (Berlin) stands for an unsupported language
    db = str(tmp_path / "r.duckdb")
    config = load_config(small_config(tmp_path))
    first = ingest([str(inputs)], db, lang="fr", config=config, executor=FakeExecutor())
    assert (first.articles, first.events, first.failures, first.skipped) == (7, 7, 1, 1)
    fake = FakeExecutor()
    second = ingest([str(inputs)], db, lang="fr", config=config, executor=fake)
    assert second.unchanged == 7 and second.articles == 0
    assert len(fake.seen) == 1  # only the skipped (German) article is extracted again
    forced = ingest([str(inputs)], db, lang="fr", config=config, force=True, executor=FakeExecutor())
    assert forced.articles == 7
    for table in ("articles", "events", "event_actors"):
        assert rows(Path(db), f"SELECT count(*) FROM {table}") == [(7,)]
    assert sorted(rows(Path(db), "SELECT code, skipped FROM failures")) == [("E101", False), ("E106", True)]


def test_ingest_commits_in_batches_of_config_size(tmp_path):
    inputs = tmp_path / "in"
    write_dispatches(inputs, 10)
    progress: list[tuple[int, int | None]] = []
    summary = ingest([str(inputs)], str(tmp_path / "b.duckdb"), lang="fr",
                     config=load_config(small_config(tmp_path, batch_articles=4, batch_size=3)),
                     executor=FakeExecutor(), on_progress=lambda d, t: progress.append((d, t)))
    assert isinstance(summary, IngestSummary)
    assert [d for d, _ in progress] == [4, 8, 11, 11]  # 10 articles + 1 failure, 4 per transaction
    assert progress[-1] == (11, 11)


def test_ingest_fixed_failure_clears_its_row(tmp_path):
    inputs = tmp_path / "in"
    write_dispatches(inputs, 2)
    db = str(tmp_path / "f.duckdb")
    config = load_config(small_config(tmp_path))
    ingest([str(inputs)], db, lang="fr", config=config, executor=FakeExecutor())
    assert len(rows(Path(db), "SELECT * FROM failures")) == 1
    (inputs / "zz_empty.txt").write_text("Le président a signé un accord avec Séoul.\n", encoding="utf-8")
    ingest([str(inputs)], db, lang="fr", config=config, executor=FakeExecutor())
    assert rows(Path(db), "SELECT count(*) FROM failures") == [(0,)]
    assert rows(Path(db), "SELECT count(*) FROM articles") == [(3,)]


def test_ingest_chunk_isolates_an_article_that_breaks_the_batch(monkeypatch):
    def extract_many(articles, config=None):
        articles = list(articles)
        if any("boom" in a.text for a in articles):
            raise RuntimeError("parser crashed")
        return [Extraction(article=a) for a in articles]

    monkeypatch.setitem(sys.modules, "veille.pipeline", types.SimpleNamespace(extract_many=extract_many))
    chunk = [Article(id="ok1", text="bien"), Article(id="bad", text="boom", source_path="x.txt"),
             Article(id="ok2", text="bien aussi")]
    out = extract_chunk(chunk, load_config())
    assert [type(x).__name__ for x in out] == ["Extraction", "Failure", "Extraction"]
    assert out[1].code == "E203" and out[1].source == "x.txt" and "parser crashed" in out[1].message


def test_ingest_no_input_matched_is_e112(tmp_path):
    from veille.errors import VeilleError

    with pytest.raises(VeilleError) as exc:
        ingest([str(tmp_path / "nothing-*.txt")], str(tmp_path / "n.duckdb"), executor=FakeExecutor())
    assert exc.value.code == "E112"
