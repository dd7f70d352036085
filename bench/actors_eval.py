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
from veille.places import gazetteer, resolve_places
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
    """CPU time (process_time: the machine is shared) of bare spaCy vs the actor layer
    (the component on tokenised docs + resolve_actors on parsed docs) and places."""
    article = next(iter(read_input(str(SEED / "article.txt"), article_id="seed")))
    texts = [article.text] * repeat
    bare = spacy.load(default_config().nlp.pipelines["fr"].package)
    nlp = load_pipeline("fr")
    list(bare.pipe(texts[:2]))  # warm up
    clock = time.process_time
    t0 = clock()
    list(bare.pipe(texts))
    t_bare = clock() - t0
    component = nlp.get_pipe("veille_actors")
    tokenised = [nlp.make_doc(t) for t in texts]
    t0 = clock()
    for doc in tokenised:
        component(doc)
    t_component = clock() - t0
    docs = list(nlp.pipe(texts))
    t0 = clock()
    mentions = [resolve_actors(doc, article) for doc in docs]
    t_resolve = clock() - t0
    t0 = clock()
    gazetteer()  # built once per process, like the spaCy model: reported apart
    t_gazetteer = clock() - t0
    t0 = clock()
    for doc, actors in zip(docs, mentions):
        resolve_places(doc, article, actors)
    t_places = clock() - t0
    actors = t_component + t_resolve
    print(f"bench fr seed x{repeat} (CPU s): bare spaCy {t_bare:.2f}; actor component {t_component:.3f} + "
          f"resolve_actors {t_resolve:.3f} = {actors:.3f} -> actors overhead {actors / t_bare:+.1%}; "
          f"resolve_places {t_places:.3f} ({t_places / t_bare:+.1%}); together {(actors + t_places) / t_bare:+.1%} "
          f"({len(mentions[0])} actor mentions per article); one-time gazetteer load {t_gazetteer:.2f}s")


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
