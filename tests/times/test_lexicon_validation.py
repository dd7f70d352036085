"""times.yaml files load, and schema errors are reported as E401 with the line."""
from __future__ import annotations

import pytest

from veille.errors import VeilleError
from veille.times.lexicon import load_lexicon, parse_lexicon


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lexicon_loads(lang):
    lex = load_lexicon(lang)
    assert lex.lang == lang and len(lex.rules) > 20 and lex.words["months"]


@pytest.mark.parametrize("text,needle", [
    ("lang: fr\nmonths: {janvier: one}\n", "janvier"),
    ("lang: fr\nunits: {an: YEAR}\n", "an"),
    ("lang: fr\nrules:\n  - id: bad\n    norm: nope\n    pattern: 'x'\n", "bad"),
    ("lang: fr\nrules:\n  - id: broken\n    norm: date\n    pattern: '(?P<x>'\n", "broken"),
    ("months: {}\n", "lang"),
])
def test_lexicon_rejects(text, needle):
    with pytest.raises(VeilleError) as err:
        parse_lexicon(text, "test.yaml")
    assert err.value.code == "E401"
