"""Who may reach the server and who may write: the Host check, the write token, the
server's own page; and requests that used to give a 500."""
from __future__ import annotations

import json
import os
import shutil
import stat

import pytest
from fastapi.testclient import TestClient

from db_rows import damaged_copy
from seed_data import BASE, fake_extractor
from veille.api import create_app
from veille.api.guard import host_name, read_token, token_path

ARTICLE = {"text": "Le président a reçu mardi le Premier ministre à l'Élysée pour parler du budget.",
           "language": "fr", "id": "planted"}


@pytest.fixture
def server(seed_db, tmp_path):
    """An app over a private copy of the seed store, and a client without credentials."""
    db = tmp_path / "g.duckdb"
    shutil.copy(seed_db, db)
    app = create_app(db, extractor=fake_extractor)
    with TestClient(app, base_url=BASE) as c:
        yield app, c, db


def test_token_file_beside_the_store_for_its_owner_only(server):
    app, _, db = server
    path = token_path(db)
    assert read_token(db) == app.state.token and len(app.state.token) >= 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_cross_site_text_plain_post_is_refused(server):
    _, c, _ = server
    for route in ("/ingest", "/extract"):
        r = c.post(route, content=ARTICLE["text"].encode(), params={"id": "planted"},
                   headers={"content-type": "text/plain", "Origin": "http://evil.example"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "E706", r.text
        assert "access-control-allow-origin" not in r.headers
    assert c.get("/articles/planted").status_code == 404  # nothing planted


def test_post_without_origin_or_token_is_refused(server):
    _, c, _ = server
    r = c.post("/ingest", json=ARTICLE)
    assert r.status_code == 403 and r.json()["error"]["code"] == "E706"
    r = c.post("/ingest", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403


def test_cross_site_post_with_the_token_is_accepted(server):
    app, c, _ = server
    for header in ({"Authorization": f"Bearer {app.state.token}"}, {"X-Veille-Token": app.state.token}):
        r = c.post("/ingest", json=ARTICLE, headers={**header, "Origin": "http://evil.example"})
        assert r.status_code == 200, r.text
    assert c.get("/articles/planted").json()["article"]["id"] == "planted"


def test_the_servers_own_page_may_write(server):
    _, c, _ = server
    r = c.post("/extract", json=ARTICLE, headers={"Origin": BASE, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200, r.text
    r = c.post("/extract", json=ARTICLE, headers={"Origin": BASE, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_rebound_host_name_is_refused_on_reads_too(server):
    _, c, _ = server
    r = c.get("/stats", headers={"Host": "attacker.example:8000"})
    assert r.status_code == 421 and r.json()["error"]["code"] == "E705"
    assert c.get("/stats", headers={"Host": "localhost:8000"}).status_code == 200


def test_configured_token_and_hosts(seed_db, tmp_path):
    from veille.config import load_config

    db = tmp_path / "c.duckdb"
    shutil.copy(seed_db, db)
    cfg = load_config(overrides={"api": {"token": "s3cret-token-for-tests", "allowed_hosts": ["veille.lan"]}})
    with TestClient(create_app(db, config=cfg, extractor=fake_extractor), base_url="http://veille.lan") as c:
        assert c.get("/stats").status_code == 200
        assert c.post("/extract", json=ARTICLE, headers={"X-Veille-Token": "s3cret-token-for-tests"}).status_code == 200
    assert not token_path(db).exists()  # a configured token is not written anywhere


def test_host_names():
    assert host_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost") == "localhost"


# ------------------------------------------------------------------ requests that gave a 500

@pytest.mark.parametrize("body", [
    b'{"text": "caf\xe9 noir"}',  # not UTF-8
    b"[" * 100_000,  # nested too deeply
])
def test_malformed_json_bodies_are_coded(client, body):
    r = client.post("/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E703", r.text


def test_huge_offset_is_a_parameter_error_without_sql(client):
    for route in ("/events", "/articles"):
        r = client.get(route, params={"offset": "9223372036854775808"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E703"
        assert "SELECT" not in r.text and "OFFSET" not in r.text


@pytest.mark.parametrize("name,content", [
    ("page.html", "<html><head><title>Sommet</title></head><body><article><h1>Sommet</h1><p>Le président "
                  "français a reçu mardi à Paris le chancelier allemand pour préparer le sommet européen de "
                  "juin.</p></article></body></html>"),
    ("items.jsonl", json.dumps({"id": "j1", "text": "Le président a reçu mardi le chancelier allemand à Paris "
                                                    "pour préparer le sommet européen."}) + "\n"),
])
def test_upload_of_html_and_jsonl(client, name, content):
    r = client.post("/extract", files={"file": (name, content.encode(), "application/octet-stream")},
                    data={"language": "fr"})
    assert r.status_code == 200, r.text
    assert r.json()["article"]["source_path"].startswith(name)


def test_extract_without_language_detects_english(seed_db, tmp_path):
    seen = []

    def capture(articles):
        seen.extend(articles)
        return fake_extractor(articles)

    db = tmp_path / "d.duckdb"
    shutil.copy(seed_db, db)
    app = create_app(db, extractor=capture)
    with TestClient(app, base_url=BASE, headers={"X-Veille-Token": app.state.token}) as c:
        r = c.post("/extract", json={"text": "The president of France met the German chancellor in Paris on "
                                             "Tuesday to prepare the European summit in June."})
    assert r.status_code == 200 and [a.language for a in seen] == ["en"]


def test_damaged_store_is_a_store_error(seed_db, tmp_path):
    db = damaged_copy(seed_db, tmp_path)
    with TestClient(create_app(db, read_only=True, extractor=fake_extractor), base_url=BASE) as c:
        r = c.get("/articles", params={"q": "x"})
    assert r.status_code == 503 and r.json()["error"]["code"] == "E306", r.text
    assert "damaged" in r.json()["error"]["hint"]
