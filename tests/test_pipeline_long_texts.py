"""Texts longer than the parser takes are parsed in pieces, and one article the parser
cannot take never costs the others of its batch."""
from __future__ import annotations

import pytest

from veille.config import load_config
from veille.nlp import load_pipeline, split_text
from veille.pipeline import extract_many
from veille.records import Article, Extraction, Failure

PARA = ("Le président russe Vladimir Poutine a rencontré mercredi le dirigeant nord-coréen Kim Jong Un "
        "au cosmodrome de Vostotchny. ")


def test_split_text_keeps_every_character_and_prefers_paragraphs():
    text = "\n\n".join([PARA * 4] * 5)
    pieces = split_text(text, 1000)
    assert "".join(pieces) == text and all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # cut at paragraph ends


def test_split_text_falls_back_to_sentences_then_spaces_then_a_hard_cut():
    sentences = PARA * 30
    assert all(p.endswith(". ") for p in split_text(sentences, 1000)[:-1])
    words = "mot " * 1000
    assert all(p.endswith(" ") for p in split_text(words, 500)[:-1])
    blob = "x" * 2500
    assert split_text(blob, 1000) == ["x" * 1000, "x" * 1000, "x" * 500]


@pytest.fixture
def short_parser():
    """The French pipeline with a parser limit of 3,000 characters, as if texts were huge."""
    nlp = load_pipeline("fr", load_config())
    before = nlp.max_length
    nlp.max_length = 3000
    yield nlp
    nlp.max_length = before


@pytest.mark.slow
def test_text_over_the_parser_limit_is_extracted(short_parser):
    long_text = "\n\n".join([PARA * 6] * 10)  # ~7 times the limit
    assert len(long_text) > 2 * short_parser.max_length
    long_art = Article(id="long", text=long_text, language="fr")
    short_art = Article(id="short", text=PARA, language="fr")
    long_res, short_res = extract_many([long_art, short_art])
    assert isinstance(long_res, Extraction) and isinstance(short_res, Extraction)
    assert long_res.errors == [] and long_res.actors[-1].end > len(long_text) - len(PARA)  # read to the end
    for m in long_res.actors:
        assert long_text[m.start:m.end] == m.text  # offsets into the whole text
    assert [e.cameo for e in short_res.events] == [e.cameo for e in long_res.events][:len(short_res.events)]


@pytest.mark.slow
def test_an_article_the_parser_refuses_costs_only_itself(monkeypatch):
    nlp = load_pipeline("fr", load_config())
    real_call = type(nlp).__call__

    def call(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "BOOM" in str(text):
            raise MemoryError("simulated: the parser ran out of memory")
        return real_call(self, text, *args, **kwargs)

    def pipe(self, texts, *args, **kwargs):  # type: ignore[no-untyped-def]
        for text in texts:
            yield call(self, text)

    monkeypatch.setattr(type(nlp), "__call__", call)
    monkeypatch.setattr(type(nlp), "pipe", pipe)
    got = list(extract_many([Article(id="a", text=PARA, language="fr"),
                             Article(id="b", text="BOOM " + PARA, language="fr"),
                             Article(id="c", text=PARA, language="fr")]))
    assert [type(r).__name__ for r in got] == ["Extraction", "Failure", "Extraction"]
    bad = got[1]
    assert isinstance(bad, Failure) and bad.code == "E203" and "MemoryError" in bad.message
