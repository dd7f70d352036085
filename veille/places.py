"""Places: place mentions resolved to gazetteer entries (issue 3).

Interface: ``resolve_places(doc, article, actors) -> list[Place]`` and
``event_place(analysis, token_i) -> Place | None`` (where the event triggered at
``token_i`` happened, not a destination).
"""
from __future__ import annotations

from spacy.tokens import Doc

from veille.analysis import Analysis
from veille.records import ActorMention, Article, Place


def resolve_places(doc: Doc, article: Article, actors: list[ActorMention]) -> list[Place]:
    """Every place mention of the body resolved to a gazetteer entry."""
    return []


def event_place(analysis: Analysis, token_i: int) -> Place | None:
    """The place where the event triggered at ``token_i`` happened, if the text says."""
    return None
