#!/usr/bin/env python3
"""Scaling on this machine: articles/s with 1 and 2 workers, local engine vs Ray, same corpus, same run.

usage: python bench/scale.py [--n 240] [--shard-lines 8] [--input FILE.jsonl]

Each configuration ingests the same ``--n`` articles (French Wikinews, CC BY 2.5,
repeated with fresh ids to reach n) from a cold start — worker start-up and model
loading included, as a user sees it: ``local`` is ``veille ingest --workers N``
(processes, DuckDB written by the parent); ``ray`` is ``veille ingest --engine ray
--workers N`` (Ray started, actor pool, Parquet, then ``veille load``). Then the
per-article costs behind docs/scaling.md, warm, in this process: reading,
extraction (spaCy + veille stages), DuckDB write, Parquet load.
Start-up (processes or Ray, model loading) is measured by a small run of the same
configuration; the steady rate is the rest. Prints articles/s, scaling efficiency
(rate(2) / (2 x rate(1))) and Ray's overhead against the local engine.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from veille.cluster import load_parquet, run_cluster
from veille.config import default_config
from veille.ingest import ingest
from veille.pipeline import extract_many
from veille.read import read_paths
from veille.records import Article
from veille.store import StoreWriter, connect

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_INPUT = SHARED / "data" / "wikinews_fr" / "articles.jsonl"


def make_corpus(src: Path, n: int, dest: Path) -> Path:
    """``n`` JSONL lines cycling through ``src``, each with its own id."""
    lines = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
    with dest.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(lines[i % len(lines)], id=f"scale-{i:05d}")
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return dest


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=240)
    ap.add_argument("--shard-lines", type=int, default=8)
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="veille-scale-"))
    corpus = make_corpus(args.input, args.n, tmp / "corpus.jsonl")
    n, k = args.n, 2 * args.shard_lines
    small = make_corpus(args.input, k, tmp / "small.jsonl")
    secs: dict[tuple[str, int, int], float] = {}
    for workers in (1, 2):
        for size, path in ((k, small), (n, corpus)):
            tag = f"{workers}-{size}"
            secs[("local", workers, size)] = timed(lambda: ingest([str(path)], str(tmp / f"local{tag}.duckdb"),
                                                                  workers=workers, lang="fr"))
            out = tmp / f"ray{tag}"
            secs[("ray", workers, size)] = timed(lambda: (
                run_cluster([str(path)], out, workers=workers, lang="fr", lines_per_shard=args.shard_lines),
                load_parquet(out, tmp / f"ray{tag}.duckdb")))
    print(f"corpus: {n} articles ({args.input.name}), {args.shard_lines} articles per Ray shard; "
          f"start-up = a {k}-article run; steady rate = (n - {k}) / (t(n) - t({k}))")
    print(f"{'engine':8}{'workers':>8}{'t(n) s':>9}{'t(k) s':>9}{'cold art/s':>12}{'steady art/s':>14}")
    steady: dict[tuple[str, int], float] = {}
    for engine in ("local", "ray"):
        for workers in (1, 2):
            tn, tk = secs[(engine, workers, n)], secs[(engine, workers, k)]
            steady[(engine, workers)] = (n - k) / max(tn - tk, 1e-9)
            print(f"{engine:8}{workers:>8}{tn:>9.1f}{tk:>9.1f}{n / tn:>12.2f}{steady[(engine, workers)]:>14.2f}")
    for engine in ("local", "ray"):
        eff = steady[(engine, 2)] / (2 * steady[(engine, 1)])
        cold = secs[(engine, 1, n)] / (2 * secs[(engine, 2, n)])
        print(f"scaling efficiency {engine} (2 workers vs 2 x 1): steady {eff:.2f}, cold {cold:.2f}")
    for workers in (1, 2):
        print(f"ray overhead, {workers} worker(s): steady x{steady[('local', workers)] / steady[('ray', workers)]:.2f}, "
              f"start-up {secs[('ray', workers, k)]:.1f} s vs {secs[('local', workers, k)]:.1f} s local")

    # per-article costs, warm, one process
    config = default_config()
    t_read = timed(lambda: list(read_paths([str(corpus)], lang="fr")))
    articles = [a for a in read_paths([str(corpus)], lang="fr") if isinstance(a, Article)]
    list(extract_many(articles[:8], config))  # load the model (not timed)
    results: list = []
    t_extract = timed(lambda: results.extend(extract_many(articles, config)))
    con = connect(tmp / "write.duckdb")
    writer = StoreWriter(con, "write.duckdb")
    size = config.store.batch_articles
    t_write = timed(lambda: [writer.write(results[i:i + size]) for i in range(0, len(results), size)])
    con.close()
    t_load = timed(lambda: load_parquet(tmp / f"ray2-{n}", tmp / "load.duckdb"))
    chars = sum(len(a.text) for a in articles)
    print(f"per article (warm, one core; {chars / n:.0f} characters on average):")
    for name, s in (("read (JSONL)", t_read), ("extract (spaCy + stages)", t_extract),
                    ("DuckDB write (batched)", t_write), ("Parquet → DuckDB load", t_load)):
        print(f"  {name:26}{1000 * s / n:8.2f} ms")
    print(f"  extraction share of the work: {t_extract / (t_read + t_extract + t_write):.1%}")


if __name__ == "__main__":
    main()
