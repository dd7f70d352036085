"""Exports of a store. Formats are registered in ``EXPORTERS`` (name → function).

An exporter takes an open connection and an output path and returns the number of
records written. ``parquet`` writes one file per table into the folder ``out``;
``jsonl`` writes one article per line in the output contract (``veille extract``).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from veille.errors import E602, VeilleError
from veille.store.schema import ARTICLE_TABLES

Exporter = Callable[[duckdb.DuckDBPyConnection, Path], int]
EXPORTERS: dict[str, Exporter] = {}

EXPORT_TABLES = ("articles",) + ARTICLE_TABLES + ("failures",)


def register_exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Decorator: make ``fn`` available as ``veille export --format name``."""
    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn
    return deco


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@register_exporter("parquet")
def export_parquet(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """One Parquet file per table in the folder ``out``; returns the number of articles."""
    out.mkdir(parents=True, exist_ok=True)
    for table in EXPORT_TABLES:
        con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(out / (table + '.parquet'))} (FORMAT parquet)")
    row = con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0


@register_exporter("jsonl")
def export_jsonl(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """One article per line, as ``veille extract --format jsonl`` writes it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    cur = con.execute("SELECT CAST(extraction AS VARCHAR) FROM articles ORDER BY published NULLS LAST, id")
    with out.open("w", encoding="utf-8") as fh:
        while batch := cur.fetchmany(1000):
            for (line,) in batch:
                fh.write(line + "\n")
                n += 1
    return n


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path) -> int:
    """Export with the registered format ``fmt`` (E602 if unknown)."""
    fn = EXPORTERS.get(fmt)
    if fn is None:
        raise VeilleError(E602, fmt=fmt, choices=", ".join(sorted(EXPORTERS)))
    return fn(con, Path(out))
