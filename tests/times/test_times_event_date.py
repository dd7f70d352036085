"""event_date on the parsed seed article: clause attachment, reporting verbs, tense, context."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from veille.analysis import Analysis
from veille.records import Article
from veille.times import event_date, tag_times, times_in_sentence

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def seed(nlp_fr) -> Analysis:
    text = SEED.read_text(encoding="utf-8")
    article = Article(id="seed", text=text, language="fr",
                      published=datetime(2023, 9, 14, 11, 36, tzinfo=ZoneInfo("Europe/Paris")))
    doc = nlp_fr(text)
    return Analysis(article=article, doc=doc, times=tag_times(doc, article))


def _token(an: Analysis, context: str, word: str) -> int:
    start = an.doc.text.index(context) + context.index(word)
    span = an.doc.char_span(start, start + len(word), alignment_mode="expand")
    assert span is not None
    return span[0].i


# (sentence context, trigger word, expected value, expected basis)
CASES = [
    ("Tokyo, qui s'est dit \"inquiet\", a mis en garde jeudi", "mis", "2023-09-14", "text"),
    ("Tokyo, qui s'est dit", "dit", "2023-09-14", "text"),
    ("Le chef du parti sud-coréen au pouvoir a fustigé", "fustigé", "2023-09", "tense"),
    ("Poutine a accepté de se rendre en Corée du Nord sur invitation", "accepté", "2023-09-13", "text"),
    ("lors d'un voyage exceptionnel", "voyage", "2023-09-13", "text"),
    ("La veille, le président russe avait déjà vanté", "vanté", "2023-09-13", "text"),
    ("Quant à Kim Jong Un, il avait assuré", "assuré", "2023-09-13", "tense"),
    ("engagée dans une offensive en Ukraine", "offensive", "2022", "text"),
    ("un précédent voyage de Kim Jong Un à Vladivostok en 2019", "voyage", "2019", "text"),
    ("à se rendre en Corée du Nord en 2000", "rendre", "2000", "text"),
    ("La Douma avait ratifié", "ratifié", "2000", "text"),
    ("À l'issue de cette rencontre tenue", "rencontre", "2023-09-13", "tense"),
    ("Moscou a aussi proposé d'envoyer", "proposé", "2023-09", "tense"),
    ("Washington a aussi exprimé", "exprimé", "2023-09", "tense"),
    ("Le dirigeant nord-coréen visitera", "visitera", None, "tense"),
    ("Kim Jong Un devrait encore assister", "devrait", None, "tense"),
    ("la Corée du Nord a récemment échoué", "échoué", "2023-09", "tense"),
]


@pytest.mark.parametrize("context,word,value,basis", CASES)
def test_event_date_seed(seed, context, word, value, basis):
    got = event_date(seed, _token(seed, context, word))
    assert (got.value, got.basis) == (value, basis), got


def test_event_date_duration_gives_start(seed):
    got = event_date(seed, _token(seed, "engagée dans une offensive", "engagée"))
    assert got.value == "2022" and got.granularity == "year" and "an et demi" in (got.text or "")


def test_event_date_publication_fallback(nlp_fr):
    text = "Le gouvernement soutient le projet."
    article = Article(id="p", text=text, language="fr",
                      published=datetime(2023, 9, 14, 9, tzinfo=ZoneInfo("Europe/Paris")))
    doc = nlp_fr(text)
    got = event_date(Analysis(article=article, doc=doc), _token(Analysis(article=article, doc=doc), text, "soutient"))
    assert (got.value, got.granularity, got.basis) == ("2023-09-14", "day", "publication")


def test_times_in_sentence_attachment(seed):
    sent = seed.doc[_token(seed, "a mis en garde jeudi", "jeudi")].sent
    attached = times_in_sentence(seed, sent)
    assert [a.expr.text for a in attached] == ["jeudi"]
    assert attached[0].head is not None


def test_seed_expressions(seed):
    values = {(t.text.lower(), t.value) for t in seed.times}
    for expected in [("jeudi", "2023-09-14"), ("mercredi", "2023-09-13"), ("la veille", "2023-09-13"),
                     ("2019", "2019"), ("2000", "2000")]:
        assert expected in values
    duration = [t for t in seed.times if "an et demi" in t.text]
    assert duration and duration[0].type == "DURATION" and duration[0].value == "P1Y6M"
    assert duration[0].mod == "MORE_THAN" and duration[0].anchor == "2022"
