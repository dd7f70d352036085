"""PLOVER JSONL export read back with pandas and checked on the seed events."""
from __future__ import annotations

import pandas as pd
import pytest

from seed_data import seed_extraction
from veille.store import export

SEED = seed_extraction()
FIELDS = {"id", "date", "source", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
          "quad_code", "event_scale", "text", "text_info", "cite_info", "coder", "coded_date"}


@pytest.fixture
def records(con, tmp_path) -> pd.DataFrame:
    import veille.store.plover  # noqa: F401 - registers the format

    n = export(con, "plover", tmp_path / "plover.jsonl")
    df = pd.read_json(tmp_path / "plover.jsonl", lines=True, dtype=False)
    assert n == len(df) == 11  # every event has a PLOVER category here
    return df.set_index("id")


def test_plover_fields(records):
    assert FIELDS <= set(records.columns) | {records.index.name}


def test_plover_values(records):
    r = records.loc[f"{SEED.article.id}#3"]
    assert (r.date, r.event, r.quad_code, r.event_scale) == ("2023-09-13", "AGREE", 1, 4.0)
    assert r.source == r.actor and r.source[0]["code"] == "PRK" and r.source[0]["identifier_id"] == "PRKGOV"
    assert r.recipient[0]["actor_text"] == "Poutine" and r.recipient[0]["identifier_text"] == "Vladimir Putin"
    assert r.event_loc["name"] == "Vostochny Cosmodrome" and r.event_loc["country_code"] == "RU"
    assert r.event_loc["cc3"] == "RUS" and r.event_text == ["a invité"]
    assert r.text.startswith("À l'issue de cette rencontre") and r.text_info["start"] == SEED.events[2].sentence.start
    assert r.cite_info["publication"] == "TF1 Info" and r.cite_info["language"] == "fr"
    assert (r.modality, r.attribution, r.cameo) == ("asserted", ["PRKMED"], "036")


@pytest.mark.parametrize("event_id, quad, event", [
    ("#5", 3, "ACCUSE"), ("#6", 3, "THREATEN"), ("#2", 1, "CONSULT"), ("#7", 1, "CONSULT")])
def test_plover_quads(records, event_id, quad, event):
    r = records.loc[SEED.article.id + event_id]
    assert (r.quad_code, r.event) == (quad, event)


def test_plover_keeps_modality_and_history(records):
    assert records.loc[SEED.article.id + "#6"].modality == "hypothetical"
    old = records.loc[SEED.article.id + "#7"]
    assert (old.date, old.date_granularity) == ("2000-01-01", "year")
    mutual = records.loc[SEED.article.id + "#2"]
    assert len(mutual.source) == 2 and mutual.recipient == []
    assert mutual.event_text == ["rencontre tenue", "pourparlers bilatéraux"]


def test_plover_skips_statements(con, tmp_path):
    """CAMEO 01x statements have no PLOVER category and are left out."""
    from veille.store.plover import plover_record
    from veille.store.gdelt import stored_events

    ev = next(stored_events(con))
    ev.row["plover_event"] = None
    assert plover_record(ev) is None
