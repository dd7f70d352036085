"""Dyad timelines, actor networks, the whole network and /stats."""
from __future__ import annotations

import pytest


def test_dyad_timeline_month(client):
    r = client.get("/dyads/RUS/PRK/timeline", params={"interval": "month"}).json()
    series = {p["period"]: p for p in r["series"]}
    assert list(series) == ["2000-01-01", "2023-09-01", "2023-10-01", "2023-11-01"]
    sep = series["2023-09-01"]
    # RUS->PRK accept (036), PRK->RUS visit (042) and invite (036), the mutual summit (046)
    assert (sep["count"], sep["ab"], sep["ba"], sep["mutual"]) == (4, 1, 2, 1)
    assert sep["quad"] == {"1": 4, "2": 0, "3": 0, "4": 0}
    assert sep["goldstein"] == pytest.approx(4.0 + 1.9 + 4.0 + 7.0)
    assert r["total"] == 7


def test_dyad_timeline_symmetric_and_filtered(client):
    ab = client.get("/dyads/RUS/PRK/timeline").json()
    ba = client.get("/dyads/PRK/RUS/timeline").json()
    assert [p["count"] for p in ab["series"]] == [p["count"] for p in ba["series"]]
    assert [p["ab"] for p in ab["series"]] == [p["ba"] for p in ba["series"]]
    day = client.get("/dyads/RUS/USA/timeline", params={"interval": "day", "modality": "asserted"}).json()
    assert [(p["period"], p["quad"]["3"]) for p in day["series"]] == [("2023-10-03", 1)]


@pytest.mark.parametrize("interval", ["day", "week", "month", "year"])
def test_dyad_timeline_intervals(client, interval):
    r = client.get("/dyads/RUS/PRK/timeline", params={"interval": interval})
    assert r.status_code == 200 and r.json()["total"] == 7


def test_actor_network(client):
    r = client.get("/actors/RUSGOV/network").json()
    by = {n["actor"]: n for n in r["neighbours"]}
    assert list(by) == ["PRKGOV", "USAGOV", "KORPTY"]
    assert by["USAGOV"]["weight"] == 2 and by["USAGOV"]["mean_goldstein"] == pytest.approx(-4.5)
    assert (by["PRKGOV"]["outgoing"], by["PRKGOV"]["incoming"], by["PRKGOV"]["mutual"]) == (3, 3, 1)
    countries = client.get("/actors/RUS/network", params={"level": "country"}).json()
    assert {n["actor"] for n in countries["neighbours"]} == {"PRK", "USA", "KOR"}


def test_network_date_range(client):
    full = client.get("/network").json()
    assert {n["id"] for n in full["nodes"]} == {"RUS", "PRK", "USA", "KOR"}
    oct_ = client.get("/network", params={"date_from": "2023-10-01", "date_to": "2023-10-31"}).json()
    edges = {(e["source"], e["target"]): e for e in oct_["edges"]}
    assert set(edges) == {("RUS", "USA"), ("PRK", "RUS")}
    assert edges[("RUS", "USA")]["mean_goldstein"] == -2.0


def test_stats(client):
    s = client.get("/stats").json()
    assert (s["articles"], s["events"], s["failures"]) == (3, 11, 0)
    assert s["by_quad"] == {"1": 7, "3": 4}
    assert s["event_dates"] == {"min": "2000-01-01", "max": "2023-11-07"}
    assert s["top_actors"][0]["code"] == "RUSGOV"
    assert client.get("/actors", params={"prefix": "PRK"}).json()[0]["code"] == "PRKGOV"
