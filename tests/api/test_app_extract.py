"""POST /extract and POST /ingest: JSON, text and file inputs; concurrent readers while writing."""
from __future__ import annotations

import threading

import pytest

from seed_data import BASE, SEED

CONTRACT = {"article", "events", "quotes", "times", "actors", "places", "errors"}


@pytest.mark.parametrize("kwargs", [
    {"json": {"text": SEED.read_text(encoding="utf-8"), "language": "fr"}},
    {"json": {"articles": [{"text": SEED.read_text(encoding="utf-8")}]}},
    {"content": SEED.read_bytes(), "headers": {"content-type": "text/plain"}},
    {"files": {"file": ("article.txt", SEED.read_bytes(), "text/plain")}, "data": {"language": "fr"}},
])
def test_extract_inputs(client, kwargs):
    r = client.post("/extract", **kwargs)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == CONTRACT
    assert body["article"]["outlet"] == "TF1 Info" and body["article"]["published"] == "2023-09-14T11:36:00+02:00"
    assert len(body["events"]) == 7 and body["events"][0]["plover"]["event"] == "CONSULT"


def test_extract_overrides_and_many(client):
    r = client.post("/extract", json=[
        {"text": "Un texte.", "id": "a1", "date": "2024-01-02", "title": "T", "outlet": "O", "url": "http://x"},
        {"text": "Ein Text.", "language": "de"}]).json()
    art = r["results"][0]["article"]
    assert (art["id"], art["title"], art["outlet"], art["url"]) == ("a1", "T", "O", "http://x")
    assert art["published"].startswith("2024-01-02T00:00:00")
    assert r["failures"][0]["code"] == "E106"


@pytest.mark.parametrize("body, code", [
    ({"text": ""}, "E703"), ({"nothing": 1}, "E703"), ({"text": "x", "date": "le 3 mai"}, "E703"),
    ([1, 2], "E703"), ({"text": "Ein Text.", "language": "de"}, "E106"),
])
def test_extract_bad_input(client, body, code):
    r = client.post("/extract", json=body)
    assert r.status_code in (400, 422) and r.json()["error"]["code"] == code


def test_extract_bad_json_and_encoding(client):
    r = client.post("/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert r.json()["error"]["code"] == "E703"
    r = client.post("/extract", files={"file": ("a.txt", "é".encode("latin-1") * 20, "text/plain")})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E105"


def test_ingest_stores_and_returns_ids(rw_client):
    before = rw_client.get("/stats").json()
    r = rw_client.post("/ingest", json={"articles": [
        {"text": "Premier texte.", "id": "new-1", "date": "2024-02-01"},
        {"text": "Second texte.", "id": "new-2", "outlet": "X"}, {"text": "Ein Text.", "language": "de"}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [i["id"] for i in body["ingested"]] == ["new-1", "new-2"]
    assert body["failures"][0]["code"] == "E106" and body["counts"]["articles"] == 2
    after = rw_client.get("/stats").json()
    assert after["articles"] == before["articles"] + 2
    assert rw_client.get("/articles/new-2").json()["article"]["outlet"] == "X"


def test_ingest_multipart_files(rw_client):
    files = [("file", ("seed.txt", SEED.read_bytes(), "text/plain")),
             ("file", ("other.txt", "Autre article.".encode(), "text/plain"))]
    body = rw_client.post("/ingest", files=files).json()
    assert [i["events"] for i in body["ingested"]] == [7, 0]
    assert rw_client.get("/stats").json()["events"] == 11  # re-ingesting the seed replaces it


def test_readers_served_while_ingesting(rw_client):
    """Readers get consistent answers (never an error) while batches are written."""
    errors: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            r = rw_client.get("/events", params={"limit": 5})
            if r.status_code != 200:
                errors.append(r.text)
            s = rw_client.get("/stats").json()
            if s["events"] != 11:
                errors.append(f"events {s['events']}")

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        for i in range(10):
            r = rw_client.post("/ingest", json=[{"text": f"Texte {i} {j}.", "id": f"c{i}-{j}"} for j in range(5)])
            assert r.status_code == 200
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert rw_client.get("/stats").json()["articles"] == 53


def test_read_only_server_refuses_ingest(seed_db, tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from seed_data import fake_extractor
    from veille.api import create_app

    db = tmp_path / "ro.duckdb"
    shutil.copy(seed_db, db)
    with TestClient(create_app(db, read_only=True, extractor=fake_extractor), base_url=BASE) as c:
        assert c.get("/stats").json()["events"] == 11
        r = c.post("/ingest", json={"text": "Texte."}, headers={"Origin": BASE})  # the server's own page
        assert r.status_code == 503 and r.json()["error"]["code"] == "E302"


def test_extract_runs_the_pipeline(seed_db, tmp_path):
    """Without an injected extractor the route runs veille.pipeline (spaCy model loaded once)."""
    import shutil

    from fastapi.testclient import TestClient

    from veille.api import create_app

    db = tmp_path / "p.duckdb"
    shutil.copy(seed_db, db)
    app = create_app(db)
    with TestClient(app, base_url=BASE, headers={"Authorization": f"Bearer {app.state.token}"}) as c:
        r = c.post("/extract", json={"text": SEED.read_text(encoding="utf-8"), "language": "fr"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == CONTRACT and body["article"]["id"] == "8b008e548cdb13b1"
    assert isinstance(body["events"], list) and isinstance(body["errors"], list)
