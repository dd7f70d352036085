"""Data checks for the event lexicons (veille/lang/<code>/events.yaml), French and English.

The checks are the same for both languages except where a language has its own rules:
French lemmas write reflexives as "se X" and its lexicon carries extra guards (no empty
code group, no clashing obj/xcomp slots, a minimum per CAMEO root, noun / multi-word /
control entries); those stay French-only (``strict``). The loader check runs for both.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CAMEO_TSV = REPO.parent / "shared" / "data" / "cameo" / "cameo_codes.tsv"
FIELDS = {"lemma", "pos", "obj", "xcomp", "source", "target", "symmetric", "id", "note"}


@dataclass(frozen=True)
class Spec:
    lang: str
    roles: frozenset[str]
    prep: re.Pattern[str]
    attribution: frozenset[str]  # reporting verbs that must never be coded alone
    strict: bool  # the French extra guards


SPECS = {
    "en": Spec("en", frozenset({"subj", "obj", "iobj", "agent", "poss", "de", "between", "none"}),
               re.compile(r"^prep:[a-z]+$"), frozenset({"say", "tell", "report", "state", "add", "note"}), False),
    "fr": Spec("fr", frozenset({"subj", "obj", "iobj", "agent", "poss", "de", "between", "mod", "none"}),
               re.compile(r"^prep:[a-zàâçéèêëîïôûùüÿœ-]+$"),
               frozenset({"dire", "indiquer", "déclarer", "annoncer", "affirmer", "rapporter", "préciser",
                          "ajouter", "souligner", "expliquer", "estimer", "assurer"}), True),
}


def _lexicon(lang: str) -> Path:
    return REPO / "veille" / "lang" / lang / "events.yaml"


def _role_ok(role: str, spec: Spec) -> bool:
    if role.startswith("xcomp."):
        role = role[len("xcomp."):]
    return role in spec.roles or bool(spec.prep.match(role))


@pytest.fixture(scope="module", params=sorted(SPECS))
def spec(request: pytest.FixtureRequest) -> Spec:
    return SPECS[request.param]


@pytest.fixture(scope="module")
def data(spec: Spec) -> dict:
    return yaml.safe_load(_lexicon(spec.lang).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries(data: dict) -> list[tuple[str, dict]]:
    return [(code, entry) for code, items in data["codes"].items() for entry in items]


@pytest.fixture(scope="module")
def cameo_codes() -> set[str]:
    with CAMEO_TSV.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle, delimiter="\t")}


def test_header(data: dict, spec: Spec) -> None:
    assert data["language"] == spec.lang
    assert data["version"] == 1
    assert _lexicon(spec.lang).read_text(encoding="utf-8").startswith("#")


def test_codes_exist_and_ordered(data: dict, cameo_codes: set[str], spec: Spec) -> None:
    codes = list(data["codes"])
    assert all(isinstance(code, str) for code in codes)
    assert not set(codes) - cameo_codes
    assert codes == sorted(codes, key=lambda c: (c[:2], c))
    if spec.strict:
        assert all(data["codes"][code] for code in codes), "empty code group"


def test_entry_schema(entries: list[tuple[str, dict]], spec: Spec) -> None:
    for code, entry in entries:
        where = f"{code}: {entry}"
        assert isinstance(entry, dict), where
        assert not set(entry) - FIELDS, where
        lemma = entry.get("lemma")
        assert isinstance(lemma, str) and lemma == lemma.strip() and lemma, where
        assert lemma == lemma.lower() and "  " not in lemma, where
        if spec.strict:
            assert "'" not in lemma and "’" not in lemma, f"write 'se X', not s'X: {where}"
            words = lemma.split()
            assert words[0] != "se" or len(words) > 1, where
            assert not (entry.get("pos") == "noun" and words[0] == "se"), where
        assert entry.get("pos", "verb") in {"verb", "noun"}, where
        for key in ("obj", "xcomp"):
            if key in entry:
                values = entry[key]
                assert isinstance(values, list) and values, where
                assert all(isinstance(v, str) and v and " " not in v for v in values), where
                if spec.strict:
                    assert all(v == v.lower() for v in values), where
                    assert len(set(values)) == len(values), where
        for key in ("source", "target"):
            if key in entry:
                role_spec = entry[key]
                assert isinstance(role_spec, str), where
                assert all(_role_ok(role, spec) for role in role_spec.split("|")), where
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


def test_no_overlapping_constraints(entries: list[tuple[str, dict]], spec: Spec) -> None:
    """One (lemma, pos, obj word) or (lemma, pos, xcomp word) maps to one code only."""
    if not spec.strict:
        pytest.skip("French-only guard: the English lexicon still has such clashes (e.g. 'seek assistance')")
    seen: dict[tuple, str] = {}
    clashes = []
    for code, entry in entries:
        for key in ("obj", "xcomp"):
            for word in entry.get(key, []):
                slot = (entry["lemma"], entry.get("pos", "verb"), key, word)
                if seen.setdefault(slot, code) != code:
                    clashes.append(f"{slot}: {seen[slot]} vs {code}")
    assert not clashes, clashes


def test_ids_unique(entries: list[tuple[str, dict]]) -> None:
    ids = Counter(entry["id"] for _, entry in entries if "id" in entry)
    assert not [i for i, n in ids.items() if n > 1]


def test_no_attribution_verbs(entries: list[tuple[str, dict]], spec: Spec) -> None:
    plain = {e["lemma"] for _, e in entries if "obj" not in e and "xcomp" not in e}
    assert not plain & spec.attribution


def test_coverage(entries: list[tuple[str, dict]], spec: Spec) -> None:
    assert len(entries) >= 1000
    roots = Counter(code[:2] for code, _ in entries)
    assert set(roots) >= {f"{n:02d}" for n in range(1, 21)}
    if spec.strict:
        assert min(roots.values()) >= 10, roots
        nouns = sum(1 for _, e in entries if e.get("pos") == "noun")
        multi = sum(1 for _, e in entries if len(e["lemma"].split()) > 1)
        controls = sum(1 for _, e in entries if "xcomp" in e)
        assert nouns >= 150 and multi >= 300 and controls >= 40, (nouns, multi, controls)


def test_loader_accepts_file(spec: Spec) -> None:
    from veille.events.lexicon import load_lexicon_file

    lex = load_lexicon_file(_lexicon(spec.lang), spec.lang)
    assert len(lex.entries) >= 1000
