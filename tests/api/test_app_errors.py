"""Coded JSON errors with their HTTP status; request size limits; the OpenAPI document."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from seed_data import BASE, fake_extractor
from veille.api import create_app
from veille.config import load_config


@pytest.mark.parametrize("path, params, status, code", [
    ("/events", {"quad": 7}, 422, "E703"),
    ("/events", {"modality": "maybe"}, 422, "E703"),
    ("/events", {"sort": "id; DROP TABLE events"}, 422, "E703"),
    ("/events", {"cameo": "04x"}, 422, "E703"),
    ("/events", {"date_from": "yesterday"}, 422, "E703"),
    ("/events", {"limit": 100000}, 422, "E703"),
    ("/events", {"format": "xml"}, 422, "E703"),
    ("/events", {"dyad": "RUS"}, 422, "E703"),
    ("/dyads/RUS/PRK/timeline", {"interval": "hour"}, 422, "E703"),
    ("/network", {"level": "region"}, 422, "E703"),
    ("/articles/unknown-id", {}, 404, "E702"),
    ("/no/such/path", {}, 404, "E702"),
])
def test_errors_are_coded(client, path, params, status, code):
    r = client.get(path, params=params)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == code and err["message"] and "hint" in err


def test_tables_survive_injection_attempts(client):
    client.get("/events", params={"q": "'); DROP TABLE events; --"})
    assert client.get("/stats").json()["events"] == 11


@pytest.fixture
def small_client(seed_db, tmp_path):
    import shutil

    db = tmp_path / "small.duckdb"
    shutil.copy(seed_db, db)
    cfg = load_config(overrides={"api": {"max_request_bytes": 1000}})
    app = create_app(db, config=cfg, extractor=fake_extractor)
    with TestClient(app, base_url=BASE, headers={"X-Veille-Token": app.state.token}) as c:
        yield c


def test_request_size_declared(small_client):
    r = small_client.post("/extract", json={"text": "x" * 5000})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E701"


def test_request_size_streamed(small_client):
    def chunks():
        for _ in range(10):
            yield b"y" * 500
    r = small_client.post("/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E701"


def test_request_under_limit(small_client):
    assert small_client.post("/extract", json={"text": "Bonjour."}).status_code == 200


def test_openapi_published(client):
    doc = client.get("/openapi.json").json()
    assert {"/events", "/articles", "/articles/{article_id}", "/dyads/{a}/{b}/timeline",
            "/actors/{code}/network", "/stats", "/extract", "/ingest"} <= set(doc["paths"])
    params = {p["name"] for p in doc["paths"]["/events"]["get"]["parameters"]}
    assert {"source", "target", "cameo", "root", "plover", "quad", "modality", "date_from",
            "published_from", "attribution", "q", "sort", "format", "limit", "offset"} <= params
    assert "ArticleIn" in doc["components"]["schemas"]
    assert client.get("/docs").status_code == 200
