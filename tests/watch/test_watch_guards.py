"""``veille watch`` against a hostile server: a drip, a gzip bomb, redirects to loopback
and to other schemes, errors that cannot recover. Every fetch ends, within its caps."""
from __future__ import annotations

import time

import pytest

from veille.watch import Fetcher, FetchError, FetchRefused, Politeness, forbidden_address


def fetcher(base: str, **kw) -> Fetcher:
    host_port = base.split("//", 1)[1]
    settings = {"timeout": 1.0, "retries": 2, "backoff": 0.01, "host_delay": 0.0, "allow_hosts": (host_port,), **kw}
    return Fetcher(Politeness(**settings))


def test_drip_is_cut_at_the_deadline(hostile_server):
    base, _ = hostile_server
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="longer than 2 s"):
        fetcher(base, deadline=2.0).get(f"{base}/drip")
    assert time.monotonic() - started < 5  # one deadline, no retries


def test_gzip_bomb_is_cut_at_the_byte_cap(hostile_server):
    base, _ = hostile_server
    with pytest.raises(FetchRefused, match="cap of 1000000"):
        fetcher(base, max_bytes=1_000_000).get(f"{base}/bomb")


def test_redirect_to_another_loopback_name_is_refused(hostile_server):
    base, state = hostile_server
    with pytest.raises(FetchRefused, match="private or loopback"):
        fetcher(base).get(f"{base}/to-loopback")
    assert state.hits.get("/page") is None


def test_redirect_to_another_scheme_is_refused(hostile_server):
    base, _ = hostile_server
    with pytest.raises(FetchRefused, match="not an http"):
        fetcher(base).get(f"{base}/to-file")


def test_redirect_on_the_same_allowed_host_is_followed(hostile_server):
    base, _ = hostile_server
    resp = fetcher(base).get(f"{base}/to-self")
    assert resp.status_code == 200 and resp.url.endswith("/page") and b"ok" in resp.content


def test_loopback_is_refused_unless_allowed(hostile_server):
    base, state = hostile_server
    with pytest.raises(FetchRefused, match="allow-host"):
        Fetcher(Politeness(host_delay=0.0)).get(f"{base}/page")
    assert state.hits.get("/page") is None
    assert forbidden_address("http://10.1.2.3/x") and forbidden_address("http://169.254.169.254/latest")
    assert forbidden_address("http://[::1]:80/") and forbidden_address("ftp://example.org/")


def test_only_errors_that_can_recover_are_retried(hostile_server):
    base, state = hostile_server
    f = fetcher(base)
    assert f.get(f"{base}/gone").status_code == 404 and state.hits["/gone"] == 1  # not retried
    with pytest.raises(FetchError, match="HTTP 503 after 3 attempts"):
        f.get(f"{base}/busy")
    assert state.hits["/busy"] == 3


def test_watch_records_a_refused_item_and_does_not_fetch_it_again(tmp_path, hostile_server):
    from veille.watch import FeedSource, Seen
    from veille.read.base import ReadOptions
    from veille.store import connect

    base, state = hostile_server
    con = connect(str(tmp_path / "w.duckdb"))
    source = FeedSource(f"{base}/feed", fetcher(base, max_bytes=1_000_000), Seen(con), ReadOptions())
    item = source._item(f"{base}/bomb", {})
    assert item is not None and item.code == "E803" and "cap" in item.message
    assert source._item(f"{base}/gone", {}).code == "E803"  # 404: not retried next round
