"""The speaker test table (tests/quotes/sentences.tsv): French and English, own and Wikinews sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from veille.quotes import find_quotes
from veille.quotes.table import Case, check_case, load_table
from veille.records import Article

TABLE = Path(__file__).with_name("sentences.tsv")
CASES = load_table(TABLE)


def _param(case: Case):  # type: ignore[no-untyped-def]
    marks = [pytest.mark.xfail(strict=True, reason=case.note[6:].strip())] if case.note.startswith("xfail") else []
    return pytest.param(case, id=f"{case.lang}-{case.line}", marks=marks)


def test_quotes_table_size() -> None:
    assert len(CASES) >= 120
    assert sum(c.lang == "fr" for c in CASES) >= 40 and sum(c.lang == "en" for c in CASES) >= 40
    assert sum(c.source.startswith("wikinews_fr") for c in CASES) >= 30


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_quotes_table_speaker(case: Case, nlp_fr, nlp_en) -> None:  # type: ignore[no-untyped-def]
    doc = (nlp_fr if case.lang == "fr" else nlp_en)(case.text)
    quotes = find_quotes(doc, Article(id=f"case{case.line}", text=case.text, language=case.lang), [])
    ok, why = check_case(case, quotes)
    assert ok, why
