"""Actors: every mention of who resolved to an actor code (issue 3).

Interface used by the pipeline and the events layer:

- ``configure_pipeline(nlp, lang)``: adds the ``veille_actors`` component before the
  parser: known names (countries, capitals, seats of power, organisations, office
  holders), role words and demonyms are matched there, multiword names are kept in
  one sentence and set as entities the NER keeps.
- ``resolve_actors(doc, article) -> list[ActorMention]``: every resolved mention,
  sorted by start offset. A plural mention ("les deux pays") gives one record per
  member with the same span. ``via`` says how it was resolved (name, acronym,
  metonym, demonym, role, apposition, coreference, pronoun) and ``entry`` which
  knowledge entry matched. Country names are coded COUNTRY+GOV with ``kind="country"``
  (the events layer may re-sector them, e.g. MIL for a military action); nationality
  words alone give the bare country code. Office holders are coded by the article's
  publication date (COUNTRY+ELI out of office). Unknown names get no mention.
- ``actor_mentions_in(analysis_or_mentions, start, end)``: mentions inside a
  character range (e.g. a sentence or a quote).
- ``mentions_at_token(doc, mentions, token_i)``: the mentions whose syntactic head is
  token ``token_i`` (several for a plural mention), else the innermost mentions
  containing it; ``mention_at_token`` returns the first or None.
- ``use_dictionaries(files)``: add user dictionaries (veille YAML or PETRARCH/Phoenix
  ``.txt``) for the pipelines of this process; config ``actors.user_dictionaries``
  is read when a pipeline is configured.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from veille.actors.match import index_for, set_user_dictionaries, user_dictionaries
from veille.actors.resolve import resolve, span_head
from veille.lang import languages, pack_code
from veille.records import ActorMention, Article

__all__ = ["configure_pipeline", "resolve_actors", "actor_mentions_in", "mentions_at_token",
           "mention_at_token", "use_dictionaries"]


def configure_pipeline(nlp: Language, lang: str) -> None:
    """Add veille's actor component to ``nlp`` (known names before the parser and NER)."""
    from veille.config import default_config

    files = default_config().actors.user_dictionaries
    if files and not user_dictionaries(lang):
        set_user_dictionaries(files)
    if "veille_actors" in nlp.pipe_names:
        return
    anchor = next((p for p in ("parser", "ner") if p in nlp.pipe_names), None)
    if anchor:
        nlp.add_pipe("veille_actors", before=anchor, config={"lang": lang})
    else:
        nlp.add_pipe("veille_actors", config={"lang": lang})
    index_for(nlp.vocab, lang, nlp.tokenizer)  # build now, not on the first article


def use_dictionaries(files: list[str]) -> None:
    """Use these user dictionaries from now on (validated now: E401/E402 on error)."""
    from veille.actors.knowledge import knowledge

    set_user_dictionaries(files)
    for lang in languages():
        knowledge(lang, tuple(files))


def _day(article: Article) -> date:
    return article.published.date() if article.published else date.today()


def resolve_actors(doc: Doc, article: Article, user_files: tuple[str, ...] | None = None) -> list[ActorMention]:
    """Every actor mention in ``doc`` resolved to a code (see the module docstring);
    ``user_files``: user dictionaries (default: those of ``use_dictionaries``)."""
    idx = index_for(doc.vocab, pack_code(article.language or doc.lang_), files=user_files)
    return resolve(doc, idx, _day(article))


def actor_mentions_in(source: Any, start: int, end: int) -> list[ActorMention]:
    """Mentions (of an ``Analysis`` or a list) lying inside characters [start, end)."""
    mentions = source.actors if hasattr(source, "actors") else source
    return [m for m in mentions if start <= m.start and m.end <= end]


def mentions_at_token(doc: Doc, mentions: list[ActorMention], token_i: int) -> list[ActorMention]:
    """The mentions headed by token ``token_i`` (all members of a plural), else the
    innermost mentions that contain it; [] when none."""
    tok = doc[token_i]
    inside = [m for m in mentions if m.start <= tok.idx < m.end]
    headed = [m for m in inside if (h := span_head(doc, m)) is not None and h.i == token_i]
    if headed:
        return headed
    if not inside:
        return []
    width = min(m.end - m.start for m in inside)
    return [m for m in inside if m.end - m.start == width]


def mention_at_token(doc: Doc, mentions: list[ActorMention], token_i: int) -> ActorMention | None:
    """The first of ``mentions_at_token`` or None."""
    found = mentions_at_token(doc, mentions, token_i)
    return found[0] if found else None
