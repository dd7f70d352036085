"""Adding a language is adding a pack: a toy Spanish pack (a few words, written here),
registered at run time, and every stage after the parser run on a hand-built Spanish
``Doc`` (spaCy 3.8 has no Spanish model on PyPI; the pipeline takes a parsed Doc)."""
from __future__ import annotations

import re
import shutil
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import Doc

from veille.lang import PACKS_DIR, has_pack, languages, load_folder, pack_for, register, unregister
from veille.pipeline import analyse
from veille.records import Article

PACK = """version: 1
code: es
iso639_3: spa
spacy_code: es
noun_modifiers_precede_head: false
month_names_capitalised: false
"""
SYNTAX = """version: 1
profile: ud
neg_lemmas: ["no", nunca, jamás]
reflexive: [se]
rel_pronouns: [que, quien, cual]
object_control: [invitar, instar, pedir]
locative: [en]
preposition_forms: {al: a, del: de}
entity_labels: {person: PER, country: LOC, capital: LOC, org: ORG, metonym: ORG}
"""
ROLES = """entries:
- {id: president, words: [presidente], sector: GOV, office: head_of_state}
- {id: government, generic: true, words: [gobierno], sector: GOV}
"""
EVENTS = """language: es
version: 1
codes:
  "111":
    - {lemma: condenar, target: obj}
  "190":
    - {lemma: atacar, target: obj}
"""
CUE_ENTRIES = """entries:
  - {lemma: "decir", kind: verb, tone: neutral}
  - {lemma: "afirmar", kind: verb, tone: neutral}
"""


def _spanish(folder: Path) -> Path:
    """A pack folder: Spanish words where the test needs them, the English pack's files
    (relabelled) for the layers the sentence does not exercise."""
    en = PACKS_DIR / "en"
    folder.mkdir()
    for name in ("coreference.yaml", "modality.yaml", "times.yaml"):
        text = (en / name).read_text(encoding="utf-8")
        text = re.sub(r"^(language|lang): en$", r"\1: es", text, flags=re.M)
        text = re.sub(r"^(determiners|definite): .*$", r"\1: [el, El, la, La, los, Los, las, Las]", text, flags=re.M)
        (folder / name).write_text(text, encoding="utf-8")
    cues = (en / "cues.yaml").read_text(encoding="utf-8")
    cues = re.sub(r"^language: en$", "language: es", cues, flags=re.M)
    (folder / "cues.yaml").write_text(cues[:re.search(r"^entries:", cues, re.M).start()] + CUE_ENTRIES,
                                      encoding="utf-8")
    demonyms = (en / "demonyms.yaml").read_text(encoding="utf-8")
    demonyms = demonyms[:re.search(r"^entries:", demonyms, re.M).start()] + "entries:\n- {code: RUS, adj: [ruso]}\n- {code: UKR, adj: [ucraniano]}\n"
    (folder / "demonyms.yaml").write_text(demonyms, encoding="utf-8")
    for name, text in (("pack.yaml", PACK), ("syntax.yaml", SYNTAX), ("roles.yaml", ROLES), ("events.yaml", EVENTS)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def spanish_pack(tmp_path):
    morphology = SimpleNamespace(
        plural=lambda phrase: phrase + ("es" if phrase[-1] not in "aeiou" else "s"),
        demonym_forms=lambda adj: [adj, adj[:-1] + "a", adj + "s", adj[:-1] + "as"])
    pack = load_folder(_spanish(tmp_path / "es"), hooks=morphology)  # type: ignore[arg-type]
    register(pack)
    yield pack
    unregister("es")
    shutil.rmtree(tmp_path / "es")


def _doc() -> Doc:
    """'El presidente ruso condenó al gobierno ucraniano.' parsed by hand (UD labels)."""
    words = ["El", "presidente", "ruso", "condenó", "al", "gobierno", "ucraniano", "."]
    return Doc(spacy.blank("es").vocab, words=words, spaces=[True] * 6 + [False, False],
               heads=[1, 3, 1, 3, 5, 3, 5, 3],
               deps=["det", "nsubj", "amod", "ROOT", "case", "obj", "amod", "punct"],
               pos=["DET", "NOUN", "ADJ", "VERB", "ADP", "NOUN", "ADJ", "PUNCT"],
               lemmas=["el", "presidente", "ruso", "condenar", "al", "gobierno", "ucraniano", "."],
               morphs=["", "Number=Sing", "Number=Sing", "Mood=Ind|Tense=Past|VerbForm=Fin", "", "Number=Sing",
                       "Number=Sing", ""])


def test_a_registered_pack_is_a_language(spanish_pack):
    assert has_pack("es") and "es" in languages() and pack_for("es") is spanish_pack
    assert pack_for("es").plural("presidente") == "presidentes"


def test_every_stage_after_the_parser_runs_on_spanish(spanish_pack):
    doc = _doc()
    article = Article(id="es-1", text=doc.text, language="es",
                      published=datetime(2024, 3, 5, 10, 0, tzinfo=timezone.utc))
    out = analyse(article, doc)
    assert out.errors == []  # no stage failed
    codes = {(m.text, m.code) for m in out.actors}
    assert ("El presidente ruso", "RUSGOV") in codes and ("gobierno ucraniano", "UKRGOV") in codes
    (event,) = out.events
    assert event.cameo == "111" and event.trigger.text == "condenó"
    assert [a.code for a in event.source] == ["RUSGOV"] and [a.code for a in event.target] == ["UKRGOV"]
    assert event.rule.startswith("es/events.yaml#")
    assert out.times == [] and out.quotes == []
