"""What the stages of one article share: the article, its parse and each layer's output."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from veille.records import ActorMention, Article, Place, Quote, TimeExpr


@dataclass
class Analysis:
    article: Article
    doc: Doc
    actors: list[ActorMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
