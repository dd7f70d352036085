"""Score the pipeline on the seed article with the shared scorer (issue 6, validation).

Usage: .venv/bin/python bench/seed_eval.py [--per-event] [--keep FILE]

Runs ``veille.pipeline.extract_many`` on ``../shared/corpus/seed/article.txt`` (id
``seed``), writes the output contract as JSONL to a temporary file and runs
``python3 ../shared/eval/score.py`` on it by path, printing its figures.
``--per-event`` also lists the gold events with the prediction matched to each
(through ``veille.evaluate``, the same rule) and the unmatched predictions.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
SEED = SHARED / "corpus" / "seed"


def write_predictions(articles: Iterable[object], path: Path) -> int:
    """Run the pipeline over ``articles`` and write one output-contract line each."""
    from veille.pipeline import extract_many
    from veille.records import Failure

    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in extract_many(a for a in articles if not isinstance(a, Failure)):  # type: ignore[misc]
            if isinstance(r, Failure):
                print(f"{r.code} {r.message}", file=sys.stderr)
                continue
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def run_scorer(gold: Path, pred: Path, *extra: str) -> str:
    """Output of ``python3 shared/eval/score.py GOLD PRED [extra]`` (raises on failure)."""
    done = subprocess.run(["python3", str(SCORER), str(gold), str(pred), *extra],
                          capture_output=True, text=True, check=True)
    return done.stdout


def per_event(gold: Path, pred: Path) -> None:
    """Gold events with their match (first free prediction, as the scorer), then the rest."""
    from veille.evaluate import event_matches, load_gold, load_predictions

    golds, preds = load_gold(gold), load_predictions(pred)
    for doc, gs in golds.items():
        ps = preds.get(doc, [])
        free = list(range(len(ps)))
        for g in gs:
            j = next((j for j in free if event_matches(g, ps[j])), None)
            src = "+".join(a["code"] for a in g.get("source", []))
            tgt = "+".join(a["code"] for a in g.get("target", []))
            head = f"gold {g.get('n'):>3} {g['cameo'] if 'cameo' in g else g['plover']:>10} {src}->{tgt}"
            if j is None:
                print(f"{head:48} MISSED  ({g.get('trigger')})")
                continue
            free.remove(j)
            p = ps[j]
            print(f"{head:48} ok {p['cameo']} {_actors(p)} date {(p.get('date') or {}).get('value')}"
                  f"/{g.get('date')} mod {p.get('modality')}/{g.get('modality')}")
        for j in free:
            p = ps[j]
            print(f"{'  extra':48} {p['cameo']} {_actors(p)} '{p['trigger']['text']}' {p.get('rule')}")


def _actors(p: dict) -> str:  # type: ignore[type-arg]
    return ("+".join(a["code"] for a in p.get("source", [])) + "->"
            + "+".join(a["code"] for a in p.get("target", [])))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-event", action="store_true")
    ap.add_argument("--keep", type=Path, help="also keep the predictions in this file")
    args = ap.parse_args()
    from veille.read import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        pred = args.keep or Path(tmp) / "seed.jsonl"
        write_predictions(read_paths([str(SEED / "article.txt")], article_id="seed"), pred)
        print(f"$ python3 {SCORER} {SEED / 'gold.jsonl'} {pred}")
        print(run_scorer(SEED / "gold.jsonl", pred), end="")
        if args.per_event:
            per_event(SEED / "gold.jsonl", pred)


if __name__ == "__main__":
    main()
