"""Bounded load test of the REST API on loopback.

Starts ``veille serve`` in a subprocess over a store (``--db``, or a synthetic one
built here), then runs ``--clients`` concurrent clients (httpx, asyncio) that share a
fixed number of requests over the read endpoints (events with filters, CSV, dyad
timelines, networks, articles, stats). Prints requests/s, latency percentiles and
the error count; exits 1 if any request failed.

    .venv/bin/python bench/api_load.py --clients 50 --requests 5000
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx

COUNTRIES = ["RUS", "PRK", "USA", "CHN", "UKR", "FRA", "DEU", "JPN", "KOR", "IRN"]
CAMEO = [("036", 1, 4.0, "AGREE"), ("042", 1, 1.9, "CONSULT"), ("051", 1, 3.4, "SUPPORT"),
         ("061", 2, 6.4, "COOPERATE"), ("111", 3, -2.0, "ACCUSE"), ("138", 3, -7.0, "THREATEN"),
         ("173", 4, -5.0, "COERCE"), ("190", 4, -10.0, "ASSAULT")]


def synthetic_store(path: Path, articles: int, events_per_article: int, seed: int = 7) -> list[str]:
    """A store of invented articles with random dyadic events; returns the article ids."""
    from veille.records import ActorRef, Article, Event, EventDate, Extraction, Span
    from veille.store import StoreWriter, connect

    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    batch = []
    for i in range(articles):
        text = " ".join(f"Sentence {j} of article {i} says something about relations." for j in range(events_per_article))
        art = Article(id=f"bench-{i}", text=text, title=f"Article {i}", outlet=rng.choice(["A", "B", "C"]),
                      published=start + timedelta(hours=7 * i), language="fr", url=f"https://example.org/{i}")
        evs = []
        for j in range(events_per_article):
            a, b = rng.sample(COUNTRIES, 2)
            code, quad, gold, plover = rng.choice(CAMEO)
            pos = text.index(f"Sentence {j} ")
            day = (art.published.date() - timedelta(days=rng.randint(0, 3))).isoformat()  # type: ignore[union-attr]
            evs.append(Event(id=f"{art.id}#{j}", cameo=code, goldstein=gold, quad=quad,
                             plover={"event": plover, "mode": None, "context": None},
                             source=[ActorRef(text=a, code=a + "GOV", country=a, sector="GOV", start=pos, end=pos + 8)],
                             target=[ActorRef(text=b, code=b + "GOV", country=b, sector="GOV", start=pos, end=pos + 8)],
                             trigger=Span("says", pos + 25, pos + 29), sentence=Span(text[pos:pos + 60], pos, pos + 60),
                             date=EventDate(day, "day", None, "text"), rule="bench"))
        batch.append(Extraction(article=art, events=evs))
    con = connect(path)
    try:
        writer = StoreWriter(con, str(path))
        for k in range(0, len(batch), 100):
            writer.write(batch[k:k + 100])
    finally:
        con.close()
    return [f"bench-{i}" for i in range(articles)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request_mix(rng: random.Random, ids: list[str]) -> tuple[str, dict[str, object]]:
    a, b = rng.sample(COUNTRIES, 2)
    return rng.choice([
        ("/events", {"source": a, "limit": 50}),
        ("/events", {"actor": a, "quad": rng.randint(1, 4), "sort": "-date", "limit": 20}),
        ("/events", {"cameo": "1", "date_from": "2023-03-01", "date_to": "2023-06-30", "format": "csv"}),
        ("/events", {"q": "relations", "limit": 10, "offset": rng.randint(0, 100)}),
        (f"/dyads/{a}/{b}/timeline", {"interval": rng.choice(["day", "week", "month"])}),
        (f"/actors/{a}GOV/network", {}),
        ("/network", {"date_from": "2023-02-01", "date_to": "2023-04-30"}),
        ("/articles", {"outlet": rng.choice("ABC"), "limit": 20}),
        (f"/articles/{rng.choice(ids)}", {}),
        ("/stats", {}),
    ])


async def run_clients(base: str, clients: int, total: int, ids: list[str]) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
    remaining = total
    rng = random.Random(1)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        async def client() -> None:
            nonlocal remaining, errors
            while remaining > 0:
                remaining -= 1
                path, params = request_mix(rng, ids)
                t0 = time.perf_counter()
                try:
                    r = await http.get(path, params=params)  # type: ignore[arg-type]
                    if r.status_code != 200:
                        errors += 1
                        key = f"{r.status_code} {path.split('/')[1]}: {r.text[:160]}"
                        kinds[key] = kinds.get(key, 0) + 1
                except httpx.HTTPError as exc:
                    errors += 1
                    key = f"{type(exc).__name__} {path}"
                    kinds[key] = kinds.get(key, 0) + 1
                latencies.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    for key, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  error x{n}: {key}")
    return latencies, errors, elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="store to serve (default: a synthetic one)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=500, help="synthetic store size")
    parser.add_argument("--events", type=int, default=6, help="events per synthetic article")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            ids = synthetic_store(db, args.articles, args.events)
        else:
            import duckdb

            with duckdb.connect(str(db), read_only=True) as con:
                ids = [r[0] for r in con.execute("SELECT id FROM articles LIMIT 1000").fetchall()]
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "veille.cli", "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    print("server did not start:", server.stderr.read().decode() if server.stderr else "")
                    return 2
                time.sleep(0.2)
            stats = httpx.get(base + "/stats").json()
            latencies, errors, elapsed = asyncio.run(run_clients(base, args.clients, args.requests, ids))
        finally:
            server.terminate()
            server.wait(10)
    print(f"store: {stats['articles']} articles, {stats['events']} events")
    print(f"{len(latencies)} requests, {args.clients} concurrent clients, {elapsed:.2f} s")
    print(f"throughput: {len(latencies) / elapsed:.1f} requests/s")
    print(f"latency: p50 {1000 * percentile(latencies, 0.5):.1f} ms, p99 {1000 * percentile(latencies, 0.99):.1f} ms, "
          f"max {1000 * max(latencies):.1f} ms")
    print(f"errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
