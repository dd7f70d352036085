"""GET /events: every filter, sorting, pagination and the CSV / JSONL formats."""
from __future__ import annotations

import csv
import io
import json

import pytest

S = "8b008e548cdb13b1"  # the seed article id (hash of its body, title and outlet)


def ids(client, **params) -> set[str]:
    r = client.get("/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return {e["id"] for e in r.json()["items"]}


def seed_ids(*ns: int) -> set[str]:
    return {f"{S}#{n}" for n in ns}


@pytest.mark.parametrize("params, expected", [
    ({}, seed_ids(1, 2, 3, 4, 5, 6, 7) | {"en-1#1", "en-1#2", "fr-2#1", "fr-2#2"}),
    ({"source": "RUS", "target": "PRK"}, seed_ids(4, 7) | {"fr-2#2"}),
    ({"source": "prkgov", "target": "RUSGOV"}, seed_ids(1, 3) | {"en-1#2"}),
    ({"actor": "KOR"}, seed_ids(5)),
    ({"source_country": "USA"}, seed_ids(6)),
    ({"target_country": "USA"}, {"en-1#1", "fr-2#1"}),
    ({"cameo": "04"}, seed_ids(1, 2, 7)),
    ({"cameo": "036"}, seed_ids(3, 4)),
    ({"root": "11"}, seed_ids(5) | {"en-1#1", "fr-2#1"}),
    ({"plover": "threaten"}, seed_ids(6)),
    ({"quad": 3}, seed_ids(5, 6) | {"en-1#1", "fr-2#1"}),
    ({"quad": [1, 3], "source": "USA"}, seed_ids(6)),
    ({"modality": "hypothetical"}, seed_ids(6)),
    ({"date_from": "2023-10-01"}, {"en-1#1", "en-1#2", "fr-2#1", "fr-2#2"}),
    ({"date_to": "2010-12-31"}, seed_ids(7)),
    ({"published_from": "2023-09-14", "published_to": "2023-09-14"}, seed_ids(1, 2, 3, 4, 5, 6, 7)),
    ({"attribution": "PRKMED"}, seed_ids(3, 4)),
    ({"attributed": "false", "article_id": S}, seed_ids(1, 2, 5, 6, 7)),
    ({"q": "COSMODROME"}, seed_ids(2, 3)),
    ({"dyad": ["RUS", "PRK"], "date_to": "2023-09-30"}, seed_ids(1, 2, 3, 4, 7)),
    ({"dyad": ["USA", "RUS"]}, seed_ids(6) | {"en-1#1"}),
    ({"q": "%"}, set()),  # wildcards are text, not patterns
    ({"source": "RUS' OR 1=1 --"}, set()),  # bound, never pasted into SQL
])
def test_events_filters(client, params, expected):
    assert ids(client, **params) == expected


def test_events_item_shape(client, seed):
    r = client.get("/events", params={"cameo": "036", "source": "PRK"}).json()
    assert r["total"] == 1
    e = r["items"][0]
    gold = next(x for x in seed.events if x.id == e["id"])
    assert e["cameo_name"] and e["quad"] == 1 and e["goldstein"] == 4.0
    assert e["plover"]["event"] == "AGREE"
    assert [a["code"] for a in e["source"]] == ["PRKGOV"] and e["target"][0]["country"] == "RUS"
    assert e["date"] == {"value": "2023-09-13", "granularity": "day", "text": "mercredi", "basis": "text",
                         "start": "2023-09-13"}
    assert e["attribution"][0]["code"] == "PRKMED"
    assert e["trigger"] == gold.trigger.to_dict() and e["sentence"]["start"] == gold.sentence.start
    assert e["place"]["country"] == "RUS" and e["article"]["outlet"] == "TF1 Info"


@pytest.mark.parametrize("sort, key, reverse", [
    ("goldstein", lambda e: e["goldstein"], False), ("-goldstein", lambda e: e["goldstein"], True),
    ("date", lambda e: e["date"]["start"], False), ("-date", lambda e: e["date"]["start"], True),
    ("-published", lambda e: e["published"], True), ("cameo", lambda e: e["cameo"], False),
])
def test_events_sort(client, sort, key, reverse):
    items = client.get("/events", params={"sort": sort, "limit": 100}).json()["items"]
    values = [key(e) for e in items]
    assert values == sorted(values, reverse=reverse)


def test_events_pagination(client):
    pages = [client.get("/events", params={"limit": 4, "offset": o}).json() for o in (0, 4, 8)]
    assert [p["total"] for p in pages] == [11, 11, 11]
    got = [e["id"] for p in pages for e in p["items"]]
    assert len(got) == 11 and len(set(got)) == 11


def test_events_csv(client):
    r = client.get("/events", params={"format": "csv", "source": "RUS", "sort": "date"})
    assert r.headers["content-type"].startswith("text/csv") and r.headers["x-total-count"] == "5"
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["cameo"] for row in rows][:1] == ["042"] and len(rows) == 5
    assert rows[0]["source"] == "RUSGOV" and rows[0]["target"] == "PRKGOV" and rows[0]["date"] == "2000"


def test_events_jsonl(client):
    r = client.get("/events", params={"format": "jsonl", "modality": "hypothetical"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert [x["cameo"] for x in lines] == ["138"] and lines[0]["source"][0]["code"] == "USAGOV"
