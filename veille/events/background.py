"""Predicates that describe the background of a sentence rather than report an event.

A word of the lexicon is not always an event of the sentence it stands in:

- a word of an actor's name ("Asia-Pacific Economic Cooperation", "the Warsaw Pact",
  "the opposition") names who, not what;
- an attributive participle describes its noun ("the besieged town", "la frontière
  contestée", "the alleged war crimes"), unless it names who did it ("occupied by
  Israel", "saisis par les rebelles"): then it reports the act;
- an infinitive that completes a noun is the content of that noun ("a request to
  interrogate", "l'exigence de rompre", "efforts to end the fighting"): the noun is the
  event, when it is one (a request, a demand);
- a purpose clause ("telephoned him to discuss", "pour qu'il cesse") states an aim;
- an act under "without"/"sans" ("resigned without returning") is said not to be done;
- a participle used as a noun ("evacuated the wounded", "les blessés") names people;
- a noun act completing another noun, with no actor of its own ("après douze jours de
  combats"), is the circumstance of the sentence's event;
- a noun act modifying a noun that is not an act ("a trade office", "aid workers") names
  a kind of thing.

Plans, offers and intentions ("a plan to visit", "l'intention de frapper") are not
background: their infinitive is coded in its intent or threat form (coding.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from veille.events.arguments import Labels, is_infinitive
from veille.events.modality import Cues, is_purpose, load_cues
from veille.syntax.labels import labels_for

if TYPE_CHECKING:
    from veille.events.coding import ActorIndex

NOUNS = ("NOUN", "PROPN", "PRON")


def _is_participle(tok: Token) -> bool:
    return tok.pos_ == "VERB" and ("VerbForm=Part" in str(tok.morph) or tok.tag_ in ("VBN", "VBG"))


def _has_agent(tok: Token, lab: Labels) -> bool:
    return any(c.dep_ in lab.agent for c in tok.children)


def _own_actor(tok: Token, actors: ActorIndex) -> bool:
    """The act noun's phrase names an actor: in its subtree ("a visit by Arafat",
    "l'invasion américaine") or right after it, "entre X et Y" ("des échanges mercredi
    entre les deux dirigeants"), whatever the attachment."""
    if any(actors.at(x) for x in tok.subtree if x.i != tok.i):
        return True
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + 5, tok.sent.end)):
        if doc[j].lower_ in labels_for(doc.lang_).between_words:
            return any(actors.at(doc[k]) for k in range(j + 1, min(j + 6, tok.sent.end)))
    return False


def purpose_clause(tok: Token, lab: Labels, cues: Cues) -> bool:
    """An aim, not an act: "to discuss" as an adverbial clause, "pour que ... cesse",
    and the language's purpose phrases ("in order to", "afin de")."""
    if is_purpose(tok, cues):
        return True
    if tok.pos_ != "VERB" or tok.dep_ not in lab.advcl:
        return False
    firsts = {m.split()[0] for m in cues.purpose_marks}
    marks = [c for c in tok.children if c.dep_ in ("mark", "aux") and c.i < tok.i]
    if any(m.lower_ in firsts for m in marks):  # "pour que", "afin qu'", "in order that"
        return True
    # English bare purpose infinitive: "telephoned Kozyrev to discuss"
    markers = labels_for(tok.lang_).infinitive_markers
    return is_infinitive(tok) and any(m.lower_ in markers and m.tag_ == "TO" for m in marks)


def not_done(tok: Token) -> bool:
    """An act the sentence says is not done: "agreed to resign without returning", "a
    démissionné sans revenir" (``without_marks`` in ``modality.yaml``)."""
    if tok.pos_ != "VERB":
        return False
    marks = load_cues(tok.lang_).without_marks
    return (tok.dep_ == "pcomp" and tok.head.lower_ in marks) or \
        any(c.dep_ in ("mark", "case") and c.lower_ in marks and c.i < tok.i for c in tok.children)


def background_reason(tok: Token, lab: Labels, cues: Cues, actors: ActorIndex,
                      intent_head: Token | None) -> str:
    """Why the predicate at ``tok`` is background (empty when it may be an event)."""
    if actors.at(tok):
        return "part of an actor's name, not an event"
    if purpose_clause(tok, lab, cues):
        return "purpose clause, not an event"
    if not_done(tok):
        return "an act said not to be done ('without'), not an event"
    if tok.pos_ == "VERB" and tok.dep_ not in lab.advcl and tok.dep_ != "ROOT" and \
            any(c.dep_ == "det" and c.i < tok.i for c in tok.children):
        return "a participle used as a noun ('the wounded'), not an event"
    head = tok.head
    owner = head.head if tok.dep_ == "pobj" and head.lower_ in labels_for(tok.lang_).of_prepositions \
        else head  # "a week of unrest"
    if tok.pos_ == "NOUN" and (tok.dep_ == "nmod" or owner is not head) and owner.pos_ == "NOUN" \
            and not actors.is_act(owner) and not actors.at(owner) and not _own_actor(tok, actors):
        # "après douze jours de combats": background; "depuis l'invasion américaine",
        # "a visit by Arafat": an act with its own actor (a child or its object) is reported
        return f"a complement of '{owner.text}' with no actor of its own, not an event"
    if tok.pos_ == "NOUN" and tok.dep_ == "compound" and head.pos_ == "NOUN" and not actors.is_act(head):
        return f"a modifier of '{head.text}' ('a trade office', 'aid workers'), not an event"
    if _is_participle(tok) and head.i != tok.i and head.pos_ in NOUNS and \
            (tok.dep_ in lab.mod or tok.dep_ == "acl") and not _has_agent(tok, lab):
        return f"participle describing '{head.text}', not an event"
    # "une demande visant à interroger" names the act it asks for; "le premier chef d'État
    # à se rendre" (a person noun) reports it
    if intent_head is None and is_infinitive(tok) and tok.dep_ == "acl" and actors.is_act(head) \
            and not actors.at(head):
        return f"content of '{head.text}', not an event"
    return ""
