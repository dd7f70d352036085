"""Writer: rows of every table, replace on re-ingest, failure rows per source, date_start."""
from __future__ import annotations

import json
from datetime import date

import pytest

from veille.records import Failure
from veille.store import StoreWriter, connect
from veille.store.writer import content_hash, date_start

from store_records import PRK, RUS, event, make_extraction

TABLES = ("articles", "events", "event_actors", "actors", "quotes", "times", "places")


def _count(con, table, where="TRUE", params=()):
    return con.execute(f"SELECT count(*) FROM {table} WHERE {where}", list(params)).fetchone()[0]


@pytest.fixture
def store(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    yield con, StoreWriter(con, str(tmp_path / "w.duckdb"))
    con.close()


def test_writer_stores_every_table(store):
    con, writer = store
    counts = writer.write([make_extraction("a1")])
    assert (counts.articles, counts.events, counts.failures) == (1, 1, 0)
    assert {t: _count(con, t) for t in TABLES} == {
        "articles": 1, "events": 1, "event_actors": 2, "actors": 1, "quotes": 1, "times": 1, "places": 1}
    row = con.execute("SELECT cameo, root, date_start, source_codes, target_codes, attribution_codes, "
                      "place_geonameid, published, plover_event FROM events").fetchone()
    assert row[:7] == ("036", "03", date(2023, 9, 13), ["RUSGOV"], ["PRKGOV"], ["PRKMED"], 2013348)
    assert row[7].isoformat().startswith("2023-09-14T09:36") and row[8] == "AGREE"
    stored = json.loads(con.execute("SELECT extraction FROM articles").fetchone()[0])
    assert stored == make_extraction("a1").to_dict()


def test_writer_reingest_replaces_without_duplicates(store):
    con, writer = store
    writer.write([make_extraction("a1"), make_extraction("a2")])
    two = [event("a1#1", "042", [PRK], [RUS]), event("a1#2", "057", [RUS], [PRK])]
    writer.write([make_extraction("a1", events=two)])
    writer.write([make_extraction("a1", events=two), make_extraction("a1", events=two)])  # twice in a batch
    assert _count(con, "articles") == 2
    assert _count(con, "events", "article_id = ?", ["a1"]) == 2
    assert _count(con, "event_actors", "article_id = ?", ["a1"]) == 4
    for table in TABLES[3:]:
        assert _count(con, table, "article_id = ?", ["a1"]) == 1
    assert sorted(r[0] for r in con.execute("SELECT cameo FROM events WHERE article_id = 'a1'").fetchall()) == \
        ["042", "057"]


def test_writer_failure_row_replaced_per_source_and_cleared_on_success(store):
    con, writer = store
    bad = Failure(source="in/x.txt", code="E101", message="Input is empty: in/x.txt")
    writer.write([bad])
    writer.write([Failure(source="in/x.txt", code="E105", message="Cannot decode")])
    assert con.execute("SELECT code FROM failures").fetchall() == [("E105",)]
    counts = writer.write([make_extraction("x", source_path="in/x.txt"),
                           Failure(source="in/y.txt", code="E106", message="de", skipped=True)])
    assert (counts.articles, counts.failures, counts.skipped) == (1, 0, 1)
    assert con.execute("SELECT source, code, skipped FROM failures").fetchall() == [("in/y.txt", "E106", True)]


def test_writer_stored_hashes(store):
    con, writer = store
    writer.write([make_extraction("a1", text="Un texte.")])
    assert writer.stored_hashes(["a1", "zz"]) == {"a1": content_hash("Un texte.")}


@pytest.mark.parametrize("value,expected", [
    ("2023-09-13", date(2023, 9, 13)), ("2023-09", date(2023, 9, 1)), ("2023", date(2023, 1, 1)),
    ("2023-W37", date(2023, 9, 11)), ("2023-Q3", date(2023, 7, 1)), ("2023-SU", date(2023, 6, 1)),
    ("2023-H2", date(2023, 7, 1)), ("198", date(1980, 1, 1)), ("19", date(1900, 1, 1)),
    ("2023-09-13T10:00", date(2023, 9, 13)), (None, None), ("PRESENT_REF", None), ("P1Y6M", None),
    ("2023-02-30", None)])
def test_writer_date_start(value, expected):
    assert date_start(value) == expected
