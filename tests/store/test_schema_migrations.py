"""Schema: exact tables and columns, version in meta, numbered migrations, newer db refused."""
from __future__ import annotations

import duckdb
import pytest

from veille.errors import VeilleError
from veille.store import SCHEMA_VERSION, connect, migrate, schema_version

COLUMNS = {
    "meta": "key value",
    "articles": "id title outlet published language url source_path authors agencies headings text "
                "ingested_at extraction",
    "events": "id article_id cameo root quad goldstein plover_event plover_mode plover_context date_value "
              "date_granularity date_text date_basis date_start modality place_name place_country place_lat "
              "place_lon place_geonameid trigger_text trigger_start trigger_end sentence_text sentence_start "
              "sentence_end mentions rule attribution attribution_codes source_codes target_codes published",
    "event_actors": "event_id article_id role position text start end code country sector name",
    "actors": "article_id position text start end code country sector name entry via",
    "quotes": "article_id position text start end kind speaker_text speaker_code cue",
    "times": "article_id position text start end type value mod",
    "places": "article_id position text start end name country lat lon geonameid feature",
    "failures": "source article_id code message stage skipped at",
}


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_schema_tables_have_the_agreed_columns(tmp_path, table):
    con = connect(tmp_path / "v.duckdb")
    names = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    assert names == set(COLUMNS[table].split())


@pytest.mark.parametrize("table,column,kind", [
    ("articles", "published", "TIMESTAMP WITH TIME ZONE"), ("articles", "authors", "VARCHAR[]"),
    ("articles", "extraction", "JSON"), ("events", "quad", "INTEGER"), ("events", "date_start", "DATE"),
    ("events", "place_geonameid", "BIGINT"), ("events", "source_codes", "VARCHAR[]"),
    ("events", "attribution", "JSON"), ("failures", "skipped", "BOOLEAN"), ("places", "lat", "DOUBLE")])
def test_schema_column_types(tmp_path, table, column, kind):
    con = connect(tmp_path / "v.duckdb")
    types = {row[0]: row[1] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    assert types[column] == kind


def test_schema_version_recorded_in_meta(tmp_path):
    con = connect(tmp_path / "v.duckdb")
    assert schema_version(con) == SCHEMA_VERSION
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_schema_migration_step_applies_to_an_older_database(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, str(path), target=1) == 1
    assert not con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'events_article'").fetchone()[0]
    con.close()
    con = connect(path)  # opening with the current code applies step 2
    assert schema_version(con) == SCHEMA_VERSION >= 2
    assert con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'events_article'").fetchone()[0] == 1


@pytest.mark.parametrize("read_only", [False, True])
def test_schema_newer_database_is_refused(tmp_path, read_only):
    path = tmp_path / "new.duckdb"
    con = connect(path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(VeilleError) as exc:
        connect(path, read_only=read_only)
    assert exc.value.code == "E301" and exc.value.exit_code == 5


def test_schema_missing_database_for_reading(tmp_path):
    with pytest.raises(VeilleError) as exc:
        connect(tmp_path / "none.duckdb", read_only=True)
    assert exc.value.code == "E303"


def test_schema_unopenable_database(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(VeilleError) as exc:
        connect(bad)
    assert exc.value.code == "E302"
