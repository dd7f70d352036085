"""Sources and quotes: who says what, and who claims each fact (issue 5).

Interface:

- ``find_quotes(doc, article, actors) -> list[Quote]``: direct and indirect speech
  with speaker and cue.
- ``attribution(analysis, token_i) -> list[Attribution]``: the cited sources of the
  clause holding token ``token_i``, innermost first; empty when the outlet states
  the fact itself. The events layer fills ``Event.attribution`` from it.
- ``claim_chain(analysis, token_i)``: the same, then the agencies and the outlet
  (for display: outlet ← agency ← cited source).

The reading of one article is cached on ``doc._.veille_speech`` (keyed by the actor
list it was made with), so ``attribution`` per token costs a lookup.
"""
from __future__ import annotations

from spacy.tokens import Doc

from veille.analysis import Analysis
from veille.quotes.cues import CueLexicon, load_cue_file, load_cues, parse_cues
from veille.quotes.marks import MarkScan, MarkSpan, scan_marks
from veille.quotes.speech import UNKNOWN, Claim, Reading, Speaker, read_speech
from veille.lang import pack_code
from veille.records import ActorMention, Article, Attribution, Quote

__all__ = ["find_quotes", "attribution", "claim_chain", "read_article", "load_cues", "load_cue_file",
           "parse_cues", "scan_marks", "CueLexicon", "MarkScan", "MarkSpan", "Reading", "Claim", "Speaker",
           "UNKNOWN"]

if not Doc.has_extension("veille_speech"):
    Doc.set_extension("veille_speech", default=None)


def _lang(doc: Doc, article: Article | None) -> str:
    lang = (article.language if article is not None else None) or doc.lang_
    return pack_code(lang)


def read_article(doc: Doc, article: Article | None, actors: list[ActorMention]) -> Reading:
    """The speech reading of ``doc`` (cached on the Doc for this actor list)."""
    key = (id(actors), len(actors))
    cached = doc._.veille_speech
    if cached is not None and cached[0] == key:
        return cached[1]
    reading = read_speech(doc, load_cues(_lang(doc, article)), actors)
    doc._.veille_speech = (key, reading)
    return reading


def find_quotes(doc: Doc, article: Article, actors: list[ActorMention]) -> list[Quote]:
    """Direct and indirect quotations with speaker and cue, in text order.

    A quotation mark used for a scare quote or a title gives ``speech=False`` (its
    speaker is the sentence's speaker when the sentence is reported, else None).
    Unbalanced marks yield no quotation and never merge with unrelated marks.
    """
    return list(read_article(doc, article, actors).quotes)


def _links(sp: Speaker) -> list[Attribution]:
    out = []
    if sp.mentions:
        seen: set[str] = set()
        for m in sp.mentions:
            if m.code not in seen:
                seen.add(m.code)
                out.append(Attribution(text=sp.text, code=m.code, start=sp.start, end=sp.end, role="source"))
    else:
        out.append(Attribution(text=sp.text, code=None, start=sp.start, end=sp.end, role="source"))
    for relay in sp.relays:
        out.extend(_links(relay))
    return out


def attribution(analysis: Analysis, token_i: int) -> list[Attribution]:
    """Who the text attributes the claim at ``token_i`` to, innermost first (empty: the outlet itself)."""
    reading = read_article(analysis.doc, analysis.article, analysis.actors)
    holding = [c for c in reading.claims if token_i in c.scope and c.speaker is not None]
    holding.sort(key=lambda c: len(c.scope))
    out: list[Attribution] = []
    for claim in holding:
        for link in _links(claim.speaker):  # type: ignore[arg-type]
            if out and (out[-1].start, out[-1].code) == (link.start, link.code):
                continue
            if out and link.code is not None and out[-1].code == link.code and out[-1].start != link.start \
                    and claim.kind == "direct":
                continue
            out.append(link)
    return out


def claim_chain(analysis: Analysis, token_i: int) -> list[Attribution]:
    """The cited sources of ``token_i``, then the agencies and the outlet (for display)."""
    chain = attribution(analysis, token_i)
    art = analysis.article
    chain += [Attribution(text=a, code=None, role="agency") for a in art.agencies]
    if art.outlet:
        chain.append(Attribution(text=art.outlet, code=None, role="outlet"))
    return chain
