"""Regression gate on the seed article (trafilatura-style eval gate).

Runs the pipeline on ``../shared/corpus/seed/article.txt`` (id ``seed``), scores it
against ``gold.jsonl`` with ``veille.evaluate`` (the rule of ``shared/eval/score.py``),
prints the figures and fails when F1 falls under the pinned floor. The floor sits
about 0.05 under the figure measured when it was pinned: raise it when the coder
improves; a coding change that lowers it shows up in review. Also checks output
invariants every event must satisfy.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veille.evaluate import format_score, score
from veille.pipeline import extract_many
from veille.read import read_paths
from veille.records import Extraction

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "corpus" / "seed"
F1_FLOOR = 0.85  # measured 0.894 (P 0.955, R 0.84; date 0.94, modality 1.0, attribution 1.0) when pinned
MODALITIES = {"asserted", "future", "hypothetical", "negated"}
BASES = {"text", "tense", "publication"}


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The seed article's output contract, and the JSONL file holding it."""
    [result] = list(extract_many(read_paths([str(SEED / "article.txt")], article_id="seed")))
    assert isinstance(result, Extraction), result
    out = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    data = result.to_dict()
    out.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return data, out


def test_regression_seed_f1_floor(seed_output: tuple[dict[str, Any], Path]) -> None:
    result = score(SEED / "gold.jsonl", seed_output[1])
    print("\nseed:\n" + format_score(result))
    assert result["f1"] >= F1_FLOOR, format_score(result)
    # the criteria: date and modality right for at least 90% of matched events
    assert result["date_accuracy"] >= 0.90 and result["modality_accuracy"] >= 0.90, format_score(result)


def test_regression_seed_no_stage_error(seed_output: tuple[dict[str, Any], Path]) -> None:
    assert seed_output[0]["errors"] == []


@pytest.mark.parametrize("check", ["source", "modality", "date", "rule", "offsets"])
def test_regression_seed_event_invariants(seed_output: tuple[dict[str, Any], Path], check: str) -> None:
    """Every event has a coded source, a known modality, a valid date basis, a rule
    naming a lexicon entry, and a trigger that is the text at its offsets."""
    data = seed_output[0]
    events = data["events"]
    assert events
    text = None
    if check == "offsets":
        [article] = list(read_paths([str(SEED / "article.txt")], article_id="seed"))
        text = article.text  # type: ignore[union-attr]
    for e in events:
        if check == "source":
            assert e["source"] and all(a.get("code") for a in e["source"]), e
        elif check == "modality":
            assert e["modality"] in MODALITIES, e
        elif check == "date":
            assert e["date"]["basis"] in BASES, e
            assert e["date"]["value"] is None or e["date"]["value"][:4].isdigit(), e
        elif check == "rule":
            assert e["rule"].startswith("fr/events.yaml#") and len(e["rule"].split("#")[1]) > 1, e
        else:
            assert text is not None
            assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"], e
