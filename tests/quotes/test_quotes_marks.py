"""Quotation marks: pairs, nesting, paragraphs, dialogue, and bad input (unbalanced marks)."""
from __future__ import annotations

import pytest

from veille.quotes import find_quotes, scan_marks
from veille.records import Article


def _texts(text: str) -> list[str]:
    return [text[s.inner_start:s.inner_end] for s in scan_marks(text).spans]


@pytest.mark.parametrize("text,quotes", [
    ("Il a dit « oui » puis « non ».", ["oui", "non"]),
    ('He said "yes" and then "no".', ["yes", "no"]),
    ("Elle a parlé d’un “tournant” et d’un ‹ virage ›.", ["tournant", "virage"]),
    ("Il a lancé : « Nous refusons le “compromis” proposé ».", ["Nous refusons le “compromis” proposé"]),
    ("« Première phrase. Deuxième phrase », a-t-il dit.", ["Première phrase. Deuxième phrase"]),
    ("« Premier paragraphe.\n« Second paragraphe », a-t-il conclu.", ["Premier paragraphe.\n« Second paragraphe"]),
    ("— Nous partirons demain, dit le capitaine.\n— Bien, répondit le marin.",
     ["Nous partirons demain, dit le capitaine.", "Bien, répondit le marin."]),
    ("L’agence a confirmé l’information.", []),
])
def test_quotes_marks_pairs(text, quotes) -> None:  # type: ignore[no-untyped-def]
    assert _texts(text) == quotes


@pytest.mark.parametrize("text,quotes,n_unbalanced", [
    ("Il a dit « oui.\nElle a répondu « non ».", ["non"], 1),  # open mark left at the paragraph end
    ("Il a dit oui ».\nElle a dit « non ».", ["non"], 1),  # closer without opener
    ('Il a dit "oui.\nElle a dit "non".', ["non"], 1),  # straight quotes never pair across paragraphs
    ("« « « »", [], 2),
    ("»»»", [], 3),
    ("", [], 0),
])
def test_quotes_marks_unbalanced(text, quotes, n_unbalanced) -> None:  # type: ignore[no-untyped-def]
    scan = scan_marks(text)
    assert [text[s.inner_start:s.inner_end] for s in scan.spans] == quotes
    assert len(scan.unbalanced) == n_unbalanced


@pytest.mark.parametrize("text", [
    "Le ministre a déclaré « nous ne céderons pas.\n\nLa Chine a démenti » toute implication.",
    '"""',
    "« » « »",
    "Selon",
    "— ",
])
def test_quotes_bad_input_no_crash(nlp_fr, text) -> None:  # type: ignore[no-untyped-def]
    quotes = find_quotes(nlp_fr(text), Article(id="bad", text=text, language="fr"), [])
    for q in quotes:
        assert "\n\n" not in q.text or q.kind == "indirect"
        assert text[q.start:q.end] == q.text
