"""Data checks for the English event lexicon (veille/lang/en/events.yaml)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
LEXICON = REPO / "veille" / "lang" / "en" / "events.yaml"
CAMEO_TSV = REPO.parent / "shared" / "data" / "cameo" / "cameo_codes.tsv"

FIELDS = {"lemma", "pos", "obj", "xcomp", "source", "target", "symmetric", "id", "note"}
BASE_ROLES = {"subj", "obj", "iobj", "agent", "poss", "de", "between", "none"}
PREP = re.compile(r"^prep:[a-z]+$")


def _role_ok(role: str) -> bool:
    if role.startswith("xcomp."):
        role = role[len("xcomp."):]
    return role in BASE_ROLES or bool(PREP.match(role))


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries(data: dict) -> list[tuple[str, dict]]:
    return [(code, entry) for code, items in data["codes"].items() for entry in items]


@pytest.fixture(scope="module")
def cameo_codes() -> set[str]:
    with CAMEO_TSV.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle, delimiter="\t")}


def test_header(data: dict) -> None:
    assert data["language"] == "en"
    assert data["version"] == 1
    assert LEXICON.read_text(encoding="utf-8").startswith("#")


def test_codes_exist_and_ordered(data: dict, cameo_codes: set[str]) -> None:
    codes = list(data["codes"])
    assert all(isinstance(code, str) for code in codes)
    assert not set(codes) - cameo_codes
    assert codes == sorted(codes, key=lambda c: (c[:2], c))


def test_entry_schema(entries: list[tuple[str, dict]]) -> None:
    for code, entry in entries:
        where = f"{code}: {entry}"
        assert isinstance(entry, dict), where
        assert not set(entry) - FIELDS, where
        lemma = entry.get("lemma")
        assert isinstance(lemma, str) and lemma == lemma.strip() and lemma, where
        assert lemma == lemma.lower() and "  " not in lemma, where
        assert entry.get("pos", "verb") in {"verb", "noun"}, where
        for key in ("obj", "xcomp"):
            if key in entry:
                values = entry[key]
                assert isinstance(values, list) and values, where
                assert all(isinstance(v, str) and v and " " not in v for v in values), where
        for key in ("source", "target"):
            if key in entry:
                spec = entry[key]
                assert isinstance(spec, str), where
                assert all(_role_ok(role) for role in spec.split("|")), where
        if "symmetric" in entry:
            assert isinstance(entry["symmetric"], bool), where
        for key in ("id", "note"):
            if key in entry:
                assert isinstance(entry[key], str), where


def test_no_conflicting_duplicates(entries: list[tuple[str, dict]]) -> None:
    seen: dict[tuple, str] = {}
    for code, entry in entries:
        key = (
            entry["lemma"],
            entry.get("pos", "verb"),
            tuple(sorted(entry.get("obj", []))),
            tuple(sorted(entry.get("xcomp", []))),
        )
        assert seen.setdefault(key, code) == code, f"{key}: {seen[key]} vs {code}"


def test_explicit_ids_unique(entries: list[tuple[str, dict]]) -> None:
    ids = Counter(entry["id"] for _, entry in entries if "id" in entry)
    assert not [i for i, n in ids.items() if n > 1]


def test_no_attribution_verbs(entries: list[tuple[str, dict]]) -> None:
    plain = {e["lemma"] for _, e in entries if "obj" not in e and "xcomp" not in e}
    assert not plain & {"say", "tell", "report", "state", "add", "note"}


def test_coverage(entries: list[tuple[str, dict]]) -> None:
    assert len(entries) >= 1000
    roots = {code[:2] for code, _ in entries}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}
