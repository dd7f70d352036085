"""Event coding: predicates matched against the lexicon, arguments read off the parse.

For each token whose lemma heads a lexicon entry, the most specific entry whose
constraints hold (following words, reflexive, object, infinitive complement) gives
the CAMEO code and the role specs of source and target. Actors come from the actors
layer (mentions overlapping the argument's head), with fallbacks when the parse
misses an argument. Each candidate keeps a trace for ``veille explain``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from spacy.tokens import Span, Token

from veille.analysis import Analysis
from veille.events.arguments import (Labels, clause_tokens, governor_subject, inverted_subject, is_infinitive,
                                     is_passive, is_present_participle, labels_for, preposition, role_tokens)
from veille.events.background import background_reason, not_done, purpose_clause
from veille.events.derivation import Read
from veille.events.lexicon import LexEntry, Lexicon
from veille.events.modality import NEGATION_ON_PREDICATE, Cues, is_volitional, load_cues, modality
from veille.events.obligation import find_obligations
from veille.events.ontology import parallel_code
from veille.lang import pack_for
from veille.quotes.cues import load_cues as speech_cues
from veille.records import ActorMention, ActorRef, Modality

WINDOW = 4  # max distance between consecutive words of a multi-word entry
INTERNAL_ROOTS = {"14", "17"}  # protest, coerce/repress/arrest: source and target may coincide
VISIT_ROOT_CODES = {"042", "043", "044"}
COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08"}
COERCIVE_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


def intent_code(code: str) -> str | None:
    """The 03x code expressing intent to do ``code``, if CAMEO has one. An event embedded as
    the content of an intent ("perspectives de coopération militaire", "la possibilité que X
    aide Y") is coded so, following CAMEO's parallel structure (03x mirrors 04x-08x)."""
    return parallel_code(code, "intent")


def recode_by_modality(code: str, modality: Modality, cue: str, volitional: bool) -> tuple[str, Modality, str]:
    """CAMEO codes an act that is only announced by its intent, threat or refusal code:
    "X will visit Y" 036 (future), "X will impose a curfew" 1323 (future), "X would strike if
    ..." 138 (hypothetical), "X will not meet the demands" 123 (a refusal, asserted).
    Returns the code, the modality and a note for the rule ("" when nothing changed). An act
    that is itself the condition ("if it is attacked") is not a threat by anyone."""
    root = code[:2]
    if modality in ("future", "hypothetical") and cue != "condition clause":
        # a scheduled visit or meeting stays a meeting (042 future, with its own date): it is
        # on the calendar analysts follow; only its announcement by the actor is an intent
        kind = "intent" if root in COOPERATIVE_ROOTS - {"04"} else "threat" if root in COERCIVE_ROOTS else None
        new = parallel_code(code, kind) if kind else None
        if new:
            return new, modality, f"{kind} of {code}"
    if modality == "negated" and volitional and (root in COOPERATIVE_ROOTS or root == "03"):
        new = parallel_code(code, "refusal")
        if new:
            return new, "asserted", f"refusal of {code}"
    return code, modality, ""


@dataclass
class Candidate:
    """A predicate found in the text, coded or not, with the reason."""

    trigger: Token
    tokens: list[Token]  # trigger words (head first)
    entry: LexEntry | None
    sources: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    source_path: str = ""  # how the source was read, in words (rendered into ``rule``)
    target_path: str = ""
    source_read: Read = Read.NONE  # the same, typed: what rules test
    target_read: Read = Read.NONE
    modality: Modality = "asserted"
    modality_cue: str = ""
    coded: bool = False
    reason: str = ""
    code: str = ""  # final CAMEO code (the entry's, or its intent form)
    intent_head: Token | None = None
    excluded: set[int] = field(default_factory=set)  # tokens describing an embedded act
    recoded: str = ""  # "threat of 190": the act's code before CAMEO's intent/threat/refusal form
    implicit_target: ActorRef | None = None  # an actor the text implies but does not name
    unnamed_attacker: bool = False  # a violent act whose doer the text does not name

    @property
    def text(self) -> str:
        doc = self.trigger.doc
        start, end = min(t.i for t in self.tokens), max(t.i for t in self.tokens) + 1
        return doc[start:end].text


class ActorIndex:
    """Actor mentions by token, for argument lookup."""

    def __init__(self, analysis: Analysis, lex: Lexicon | None = None) -> None:
        self.lex = lex
        self.doc = analysis.doc
        self.by_token: dict[int, list[ActorMention]] = {}
        for m in analysis.actors:
            if m.via and m.via.startswith("backer"):
                continue  # "the Syrian-backed Amal militia", "a UN-brokered deal": not a party
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, []).append(m)

    def at(self, tok: Token) -> list[ActorMention]:
        return self.by_token.get(tok.i, [])

    def tokens_of(self, m: ActorMention) -> list[Token]:
        """The tokens a mention covers."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand") if m.start is not None else None
        return list(span) if span is not None else []

    def for_argument(self, tok: Token, lab: Labels, through_acts: bool = False) -> list[ActorMention]:
        """Mentions of the noun phrase headed by ``tok`` (the head's own first).

        An argument that names an act ("contre toute violation des embargos de l'ONU") is
        not searched for actors, except a direct object when ``through_acts``: "rejected an
        offer from Afghanistan", "agreed to US mediation" name the other party."""
        found = self.at(tok)
        if found:
            return _same_span(found)
        if not through_acts and self.is_act(tok):
            return self.doer(tok, lab)
        stack = [c for c in tok.children]
        while stack:
            cur = stack.pop(0)
            if cur.dep_ in lab.clause_breaks or cur.dep_ in lab.relcl:
                continue
            if cur.dep_ in lab.conj:
                continue
            hit = self.at(cur)
            if hit:
                return _same_span(hit)
            if cur.dep_ in lab.flat | lab.appos | lab.mod | {"nmod", "det", "nummod", "pobj", "prep", "case"}:
                stack.extend(cur.children)
        return []

    def doer(self, act: Token, lab: Labels) -> list[ActorMention]:
        """Who does the act a noun names, by the source roles of its own lexicon entry:
        "complained over Israeli air raids" → Israel, "rejected calls by Kofi Annan" → the
        UN. Only mentions on the role word itself or its name parts count, so "toute
        violation des embargos de l'ONU" names no doer."""
        assert self.lex is not None
        entry = self.lex.candidates(act.lemma_.lower(), "noun")[0]
        roles = tuple(r for r in entry.source if r not in entry.target) or entry.source
        for role in roles:
            for t in role_tokens(act, role, lab):
                near = [t] + [c for c in t.children if c.dep_ in lab.flat | {"compound"}]
                hit = next((self.at(x) for x in near if self.at(x)), [])
                if hit:
                    return _same_span(hit)
        return []

    def is_act(self, tok: Token) -> bool:
        return self.lex is not None and tok.pos_ == "NOUN" and bool(self.lex.candidates(tok.lemma_.lower(), "noun"))

    def in_sentence(self, sent: Span) -> list[tuple[Token, list[ActorMention]]]:
        """(syntactic head, members) of each mention in the sentence, in order."""
        out, seen = [], set()
        for t in sent:
            ms = self.at(t)
            if ms and (ms[0].start, ms[0].end) not in seen:
                seen.add((ms[0].start, ms[0].end))
                span = self.doc.char_span(ms[0].start, ms[0].end, alignment_mode="expand")
                out.append((span.root if span is not None else t, _same_span(ms)))
        return out


def _same_span(ms: list[ActorMention]) -> list[ActorMention]:
    """All members of the first (plural) mention: the mentions sharing its span."""
    first = ms[0]
    return [m for m in ms if (m.start, m.end) == (first.start, first.end)]


TENSE_AUX = {"aux:tense", "aux:pass", "aux", "auxpass"}


def _misread_verb(tok: Token) -> bool:
    """A verb the tagger took for a noun or adjective: it carries a tense auxiliary ("a
    téléphoné au chancelier" tagged NOUN), or, in French, a subject and no copula ("La
    Croatie enquête sur ...")."""
    if tok.pos_ not in ("NOUN", "ADJ"):
        return False
    kids = list(tok.children)
    auxiliaries = labels_for(tok.lang_).tense_auxiliaries
    if any(c.dep_ in TENSE_AUX and c.lemma_.lower() in auxiliaries and c.i < tok.i for c in kids):
        return True
    return pack_for(tok.lang_).facts.noun_with_subject_is_verb and tok.pos_ == "NOUN" \
        and any(c.dep_ == "nsubj" and c.i < tok.i for c in kids) \
        and not any(c.dep_ == "cop" for c in kids) and not any(c.dep_ == "det" for c in kids)


def _pos(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or _misread_verb(tok):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        return "noun"
    return None


def _lemma_keys(tok: Token, pos: str) -> list[str]:
    """Lemma, form, and for French participles or forms left unlemmatised the infinitive."""
    lemma, form = tok.lemma_.lower(), tok.lower_
    keys = [lemma, form]
    if tok.pos_ == "VERB":
        keys += pack_for(tok.lang_).lemma_repairs(lemma, form)  # a dropped silent e ("staged" → "stag")
    if pos == "verb" or tok.pos_ == "ADJ":  # a participle lemmatised as itself ("déclarée")
        keys += pack_for(tok.lang_).infinitive_guesses(lemma)
    return keys


def _particle(tok: Token) -> bool:
    """A verb particle: "out" in "forced X out (of the country)", not a preposition with
    its own object ("extradited X to Britain")."""
    return tok.dep_ in ("prt", "compound:prt") or \
        (tok.dep_ in ("prep", "advmod") and not any(g.dep_ == "pobj" for g in tok.children))


def _same_word(t: Token, w: str) -> bool:
    return t.lemma_.lower() == w or t.lower_ == w or t.lower_.replace("’", "'") == w


def _match_words(trigger: Token, words: tuple[str, ...]) -> list[Token] | None:
    doc, at, out = trigger.doc, trigger.i, [trigger]
    for n, w in enumerate(words):
        for j in range(at + 1, min(at + 1 + WINDOW, trigger.sent.end)):
            if _same_word(doc[j], w):
                out.append(doc[j])
                at = j
                break
        else:
            # a verb's particle after a long object: "forced the UN refugee agency, UNHCR, out"
            far = next((c for c in trigger.children if c.i > at and _particle(c) and _same_word(c, w)), None) \
                if n == 0 else None
            if far is None:
                return None
            out.append(far)
            at = far.i
    return out


def _entry_holds(entry: LexEntry, trigger: Token, lab: Labels, wide: bool = False) -> list[Token] | None:
    """Trigger tokens when the entry's constraints hold, else None. ``wide``: an object
    constraint may be met by a modifier or an apposition of the object ("violated the ceasefire
    agreement", "a violé l'accord de cessez-le-feu", "the WFP, a UN agency"), tried after every
    entry of the same specificity failed on the head."""
    toks = _match_words(trigger, entry.words)
    if toks is None:
        return None
    if entry.reflexive and not any(c.lower_.replace("’", "'") in lab.reflexive for c in trigger.children):
        return None
    if entry.obj:
        objs = role_tokens(trigger, "obj", lab) if entry.pos == "verb" else role_tokens(trigger, "de", lab)
        partitive = pack_for(trigger.lang_).facts.partitive_articles
        if entry.pos == "verb" and partitive:  # "envoyer du matériel": a partitive read as "de"
            objs += [c for c in trigger.children if c.dep_ == "obl:arg" and c.i > trigger.i and any(
                k.dep_ == "case" and k.lower_ in partitive for k in c.children)]
        objs += [x for o in objs if o.like_num or any(c.dep_ == "nummod" for c in o.children)
                 for x in role_tokens(o, "de", lab)]  # "700 kg of medicine", "des tonnes de vivres"
        collective = load_cues(trigger.lang_).collective_nouns
        members = [x for o in objs if o.lemma_.lower() in collective for x in role_tokens(o, "de", lab)]
        if members and not wide:  # "a mission of observers": its members; the wide pass keeps the head
            objs = [o for o in objs if o.lemma_.lower() not in collective] + members
        if wide:
            objs += [x for o in objs for x in o.children if x.dep_ == "compound" or x.dep_ in lab.appos] + \
                [x for o in objs for x in role_tokens(o, "de", lab)]
        if not any(o.lemma_.lower() in entry.obj or o.lower_ in entry.obj for o in objs):
            return None
    if entry.xcomp:
        comps = [c for c in trigger.children if c.dep_ in lab.xcomp or c.dep_ in lab.ccomp
                 or (c.dep_ in ("acl", "advcl") and c.pos_ == "VERB")]
        # object control parsed on the object: "autorisera les réfugiés à rentrer", or inside a
        # relative clause on it: "will allow refugees who have lived in Iraq to return"
        comps += [c for o in trigger.children if o.dep_ in lab.obj
                  for c in o.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.i > o.i]
        if trigger.lemma_.lower() in lab.object_control:
            comps += [c for o in trigger.children if o.dep_ in lab.obj for c in o.subtree
                      if c.i > o.i and is_infinitive(c) and c.dep_ not in lab.relcl and
                      any(m.lower_ in lab.infinitive_markers and m.i < c.i for m in c.children)]
        if not any(c.lemma_.lower() in entry.xcomp for c in comps):
            return None
        toks += [c for c in comps if c.lemma_.lower() in entry.xcomp][:1]
    return toks


def find_candidates(sent: Span, lex: Lexicon, lab: Labels) -> list[Candidate]:
    """Predicates of a sentence that head a lexicon entry whose constraints hold."""
    out: list[Candidate] = []
    consumed: set[int] = set()
    for tok in sent:
        pos = _pos(tok)
        if pos is None or tok.i in consumed:
            continue
        entries = next((e for k in _lemma_keys(tok, pos) if (e := lex.candidates(k, pos))), [])
        if not entries and pos == "noun" and tok.pos_ == "ADJ":
            continue
        # most specific entries first; within a level, the object's head before its
        # modifiers and appositions ("the World Food Programme, a UN agency")
        found = None
        for _, level in groupby(entries, key=lambda e: e.specificity):  # sorted by specificity
            group = list(level)
            found = next(((e, t) for wide in (False, True) for e in group
                          if (not wide or e.obj) and (t := _entry_holds(e, tok, lab, wide)) is not None), None)
            if found is not None:
                break
        if found is not None:
            entry, toks = found
            out.append(Candidate(trigger=tok, tokens=toks, entry=entry))
            consumed.update(t.i for t in toks[1:])
    # a multi-word entry consumes the words that would head entries of their own
    return [c for c in out if c.trigger.i not in consumed or len(c.tokens) > 1]


def _actors(tokens: list[Token], index: ActorIndex, lab: Labels,
            through_acts: bool = False) -> list[ActorMention]:
    out: list[ActorMention] = []
    for t in tokens:
        for m in index.for_argument(t, lab, through_acts):
            if all(m is not o for o in out):
                out.append(m)
    return out


def _by_roles(trigger: Token, roles: tuple[str, ...], index: ActorIndex,
              lab: Labels) -> tuple[list[ActorMention], str]:
    for role in roles:
        found = _actors(role_tokens(trigger, role, lab), index, lab, through_acts=role in ("obj", "iobj"))
        if found:
            return found, role
    return [], ""


def _verb_above(tok: Token) -> Token | None:
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _clause_subject(verb: Token, index: ActorIndex, lab: Labels) -> list[ActorMention]:
    """Who the clause of ``verb`` is about: its subject (active or passive), the noun a
    participle modifies ("la Russie, étant engagée dans ..."), or an inherited subject."""
    toks = [c for c in verb.children if c.dep_ in lab.subj or c.dep_ in lab.subj_pass]
    if not toks and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _same_span(index.at(verb.head)) if index.at(verb.head) else []
    if not toks:
        toks = governor_subject(verb, lab)
    return _actors(toks, index, lab)


def _left_subject(trig: Token, index: ActorIndex, lab: Labels, after: int = -1) -> list[ActorMention]:
    """Nearest actor on the left in the sentence that is not inside a prepositional phrase."""
    left = [ms for t, ms in index.in_sentence(trig.sent) if after < t.i and ms[0].end <= trig.idx
            and not any(ch.dep_ in lab.case for ch in t.children) and t.dep_ not in lab.obl
            and not (lab.pobj and t.dep_ in lab.pobj)]
    return left[-1] if left else []


def _adjacent_subject(trig: Token, index: ActorIndex, lab: Labels) -> list[ActorMention]:
    """An actor standing right before the verb, separated from it only by commas, auxiliaries,
    adverbs or its own relative clause ("..., et Tokyo, qui s'est dit inquiet, a mis en garde").
    Guards against the parser giving the verb the subject of an earlier coordinated clause."""
    left = [(t, ms) for t, ms in index.in_sentence(trig.sent) if ms[0].end <= trig.idx]
    if not left:
        return []
    root, ms = left[-1]
    if any(ch.dep_ in lab.case for ch in root.children) or root.dep_ in lab.obl or \
            (lab.pobj and root.dep_ in lab.pobj):  # "The Albanians of southern Serbia are demanding"
        return []
    span = index.doc.char_span(ms[0].start, ms[0].end, alignment_mode="expand")
    if span is None:
        return []
    own = {t.i for t in root.subtree}
    for t in index.doc[span.end:trig.i]:
        if t.i in own or t.is_punct or t.pos_ in ("AUX", "ADV", "PART") or t.dep_.startswith("aux") \
                or t.lower_ in lab.reflexive or t.lower_ in lab.negation_particles:
            continue
        return []
    return ms


def _possessor(trig: Token, index: ActorIndex, lab: Labels) -> list[ActorMention]:
    """A possessive determiner ("sa visite", "son invasion") refers to the subject of the
    nearest clause that has one (infinitives and participles are climbed through)."""
    if not any(c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in trig.children):
        return []
    cur = trig
    for _ in range(8):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX", "ADJ"):
            subj = [c for c in cur.children if c.dep_ in lab.subj or c.dep_ in lab.subj_pass]
            found = _actors(subj, index, lab)
            if found:
                return found
    found = _left_subject(trig, index, lab)
    if found:
        return found
    # fronted phrase: "Au lendemain de sa rencontre avec X, le chef du Kremlin a ..."
    for t, ms in index.in_sentence(trig.sent):
        if t.i > trig.i and not any(ch.dep_ in lab.case for ch in t.children) and t.dep_ not in lab.obl:
            return ms
    return []


def _linear_between(trig: Token, index: ActorIndex) -> list[ActorMention]:
    """'entre X et Y' / 'between X and Y' right after a noun, whatever the attachment."""
    doc, end = trig.doc, min(trig.i + 5, trig.sent.end)
    for j in range(trig.i + 1, end):
        if doc[j].lower_ in labels_for(doc.lang_).between_words:
            out: list[ActorMention] = []
            for k in range(j + 1, min(j + 12, trig.sent.end)):
                if doc[k].is_punct and doc[k].text in ",;:()":
                    break
                for m in index.at(doc[k]):
                    if all(m is not o for o in out):
                        out.append(m)
            return out
    return []


def _under(tok: Token, top: Token, test: Callable[[Token], bool]) -> bool:
    """A word between ``tok`` (included) and ``top`` (excluded) in the tree passes ``test``."""
    cur = tok
    for _ in range(8):
        if cur.i == top.i or cur.head.i == cur.i:
            return False
        if test(cur):
            return True
        cur = cur.head
    return False


def _trailing_attribution(verb: Token) -> bool:
    """", diplomats quoted an EC declaration as saying" parsed as a complement: the speech
    frame of the sentence, not the act's content."""
    left = next(t.i for t in verb.subtree if not t.is_punct)
    return left > verb.sent.start and verb.doc[left - 1].text == "," and \
        verb.lemma_.lower() in speech_cues(verb.lang_).verbs


def _role_read(role: str) -> Read:
    """How ``_by_roles`` found an argument, from the lexicon role it returns."""
    if not role:
        return Read.NONE
    return Read.SUBJECT if role == "subj" else Read.ROLE


def fill_arguments(c: Candidate, index: ActorIndex, lab: Labels, lang: str) -> None:
    """Source and target actors of a candidate, by role specs then fallbacks."""
    entry, trig = c.entry, c.trigger
    assert entry is not None
    if c.intent_head is not None:  # the one who intends is the source
        head = c.intent_head
        for verb in (head if head.pos_ in ("VERB", "ADJ", "AUX") else None, _verb_above(head)):
            if verb is not None and not c.sources:
                c.sources = _clause_subject(verb, index, lab)
                c.source_path = f"intent '{head.text}' of '{verb.text}'.subj" if c.sources else ""
                c.source_read = Read.INTENT_SUBJECT if c.sources else Read.NONE
    if not c.sources:
        # a role the entry names for its target is not the source: "the blockade of Serbia",
        # "l'arrestation de l'opposant" (default noun sources include "de")
        roles = tuple(r for r in entry.source if r not in entry.target) or entry.source
        c.sources, c.source_path = _by_roles(trig, roles, index, lab)
        c.source_read = _role_read(c.source_path)
    if not c.sources and c.intent_head is not None:
        c.sources = _left_subject(c.intent_head, index, lab)
        c.source_path = f"intent '{c.intent_head.text}': nearest actor on the left" if c.sources else ""
        c.source_read = Read.INTENT_LEFT if c.sources else Read.NONE
    participle = trig.dep_ in lab.advcl and is_present_participle(trig)
    inverted = inverted_subject(trig, lab) is not None  # "..., a accusé une ONG": the subject is found
    if c.sources and c.source_read is Read.SUBJECT and entry.pos == "verb" and not participle and not inverted:
        # (a participle clause, "..., killing one", has the subject of its main clause)
        nearer = _adjacent_subject(trig, index, lab)
        if nearer and all(m is not s for m in nearer for s in c.sources) and nearer[0].start > c.sources[0].start:
            c.sources, c.source_path, c.source_read = nearer, "actor right before the verb", Read.ADJACENT
    if c.sources and trig.dep_ in lab.conj and c.source_read is Read.SUBJECT and not is_present_participle(trig) and \
            not inverted and not any(ch.dep_ in lab.subj for ch in trig.children):  # "tuant 50 et arrêtant 12"
        # coordinated clauses: "X a fustigé ..., et Tokyo, qui ..., a mis en garde"
        nearer = _left_subject(trig, index, lab, after=trig.head.i)
        if nearer and all(m is not s for m in nearer for s in c.sources):
            c.sources, c.source_path, c.source_read = nearer, "subject of the second conjunct", Read.CONJUNCT_SUBJECT
    if not c.sources and entry.pos == "noun":
        c.sources = _possessor(trig, index, lab)
        c.source_path = "possessive → clause subject" if c.sources else ""
        c.source_read = Read.POSSESSIVE if c.sources else Read.NONE
    if not c.sources and entry.pos == "noun":
        verb = _verb_above(trig)
        # "Israel renewed negotiations", "la Russie engagée dans une offensive": the one who
        # does the verb whose object (or support-verb complement) names the act
        if verb is not None and verb.lemma_.lower() in lab.support_verbs:
            c.sources = _clause_subject(verb, index, lab)
            c.source_path = f"verb '{verb.text}'.subj" if c.sources else ""
            c.source_read = Read.SUPPORT_VERB if c.sources else Read.NONE
    if not c.sources and entry.pos == "verb" and not is_passive(trig, lab) and \
            not (is_infinitive(trig) and trig.head.pos_ in ("NOUN", "PROPN")) and \
            not any(ch.dep_ in lab.subj or ch.dep_.startswith("expl") for ch in trig.children):
        # a verb the parser left without subject (or controller: "is about to restore");
        # an infinitive completing a noun has no doer in its sentence ("a decision to send
        # troops", "la décision d'envoyer des troupes"); a subject that names no actor ("the
        # chaos threatened the refugees") is not replaced by another actor
        c.sources = _left_subject(trig, index, lab)
        c.source_path = "nearest actor on the left" if c.sources else ""
        c.source_read = Read.NEAREST_LEFT if c.sources else Read.NONE
    if entry.target != ("none",):
        c.targets, c.target_path = _by_roles(trig, entry.target, index, lab)
        c.target_read = _role_read(c.target_path)
        for role in entry.target:  # "contre toute violation des embargos de l'ONU": the act's own words
            if role in ("obj", "iobj"):
                continue
            for t in role_tokens(trig, role, lab):
                if t not in c.tokens and index.is_act(t):
                    c.excluded.update(x.i for x in t.subtree)
        if not c.targets:  # "demanded that the government end ...", "urged Iran to ...": the addressee
            comps = list(trig.children)  # an incise: "X ne respecte pas ..., a protesté Y"
            if inverted and trig.head.i < trig.i and trig.dep_ in lab.conj | {"parataxis"}:
                comps.append(trig.head)  # the reported clause parsed as the head of the incise
            for comp in comps:
                content = comp.dep_ in lab.ccomp | lab.xcomp or \
                    (inverted and comp.i < trig.i and (comp.dep_ in lab.advcl | {"parataxis"} or comp.i == trig.head.i))
                if content and comp.pos_ in ("VERB", "AUX") and not _trailing_attribution(comp):
                    subj = [x for x in comp.children if x.dep_ in lab.subj or x.dep_ in lab.subj_pass]
                    found = _actors(subj, index, lab)
                    if found and all(m.code not in {s.code for s in c.sources} for m in found):
                        c.targets, c.target_path = found, f"subject of '{comp.text}'"
                        c.target_read = Read.CONTENT_SUBJECT
                        break
        if not c.targets:  # "accepted US mediation", "a rejeté la proposition du président irakien"
            acts = [t for t in c.tokens[1:] if index.is_act(t)] + \
                [t for t in role_tokens(trig, "obj", lab) if t not in c.tokens and index.is_act(t)]
            for act in acts:
                found = [m for m in index.doer(act, lab) if not any(_same_country(m, s) for s in c.sources)]
                if found:
                    c.targets, c.target_path, c.target_read = found, f"doer of '{act.text}'", Read.DOER
                    break
        if not c.targets and "xcomp" not in " ".join(entry.target) and not c.excluded:
            clause = {t.i for t in clause_tokens(trig, lab)} - _described(c, index)
            src = {id(m) for m in c.sources}
            right = [ms for t, ms in index.in_sentence(trig.sent)
                     if t.i in clause and t.i > trig.i and not any(id(m) in src for m in ms)
                     and not _under(t, trig, not_done)  # "agreed to resign without returning to Kyrgyzstan"
                     and any(m.country or m.code.startswith(("IGO", "NGO")) for m in ms)  # no guess on "---"
                     and t.dep_ not in ("amod", "compound")  # "a Swedish-registered vessel"
                     and preposition(t, lab) not in lab.locative]  # "a ceasefire in south Lebanon": where
            if right:
                c.targets, c.target_path = right[0], "nearest actor on the right in the clause"
                c.target_read = Read.NEAREST_RIGHT
    if entry.symmetric:
        # the parties: the subjects and the explicit partners ("with X", "between X and Y"),
        # not an actor merely standing on the right ("agreed to lift the embargo on Iran")
        partners = [] if c.target_read is Read.NEAREST_RIGHT else c.targets
        both = c.sources + [m for m in partners if all(m is not s for s in c.sources)]
        between = _actors(role_tokens(trig, "between", lab), index, lab) or _linear_between(trig, index)
        for m in between:
            if all(m is not s for s in both):
                both.append(m)
        uniq: list[ActorMention] = []
        for m in both:
            if m.code not in {u.code for u in uniq}:
                uniq.append(m)
        if len({m.code for m in uniq}) > 1:
            c.sources, c.targets = uniq, []
            c.source_path += "+symmetric"


def _intent_head(tok: Token, cues: Cues) -> Token | None:
    """The intent word an event is embedded under ("perspectives de", "la possibilité que",
    "accepter de venir"); the object of an intent verb ("accepter l'invitation") is not."""
    doc = tok.doc
    j = tok.i - 1  # linear: "des "perspectives" de coopération", whatever the attachment
    while j >= max(tok.sent.start, tok.i - 4) and (doc[j].is_punct or doc[j].lower_ in labels_for(doc.lang_).linking_words):
        j -= 1
    if j >= tok.sent.start and j < tok.i - 1 and doc[j].pos_ in ("NOUN", "ADJ") and \
            (doc[j].lemma_.lower() in cues.intent_heads or doc[j].lower_ in cues.intent_heads):
        return doc[j]
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ in ("conj", "parataxis"):
            return None
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" for c in cur.children):
            return None  # "willing to send material if it is attacked": a condition, not the intent
        if any(c.dep_ in ("case", "prep") and c.lower_ in cues.temporal_preps for c in cur.children) or \
                (cur.dep_ == "pobj" and cur.head.lower_ in cues.temporal_preps):
            return None  # "accepted a ceasefire after two days of fighting": when, not what
        child, cur = cur, cur.head
        if cur.lemma_.lower() in cues.intent_heads or cur.lower_ in cues.intent_heads:
            if cur.pos_ == "VERB" and child.pos_ in ("NOUN", "PROPN") and child.dep_ in ("obj", "dobj"):
                return None
            return cur
        if cur.pos_ == "VERB" and cur.dep_ not in ("xcomp", "acl", "ccomp", "acl:relcl"):
            return None
    return None


PROTEST_ROOT = "14"


def _authority_of(sources: list[ActorMention]) -> ActorRef | None:
    """The government a protest with no named target addresses: that of the protesters'
    country (CAMEO and ICEWS code domestic dissent against the state). None when the
    protesters are the government, or of unknown or several countries."""
    countries = {m.country for m in sources}
    if len(countries) != 1 or None in countries or any(m.sector == "GOV" for m in sources):
        return None
    country = countries.pop()
    return ActorRef(text=None, code=f"{country}GOV", country=country, sector="GOV")


def _same_country(a: ActorMention, b: ActorMention) -> bool:
    if a.code == b.code:
        return True
    return a.country is not None and a.country == b.country and (a.sector is None or b.sector is None)


def _described(c: Candidate, index: ActorIndex) -> set[int]:
    """Tokens of appositions to the source: they describe it and are no partner ("La Norvège,
    membre de l'Otan", "the PLO, Chairman Yasser Arafat")."""
    return {x.i for s in c.sources for t in index.tokens_of(s) for a in t.children
            if a.dep_ == "appos" or (a.dep_ == "conj" and a.pos_ == "NOUN" and  # misparsed apposition
                                     not any(k.dep_ == "cc" for k in a.children))
            for x in a.subtree}


def sentence_targets(c: Candidate, index: ActorIndex, speakers: set[int]) -> list[ActorMention]:
    """Implicit target: the actors of the sentence other than the source (nearest first)."""
    trig = c.trigger
    found: list[tuple[int, list[ActorMention]]] = []
    described = _described(c, index)
    for t, ms in index.in_sentence(trig.sent):
        if any(m.start in speakers for m in ms) or t.i in c.excluded or t.i in described or \
                _under(t, t.sent.root, not_done):  # "without returning to Kyrgyzstan": no partner
            continue
        if any(_same_country(m, s) for m in ms for s in c.sources):
            continue
        if not any(m.country or m.code.startswith(("IGO", "NGO")) for m in ms):
            continue  # an implicit target is a guess: never on an actor of unknown country
        found.append((abs(t.i - trig.i), ms))
    if not found:
        return []
    found.sort(key=lambda x: x[0])
    nearest = found[0][1]
    # a coordination or plural mention comes whole
    return nearest


def _inherit_target(main: Candidate, part: Candidate) -> None:
    """"agreed to lift the embargo on Iran", "accepted US mediation": the act agreed to or
    named names the other party when the main verb names none (or only guessed one)."""
    if main.entry is not None and main.entry.symmetric and len(main.sources) > 1:
        return  # "Israel and Jordan agreed to ...": the parties are the sources
    explicit = part.targets and part.target_read is not Read.IMPLICIT
    if explicit and (not main.targets or main.target_read is Read.IMPLICIT) and main.implicit_target is None:
        targets = [m for m in part.targets if not any(_same_country(m, s) for s in main.sources)]
        if targets:
            main.targets, main.target_path = targets, f"target of '{part.trigger.text}'"
            main.target_read = Read.PART_TARGET


ASKING_ROOTS = frozenset({"02", "10", "12", "13"})  # appeal, demand, reject, threaten: acts about a wanted act


def _asking_act(tok: Token, coded: dict[int, Candidate], c: Candidate, lab: Labels, cues: Cues) -> Token | None:
    """The coded appeal, demand, rejection or threat whose content ``tok`` is, if any: the walk up
    goes through complements, objects and noun complements ("pushing for the US to support
    its debt relief plan", "rejected an offer of talks"), never through a subject, a relative
    clause, a circumstance or a conjunct of the act itself (a second act). A denied claim is
    not content: "a nié avoir attaqué" keeps the attack, negated."""
    content = lab.ccomp | lab.xcomp | lab.obj | lab.iobj | lab.obl | lab.pobj | lab.prep | {"acl", "nmod", "conj"}
    cur = tok
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            return None
        via_purpose = cur.dep_ in lab.advcl and (purpose_clause(cur, lab, cues) or  # "pour qu'il cesse"
                                                 head.lemma_.lower() in lab.object_control)  # "autoriser X à atterrir"
        if cur.dep_ not in content and not via_purpose:
            return None
        if any(ch.dep_ in lab.case and ch.lower_ in cues.temporal_preps for ch in cur.children) \
                or cur.lower_ in cues.temporal_preps:
            return None
        other = coded.get(head.i)
        if other is not None and other is not c:
            if cur.dep_ in lab.conj or other.code[:2] not in ASKING_ROOTS:
                return None
            if head.lemma_.lower() in cues.denial_verbs and head.lemma_.lower() not in lab.rejection_verbs:
                return None
            return head
        cur = head
    return None


def _condition_of(tok: Token, coded: dict[int, Candidate], c: Candidate, lab: Labels, cues: Cues) -> Token | None:
    """The coded act whose condition clause holds ``tok`` ("will send material to Saudi Arabia
    if it is attacked", "may halt mediation if cooperation founders"): the condition makes
    that act hypothetical and is not an event of its own."""
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ in lab.relcl:
            return None
        if cur.dep_ in lab.advcl and any(m.dep_ == "mark" and m.lower_ in cues.hypothetical_marks
                                         for m in cur.children):
            other = coded.get(cur.head.i)
            return cur.head if other is not None and other is not c else None
        cur = cur.head
    return None


def suppress_nested(cands: list[Candidate], lab: Labels, cues: Cues) -> None:
    """Nouns and complements inside a coded predicate's frame are part of it, not events
    (a temporal complement, "depuis un voyage en 2019", is outside the frame)."""
    coded = {t.i: c for c in cands if c.coded for t in c.tokens}
    for c in cands:
        if not c.coded:
            continue
        tok = c.trigger
        asker = _asking_act(tok, coded, c, lab, cues)
        if asker is not None:
            # "a exigé que le gouvernement lève les restrictions", "rejected an offer of direct
            # talks", "un ultimatum pour qu'il cesse ses attaques": what is asked for, turned down
            # or threatened is not done; the act that asks codes it
            c.coded, c.reason = False, f"content of '{asker.text}' ({coded[asker.i].code}), not an event"
            _inherit_target(coded[asker.i], c)
            continue
        conditioned = _condition_of(tok, coded, c, lab, cues)
        if conditioned is not None:
            c.coded, c.reason = False, f"condition of '{conditioned.text}', not an event"
            continue
        if c.entry is not None and c.entry.pos == "verb" and tok.dep_ in lab.xcomp | {"acl"}:
            cur = tok
            for _ in range(2):  # "a invité Poutine à visiter", "a accepté de venir"
                cur = cur.head
                if cur.i in coded and coded[cur.i] is not c and coded[cur.i].entry.pos == "verb":  # type: ignore[union-attr]
                    if cur.lemma_.lower() in cues.denial_verbs:
                        break  # "a nié avoir attaqué": the denied attack stays, negated
                    c.coded, c.reason = False, f"complement of coded '{cur.text}'"
                    _inherit_target(coded[cur.i], c)
                    break
                if cur.pos_ == "VERB":
                    break
            if not c.coded:
                continue
        if c.entry is not None and c.entry.pos == "noun":
            cur = tok
            for _ in range(5):
                if cur.head.i == cur.i or any(ch.dep_ in lab.case and ch.lower_ in cues.temporal_preps
                                          for ch in cur.children):
                    break
                cur = cur.head
                if cur.i in coded and coded[cur.i] is not c:
                    c.coded, c.reason = False, f"inside the frame of coded '{cur.text}'"
                    _inherit_target(coded[cur.i], c)
                    break
                if cur.pos_ == "VERB":
                    break


VIOLENCE = frozenset({"18", "19", "20"})


def _armed_attack(code: str) -> bool:
    """Assault, armed force or mass violence against people: not a blockade (191) or an
    occupation (192), which name no victims."""
    return code[:2] in VIOLENCE and code[:3] not in ("191", "192")


def merge_consequences(cands: list[Candidate], lab: Labels, cues: Cues) -> None:
    """A violent act told with its outcome is one event: "shelled the town, killing 20"
    (a participle clause), "killing or wounding 50", "were killed or wounded" (coordinated
    violent verbs of the same actor), "killed 23 when they blew themselves up", "en se faisant
    exploser" (the manner of the act). Other acts stay apart ("killing one and arresting
    12", "a accepté l'invitation et réaffirmé sa volonté")."""
    coded = {c.trigger.i: c for c in cands if c.coded}
    for c in cands:
        tok = c.trigger
        if not c.coded or tok.pos_ != "VERB" or tok.head.i == tok.i:
            continue
        marks = [ch.lower_ for ch in tok.children if ch.dep_ in ("mark", "advmod") and ch.i < tok.i]
        participle = tok.dep_ in lab.advcl and is_present_participle(tok) and \
            (not marks or marks == ["en"])  # "tuant 20", "en se faisant exploser"
        when = tok.dep_ in lab.advcl and any(m in cues.simultaneity_marks for m in marks)  # "when they blew ... up"
        if not (participle or when or tok.dep_ in lab.conj):
            continue
        main = coded.get(tok.head.i) or next(  # "ont déclenché des tirs ..., tuant 50": the support verb's act
            (m for m in coded.values() if m.trigger.head.i == tok.head.i and m.trigger.dep_ in lab.obj), None)
        if main is None or main is c or main.code[:2] not in VIOLENCE or c.code[:2] not in VIOLENCE:
            continue
        if {m.code for m in main.sources} != {m.code for m in c.sources} and \
                not (c.source_read is Read.NEAREST_LEFT and (participle or when)):
            continue  # a participle's own subject is its main verb's, whatever the fallback found
        c.coded, c.reason = False, f"the same act as coded '{main.trigger.text}' ({'its outcome' if participle else 'coordinated'})"


def code_sentence(sent: Span, lex: Lexicon, index: ActorIndex, lang: str,
                  speakers: set[int] | None = None,
                  place_country: dict[int, str] | None = None) -> list[Candidate]:
    """Coded (and rejected) candidates of one sentence, with reasons.

    ``speakers``: start offsets of mentions that are cited sources (never implicit
    targets); ``place_country``: token index → country of the event's place, used as the
    target of a visit when the text names only where it went.
    """
    lab, cues = labels_for(lang), load_cues(lang)
    speakers = speakers or set()
    cands = find_candidates(sent, lex, lab)
    for c in cands:
        assert c.entry is not None
        c.code = c.entry.code
        c.intent_head = _intent_head(c.trigger, cues)
        c.reason = background_reason(c.trigger, lab, cues, index, c.intent_head)
        if c.reason:
            continue
        if c.intent_head is not None and c.code[:2] not in ("03", "13"):
            head = c.intent_head.lemma_.lower()
            if c.code[:2] in COERCIVE_ROOTS:
                # "prepared to impose martial law" threatens it; "decided to impose" does it;
                # "engagée dans une offensive" is in it (a noun act under a verb)
                if head not in cues.decision_verbs | cues.acceptance_verbs and \
                        (c.trigger.pos_ == "VERB" or head in cues.hypothetical_heads):
                    new = parallel_code(c.code, "threat")
                    c.code, c.recoded = (new, f"threat of {c.code}") if new else (c.code, "")
            else:
                c.code = intent_code(c.code) or c.code
        fill_arguments(c, index, lab, lang)
        if not c.sources and c.entry.symmetric:
            pair = _linear_between(c.trigger, index)
            if len({m.code for m in pair}) > 1:
                c.sources, c.source_path, c.source_read = pair, "between (linear)", Read.BETWEEN
        c.targets = [m for m in c.targets if not any(_same_country(m, s) for s in c.sources)]
        c.target_path = c.target_path if c.targets else ""
        c.target_read = c.target_read if c.targets else Read.NONE
        if not c.sources and c.targets and _armed_attack(c.code) and not c.entry.symmetric:
            # "three servicemen were killed by a roadside bomb": the victims are named, the
            # attackers are not; CAMEO's unidentified armed forces (UAF) of the place
            c.unnamed_attacker, c.source_path = True, "implicit: unidentified armed forces"
            c.source_read = Read.IMPLICIT
        if not c.sources and not c.unnamed_attacker:
            c.reason = "no source actor"
            continue
        protest = c.code[:2] == PROTEST_ROOT
        if not c.targets and not (c.entry.symmetric and len(c.sources) > 1):
            c.targets = sentence_targets(c, index, speakers)
            if c.targets:
                c.target_path, c.target_read = "implicit: other actor of the sentence", Read.IMPLICIT
        if not c.targets and protest:
            c.implicit_target = _authority_of(c.sources)
            if c.implicit_target is not None:
                c.target_path = f"implicit: the government of {c.implicit_target.country}, protested against"
                c.target_read = Read.IMPLICIT
        c.modality, c.modality_cue = modality(c.trigger, sent, lang, tuple(c.tokens[1:]))
        if c.modality == "negated" and c.code[:2] == "03" and c.trigger.lemma_.lower() in cues.acceptance_verbs \
                and c.modality_cue == NEGATION_ON_PREDICATE:
            c.code, c.modality, c.modality_cue = "120", "asserted", "negated acceptance: a rejection"
        elif c.code[:2] not in ("03", "12", "13"):
            c.code, c.modality, c.recoded = recode_by_modality(
                c.code, c.modality, c.modality_cue,
                c.modality == "negated" and is_volitional(c.trigger, lang))
        c.coded, c.reason = True, "coded"
    cands += demands(sent, cands, index, lab, lang)
    cands.sort(key=lambda c: c.trigger.i)
    suppress_nested(cands, lab, cues)
    merge_consequences(cands, lab, cues)
    return cands


def demands(sent: Span, cands: list[Candidate], index: ActorIndex, lab: Labels, lang: str) -> list[Candidate]:
    """Acts stated as required of an actor are not done by it; stated by another actor they
    are that actor's demand (10, sub-code from the required act: "must release" → 1053)."""
    cues = load_cues(lang)
    out: list[Candidate] = []
    for ob in find_obligations(sent, cues, lab):
        obligees = _actors(ob.obligees, index, lab)
        if not obligees:
            continue
        inside = {t.i for t in ob.act.subtree}
        required = [c for c in cands if c.trigger.i in inside]
        demanders = _clause_subject(ob.statement, index, lab) if ob.statement is not None else []
        if demanders and any(_same_country(d, o) for d in demanders for o in obligees):
            demanders = []  # "Moscow said it must respond": its own plan or constraint
        if not demanders and ob.carrier.lemma_.lower() in cues.future_verbs:
            continue  # "le président doit se rendre à Pékin": a schedule, not an obligation
        for c in required:
            if c.coded:
                c.coded, c.reason = False, f"required of its subject by '{ob.carrier.text}', not done"
        if not demanders:
            continue
        act = next((c for c in required if c.trigger.i == ob.act.i and c.entry is not None), None)
        code = (parallel_code(act.entry.code, "demand") if act and act.entry else None) or "100"
        mood, cue = modality(ob.statement, sent, lang) if ob.statement is not None else ("asserted", "")
        tokens = sorted({ob.carrier, ob.act, *(c for c in ob.carrier.children
                                                if c.dep_.startswith("aux") and c.lower_ in cues.obligation_auxiliaries)},
                        key=lambda t: t.i)
        entry = LexEntry(id="obligation", code=code, head=ob.carrier.lemma_.lower(), words=(), target=("none",))
        out.append(Candidate(
            trigger=ob.carrier, tokens=tokens, entry=entry, sources=demanders, targets=obligees,
            source_path=f"statement '{ob.statement.text}'.subj" if ob.statement is not None else "",
            target_path=f"subject of '{ob.act.text}', required by '{ob.carrier.text}'",
            source_read=Read.STATEMENT_SUBJECT if ob.statement is not None else Read.NONE,
            target_read=Read.OBLIGEE,
            modality=mood, modality_cue=cue, coded=True, reason="coded: a demand", code=code,
            recoded=f"demand of {act.entry.code}" if act and act.entry else ""))
    return out
