"""Syntax helpers shared by tagging and event dating: spans, attachment, tense."""
from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from veille.syntax.labels import labels_for

Tense = Literal["past", "pluperfect", "future", "conditional", "present"]
VERBAL = {"VERB", "AUX"}


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    """The token span covering characters ``start:end`` (expanded to token boundaries)."""
    return doc.char_span(start, end, alignment_mode="expand")


def attachment(span: Span) -> Token | None:
    """The token an expression modifies: the head of its root (an auxiliary yields its verb).

    ``None`` when the expression is the root of its sentence (a fragment or heading).
    """
    root = span.root
    head = root.head
    if head.i == root.i or head.i in range(span.start, span.end):
        return None
    if head.pos_ == "AUX" and head.dep_.startswith("aux"):
        head = head.head
    return head


def governing_verb(token: Token, limit: int = 4) -> Token | None:
    """The nearest verb at or above ``token`` (nouns take the tense of their clause)."""
    node = token
    for _ in range(limit):
        if node.pos_ in VERBAL:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return node if node.pos_ in VERBAL else None


def _has(tok: Token, feat: str, value: str) -> bool:
    return value in tok.morph.get(feat, [])


def clause_tense(token: Token) -> Tense | None:
    """Tense of the clause of ``token`` (French and English), from morphology and auxiliaries."""
    verb = governing_verb(token)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if not auxes and verb.dep_ == "conj" and verb.head.pos_ in VERBAL and _has(verb, "VerbForm", "Part"):
        return clause_tense(verb.head)  # "a accepté ... et réaffirmé": shared auxiliary
    lab = labels_for(verb.lang_)
    lemmas = {a.lemma_.lower() for a in auxes} | {a.lower_ for a in auxes}
    if lemmas & lab.future_auxiliaries:
        return "future"
    if lemmas & lab.conditional_auxiliaries or any(_has(a, "Mood", "Cnd") for a in auxes):
        return "conditional"
    tense_aux = [a for a in auxes if a.dep_ in ("aux", "aux:tense") and a.lemma_ in lab.perfect_auxiliaries]
    if tense_aux and (_has(verb, "VerbForm", "Part") or verb.tag_ == "VBN"):
        aux = tense_aux[0]
        if _has(aux, "Tense", "Imp") or aux.tag_ == "VBD" and aux.lemma_ in lab.have_auxiliaries:
            return "pluperfect"
        if _has(aux, "Tense", "Fut"):
            return "future"
        return "past"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if _has(verb, "Mood", "Cnd"):
        return "conditional"
    if _has(verb, "Tense", "Fut"):
        return "future"
    if _has(verb, "Tense", "Past") and not _has(verb, "VerbForm", "Part") or verb.tag_ == "VBD":
        return "past"
    if _has(verb, "Tense", "Imp"):
        return "past"
    if verb.lower_ in lab.prospective_verbs and any(c.lower_ in lab.infinitive_markers for c in verb.subtree):
        return "future"
    return "present"
