"""Sources and quotes: who says what, and who claims each fact (issue 5).

Interface:

- ``find_quotes(doc, article, actors) -> list[Quote]``.
- ``attribution(analysis, token_i) -> list[Attribution]``: the claim chain of the
  clause holding token ``token_i``, innermost cited source first; empty when the
  outlet states the fact itself.
"""
from __future__ import annotations

from spacy.tokens import Doc

from veille.analysis import Analysis
from veille.records import ActorMention, Article, Attribution, Quote


def find_quotes(doc: Doc, article: Article, actors: list[ActorMention]) -> list[Quote]:
    """Direct and indirect quotations with speaker and cue."""
    return []


def attribution(analysis: Analysis, token_i: int) -> list[Attribution]:
    """Who the text attributes the claim at ``token_i`` to (empty: the outlet itself)."""
    return []
