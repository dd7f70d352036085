"""Read queries over the store. Every user value is bound as a query parameter."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

EVENT_COLUMNS = ("id", "article_id", "published", "date_value", "date_basis", "cameo", "root",
                 "plover_event", "source_codes", "target_codes", "modality", "attribution_codes",
                 "place_name", "trigger_text", "goldstein", "quad")

# an actor filter matches a code by prefix: RUS matches RUSGOV, IGO matches IGOUNO
_HAS_CODE = "EXISTS (SELECT 1 FROM unnest({col}) AS t(c) WHERE starts_with(upper(c), upper(?)))"


@dataclass
class EventFilter:
    """Filters of ``veille events``; ``None`` means no filter."""

    actor: str | None = None  # source code prefix (RUS, RUSGOV, IGOUNO)
    target: str | None = None  # target code prefix
    code: str | None = None  # CAMEO code prefix (04, 042)
    since: date | None = None  # event date (or publication date when the event has none) >= since
    until: date | None = None  # ... <= until
    article_id: str | None = None
    limit: int | None = None


def event_query(f: EventFilter, columns: tuple[str, ...] = EVENT_COLUMNS) -> tuple[str, list[Any]]:
    """SQL and parameters selecting the events that pass ``f``."""
    where: list[str] = []
    params: list[Any] = []
    day = "coalesce(date_start, CAST(published AS DATE))"
    for clause, value in ((_HAS_CODE.format(col="source_codes"), f.actor),
                          (_HAS_CODE.format(col="target_codes"), f.target),
                          ("starts_with(cameo, ?)", f.code),
                          (f"{day} >= ?", f.since), (f"{day} <= ?", f.until),
                          ("article_id = ?", f.article_id)):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = f"SELECT {', '.join(columns)} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {day} NULLS LAST, article_id, id"
    if f.limit is not None:
        sql += " LIMIT ?"
        params.append(f.limit)
    return sql, params


def find_events(con: duckdb.DuckDBPyConnection, f: EventFilter,
                columns: tuple[str, ...] = EVENT_COLUMNS) -> list[dict[str, Any]]:
    """Events passing ``f``, one dict per row (columns as named)."""
    sql, params = event_query(f, columns)
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the main tables."""
    out = {}
    for table in ("articles", "events", "failures"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    return out
