"""Modality of an event: asserted, future, hypothetical or negated.

Cues are data (``veille/lang/<code>/modality.yaml``); the rules below read the parse:
negation on the predicate or on a verb that governs it ("rien n'a été communiqué
concernant un accord"), a negated confirmation of an embedded claim ("ce qu'aucun
des deux pays n'a confirmé"), conditional mood, modal and planning verbs, future
tense, and possibility nouns ("la possibilité que", "un éventuel accord").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from spacy.tokens import Span, Token

from veille.errors import E401, VeilleError
from veille.events.arguments import Labels, clause_tokens, is_infinitive, is_negated, labels_for
from veille.lang import data_file, pack_for
from veille.records import Modality

KEYS = ("future_verbs", "future_words", "hypothetical_verbs", "hypothetical_heads",
        "hypothetical_phrases", "hypothetical_marks", "negation_verbs", "denial_verbs",
        "negative_determiners", "intent_heads", "purpose_marks", "temporal_preps",
        "acceptance_verbs", "volition_verbs", "obligation_auxiliaries", "obligation_verbs", "decision_verbs",
        "future_in_past", "collective_nouns", "simultaneity_marks", "without_marks", "demonstratives")


@dataclass(frozen=True)
class Cues:
    future_verbs: frozenset[str]
    future_words: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_heads: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    hypothetical_marks: frozenset[str]
    negation_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    negative_determiners: frozenset[str]
    intent_heads: frozenset[str]
    purpose_marks: tuple[str, ...]
    temporal_preps: frozenset[str]
    acceptance_verbs: frozenset[str]
    volition_verbs: frozenset[str]
    obligation_auxiliaries: frozenset[str]
    obligation_verbs: frozenset[str]
    decision_verbs: frozenset[str]
    future_in_past: frozenset[str]
    collective_nouns: frozenset[str]
    simultaneity_marks: frozenset[str]
    without_marks: frozenset[str]
    demonstratives: frozenset[str]


#: The cue of a negation that bears on the predicate itself; the coder turns a negated
#: acceptance into a rejection on it (one name for the text, so no rule reads its words).
NEGATION_ON_PREDICATE = "negation on the predicate"


@lru_cache(maxsize=4)
def load_cues(lang: str) -> Cues:
    """Modality cues of ``lang``, validated."""
    path = f"lang/{lang}/modality.yaml"
    data = yaml.safe_load(data_file(lang, "modality.yaml").read_text(encoding="utf-8"))
    missing = [k for k in KEYS if not isinstance(data.get(k), list)]
    if missing:
        raise VeilleError(E401, path=path, line=0, detail=f"missing list(s): {missing}")
    fields: dict[str, Any] = {k: (tuple(data[k]) if k in ("hypothetical_phrases", "purpose_marks")
                                  else frozenset(data[k])) for k in KEYS}
    return Cues(**fields)


def _ancestors(tok: Token, limit: int = 6) -> list[Token]:
    out: list[Token] = []
    cur = tok
    while cur.head.i != cur.i and len(out) < limit:
        cur = cur.head
        out.append(cur)
    return out


def is_purpose(tok: Token, cues: Cues) -> bool:
    """An infinitive of purpose ("pour soutenir", "en vue de renforcer", "in order to")."""
    if not is_infinitive(tok):
        return False
    left = " ".join(t.lower_ for t in tok.doc[max(tok.sent.start, tok.i - 3):tok.i])
    return any(left.endswith(m) for m in cues.purpose_marks)


def _scope(trigger: Token, lab: Labels, cues: Cues) -> list[Token]:
    """Governing words whose negation or mood reaches the trigger: the walk up stops at a
    temporal complement ("depuis un voyage") and at a purpose clause ("pour soutenir")."""
    out, cur = [], trigger
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        if cur.i != trigger.i and is_purpose(cur, cues):
            break
        if any(c.dep_ in lab.case and c.lower_ in cues.temporal_preps for c in cur.children) \
                or cur.lower_ in cues.temporal_preps:
            break
        cur = cur.head
        out.append(cur)
    return out


def _governors(trigger: Token, scope: list[Token], lab: Labels) -> list[Token]:
    """The words of the scope whose denial reaches the trigger: a relative clause states its
    own fact ("un pacte qui la lie", "where 28 people were killed"), and a coordinated verb is
    a sibling act, not a governor ("rejected the plan and said they opposed ...")."""
    out, cur = [], trigger
    for anc in scope:
        if cur.dep_ in lab.relcl:
            break
        if cur.dep_ not in lab.conj:
            out.append(anc)
        cur = anc
    return out


def _negative_word(tok: Token) -> bool:
    """A negative pronoun stands alone: "personne n'a été tué", not "28 personnes ont été
    tuées" (a noun with its determiner or number)."""
    return "Number=Plur" not in str(tok.morph) and \
        not any(c.dep_ in ("det", "nummod") and c.lower_ not in labels_for(tok.lang_).zero_determiners
                for c in tok.children)


def _negative_subject(tok: Token, lab: Labels, cues: Cues) -> bool:
    for c in tok.children:
        if c.dep_ in lab.subj or c.dep_ in lab.subj_pass:
            if (c.lemma_.lower() in cues.negative_determiners or c.lower_ in cues.negative_determiners) \
                    and _negative_word(c):
                return True
            if any(d.lower_ in cues.negative_determiners for d in c.children if d.dep_ == "det"):
                return True
    return False


def _denies(verb: Token, lab: Labels, cues: Cues) -> bool:
    if verb.lemma_.lower() in cues.denial_verbs and not is_negated(verb, lab):
        return True
    if verb.lemma_.lower() in cues.negation_verbs or verb.pos_ == "VERB":
        return is_negated(verb, lab) or _negative_subject(verb, lab, cues)
    return False


def _modal_cue(trigger: Token, verbs: frozenset[str], morph: str, lab: Labels) -> str:
    """Why the predicate is planned or possible: a governing verb ("devrait venir",
    "pourrait attaquer"), an auxiliary ("will", "could"), or its tense or mood. An
    infinitive complement or a nominal object shares the mood of its verb ("will allow
    refugees to return", "would allow the return of inspectors")."""
    cur = trigger
    for _ in range(3):
        head = cur.head
        if cur.dep_ in lab.xcomp and head.lemma_.lower() in verbs:
            return f"governing verb '{head.text}'"
        if any(c.lemma_.lower() in verbs and c.dep_.startswith("aux") for c in cur.children):
            return "auxiliary" if cur is trigger else f"auxiliary of '{cur.text}'"
        if any(morph in m for m in _aux_morph(cur)):
            return morph if cur is trigger else f"{morph} of '{cur.text}'"
        inherits = cur.dep_ in lab.xcomp or (cur.pos_ == "NOUN" and cur.dep_ in lab.obj)
        if not inherits or head.i == cur.i or head.pos_ not in ("VERB", "AUX"):
            break
        cur = head
    return ""




def morph_of(tok: Token) -> str:
    """The token's morphology, with a conditional or future the tagger missed read from
    the form by the language's pack ("accéderaient" tagged present indicative)."""
    morph = str(tok.morph)
    if tok.pos_ not in ("VERB", "AUX") or "Mood=Cnd" in morph or "Tense=Fut" in morph:
        return morph
    feature = pack_for(tok.lang_).mood_from_form(tok.lemma_.lower(), tok.lower_)
    return f"{morph}|{feature}" if feature else morph


def _aux_morph(tok: Token) -> list[str]:
    return [morph_of(tok)] + [morph_of(c) for c in tok.children if c.dep_.startswith("aux")]


def _future_in_past(trigger: Token, cues: Cues, lab: Labels) -> bool:
    """"announced it would prohibit", "a annoncé qu'il imposerait": after a past reporting
    verb, "would" and the French present conditional are the future seen from the past, not
    a possibility (a conditional perfect, "aurait attaqué", stays an unconfirmed report)."""
    cur = trigger
    for _ in range(2):
        if cur.dep_ in lab.ccomp:
            break
        if cur.dep_ not in lab.xcomp or cur.head.i == cur.i:
            return False
        cur = cur.head
    else:
        return False
    own = [trigger] + [c for c in trigger.children if c.dep_.startswith("aux")] + \
        [c for c in cur.children if c.dep_.startswith("aux")] + [cur]
    if not any(t.lower_ in cues.future_in_past or "Mood=Cnd" in morph_of(t) for t in own):
        return False
    if any("Mood=Cnd" in morph_of(t) and t.lemma_.lower() in pack_for(t.lang_).facts.hearsay_perfect_auxiliaries
           for t in own if t.dep_.startswith("aux")):
        return False  # conditional perfect
    if any(c.dep_ == "mark" and c.lower_ in cues.hypothetical_marks for c in cur.children):
        return False
    head = cur.head
    past = lab.compound_past_auxiliaries
    return "Tense=Past" in str(head.morph) or any("Tense=Past" in str(a.morph) or a.lemma_.lower() in past
                                                  for a in head.children if a.dep_.startswith("aux"))


def _conditional_perfect(trigger: Token) -> bool:
    """A French past participle with its auxiliary in the conditional ("aurait cédé",
    "auraient été tués"): told as having happened, on someone else's word."""
    auxiliaries = pack_for(trigger.lang_).facts.hearsay_perfect_auxiliaries
    return bool(auxiliaries) and "VerbForm=Part" in str(trigger.morph) and any(
        c.dep_.startswith("aux") and c.lemma_.lower() in auxiliaries and "Mood=Cnd" in morph_of(c)
        for c in trigger.children)


def is_volitional(trigger: Token, lang: str) -> bool:
    """The act is stated as willed or announced: a volition or future auxiliary or governing
    verb ("will not meet", "ne va pas céder", "n'entend pas négocier"), or the future tense
    ("ne livrera pas"; not the conditional, which French news uses for unconfirmed reports,
    except as the future seen from a past statement: "ont déclaré qu'ils n'accéderaient
    pas"). A negated act so stated is a refusal."""
    lab, cues = labels_for(lang), load_cues(lang)
    return bool(_modal_cue(trigger, cues.volition_verbs, "Tense=Fut", lab)) or _future_in_past(trigger, cues, lab)


def modality(trigger: Token, sent: Span, lang: str, extra: tuple[Token, ...] = ()) -> tuple[Modality, str]:
    """The modality of the event triggered at ``trigger`` and the cue that decided it."""
    lab, cues = labels_for(lang), load_cues(lang)
    own = {trigger, *extra}
    # negation: on the predicate, its governing verbs, or a negated confirmation of the claim
    if is_negated(trigger, lab) or _negative_subject(trigger, lab, cues):
        return "negated", NEGATION_ON_PREDICATE
    scope = _scope(trigger, lab, cues)
    for anc in _governors(trigger, scope, lab):
        if anc in own:
            continue
        if anc.pos_ in ("VERB", "AUX") and anc.lemma_.lower() in cues.negation_verbs | cues.denial_verbs \
                and _denies(anc, lab, cues):
            return "negated", f"governed by denied '{anc.text}'"
    chain = [trigger] + scope[:-1]
    embedded = any(t.dep_ in lab.ccomp for t in chain)
    if embedded:
        for tok in sent:
            if tok.lemma_.lower() in cues.negation_verbs and tok.pos_ == "VERB" and tok not in own \
                    and tok.i > trigger.i and _denies(tok, lab, cues) \
                    and not any(a.i == tok.i for a in scope):
                return "negated", f"claim not confirmed ('{tok.text}')"
    # a condition on the predicate ("attaquera ... si les Kurdes ne se retirent pas")
    for c in trigger.children:
        if c.dep_ in lab.advcl and any(m.dep_ == "mark" and m.lower_ in cues.hypothetical_marks
                                       for m in c.children):
            return "hypothetical", f"condition '{c.text}'"
    # future and plans before the conditional ("devrait venir" is a plan), then possibility
    checks: tuple[tuple[Modality, frozenset[str], str], ...] = (
        ("future", cues.future_verbs, "Tense=Fut"), ("hypothetical", cues.hypothetical_verbs, "Mood=Cnd"))
    for label, verbs, morph in checks:
        cue = _modal_cue(trigger, verbs, morph, lab)
        if cue == "Mood=Cnd" and _conditional_perfect(trigger):
            continue  # "aurait finalement cédé": the press's unconfirmed report of a past act
        if cue and label == "hypothetical" and _future_in_past(trigger, cues, lab):
            return "future", "future in the past (reported announcement)"
        if cue:
            return label, cue
    if any(c.dep_ == "mark" and c.lower_ in cues.hypothetical_marks for c in trigger.children):
        return "hypothetical", "condition clause"
    for c in trigger.children:
        if c.dep_ in ("amod", "advmod") and c.lemma_.lower() in cues.hypothetical_heads and c not in own:
            return "hypothetical", f"'{c.text}'"
    for anc in _ancestors(trigger, 3):
        if anc in own:
            continue
        if anc.lemma_.lower() in cues.hypothetical_heads and anc.pos_ in ("NOUN", "ADJ"):
            return "hypothetical", f"governed by '{anc.text}'"
        if anc.pos_ in ("VERB", "AUX"):
            break
    clause = " ".join(t.lower_ for t in clause_tokens(trigger, lab) if t.i > trigger.i)
    for phrase in cues.hypothetical_phrases:
        if f" {phrase} " in f" {clause} ":
            return "hypothetical", f"'{phrase}'"
    if any(t.lower_ in cues.future_words for t in trigger.children):
        return "future", "planning word"
    return "asserted", ""
