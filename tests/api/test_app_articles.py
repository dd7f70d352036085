"""GET /articles (filters, pages) and GET /articles/{id} (the article with all its layers)."""
from __future__ import annotations

import pytest

S = "8b008e548cdb13b1"


@pytest.mark.parametrize("params, expected", [
    ({}, [ "fr-2", "en-1", S]),  # newest first
    ({"outlet": "TF1 Info"}, [S]),
    ({"date_from": "2023-10-01"}, ["fr-2", "en-1"]),
    ({"date_to": "2023-09-30"}, [S]),
    ({"q": "vostotchny"}, [S]),
    ({"q": "praised"}, ["en-1"]),
    ({"language": "en"}, ["en-1"]),
    ({"limit": 1, "offset": 1}, ["en-1"]),
])
def test_articles_list(client, params, expected):
    r = client.get("/articles", params=params)
    assert r.status_code == 200
    body = r.json()
    assert [a["id"] for a in body["items"]] == expected
    assert body["total"] >= len(expected)


def test_article_detail(client, seed):
    r = client.get(f"/articles/{S}").json()
    art = r["article"]
    assert art["title"].startswith("Après sa rencontre") and art["published"] == "2023-09-14T11:36:00+02:00"
    assert art["text"] == seed.article.text and art["agencies"] == ["AFP"]
    assert len(r["events"]) == 7
    starts = [e["trigger"]["start"] for e in r["events"]]
    assert starts == sorted(starts)
    for e in r["events"]:  # offsets point into the body
        assert art["text"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
    assert {a["code"] for a in r["actors"]} >= {"RUSGOV", "PRKGOV", "PRKMED", "USAGOV"}
    assert r["quotes"][0]["speaker"] == {"text": "KCNA", "code": "PRKMED"}
    assert any(t["value"] == "P1Y6M" and t["mod"] == "MORE_THAN" for t in r["times"])
    assert {p["name"] for p in r["places"]} == {"Vostochny Cosmodrome", "Russia", "Vladivostok"}


def test_article_unknown(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "E702"
