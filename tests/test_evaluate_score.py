"""veille eval prints the same figures as shared/eval/score.py (CAMEO and PLOVER gold)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.evaluate import event_matches, score

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
SEED_GOLD = SHARED / "corpus" / "seed" / "gold.jsonl"
PLOVER_GOLD = SHARED / "data" / "plover" / "gold_dev_fr.jsonl"


def _gold(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _pred_event(g: dict, i: int, perturb: bool) -> dict:
    """A predicted event built from a gold one; ``perturb`` spoils some fields by index."""
    root = (g.get("cameo") or "01")[:2]
    plover = g.get("plover")
    src = [{"code": a["code"]} for a in g.get("source", [])]
    tgt = [{"code": a["code"]} for a in g.get("target", [])]
    date, modality = g.get("date"), g.get("modality", "asserted")
    attribution = [{"code": g["according_to"]}] if g.get("according_to") else []
    if perturb:
        if i % 4 == 1:
            src = [{"code": "FRAGOV"}]
        if i % 5 == 2:
            root, plover = "19", "ASSAULT"
        if i % 3 == 0:
            date = "1999-01-01"
        if i % 6 == 3:
            modality = "negated"
        if i % 7 == 4:
            attribution = [{"code": "---MED"}]
        if i % 8 == 5:
            src, tgt = tgt, src
    return {"cameo": root + "0", "root": root, "plover": {"event": plover, "mode": None},
            "source": src, "target": tgt, "date": {"value": date}, "modality": modality,
            "attribution": attribution}


def _write_pred(tmp_path: Path, gold: list[dict], perturb: bool, drop_every: int = 0,
                extra: int = 0, limit_docs: int | None = None) -> Path:
    docs: dict[str, list[dict]] = {}
    for i, g in enumerate(gold):
        docs.setdefault(str(g["doc"]), [])
        if drop_every and i % drop_every == 0:
            continue
        docs[str(g["doc"])].append(_pred_event(g, i, perturb))
    for k in range(extra):
        docs.setdefault("unknown-doc", []).append(
            {"root": "04", "cameo": "040", "source": [{"code": "USAGOV"}], "target": []})
        first = next(iter(docs))
        docs[first].append({"root": "05", "cameo": "051", "source": [{"code": "IGOUNO"}],
                            "target": [{"code": "PRK"}], "attribution": [{"code": "PRKMED"}]})
    path = tmp_path / "pred.jsonl"
    items = list(docs.items())[:limit_docs]
    path.write_text("".join(json.dumps({"article": {"id": d}, "events": evs}) + "\n" for d, evs in items),
                    encoding="utf-8")
    return path


CASES = [
    (SEED_GOLD, dict(perturb=False)),
    (SEED_GOLD, dict(perturb=True)),
    (SEED_GOLD, dict(perturb=True, drop_every=3, extra=2)),
    (PLOVER_GOLD, dict(perturb=False, limit_docs=40)),
    (PLOVER_GOLD, dict(perturb=True, drop_every=5, extra=3)),
]


@pytest.mark.parametrize("gold,opts", CASES, ids=["seed", "seed-perturbed", "seed-dropped",
                                                  "plover", "plover-perturbed"])
@pytest.mark.parametrize("flags", [[], ["--json"], ["--json", "--per-doc"], ["--per-doc"]])
def test_evaluate_agrees_with_score_py(tmp_path, gold, opts, flags):
    pred = _write_pred(tmp_path, _gold(gold), **opts)
    ref = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), *flags],
                         capture_output=True, text=True, check=True).stdout
    ours = CliRunner().invoke(app, ["eval", str(gold), str(pred), *flags])
    assert ours.exit_code == 0, ours.output
    assert ours.stdout == ref


def test_evaluate_doc_override(tmp_path):
    gold = _gold(SEED_GOLD)
    pred = tmp_path / "one.jsonl"
    events = [_pred_event(g, i, True) for i, g in enumerate(gold)]
    pred.write_text(json.dumps({"article": {"id": "some-hash"}, "events": events}) + "\n", encoding="utf-8")
    ref = subprocess.run([sys.executable, str(SCORER), str(SEED_GOLD), str(pred), "--doc", "seed", "--json"],
                         capture_output=True, text=True, check=True).stdout
    ours = CliRunner().invoke(app, ["eval", str(SEED_GOLD), str(pred), "--doc", "seed", "--json"])
    assert ours.stdout == ref
    assert json.loads(ref)["matched"] > 0


@pytest.mark.parametrize("gold,pred,ok", [
    ({"cameo": "036", "source": [{"code": "RUSGOV"}], "target": [{"code": "PRKGOV"}]},
     {"root": "03", "source": [{"code": "RUSMIL"}], "target": [{"code": "PRK"}]}, True),
    ({"cameo": "036", "alt": ["04"], "source": [{"code": "RUS"}], "target": []},
     {"root": "04", "source": [{"code": "RUS"}], "target": []}, True),
    ({"cameo": "036", "source": [{"code": "RUS"}], "target": []},
     {"root": "03", "source": [{"code": "RUS"}], "target": [{"code": "PRK"}]}, False),
    ({"cameo": "040", "source": [{"code": "RUS"}, {"code": "PRK"}], "target": []},
     {"root": "04", "source": [{"code": "PRKGOV"}], "target": [{"code": "RUSGOV"}]}, True),
    ({"cameo": "040", "source": [{"code": "RUS"}, {"code": "PRK"}], "target": []},
     {"root": "04", "source": [{"code": "PRKGOV"}], "target": [{"code": "USAGOV"}]}, False),
    ({"cameo": "040", "source": [{"code": "IGO"}], "target": []},
     {"root": "04", "source": [{"code": "IGOUNO"}], "target": []}, True),
    ({"cameo": "040", "source": [{"code": "JAP"}], "target": []},
     {"root": "04", "source": [{"code": "JPNGOV"}], "target": []}, True),
    ({"plover": "DEMAND", "source": [{"code": "USA"}], "target": []},
     {"plover": {"event": "REQUEST"}, "source": [{"code": "USA"}], "target": []}, True),
])
def test_evaluate_matching_rule(gold, pred, ok):
    assert event_matches(gold, pred) is ok


@pytest.mark.parametrize("content", ["{not json", '{"no": "doc"}'])
def test_evaluate_bad_gold_is_e601(tmp_path, content):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad), str(bad)])
    assert result.exit_code == 2 and "E601" in result.output
    with pytest.raises(Exception):
        score(bad, bad)
