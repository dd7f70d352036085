"""Time: temporal expressions and event dates (issue 4).

Interface:

- ``tag_times(doc, article) -> list[TimeExpr]``: every temporal expression, TIMEX3
  values normalised against ``article.published``.
- ``event_date(analysis, token_i) -> EventDate``: the date of the event whose
  trigger is token ``token_i`` of ``analysis.doc``: the expression attached to its
  clause (basis ``text``), else tense and context (``tense``), else the
  publication date (``publication``).
"""
from __future__ import annotations

from spacy.tokens import Doc

from veille.analysis import Analysis
from veille.records import Article, EventDate, TimeExpr


def tag_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Temporal expressions of the article body."""
    return []


def event_date(analysis: Analysis, token_i: int) -> EventDate:
    """Date of the event triggered at token ``token_i``."""
    pub = analysis.article.published
    if pub is None:
        return EventDate(value=None, granularity=None, text=None, basis="publication")
    return EventDate(value=pub.date().isoformat(), granularity="day", text=None, basis="publication")
