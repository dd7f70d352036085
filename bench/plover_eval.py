"""Score the pipeline on the PLOVER gold dev half, English and French (issue 6, validation).

Usage: .venv/bin/python bench/plover_eval.py [--lang en fr] [--keep DIR] [--errors]

Each line of ``../shared/data/plover/input_dev_{lang}.jsonl`` is a one-sentence
article (id = the gold ``doc``, language from ``lang``, published from ``date``),
read with ``veille.read.read_paths`` and run through ``veille.pipeline.extract_many``.
The predictions are written to a temporary JSONL file and scored with
``python3 ../shared/eval/score.py gold_dev_{lang}.jsonl PRED`` by path. Then, per
PLOVER category, matched / gold / predicted counts (gold events matched in file
order to the first free prediction of their document, the scorer's rule, through
``veille.evaluate``), to guide lexicon work. ``--errors`` lists the missed gold
events with what was predicted for their sentence.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_eval import SHARED, run_scorer, write_predictions  # noqa: E402

PLOVER = SHARED / "data" / "plover"


def breakdown(gold_path: Path, pred_path: Path, errors: bool = False) -> None:
    """Print matched/gold/pred per PLOVER event (gold label for gold, predicted for pred)."""
    from veille.evaluate import PLOVER_RENAMED, event_matches, load_gold, load_predictions

    golds, preds = load_gold(gold_path), load_predictions(pred_path)
    n_gold, n_match, n_pred = Counter(), Counter(), Counter()  # type: ignore[var-annotated]
    missed: list[str] = []
    for doc, ps in preds.items():
        for p in ps:
            n_pred[(p.get("plover") or {}).get("event") or f"(none:{p.get('root')})"] += 1
    for doc, gs in golds.items():
        ps = preds.get(doc, [])
        free = list(range(len(ps)))
        for g in gs:
            label = PLOVER_RENAMED.get(g["plover"], g["plover"])
            n_gold[label] += 1
            j = next((j for j in free if event_matches(g, ps[j])), None)
            if j is not None:
                free.remove(j)
                n_match[label] += 1
            elif errors:
                src = "+".join(a["code"] for a in g.get("source", []))
                tgt = "+".join(a["code"] for a in g.get("target", []))
                got = "; ".join(f"{(p.get('plover') or {}).get('event')}/{p['cameo']} "
                                + "+".join(a["code"] for a in p["source"]) + "->"
                                + "+".join(a["code"] for a in p["target"]) for p in ps) or "nothing"
                missed.append(f"  {doc:32} {label:12} {src}->{tgt:14} got: {got}\n"
                              f"      {g['sentence'].strip()[:160]}")
    print(f"  {'PLOVER event':14} {'matched':>7} {'gold':>5} {'pred':>5}   recall  precision")
    for label in sorted(set(n_gold) | set(n_pred), key=lambda k: (-n_gold[k], k)):
        rec = f"{n_match[label] / n_gold[label]:.2f}" if n_gold[label] else "  - "
        prec = f"{n_match[label] / n_pred[label]:.2f}" if n_pred[label] else "  - "
        print(f"  {label:14} {n_match[label]:7d} {n_gold[label]:5d} {n_pred[label]:5d}   {rec:>6}  {prec:>9}")
    if missed:
        print("missed gold events:")
        print("\n".join(missed))


def evaluate(lang: str, out_dir: Path, errors: bool = False) -> dict[str, float]:
    """Run, score and print one language; returns the scorer's figures."""
    from veille.read import read_paths

    gold = PLOVER / f"gold_dev_{lang}.jsonl"
    pred = out_dir / f"plover_dev_{lang}.jsonl"
    write_predictions(read_paths([str(PLOVER / f"input_dev_{lang}.jsonl")]), pred)
    print(f"== {lang}: $ python3 {SHARED / 'eval' / 'score.py'} {gold} {pred}")
    figures = json.loads(run_scorer(gold, pred, "--json"))
    print("   " + "  ".join(f"{k} {figures[k]}" for k in ("gold", "pred", "matched", "precision",
                                                          "recall", "f1", "modality_accuracy")))
    breakdown(gold, pred, errors)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", nargs="+", default=["en", "fr"], choices=["en", "fr"])
    ap.add_argument("--keep", type=Path, help="write the predictions in this folder")
    ap.add_argument("--errors", action="store_true", help="list missed gold events")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        summary = {lang: evaluate(lang, out, args.errors) for lang in args.lang}
    for lang, f in summary.items():
        print(f"PLOVER dev {lang}: P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}")


if __name__ == "__main__":
    main()
