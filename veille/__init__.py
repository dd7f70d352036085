"""veille: political events from news, French first and English natively.

Public API: ``extract()``, ``extract_many()`` and the records.
"""
from __future__ import annotations

from veille.records import (ActorMention, ActorRef, Article, Attribution, Event, EventDate,
                            Extraction, Failure, Place, Quote, TimeExpr)

__version__ = "0.1.0"


def extract(article: Article) -> Extraction | Failure:
    """Extract events, actors, times, places and quotes from one article."""
    from veille.pipeline import extract as _extract

    return _extract(article)


def extract_many(articles):  # type: ignore[no-untyped-def]
    """Extract many articles, batched per language through ``nlp.pipe``."""
    from veille.pipeline import extract_many as _extract_many

    return _extract_many(articles)


__all__ = ["ActorMention", "ActorRef", "Article", "Attribution", "Event", "EventDate", "Extraction",
           "Failure", "Place", "Quote", "TimeExpr", "extract", "extract_many", "__version__"]
