"""The cue lexicons: size, schema, and coded errors on bad files."""
from __future__ import annotations

import pytest

from veille.errors import VeilleError
from veille.quotes import load_cues, parse_cues


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cues_load_size_and_kinds(lang: str) -> None:
    lex = load_cues(lang)
    assert len(lex) >= 150
    assert lex.prepositions and lex.nouns and lex.media and lex.relay and lex.title
    tones = {cue.tone for options in lex.verbs.values() for _, cue in options}
    assert tones == {"neutral", "evaluative"}


@pytest.mark.parametrize("text,line", [
    ("language: fr\nentries:\n  - {lemma: dire, kind: verb, tone: neutral}\n  - {lemma: dire, kind: verb, tone: neutral}\n", 4),
    ("language: fr\nentries:\n  - {lemma: dire, kind: adverb, tone: neutral}\n", 3),
    ("language: fr\nentries:\n  - {lemma: dire, kind: verb}\n", 3),
    ("language: fr\n", 1),
])
def test_cues_load_bad_file(text: str, line: int) -> None:
    with pytest.raises(VeilleError) as err:
        parse_cues(text, "bad.yaml")
    assert err.value.code == "E401" and f"line {line}" in err.value.message
