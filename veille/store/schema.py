"""DuckDB schema: numbered migration steps and opening a database at the current version.

The version lives in ``meta`` (key ``schema_version``). Steps are applied in order,
each in its own transaction; a database newer than this code is refused (E301).
Never edit a released step: add a new one.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from veille.errors import E301, E302, E303, VeilleError

_POS = 'position INTEGER, text VARCHAR, start INTEGER, "end" INTEGER'

#: Migration steps: step ``i`` (1-based) brings the database to version ``i``.
MIGRATIONS: list[list[str]] = [
    [  # 1: the tables
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, title VARCHAR, outlet VARCHAR, published TIMESTAMPTZ,
            language VARCHAR, url VARCHAR, source_path VARCHAR, authors VARCHAR[],
            agencies VARCHAR[], headings VARCHAR[], text VARCHAR, ingested_at TIMESTAMPTZ,
            extraction JSON)""",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, cameo VARCHAR, root VARCHAR,
            quad INTEGER, goldstein DOUBLE, plover_event VARCHAR, plover_mode VARCHAR,
            plover_context VARCHAR, date_value VARCHAR, date_granularity VARCHAR,
            date_text VARCHAR, date_basis VARCHAR, date_start DATE, modality VARCHAR,
            place_name VARCHAR, place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE,
            place_geonameid BIGINT, trigger_text VARCHAR, trigger_start INTEGER,
            trigger_end INTEGER, sentence_text VARCHAR, sentence_start INTEGER,
            sentence_end INTEGER, mentions INTEGER, rule VARCHAR, attribution JSON,
            attribution_codes VARCHAR[], source_codes VARCHAR[], target_codes VARCHAR[],
            published TIMESTAMPTZ)""",
        f"""CREATE TABLE event_actors (
            event_id VARCHAR, article_id VARCHAR, role VARCHAR, {_POS}, code VARCHAR,
            country VARCHAR, sector VARCHAR, name VARCHAR)""",
        f"""CREATE TABLE actors (
            article_id VARCHAR, {_POS}, code VARCHAR, country VARCHAR, sector VARCHAR,
            name VARCHAR, entry VARCHAR, via VARCHAR)""",
        f"""CREATE TABLE quotes (
            article_id VARCHAR, {_POS}, kind VARCHAR, speaker_text VARCHAR,
            speaker_code VARCHAR, cue VARCHAR)""",
        f"""CREATE TABLE times (
            article_id VARCHAR, {_POS}, type VARCHAR, value VARCHAR, mod VARCHAR)""",
        f"""CREATE TABLE places (
            article_id VARCHAR, {_POS}, name VARCHAR, country VARCHAR, lat DOUBLE,
            lon DOUBLE, geonameid BIGINT, feature VARCHAR)""",
        """CREATE TABLE failures (
            source VARCHAR, article_id VARCHAR, code VARCHAR, message VARCHAR,
            stage VARCHAR, skipped BOOLEAN, "at" TIMESTAMPTZ)""",
    ],
    [  # 2: lookups by article (replace on re-ingest) and by event
        "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
        "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id)",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

#: Tables holding rows of one article (replaced together on re-ingest).
ARTICLE_TABLES = ("event_actors", "events", "actors", "quotes", "times", "places")


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The database's schema version (0 for an empty database)."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()
    if not has_meta or not has_meta[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, path: str = ":memory:",
            target: int = SCHEMA_VERSION) -> int:
    """Apply the missing steps up to ``target``; return the version reached."""
    found = schema_version(con)
    if found > SCHEMA_VERSION:
        raise VeilleError(E301, path=path, found=found, expected=SCHEMA_VERSION)
    for version in range(found + 1, target + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return max(found, target)


def connect(path: str | os.PathLike[str], *, read_only: bool = False,
            create: bool = True) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate) the database at ``path``.

    ``create=False`` refuses a missing file (E303); a read-only connection is never
    migrated but still refused when newer than this code (E301).
    """
    name = str(path)
    if name != ":memory:" and not Path(name).exists() and (read_only or not create):
        raise VeilleError(E303, path=name)
    try:
        con = duckdb.connect(name, read_only=read_only)
    except duckdb.Error as exc:
        raise VeilleError(E302, path=name, detail=str(exc).splitlines()[0]) from exc
    try:
        if read_only:
            found = schema_version(con)
            if found > SCHEMA_VERSION:
                raise VeilleError(E301, path=name, found=found, expected=SCHEMA_VERSION)
        else:
            migrate(con, name)
    except duckdb.Error as exc:  # a damaged file, or a folder that cannot be written
        con.close()
        raise VeilleError(E302, path=name, detail=str(exc).splitlines()[0]) from exc
    except BaseException:
        con.close()
        raise
    return con
