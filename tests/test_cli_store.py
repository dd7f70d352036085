"""CLI over the store: events (filters, formats), export, and coded errors with exit codes."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.records import ActorRef, Article, Attribution, Event, EventDate, Extraction, Span
from veille.store import SCHEMA_VERSION, StoreWriter, connect

RUS = ActorRef(text="Moscou", code="RUSGOV", country="RUS", sector="GOV")
PRK = ActorRef(text="Pyongyang", code="PRKGOV", country="PRK", sector="GOV")
USA = ActorRef(text="Washington", code="USAGOV", country="USA", sector="GOV")
runner = CliRunner()


def _event(eid: str, cameo: str, src: ActorRef, tgt: list[ActorRef], date: str | None) -> Event:
    return Event(id=eid, cameo=cameo, source=[src], target=tgt, trigger=Span("a rencontré", 7, 18),
                 sentence=Span("Moscou a rencontré Pyongyang.", 0, 29),
                 date=EventDate(date, "day" if date else None, None, "text" if date else "publication"),
                 attribution=[Attribution("KCNA", "PRKMED")])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "s.duckdb"
    published = datetime(2023, 9, 14, 11, 36, tzinfo=timezone(timedelta(hours=2)))
    con = connect(path)
    StoreWriter(con).write([
        Extraction(article=Article(id="a", text="Moscou a rencontré Pyongyang.", published=published,
                                   language="fr"),
                   events=[_event("a#1", "036", RUS, [PRK], "2023-09-13"),
                           _event("a#2", "042", PRK, [RUS], "2023-09-12"),
                           _event("a#3", "112", USA, [PRK], None)]),
        Extraction(article=Article(id="b", text="Autre texte.", language="fr"),
                   events=[_event("b#1", "0431", RUS, [USA], "2019-04-25")])])
    con.close()
    return path


def _ids(output: str) -> set[str]:
    return {json.loads(line)["id"] for line in output.splitlines() if line.strip()}


@pytest.mark.parametrize("args,ids", [
    ([], {"a#1", "a#2", "a#3", "b#1"}),
    (["--actor", "RUS"], {"a#1", "b#1"}),
    (["--target", "PRK"], {"a#1", "a#3"}),
    (["--actor", "RUS", "--target", "USA"], {"b#1"}),
    (["--code", "04"], {"a#2", "b#1"}),
    (["--since", "2023-09-13"], {"a#1", "a#3"}),
    (["--until", "2023-09-12"], {"a#2", "b#1"}),
    (["--since", "2023-01-01", "--code", "0"], {"a#1", "a#2"}),
    (["--limit", "1"], {"b#1"}),
    (["--actor", "x' OR '1'='1"], set()),
])
def test_cli_events_filters(db, args, ids):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == ids


def test_cli_events_csv_and_table(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--actor", "RUS"])
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in table] == ["b#1", "a#1"]
    assert table[1]["target_codes"] == "PRKGOV" and table[1]["attribution_codes"] == "PRKMED"
    shown = runner.invoke(app, ["events", "--db", str(db), "--code", "036"])
    assert shown.exit_code == 0 and "1 event(s)" in shown.stdout
    assert all(word in shown.stdout for word in ("036", "RUSGOV", "PRKGOV", "PRKMED"))


@pytest.mark.parametrize("args,code", [
    (["--since", "14/09/2023"], 2),
    (["--format", "xml"], 2),
])
def test_cli_events_usage_errors(db, args, code):
    assert runner.invoke(app, ["events", "--db", str(db), *args]).exit_code == code


def test_cli_missing_database_is_e303(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 5 and "E303" in result.output
    assert not (tmp_path / "none.duckdb").exists()


def test_cli_newer_database_is_e301(tmp_path):
    path = tmp_path / "new.duckdb"
    con = connect(path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 5)])
    con.close()
    for args in (["events", "--db", str(path)], ["export", "--db", str(path), "--format", "jsonl",
                                                 "--out", str(tmp_path / "x.jsonl")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 5 and "E301" in result.output


def test_cli_export_parquet_and_jsonl(db, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--out", str(tmp_path / "pq")])
    assert result.exit_code == 0, result.output
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'pq' / 'events.parquet'}')").fetchone() == (4,)
    out = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "--out", str(out)]).exit_code == 0
    assert {json.loads(x)["article"]["id"] for x in out.read_text().splitlines()} == {"a", "b"}


def test_cli_export_unknown_format_is_e602(db, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "xml", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "E602" in result.output


def test_cli_ingest_no_match_is_e112(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "none-*.txt"), "--db", str(tmp_path / "d.duckdb"),
                                 "--quiet", "--workers", "1"])
    assert result.exit_code == 2 and "E112" in result.output


def test_cli_ingest_bad_config_is_e501(tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("store: {batch_articles: many}\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "d.duckdb"), "--config", str(cfg)])
    assert result.exit_code == 2 and "E501" in result.output


def test_cli_show_prints_event_table():
    from rich.console import Console

    from veille.show import print_events

    console = Console(record=True, width=200)
    ex = Extraction(article=Article(id="a", text="Moscou a rencontré Pyongyang.", title="Sommet"),
                    events=[_event("a#1", "036", RUS, [PRK], "2023-09-13")])
    print_events(ex, console=console)
    text = console.export_text()
    for part in ("Sommet", "036", "RUSGOV (Moscou) → PRKGOV (Pyongyang)", "2023-09-13", "[text]", "asserted",
                 "PRKMED", "a rencontré"):
        assert part in text
