"""``veille watch`` against a local feed server, a folder and a JSONL stream."""
from __future__ import annotations

import io
import json
from pathlib import Path


from veille.records import Article, Extraction, Failure
from veille.watch import Fetcher, Politeness, watch

from db_rows import rows

FAST = Politeness(timeout=0.5, retries=1, backoff=0.01, host_delay=0.0, allow_hosts=("127.0.0.1",))


def no_model(chunk: list[Article]) -> list[Extraction | Failure]:
    """Extraction without a model: the article, no events."""
    return [Extraction(article=a) for a in chunk]


def test_watch_feed_slow_broken_duplicates(tmp_path, feed_server):
    base, state = feed_server
    db = tmp_path / "w.duckdb"
    sources = [f"{base}/feed.xml", f"{base}/missing.xml", "http://127.0.0.1:9/feed.xml"]
    first = watch(sources, str(db), once=True, polite=FAST, extract=no_model, lang="fr")
    # a1, a2 stored; a1 listed twice and copy.html (same body as a2) are duplicates
    assert first.articles == 2 and first.duplicates == 1
    assert first.failures == 1  # invalid.html: no article body (E104), recorded
    assert rows(db, "SELECT code FROM failures") == [("E104",)]
    assert state.hits["/a1.html"] == 1
    errors = "\n".join(first.errors)
    assert all(line.startswith("[E802]") for line in first.errors)
    for what in ("/slow.html", "/broken.html", "/missing.xml", "127.0.0.1:9"):  # timeout, 500, 404, refused
        assert what in errors
    assert state.hits["/broken.html"] == 2  # retried once

    state.slow_seconds, state.broken = 0.0, False
    second = watch(sources[:1], str(db), once=True, polite=FAST, extract=no_model, lang="fr")
    assert (second.articles, second.duplicates, second.errors) == (2, 0, [])  # the two retried items
    assert state.hits["/a1.html"] == 1 and state.hits["/invalid.html"] == 1  # seen: not fetched again

    third = watch(sources[:1], str(db), once=True, polite=FAST, extract=no_model, lang="fr")
    assert third.articles == 0 and state.conditional_304 == 1  # ETag: feed not re-read
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(4, 4)]
    assert rows(db, "SELECT count(*) FROM seen WHERE url LIKE '%copy.html'") == [(1,)]


def test_watch_folder_and_stdin(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "w.duckdb"
    line = {"id": "s1", "text": "Le ministre a rencontré son homologue allemand mardi à Berlin.", "lang": "fr"}
    stream = io.BytesIO((json.dumps(line) + "\n" + "{bad json\n").encode("utf-8"))
    (inbox / "a.txt").write_text("Titre\n\nLe président a reçu le chancelier lundi à Paris.\n", encoding="utf-8")
    s = watch([str(inbox), "-", str(tmp_path / "nowhere")], str(db), once=True, stdin=stream,
              extract=no_model, lang="fr")
    assert s.articles == 2 and s.failures == 1  # the bad JSONL line: E107
    assert len(s.errors) == 1 and "nowhere" in s.errors[0]  # a missing folder stops only itself
    (inbox / "b.txt").write_text("Autre\n\nLe président a reçu la chancelière mardi à Paris.\n", encoding="utf-8")
    (inbox / "c.txt").write_text("Titre\n\nLe président a reçu le chancelier lundi à Paris.\n", encoding="utf-8")
    again = watch([str(inbox)], str(db), once=True, extract=no_model, lang="fr")
    assert again.articles == 1 and again.duplicates == 1  # b is new; c repeats a's body
    assert rows(db, "SELECT code FROM failures") == [("E107",)]


def test_watch_rounds_bounded(tmp_path):
    naps: list[float] = []
    s = watch([str(tmp_path)], str(tmp_path / "w.duckdb"), interval=30, max_rounds=3, extract=no_model,
              sleep=naps.append)
    assert s.rounds == 3 and naps == [30, 30]


def test_watch_host_rate_limit():
    now = [0.0]
    naps: list[float] = []

    def sleep(sec: float) -> None:
        naps.append(round(sec, 3))
        now[0] += sec

    f = Fetcher(Politeness(host_delay=2.0), sleep=sleep, clock=lambda: now[0])
    try:
        for url in ("http://a.test/1", "http://a.test/2", "http://b.test/1"):
            f._wait_turn(url)
            now[0] += 0.5
    finally:
        f.close()
    assert naps == [1.5]  # the second request to a.test waits; b.test does not
