"""Time: temporal expressions and event dates (issue 4).

Interface:

- ``tag_times(doc, article) -> list[TimeExpr]``: every temporal expression, TIMEX3
  values normalised against ``article.published`` (relative values stay unresolved,
  e.g. ``XXXX-09-14``, when the publication date is unknown).
- ``times_in_sentence(analysis, sent) -> list[AttachedTime]``: the expressions of a
  sentence with the token each one modifies (``attachment``).
- ``event_date(analysis, token_i) -> EventDate``: the date of the event whose
  trigger is token ``token_i`` of ``analysis.doc`` (rules in ``veille/times/dating.py``).
"""
from __future__ import annotations

from spacy.tokens import Doc

from veille.records import Article, TimeExpr
from veille.times.dating import AttachedTime, event_date, times_in_sentence
from veille.times.lexicon import load_lexicon
from veille.times.normalise import find_times
from veille.times.syntax import attachment, clause_tense

__all__ = ["AttachedTime", "attachment", "clause_tense", "event_date", "tag_times",
           "times_in_sentence"]


def tag_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Temporal expressions of the article body (offsets into ``doc.text``), sorted by start."""
    lang = article.language or doc.lang_
    pub = article.published.date() if article.published else None
    return find_times(doc, load_lexicon(lang), pub)
