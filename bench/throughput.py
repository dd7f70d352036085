#!/usr/bin/env python3
"""Throughput of veille's full extraction against bare spaCy on the same texts.

usage: python bench/throughput.py [--lang fr] [--n 68] [--repeat 3] [--input FILE ...]

Times, in the same run and on the same articles: bare ``nlp.pipe`` (a plain
``spacy.load`` of the configured package, same batch size) and the full
``veille.pipeline.extract_many``. Loading is not timed (one warm-up pass each);
each figure is the best of ``--repeat`` runs. Prints articles/s and tokens/s of
each and their ratio (full/bare). Default input: French Wikinews (CC BY 2.5) plus
the seed dispatch for ``fr``; the PLOVER one-sentence articles for ``en``.
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from veille.config import default_config
from veille.pipeline import extract_many
from veille.read import read_paths
from veille.records import Article, Failure

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_INPUTS = {
    "fr": [SHARED / "data" / "wikinews_fr" / "articles.jsonl", SHARED / "corpus" / "seed" / "article.txt"],
    "en": [SHARED / "data" / "plover" / "input_dev_en.jsonl"],
}


def load_articles(paths: list[Path], lang: str, n: int) -> list[Article]:
    """The first ``n`` articles of ``paths`` read by veille's readers, language forced."""
    articles = [a for a in read_paths([str(p) for p in paths], lang=lang) if not isinstance(a, Failure)]
    if len(articles) < n:  # cycle through the corpus to reach n
        articles = [articles[i % len(articles)] for i in range(n)]
    return articles[:n]


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="fr", choices=sorted(DEFAULT_INPUTS))
    ap.add_argument("--n", type=int, default=69, help="number of articles (cycled if the corpus is smaller)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    ap.add_argument("--input", nargs="*", type=Path, help="input files instead of the default corpus")
    a = ap.parse_args()

    config = default_config()
    package = config.nlp.pipelines[a.lang].package
    batch = config.nlp.batch_size
    articles = load_articles(a.input or DEFAULT_INPUTS[a.lang], a.lang, a.n)
    texts = [art.text for art in articles]

    bare = spacy.load(package)
    list(bare.pipe(texts[:2], batch_size=batch))  # warm-up
    list(extract_many(articles[:2], config))  # loads veille's pipeline and data
    tokens = sum(len(doc) for doc in bare.pipe(texts, batch_size=batch))

    t_bare = best_time(lambda: list(bare.pipe(texts, batch_size=batch)), a.repeat)
    results: list[object] = []
    t_full = best_time(lambda: results.__setitem__(slice(None), list(extract_many(articles, config))), a.repeat)
    events = sum(len(getattr(r, "events", [])) for r in results)

    n = len(articles)
    print(f"{n} articles ({a.lang}), {tokens} tokens, {sum(map(len, texts))} chars; "
          f"batch size {batch}; best of {a.repeat}")
    print(f"{'':34} {'seconds':>9} {'articles/s':>11} {'tokens/s':>10}")
    for name, t in ((f"bare nlp.pipe ({package})", t_bare), ("full extract_many", t_full)):
        print(f"{name:34} {t:9.3f} {n / t:11.1f} {tokens / t:10.0f}")
    print(f"ratio full/bare throughput {t_bare / t_full:.3f} (full takes {t_full / t_bare:.2f}x the time); "
          f"{events} events")


if __name__ == "__main__":
    main()
