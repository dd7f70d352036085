"""Actors: every mention of who resolved to an actor code (issue 3).

Interface used by the pipeline and the events layer:

- ``configure_pipeline(nlp, lang)``: add known-name matching before the NER.
- ``resolve_actors(doc, article) -> list[ActorMention]``: every resolved mention,
  sorted by start offset (plural mentions give one record per member).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from veille.records import ActorMention, Article


def configure_pipeline(nlp: Language, lang: str) -> None:
    """Add veille's actor components to ``nlp`` (known names before the NER)."""
    return None


def resolve_actors(doc: Doc, article: Article) -> list[ActorMention]:
    """Every actor mention in ``doc`` resolved to a code."""
    return []
