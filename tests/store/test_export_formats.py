"""Exports: Parquet (one file per table) and JSONL (the output contract), read back with DuckDB."""
from __future__ import annotations

import json

import duckdb
import pytest

from veille.errors import VeilleError
from veille.store import EXPORTERS, StoreWriter, connect, export, register_exporter
from veille.store.export import EXPORT_TABLES

from store_records import make_extraction


@pytest.fixture
def con(tmp_path):
    c = connect(tmp_path / "e.duckdb")
    StoreWriter(c).write([make_extraction("a"), make_extraction("b")])
    yield c
    c.close()


def test_export_parquet_reads_back(con, tmp_path):
    out = tmp_path / "pq"
    assert export(con, "parquet", out) == 2
    for table in EXPORT_TABLES:
        back = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out / (table + '.parquet')}')").fetchone()[0]
        assert back == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    row = duckdb.connect().execute(f"SELECT source_codes, date_start FROM read_parquet('{out / 'events.parquet'}') "
                     "ORDER BY id LIMIT 1").fetchone()
    assert row[0] == ["RUSGOV"] and str(row[1]) == "2023-09-13"


def test_export_jsonl_is_the_output_contract(con, tmp_path):
    out = tmp_path / "x" / "all.jsonl"
    assert export(con, "jsonl", out) == 2
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(d["article"]["id"] for d in lines) == ["a", "b"]
    assert lines[0] == make_extraction(lines[0]["article"]["id"]).to_dict()
    back = duckdb.connect().execute(f"SELECT count(*) FROM read_json_auto('{out}')").fetchone()[0]
    assert back == 2


def test_export_unknown_format(con, tmp_path):
    with pytest.raises(VeilleError) as exc:
        export(con, "xml", tmp_path / "x")
    assert exc.value.code == "E602" and "parquet" in exc.value.hint


def test_export_formats_can_be_registered(con, tmp_path):
    @register_exporter("count")
    def count(c, out):
        out.write_text(str(c.execute("SELECT count(*) FROM events").fetchone()[0]))
        return 1

    try:
        assert export(con, "count", tmp_path / "n.txt") == 1
        assert (tmp_path / "n.txt").read_text() == "2"
    finally:
        EXPORTERS.pop("count")
