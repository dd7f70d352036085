"""Scoring of predictions against a gold file (the rule of DESIGN.md "Scoring").

A predicted event matches a gold event when its label agrees (CAMEO root, or the
PLOVER event for PLOVER gold, the gold's ``alt`` included), the source countries
intersect, and the target countries intersect or both are empty; a gold event with
several sources and no target is symmetric (either direction among them counts).
Gold events are taken in file order, each matching the first unused prediction of
its document. Figures are those of ``shared/eval/score.py``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from veille.errors import E601, VeilleError

#: PLOVER 0.5 labels of older gold files → PLOVER 2.0.
PLOVER_RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                  "FIGHT": "ASSAULT", "ENGAGE": "COOPERATE"}
#: Old CAMEO country codes → ISO 3166 alpha-3.
OLD_COUNTRY = {"JAP": "JPN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BRM": "MMR"}
INTERNATIONAL = ("IGO", "NGO")

Json = dict[str, Any]


def country(code: str | None) -> str | None:
    """What an actor code is compared on: its country, or the whole code of an IGO/NGO."""
    if not code:
        return None
    code = code.upper()
    if code.startswith(INTERNATIONAL):
        return code
    return OLD_COUNTRY.get(code[:3], code[:3])


def countries(actors: Iterable[Json] | None) -> set[str]:
    """Known countries of a list of actors (unknown ``---`` left out)."""
    found = (country(a.get("code")) for a in actors or [])
    return {c for c in found if c and c != "---"}


def same_actor(a: str, b: str) -> bool:
    """Equal countries; an IGO/NGO code also agrees with a code it refines (IGO ~ IGOUNO)."""
    if a.startswith(INTERNATIONAL) or b.startswith(INTERNATIONAL):
        return a.startswith(b) or b.startswith(a)
    return a == b


def overlap(xs: set[str], ys: set[str]) -> bool:
    return any(same_actor(x, y) for x in xs for y in ys)


def _plover(label: str | None) -> str | None:
    return PLOVER_RENAMED.get(label, label) if label else label


def accepted_labels(gold: Json) -> tuple[bool, set[str | None]]:
    """(is_plover, labels a prediction may carry) for one gold event."""
    if "plover" in gold:
        return True, {_plover(x) for x in [gold["plover"], *gold.get("alt", [])]}
    return False, {code[:2] for code in [gold["cameo"], *gold.get("alt", [])]}


def predicted_label(pred: Json, plover: bool) -> str | None:
    if plover:
        return _plover((pred.get("plover") or {}).get("event"))
    return pred.get("root") or (pred.get("cameo") or "")[:2]


def event_matches(gold: Json, pred: Json) -> bool:
    """The matching rule for one gold and one predicted event."""
    plover, labels = accepted_labels(gold)
    if predicted_label(pred, plover) not in labels:
        return False
    g_src, p_src = countries(gold.get("source")), countries(pred.get("source"))
    g_tgt, p_tgt = countries(gold.get("target")), countries(pred.get("target"))
    if g_src and not overlap(g_src, p_src):
        return False
    if len(g_src) > 1 and not g_tgt:  # symmetric: every predicted actor is one of the gold's
        return all(overlap({x}, g_src) for x in p_src | p_tgt)
    if not g_tgt and not p_tgt:
        return True
    return overlap(g_tgt, p_tgt)


def date_agrees(gold: Json, pred: Json) -> bool | None:
    """Date compared at the gold's granularity; None when the gold has no date."""
    want = gold.get("date")
    if not want:
        return None
    have = (pred.get("date") or {}).get("value") or ""
    return have[:len(want)] == want


def attribution_agrees(gold: Json, pred: Json) -> bool:
    want = country(gold.get("according_to"))
    have = {country(a.get("code")) for a in pred.get("attribution") or []}
    have.discard(None)
    if not want:
        return not have
    return overlap({want}, {h for h in have if h})


def _lines(path: str | Path) -> Iterable[tuple[int, Json]]:
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield n, json.loads(line)
    except (OSError, UnicodeDecodeError) as exc:
        raise VeilleError(E601, path=path, detail=str(exc)) from exc
    except json.JSONDecodeError as exc:
        raise VeilleError(E601, path=path, detail=f"line {n}: {exc}") from exc


def load_gold(path: str | Path) -> dict[str, list[Json]]:
    """Gold events per document, in file order."""
    out: dict[str, list[Json]] = {}
    for n, event in _lines(path):
        if "doc" not in event or ("cameo" not in event and "plover" not in event):
            raise VeilleError(E601, path=path, detail=f"line {n}: needs 'doc' and 'cameo' or 'plover'")
        out.setdefault(str(event["doc"]), []).append(event)
    return out


def load_predictions(path: str | Path, doc: str | None = None) -> dict[str, list[Json]]:
    """Predicted events per article id (or all under ``doc``); a later line for an id wins."""
    out: dict[str, list[Json]] = {}
    for n, article in _lines(path):
        try:
            key = doc or str(article["article"]["id"])
        except (KeyError, TypeError) as exc:
            raise VeilleError(E601, path=path, detail=f"line {n}: no article.id") from exc
        out[key] = article.get("events", [])
    return out


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score(gold_path: str | Path, pred_path: str | Path, doc: str | None = None) -> Json:
    """Precision, recall, F1 and, over matched events, date/modality/attribution accuracy."""
    gold = load_gold(gold_path)
    pred = load_predictions(pred_path, doc)
    doc_ids = sorted(set(gold) if doc else set(gold) | set(pred))
    matched = n_gold = n_pred = 0
    dates_ok = dates = modality_ok = attribution_ok = 0
    per_doc: dict[str, Json] = {}
    for doc_id in doc_ids:
        golds, preds = gold.get(doc_id, []), pred.get(doc_id, [])
        free = list(range(len(preds)))
        hits = 0
        for g in golds:
            j = next((j for j in free if event_matches(g, preds[j])), None)
            if j is None:
                continue
            free.remove(j)
            hits += 1
            p = preds[j]
            same_day = date_agrees(g, p)
            if same_day is not None:
                dates += 1
                dates_ok += same_day
            modality_ok += p.get("modality") == g.get("modality", "asserted")
            attribution_ok += attribution_agrees(g, p)
        matched += hits
        n_gold += len(golds)
        n_pred += len(preds)
        per_doc[doc_id] = {"gold": len(golds), "pred": len(preds), "matched": hits}
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"docs": len(doc_ids), "gold": n_gold, "pred": n_pred, "matched": matched,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "date_accuracy": _ratio(dates_ok, dates),
            "modality_accuracy": _ratio(modality_ok, matched),
            "attribution_accuracy": _ratio(attribution_ok, matched),
            "per_doc": per_doc}


def format_score(result: Json, as_json: bool = False, per_doc: bool = False) -> str:
    """The report as score.py prints it (text table or indented JSON)."""
    shown = {k: v for k, v in result.items() if k != "per_doc" or per_doc}
    if as_json:
        return json.dumps(shown, indent=1)
    lines = [f"{k:22} {v}" for k, v in shown.items() if k != "per_doc"]
    for doc_id, row in shown.get("per_doc", {}).items():
        lines.append(f"  {doc_id:24} gold {row['gold']:3}  pred {row['pred']:3}  matched {row['matched']:3}")
    return "\n".join(lines)
