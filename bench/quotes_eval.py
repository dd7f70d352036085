"""Speaker accuracy of veille.quotes on tests/quotes/sentences.tsv (and speed on the seed article).

Usage: .venv/bin/python bench/quotes_eval.py [--verbose]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from veille.quotes.testing import plain_pipeline as load_pipeline
from veille.quotes import find_quotes
from veille.quotes.table import check_case, load_table, speaker_ok
from veille.records import Article

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "tests" / "quotes" / "sentences.tsv"
SEED = REPO.parent / "shared" / "corpus" / "seed" / "article.txt"


def main(verbose: bool = False) -> int:
    cases = load_table(TABLE)
    by_lang: dict[str, list[tuple[bool, bool]]] = {}
    t0 = time.perf_counter()
    for lang in ("fr", "en"):
        subset = [c for c in cases if c.lang == lang]
        nlp = load_pipeline(lang)
        for case, doc in zip(subset, nlp.pipe(c.text for c in subset)):
            art = Article(id=f"case{case.line}", text=case.text, language=lang)
            quotes = find_quotes(doc, art, [])
            ok, why = check_case(case, quotes)
            by_lang.setdefault(lang, []).append((speaker_ok(case, quotes), ok))
            if verbose and not ok:
                print(f"  FAIL line {case.line} [{lang}] {case.text[:70]!r}: {why}")
    total = [r for rs in by_lang.values() for r in rs]
    for lang, rs in by_lang.items():
        print(f"{lang}: speaker accuracy {sum(a for a, _ in rs)}/{len(rs)} = {sum(a for a, _ in rs) / len(rs):.3f}"
              f"   full case (speaker + speech flag) {sum(b for _, b in rs)}/{len(rs)}")
    print(f"all: speaker accuracy {sum(a for a, _ in total)}/{len(total)} = {sum(a for a, _ in total) / len(total):.3f}"
          f"   full case {sum(b for _, b in total)}/{len(total)}   ({time.perf_counter() - t0:.1f}s incl. parsing)")
    if SEED.is_file():
        from veille.read.text import parse_dispatch

        art = parse_dispatch(SEED.read_text(encoding="utf-8"), source_path=str(SEED), language="fr")
        doc = load_pipeline("fr")(art.text)
        t1 = time.perf_counter()
        runs = 20
        for _ in range(runs):
            doc._.veille_speech = None
            quotes = find_quotes(doc, art, [])
        ms = (time.perf_counter() - t1) / runs * 1000
        print(f"seed article: {len(quotes)} quotes ({sum(q.kind == 'direct' for q in quotes)} direct), "
              f"{ms:.1f} ms per article for quotes after parsing ({len(doc)} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv or "-v" in sys.argv))
