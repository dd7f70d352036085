"""Obligations stated by an actor about another: "X said Y must Z" is X demanding Z of Y.

An act under an obligation word ("must", "has to", "doit", "il faut que") is not done by
its subject: it is what someone else requires of it. When the clause is the content of
an actor's statement ("Britain reiterated that Libya must hand over the suspects", "il
faut que l'Iran cesse, a déclaré Washington"), CAMEO codes a demand (10) from the one
who states it to the obligee, with the demanded act giving the sub-code (release → 1053).
Cue words are data (``obligation_auxiliaries``, ``obligation_verbs`` in ``veille/lang/<code>/modality.yaml``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from veille.events.arguments import Labels
from veille.events.modality import Cues
from veille.lang import pack_for

STATEMENT_LINKS = {"ccomp", "acl", "parataxis", "advcl"}


@dataclass(frozen=True)
class Obligation:
    carrier: Token  # the word that carries the obligation ("hand" with aux must, "doit", "faut")
    act: Token  # the verb of the required act
    obligees: list[Token]  # subject of the required act
    statement: Token | None  # the verb of the statement that states the obligation


def _subjects(verb: Token, lab: Labels) -> list[Token]:
    return [c for c in verb.children if c.dep_ in lab.subj or c.dep_ in lab.subj_pass]


def _statement(carrier: Token, lab: Labels) -> Token | None:
    """The verb of the clause that states the obligation: the governing verb of a
    complement clause ("reiterated that ..."), the verb above a noun it complements
    ("issued a reminder to Iraq that ..."), or a reporting verb set beside it ("..., France
    said", "..., a déclaré Washington")."""
    for c in carrier.children:
        if c.dep_ == "parataxis" and c.pos_ == "VERB" and _subjects(c, lab):
            return c
    cur = carrier
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in STATEMENT_LINKS | {"dobj", "obj", "pobj", "prep"}:
            return None
        cur = cur.head
        if cur.pos_ == "VERB" and _subjects(cur, lab):
            return cur
    return None


def _ready_to(tok: Token, lab: Labels) -> Token | None:
    """The act an adjective of readiness opens ("be ready to mediate", "être prêts à servir"):
    the verb of the adjective's clausal complement, under a copula or as the adjective itself."""
    adjs = [tok] if tok.pos_ == "ADJ" else [c for c in tok.children if c.pos_ == "ADJ" and c.dep_ in ("acomp", "xcomp")]
    return next((v for a in adjs for v in a.children if v.dep_ in lab.xcomp and v.pos_ == "VERB"), None)


def find_obligations(sent: Span, cues: Cues, lab: Labels) -> list[Obligation]:
    """Acts a sentence states as required of their subject."""
    out: list[Obligation] = []
    auxiliaries, words = cues.obligation_auxiliaries, cues.obligation_verbs
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and any(c.dep_.startswith("aux") and c.lower_ in auxiliaries for c in tok.children):
            carrier, act, obligees = tok, tok, _subjects(tok, lab)  # "Libya must hand over"
        elif tok.pos_ == "AUX" and any(c.dep_.startswith("aux") and c.lower_ in auxiliaries for c in tok.children) \
                and (inner := _ready_to(tok, lab)) is not None:
            carrier, act, obligees = tok, inner, _subjects(tok, lab)  # "the US must be ready to mediate"
        elif tok.pos_ in ("VERB", "AUX") and lemma in words and "Mood=Cnd" not in str(tok.morph):
            xcomp = [c for c in tok.children if c.dep_ in lab.xcomp and c.pos_ == "VERB"]
            ready = next((inner for c in tok.children if c.dep_ in lab.xcomp and c.pos_ == "ADJ"
                          if (inner := _ready_to(c, lab)) is not None), None)  # "doivent être prêts à servir"
            ccomp = [c for c in tok.children if c.dep_ in lab.ccomp and c.pos_ == "VERB"]
            if (xcomp or ready is not None) and _subjects(tok, lab):  # "la Libye doit livrer", "Russia has to withdraw"
                marker = pack_for(tok.doc.lang_).facts.infinitive_marker
                if xcomp and marker and not any(c.lower_ == marker for c in xcomp[0].children):
                    continue  # "have" / "need" + infinitive needs its particle ("to")
                chosen = xcomp[0] if xcomp else ready
                if chosen is None:
                    continue
                carrier, act, obligees = tok, chosen, _subjects(tok, lab)
            elif ccomp and any(c.dep_.startswith("expl") for c in tok.children):  # "il faut que l'Iran cesse"
                carrier, act, obligees = tok, ccomp[0], _subjects(ccomp[0], lab)
            else:
                continue
        else:
            continue
        if obligees:
            out.append(Obligation(carrier, act, obligees, _statement(carrier, lab)))
    return out
