"""Write extractions and failures to the store, one transaction per batch.

Writing an ``Extraction`` replaces every row of that article id (delete, then
insert) so re-ingesting never duplicates; a successful write removes the old
failure rows of the same source; a ``Failure`` replaces the row of its source.
A batch is all or nothing: a process killed mid-batch leaves the database as it
was after the previous batch.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from veille.errors import E304, E305, VeilleError, one_line
from veille.records import Event, Extraction, Failure
from veille.store.schema import ARTICLE_TABLES

#: Test hook: exit (as if killed) before committing the batch after this many commits.
CRASH_ENV = "VEILLE_TEST_CRASH_AFTER"

_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def content_hash(text: str) -> str:
    """sha256 of an article body, as DuckDB's ``sha256(text)`` computes it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def date_start(value: str | None) -> date | None:
    """First day of a TIMEX3 date value (2023-09-13, 2023-09, 2023, 2023-W37, 2023-Q3, 198, 19)."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4])|-(SP|SU|FA|WI)|-H([12]))?", value)
    try:
        if m:
            year = int(m[1])
            if m[3]:
                return date(year, int(m[2]), int(m[3]))
            if m[2]:
                return date(year, int(m[2]), 1)
            if m[4]:
                return date.fromisocalendar(year, int(m[4]), 1)
            if m[5]:
                return date(year, 3 * int(m[5]) - 2, 1)
            if m[6]:
                return date(year, _SEASONS[m[6]], 1)
            if m[7]:
                return date(year, 1 if m[7] == "1" else 7, 1)
            return date(year, 1, 1)
        if re.fullmatch(r"\d{3}", value):  # decade
            return date(int(value) * 10, 1, 1)
        if re.fullmatch(r"\d{2}", value):  # century
            return date(int(value) * 100, 1, 1)
    except ValueError:
        return None
    return None


def _codes(items: Iterable[Any]) -> list[str]:
    return [c for c in (getattr(i, "code", None) for i in items) if c]


def event_rows(event: Event, article_id: str, published: datetime | None) -> dict[str, Any]:
    """The ``events`` row of one event."""
    place = event.place
    return {
        "id": event.id, "article_id": article_id, "cameo": event.cameo, "root": event.root,
        "quad": event.quad, "goldstein": event.goldstein,
        "plover_event": event.plover.get("event"), "plover_mode": event.plover.get("mode"),
        "plover_context": event.plover.get("context"),
        "date_value": event.date.value, "date_granularity": event.date.granularity,
        "date_text": event.date.text, "date_basis": event.date.basis,
        "date_start": date_start(event.date.value), "modality": event.modality,
        "place_name": place.name if place else None, "place_country": place.country if place else None,
        "place_lat": place.lat if place else None, "place_lon": place.lon if place else None,
        "place_geonameid": place.geonameid if place else None,
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end, "sentence_text": event.sentence.text,
        "sentence_start": event.sentence.start, "sentence_end": event.sentence.end,
        "mentions": event.mentions, "rule": event.rule,
        "attribution": json.dumps([a.to_dict() for a in event.attribution], ensure_ascii=False),
        "attribution_codes": _codes(event.attribution), "source_codes": _codes(event.source),
        "target_codes": _codes(event.target), "published": published,
    }


def extraction_rows(ex: Extraction, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one extraction."""
    art, aid = ex.article, ex.article.id
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles",) + ARTICLE_TABLES}
    rows["articles"].append({
        "id": aid, "title": art.title, "outlet": art.outlet, "published": art.published,
        "language": art.language, "url": art.url, "source_path": art.source_path,
        "authors": list(art.authors), "agencies": list(art.agencies), "headings": list(art.headings),
        "text": art.text, "ingested_at": now,
        "extraction": json.dumps(ex.to_dict(), ensure_ascii=False)})
    for ev in ex.events:
        rows["events"].append(event_rows(ev, aid, art.published))
        for role, refs in (("source", ev.source), ("target", ev.target)):
            rows["event_actors"] += [
                {"event_id": ev.id, "article_id": aid, "role": role, "position": i, "text": r.text,
                 "start": r.start, "end": r.end, "code": r.code, "country": r.country,
                 "sector": r.sector, "name": r.name} for i, r in enumerate(refs)]
    rows["actors"] = [{"article_id": aid, "position": i, **a.to_dict()} for i, a in enumerate(ex.actors)]
    rows["quotes"] = [
        {"article_id": aid, "position": i, "text": q.text, "start": q.start, "end": q.end, "kind": q.kind,
         "speaker_text": q.speaker.text if q.speaker else None,
         "speaker_code": q.speaker.code if q.speaker else None, "cue": q.cue}
        for i, q in enumerate(ex.quotes)]
    rows["times"] = [{"article_id": aid, "position": i, "text": t.text, "start": t.start, "end": t.end,
                      "type": t.type, "value": t.value, "mod": t.mod} for i, t in enumerate(ex.times)]
    rows["places"] = [{"article_id": aid, "position": i, **p.to_dict()} for i, p in enumerate(ex.places)]
    return rows


def _arrow_type(duck: str) -> pa.DataType:
    if duck.endswith("[]"):
        return pa.list_(_arrow_type(duck[:-2]))
    return {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
            "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
            "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC")}[duck]


@dataclass
class BatchCounts:
    articles: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0

    def __iadd__(self, other: "BatchCounts") -> "BatchCounts":
        self.articles += other.articles
        self.events += other.events
        self.failures += other.failures
        self.skipped += other.skipped
        return self


class _BadRow(Exception):
    """A value of the batch that the store refuses (not a fault of the store)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# DuckDB errors about the values written, not about the database: the item is at fault.
_VALUE_ERRORS = (duckdb.ConversionException, duckdb.InvalidInputException, duckdb.ConstraintException,
                 duckdb.OutOfRangeException)


def _is_bad_row(exc: BaseException) -> bool:
    if isinstance(exc, duckdb.Error):
        return isinstance(exc, _VALUE_ERRORS)
    return isinstance(exc, (ValueError, TypeError, pa.ArrowException))  # Arrow conversion, UnicodeEncodeError


def _unstorable(item: Extraction | Failure, detail: str) -> Failure:
    """The coded failure that stands for an item the store refused (E305)."""
    if isinstance(item, Failure):
        source, article_id = item.source, item.article_id
    else:
        source, article_id = item.article.source_path or item.article.id, item.article.id
    source = source.encode("utf-8", "backslashreplace").decode("utf-8")
    article_id = article_id.encode("utf-8", "backslashreplace").decode("utf-8") if article_id else None
    return Failure(source=source, article_id=article_id, code=E305.code, stage="store",
                   message=E305.template.format(article=article_id or source, detail=detail))


class StoreWriter:
    """The single writer of a database: ``write(batch)`` is one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str = ":memory:") -> None:
        self.con, self.path = con, path
        self.commits = 0
        self._schemas: dict[str, pa.Schema] = {}

    def _schema(self, table: str) -> pa.Schema:
        if table not in self._schemas:
            cols = self.con.execute(f"DESCRIBE {table}").fetchall()
            self._schemas[table] = pa.schema([(c[0], _arrow_type(c[1])) for c in cols])
        return self._schemas[table]

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        schema = self._schema(table)
        data = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)
        self.con.register("_veille_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _veille_rows")
        finally:
            self.con.unregister("_veille_rows")

    def stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hash of the stored body of each of ``ids`` that is in the store."""
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, sha256(text) FROM articles WHERE list_contains(?, id)",
                                [list(ids)]).fetchall()
        return {r[0]: r[1] for r in rows}

    def write(self, items: Sequence[Extraction | Failure]) -> BatchCounts:
        """Store a batch in one transaction: extractions replace their article, failures their source.

        An item the store cannot take (a value DuckDB or Arrow refuses) never costs the
        batch: the batch is written again item by item and that item is stored as a
        coded failure (E305). A store that cannot be written (disk full, read-only
        folder, damaged file) raises E304 with nothing of the batch written.
        """
        try:
            return self._write(items)
        except _BadRow:
            counts = BatchCounts()
            for item in items:
                try:
                    counts += self._write([item])
                except _BadRow as exc:
                    counts += self._write([_unstorable(item, exc.detail)])
            return counts

    def _write(self, items: Sequence[Extraction | Failure]) -> BatchCounts:
        now = datetime.now(timezone.utc)
        latest = {x.article.id: x for x in items if isinstance(x, Extraction)}  # last copy wins
        failures = {f.source: f for f in items if isinstance(f, Failure)}
        ids = list(latest)
        sources = [x.article.source_path for x in latest.values() if x.article.source_path]
        try:
            rows: dict[str, list[dict[str, Any]]] = {}
            for ex in latest.values():
                for table, part in extraction_rows(ex, now).items():
                    rows.setdefault(table, []).extend(part)
            self.con.execute("BEGIN TRANSACTION")
            for table in ("articles",) + ARTICLE_TABLES:
                key = "id" if table == "articles" else "article_id"
                self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, {key})", [ids])
            self.con.execute("DELETE FROM failures WHERE list_contains(?, source) OR list_contains(?, article_id)",
                             [sources + list(failures), ids])
            for table, part in rows.items():
                self._insert(table, part)
            self._insert("failures", [{**f.to_dict(), "at": now} for f in failures.values()])
            self._maybe_crash()
            self.con.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001 - sorted below: a bad row, or a store that fails
            self._rollback()
            detail = one_line(exc)
            if _is_bad_row(exc) and (latest or len(failures) > 1):
                raise _BadRow(detail) from exc
            raise VeilleError(E304, path=self.path, detail=detail) from exc
        self.commits += 1
        return BatchCounts(articles=len(latest), events=sum(len(x.events) for x in latest.values()),
                           failures=sum(not f.skipped for f in failures.values()),
                           skipped=sum(f.skipped for f in failures.values()))

    def _rollback(self) -> None:
        """Roll back if a transaction is open; a store that cannot even roll back (its
        file invalidated by an I/O error) has nothing of the batch, which is all we need."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _maybe_crash(self) -> None:
        limit = os.environ.get(CRASH_ENV)
        if limit and self.commits >= int(limit):
            os._exit(17)  # simulate a kill with the transaction open
