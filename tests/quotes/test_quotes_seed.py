"""The seed article: every quoted span with its speaker, and the claim chain of its events.

Actor mentions are built by hand here (the actors layer supplies them in the pipeline).
"""
from __future__ import annotations

import pytest

from veille.analysis import Analysis
from veille.quotes import attribution, claim_chain, find_quotes
from veille.read.text import parse_dispatch
from pathlib import Path

from veille.records import ActorMention

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "article.txt"
MENTIONS = [  # surface, code, sector (every occurrence)
    ("l'agence de presse d'État nord-coréenne", "PRKMED", "MED"), ("KCNA", "PRKMED", "MED"),
    ("les agences russes", "RUSMED", "MED"), ("Vladimir Poutine", "RUSGOV", "GOV"),
    ("le président russe", "RUSGOV", "GOV"), ("Le président russe", "RUSGOV", "GOV"),
    ("le chef de l'État russe", "RUSGOV", "GOV"), ("Kim Jong Un", "PRKGOV", "GOV"),
    ("Le chef du parti sud-coréen au pouvoir", "KORPTY", "PTY"), ("Tokyo", "JPNGOV", "GOV"),
    ("Washington", "USAGOV", "GOV"), ("Moscou", "RUSGOV", "GOV"),
]


def _mentions(text: str) -> list[ActorMention]:
    out = []
    for surface, code, sector in MENTIONS:
        start = text.find(surface)
        while start >= 0:
            out.append(ActorMention(text=surface, start=start, end=start + len(surface), code=code,
                                    country=code[:3], sector=sector))
            start = text.find(surface, start + 1)
    return sorted(out, key=lambda m: m.start)


@pytest.fixture(scope="module")
def seed(nlp_fr):  # type: ignore[no-untyped-def]
    article = parse_dispatch(SEED.read_text(encoding="utf-8"), source_path=str(SEED), language="fr")
    doc = nlp_fr(article.text)
    actors = _mentions(article.text)
    analysis = Analysis(article=article, doc=doc, actors=actors)
    return analysis, find_quotes(doc, article, actors)


def _quote(quotes, prefix):  # type: ignore[no-untyped-def]
    found = [q for q in quotes if q.kind == "direct" and q.text.startswith(prefix)]
    assert found, f"no direct quote {prefix!r}"
    return found[0]


@pytest.mark.parametrize("prefix,code,speech", [
    ("quand cela lui conviendra", "PRKMED", True),
    ("Kim Jong Un a invité avec courtoisie", "PRKMED", True),
    ("Poutine a accepté avec plaisir", "PRKMED", True),
    ("renforcement futur de la coopération", "RUSGOV", True),
    ("grande victoire dans la lutte sacrée", "PRKGOV", True),
    ("un pacte du diable", "KORPTY", True),
    ("inquiet", "JPNGOV", True),
    ("préoccupation", "USAGOV", True),
    ("naissante", "USAGOV", False),
    ("démonstration", "RUSGOV", False),
    ("civils et militaires", "RUSGOV", False),
])
def test_quotes_seed_speakers(seed, prefix, code, speech) -> None:  # type: ignore[no-untyped-def]
    q = _quote(seed[1], prefix)
    assert q.speaker is not None and q.speaker.code == code, q.speaker
    assert q.speech is speech


def test_quotes_seed_every_mark_found(seed) -> None:  # type: ignore[no-untyped-def]
    analysis, quotes = seed
    direct = [q for q in quotes if q.kind == "direct"]
    assert analysis.article.text.count('"') == 2 * len(direct)
    assert all(analysis.article.text[q.start:q.end] == q.text for q in quotes)


def test_quotes_seed_role_noun_speaker(seed) -> None:  # type: ignore[no-untyped-def]
    q = _quote(seed[1], "Poutine a accepté avec plaisir")
    assert q.speaker.text == "l'agence" and q.cue == "indiqué"


def _tok(analysis: Analysis, word: str, nth: int = 0) -> int:
    return [t.i for t in analysis.doc if t.text == word][nth]


@pytest.mark.parametrize("word,nth,codes", [
    ("invité", 0, ["PRKMED"]),  # inside the KCNA quotation
    ("accepté", 1, ["PRKMED"]),  # "…, a indiqué l'agence de presse d'État nord-coréenne"
    ("réaffirmé", 0, ["PRKMED"]),
    ("proposé", 0, ["RUSMED"]),  # selon les agences russes
    ("assister", 0, ["RUSGOV"]),  # Selon Vladimir Poutine
    ("visitera", 0, ["RUSGOV"]),  # a indiqué le chef de l'État russe
    ("intéressée", 0, ["USAGOV"]),  # Il (Washington) a affirmé que …
    ("affirmé", 0, []),  # the reporting clause itself is the outlet's
    ("voyage", 0, []),  # detached background participial clause
    ("tenue", 0, []),  # framing outside the KCNA quotation
    ("vanté", 0, []),
    ("offensive", 0, []),  # absolute participial clause "la Russie étant engagée …"
    ("ratifié", 0, []),
])
def test_quotes_seed_attribution(seed, word, nth, codes) -> None:  # type: ignore[no-untyped-def]
    analysis = seed[0]
    assert [a.code for a in attribution(analysis, _tok(analysis, word, nth))] == codes


def test_quotes_seed_claim_chain(seed) -> None:  # type: ignore[no-untyped-def]
    analysis = seed[0]
    chain = claim_chain(analysis, _tok(analysis, "invité"))
    assert [(a.role, a.code or a.text) for a in chain] == [
        ("source", "PRKMED"), ("agency", "AFP"), ("outlet", "TF1 Info")]
    assert [a.role for a in claim_chain(analysis, _tok(analysis, "ratifié"))] == ["agency", "outlet"]


def test_quotes_seed_without_actors(nlp_fr) -> None:  # type: ignore[no-untyped-def]
    article = parse_dispatch(SEED.read_text(encoding="utf-8"), source_path=str(SEED), language="fr")
    quotes = find_quotes(nlp_fr(article.text), article, [])
    q = _quote(quotes, "grande victoire")
    assert q.speaker.text == "il" and q.speaker.name == "Kim Jong Un" and q.speaker.code == "---"
    assert _quote(quotes, "Kim Jong Un a invité").speaker.text == "KCNA"
