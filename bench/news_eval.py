"""Accuracy on real news: every gold set of ``../shared/data/``, the seed and PLOVER dev.

Usage: .venv/bin/python bench/news_eval.py [--sets wikinews_fr ...] [--half work|check|both]
                                           [--keep DIR] [--json]

For each Wikinews set (``wikinews_fr``, ``wikinews_fr2``, ``wikinews_en``) and each
half, the articles are read with ``veille.read.read_paths`` and extracted with
``veille.pipeline.extract_many``; then, with the shared scorers by path:

- events P/R/F1: ``../shared/eval/score.py GOLD PRED --json``;
- actor codes and quote speakers: ``../shared/eval/score_layers.py actors|quotes``;
- events veille puts in articles with no gold event (science, sport, culture).

Halves are fixed by article id: the *check* half is the articles whose
``int(sha1(base).hexdigest(), 16) % 2 == 1``, ``base`` being the id without a trailing
``-en``; the rest is the *work* half. Study misses on the work half only.

The seed article and PLOVER dev (en, fr) are scored whole. ``--keep DIR`` keeps the
predictions (``DIR/<set>.<half>.jsonl``), the input of ``bench/event_diff.py``.
The gold files are read where they are and filtered into a temporary folder, never
copied into the project.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_eval import SEED, SHARED, run_scorer, write_predictions  # noqa: E402

DATA = SHARED / "data"
LAYERS = SHARED / "eval" / "score_layers.py"
WIKINEWS = ("wikinews_fr", "wikinews_fr2", "wikinews_en")


def half_of(doc: str) -> str:
    """'check' or 'work': the fixed half of an article id (an English rendering goes with
    its French original)."""
    base = doc[:-3] if doc.endswith("-en") else doc
    return "check" if int(hashlib.sha1(base.encode("utf-8")).hexdigest(), 16) % 2 == 1 else "work"


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _layer(kind: str, gold: Path, pred: Path) -> float | None:
    if not gold.exists() or not gold.read_text(encoding="utf-8").strip():
        return None
    out = subprocess.run(["python3", str(LAYERS), kind, str(gold), str(pred)], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"\(([0-9.]+)\)", out)
    return float(m.group(1)) if m else None


def score_set(name: str, halves: list[str], tmp: Path, keep: Path | None) -> list[dict[str, Any]]:
    """Figures of one Wikinews set, per half."""
    from veille.read import read_paths

    folder = DATA / name
    articles = [a for a in read_paths([str(folder / "articles.jsonl")]) if hasattr(a, "text")]
    gold = _lines(folder / "gold.jsonl")
    quotes = _lines(folder / "quotes_gold.jsonl") if (folder / "quotes_gold.jsonl").exists() else []
    rows = []
    for half in halves:
        part = [a for a in articles if half_of(a.id) == half]
        docs = {a.id for a in part}
        pred = (keep or tmp) / f"{name}.{half}.jsonl"
        write_predictions(part, pred)
        gold_half = _write(tmp / f"{name}.{half}.gold.jsonl", [g for g in gold if str(g["doc"]) in docs])
        quotes_half = _write(tmp / f"{name}.{half}.quotes.jsonl", [q for q in quotes if str(q["doc"]) in docs])
        events = json.loads(run_scorer(gold_half, pred, "--json"))
        political = {str(g["doc"]) for g in gold}
        quiet = [p for p in _lines(pred) if str(p["article"]["id"]) not in political]
        rows.append({"set": name, "half": half, "articles": len(part),
                     "gold_events": sum(1 for g in gold if str(g["doc"]) in docs),
                     "p": events.get("precision"), "r": events.get("recall"), "f1": events.get("f1"),
                     "actors": _layer("actors", gold_half, pred), "speakers": _layer("quotes", quotes_half, pred),
                     "nonpolitical_articles": len(quiet),
                     "nonpolitical_events": sum(len(p["events"]) for p in quiet)})
    return rows


def score_seed(tmp: Path, keep: Path | None) -> dict[str, Any]:
    from veille.read import read_paths

    pred = (keep or tmp) / "seed.jsonl"
    write_predictions(read_paths([str(SEED / "article.txt")], lang="fr"), pred)
    events = json.loads(run_scorer(SEED / "gold.jsonl", pred, "--json", "--doc", "seed"))
    return {"set": "seed", "half": "-", "p": events.get("precision"), "r": events.get("recall"),
            "f1": events.get("f1")}


def score_plover(lang: str, tmp: Path, keep: Path | None) -> dict[str, Any]:
    from veille.read import read_paths

    pred = (keep or tmp) / f"plover_{lang}.jsonl"
    write_predictions(read_paths([str(DATA / "plover" / f"input_dev_{lang}.jsonl")]), pred)
    events = json.loads(run_scorer(DATA / "plover" / f"gold_dev_{lang}.jsonl", pred, "--json"))
    return {"set": f"plover_{lang}", "half": "dev", "p": events.get("precision"), "r": events.get("recall"),
            "f1": events.get("f1")}


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ("-" if value is None else str(value))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=[*WIKINEWS, "seed", "plover"])
    ap.add_argument("--half", choices=["work", "check", "both"], default="both")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON lines")
    args = ap.parse_args()
    halves = ["work", "check"] if args.half == "both" else [args.half]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name in args.sets:
            if name in WIKINEWS:
                rows += score_set(name, halves, tmp, args.keep)
            elif name == "seed":
                rows.append(score_seed(tmp, args.keep))
            elif name == "plover":
                rows += [score_plover(lang, tmp, args.keep) for lang in ("en", "fr")]
            else:
                ap.error(f"unknown set {name}")
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return
    print(f"{'set':13} {'half':5} {'P':>6} {'R':>6} {'F1':>6} {'actors':>7} {'speak':>6} {'non-pol ev':>10}")
    for row in rows:
        extra = f"{row['nonpolitical_events']}/{row['nonpolitical_articles']}" if "nonpolitical_events" in row else "-"
        print(f"{row['set']:13} {row['half']:5} {_fmt(row['p']):>6} {_fmt(row['r']):>6} {_fmt(row['f1']):>6} "
              f"{_fmt(row.get('actors')):>7} {_fmt(row.get('speakers')):>6} {extra:>10}")


if __name__ == "__main__":
    main()
