"""Claim chains on general sentences: nesting, relays ("cité par", "cited by"), role-noun coreference."""
from __future__ import annotations

import pytest

from veille.analysis import Analysis
from veille.quotes import attribution, find_quotes
from veille.records import ActorMention, Article


def _analysis(nlp, text: str, lang: str, mentions=()) -> Analysis:  # type: ignore[no-untyped-def]
    actors = []
    for surface, code, sector in mentions:
        start = text.find(surface)
        actors.append(ActorMention(text=surface, start=start, end=start + len(surface), code=code, sector=sector))
    return Analysis(article=Article(id="t", text=text, language=lang), doc=nlp(text), actors=actors)


def _chain(analysis: Analysis, word: str) -> list[str | None]:
    i = next(t.i for t in analysis.doc if t.text == word)
    return [a.text for a in attribution(analysis, i)]


@pytest.mark.parametrize("text,word,chain", [
    ("Le chef de l'armée, cité par l'agence Tass, a affirmé que les manœuvres étaient terminées.",
     "terminées", ["Le chef de l'armée", "l'agence Tass"]),
    ("Selon des sources diplomatiques citées par l'AFP, un accord est proche.", "proche",
     ["des sources diplomatiques", "l'AFP"]),
    ("Le président russe a affirmé, selon l'agence Tass, que les troupes se retireraient.", "retireraient",
     ["Le président russe", "l'agence Tass"]),
    ("Selon la police, le suspect a avoué qu'il avait volé la voiture.", "volé", ["le suspect", "la police"]),
    ("Selon la police, le suspect a avoué qu'il avait volé la voiture.", "avoué", ["la police"]),
    ("Le gouvernement a adopté la loi.", "adopté", []),
])
def test_quotes_attribution_fr(nlp_fr, text, word, chain) -> None:  # type: ignore[no-untyped-def]
    assert _chain(_analysis(nlp_fr, text, "fr"), word) == chain


@pytest.mark.parametrize("text,word,chain", [
    ("According to diplomatic sources cited by AFP, the hostages were released.", "released",
     ["diplomatic sources", "AFP"]),
    ("The UN envoy told Reuters that a ceasefire was close.", "close", ["The UN envoy", "Reuters"]),
    ("Officials said the talks had stalled.", "said", []),
    ("Officials said the talks had stalled.", "stalled", ["Officials"]),
])
def test_quotes_attribution_en(nlp_en, text, word, chain) -> None:  # type: ignore[no-untyped-def]
    mentions = [("Reuters", "---MED", "MED")] if "Reuters" in text else []
    assert _chain(_analysis(nlp_en, text, "en", mentions), word) == chain


def test_quotes_role_noun_takes_last_media_actor(nlp_fr) -> None:  # type: ignore[no-untyped-def]
    text = ("Pyongyang a tiré un missile, a rapporté KCNA. « Le tir a réussi », a précisé l'agence.")
    a = _analysis(nlp_fr, text, "fr", [("KCNA", "PRKMED", "MED"), ("Pyongyang", "PRKGOV", "GOV")])
    q = next(q for q in find_quotes(a.doc, a.article, a.actors) if q.text.startswith("Le tir"))
    assert q.speaker is not None and q.speaker.text == "l'agence" and q.speaker.code == "PRKMED"


def test_quotes_pronoun_speaker_from_previous_subject(nlp_fr) -> None:  # type: ignore[no-untyped-def]
    text = "Washington a exprimé sa « préoccupation ». Il a aussi affirmé que Moscou achetait des munitions."
    a = _analysis(nlp_fr, text, "fr", [("Washington", "USAGOV", "GOV")])
    assert [x.code for x in attribution(a, next(t.i for t in a.doc if t.text == "achetait"))] == ["USAGOV"]
