"""Actor resolution: accuracy on the mention table and cost on top of bare spaCy.

Usage: python bench/actors_eval.py [--bench] [--repeat N]

Prints the accuracy on tests/actors/mentions.tsv (per language), the seed gold actor
texts resolved, and with --bench the time of bare spaCy vs spaCy + veille's actor
component + resolve_actors (+ resolve_places) on the same articles, as a ratio.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import datetime
from pathlib import Path

import spacy

from veille.actors import resolve_actors
from veille.actors.table import check_row, read_table
from veille.config import default_config
from veille.nlp import load_pipeline
from veille.places import resolve_places
from veille.read import read_input
from veille.records import Article

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "corpus" / "seed"


def table_accuracy() -> None:
    rows = read_table(REPO / "tests" / "actors" / "mentions.tsv")
    for lang in ("fr", "en"):
        nlp = load_pipeline(lang)
        mine = [r for r in rows if r.lang == lang]
        keys = sorted({(r.sentence, r.date) for r in mine})
        cache = {}
        for (sentence, day), doc in zip(keys, nlp.pipe(s for s, _ in keys)):
            art = Article(id="t", text=sentence, language=lang, published=datetime.fromisoformat(day))
            cache[(sentence, day)] = resolve_actors(doc, art)
        ok = [check_row(r, cache[(r.sentence, r.date)]) for r in mine]
        good = sum(o for o, _ in ok)
        print(f"table {lang}: {good}/{len(mine)} = {good / len(mine):.1%}")
        for (o, detail), r in zip(ok, mine):
            if not o:
                print("   miss:", detail)


def seed_accuracy() -> None:
    article = next(iter(read_input(str(SEED / "article.txt"), article_id="seed")))
    mentions = resolve_actors(load_pipeline("fr")(article.text), article)
    gold = [json.loads(x) for x in (SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    cases = {(g["sentence"].strip(), a["text"], a["code"]) for g in gold for a in g["source"] + g["target"] if a["text"]}
    exact = 0
    for sentence, text, code in cases:
        start = article.text.find(sentence)
        near = [m for m in mentions if start <= m.start and m.end <= start + len(sentence)
                and (m.text.lower() in text.lower() or text.lower() in m.text.lower())]
        exact += any(m.code == code for m in near)
    print(f"seed gold actor texts with the exact gold code: {exact}/{len(cases)} "
          f"(the rest are country names the events layer re-sectors)")


def bench(repeat: int) -> None:
    article = next(iter(read_input(str(SEED / "article.txt"), article_id="seed")))
    texts = [article.text] * repeat
    spec = default_config().nlp.pipelines["fr"]
    bare = spacy.load(spec.package)
    nlp = load_pipeline("fr")
    list(bare.pipe(texts[:2])), list(nlp.pipe(texts[:2]))  # warm up
    t0 = time.perf_counter()
    list(bare.pipe(texts))
    t_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts):
        actors = resolve_actors(doc, article)
        resolve_places(doc, article, actors)
        n += len(actors)
    t_full = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts):
        pass
    t_nlp = time.perf_counter() - t0
    print(f"bench fr seed x{repeat}: bare spaCy {t_bare:.2f}s; veille nlp (line breaks + actor matching) "
          f"{t_nlp:.2f}s; + resolve_actors + resolve_places {t_full:.2f}s -> overhead "
          f"{(t_full / t_bare - 1):+.1%} ({n // repeat} actor mentions per article)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", action="store_true", help="also time against bare spaCy")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    t0 = time.perf_counter()
    load_pipeline("fr")
    print(f"load fr pipeline with actor knowledge: {time.perf_counter() - t0:.1f}s")
    table_accuracy()
    seed_accuracy()
    if args.bench:
        bench(args.repeat)


if __name__ == "__main__":
    main()
