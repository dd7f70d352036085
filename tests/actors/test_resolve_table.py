"""The mention -> code table (mentions.tsv): French and English, general cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from veille.actors import resolve_actors
from veille.actors.table import check_row, read_table

ROWS = read_table(Path(__file__).resolve().parent / "mentions.tsv")


def test_table_is_large_and_bilingual() -> None:
    assert len(ROWS) >= 300
    assert {r.lang for r in ROWS} == {"fr", "en"}


@pytest.fixture(scope="module")
def resolved(nlp_fr, nlp_en, article):
    cache = {}
    for lang, nlp in (("fr", nlp_fr), ("en", nlp_en)):
        keys = sorted({(r.sentence, r.date) for r in ROWS if r.lang == lang})
        for (sentence, day), doc in zip(keys, nlp.pipe(s for s, _ in keys)):
            cache[(lang, sentence, day)] = resolve_actors(doc, article(sentence, lang, day))
    return cache


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.lang}:{r.mention}->{r.code}:{i}" for i, r in enumerate(ROWS)])
def test_resolve_table(row, resolved) -> None:
    mentions = resolved[(row.lang, row.sentence, row.date)]
    ok, detail = check_row(row, mentions)
    assert ok, detail
