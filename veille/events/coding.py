"""Event coding: predicates matched against the lexicon, arguments read off the parse.

For each token whose lemma heads a lexicon entry, the most specific entry whose
constraints hold (following words, reflexive, object, infinitive complement) gives
the CAMEO code and the role specs of source and target. Actors come from the actors
layer (mentions overlapping the argument's head), with fallbacks when the parse
misses an argument. Each candidate keeps a trace for ``veille explain``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from veille.analysis import Analysis
from veille.events.arguments import Labels, clause_tokens, labels_for, role_tokens
from veille.events.lexicon import LexEntry, Lexicon
from veille.events.modality import modality
from veille.records import ActorMention, Modality

WINDOW = 4  # max distance between consecutive words of a multi-word entry
INTERNAL_ROOTS = {"14", "17"}  # protest, coerce/repress/arrest: source and target may coincide
SUPPORT_VERBS = {"fr": {"mener", "lancer", "engager", "poursuivre", "conduire", "effectuer", "procéder",
                        "réaliser", "entreprendre", "organiser", "tenir", "intensifier", "déclencher",
                        "commettre", "perpétrer", "livrer", "faire", "être", "avoir"},
                 "en": {"launch", "carry", "conduct", "wage", "stage", "hold", "mount", "continue",
                        "make", "pursue", "undertake", "commit", "be", "have", "step", "intensify"}}


@dataclass
class Candidate:
    """A predicate found in the text, coded or not, with the reason."""

    trigger: Token
    tokens: list[Token]  # trigger words (head first)
    entry: LexEntry | None
    sources: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    source_path: str = ""
    target_path: str = ""
    modality: Modality = "asserted"
    modality_cue: str = ""
    coded: bool = False
    reason: str = ""

    @property
    def text(self) -> str:
        doc = self.trigger.doc
        start, end = min(t.i for t in self.tokens), max(t.i for t in self.tokens) + 1
        return doc[start:end].text


class ActorIndex:
    """Actor mentions by token, for argument lookup."""

    def __init__(self, analysis: Analysis) -> None:
        self.doc = analysis.doc
        self.by_token: dict[int, list[ActorMention]] = {}
        for m in analysis.actors:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, []).append(m)

    def at(self, tok: Token) -> list[ActorMention]:
        return self.by_token.get(tok.i, [])

    def for_argument(self, tok: Token, lab: Labels) -> list[ActorMention]:
        """Mentions of the noun phrase headed by ``tok`` (the head's own first)."""
        found = self.at(tok)
        if found:
            return _same_span(found)
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

    def in_sentence(self, sent: Span) -> list[tuple[Token, list[ActorMention]]]:
        out, seen = [], set()
        for t in sent:
            ms = self.at(t)
            if ms and id(ms[0]) not in seen:
                seen.add(id(ms[0]))
                out.append((t, _same_span(ms)))
        return out


def _same_span(ms: list[ActorMention]) -> list[ActorMention]:
    """All members of the first (plural) mention: the mentions sharing its span."""
    first = ms[0]
    return [m for m in ms if (m.start, m.end) == (first.start, first.end)]


def _pos(tok: Token) -> str | None:
    if tok.pos_ == "VERB":
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        return "noun"
    return None


def _match_words(trigger: Token, words: tuple[str, ...]) -> list[Token] | None:
    doc, at, out = trigger.doc, trigger.i, [trigger]
    for w in words:
        for j in range(at + 1, min(at + 1 + WINDOW, trigger.sent.end)):
            t = doc[j]
            if t.lemma_.lower() == w or t.lower_ == w or t.lower_.replace("’", "'") == w:
                out.append(t)
                at = j
                break
        else:
            return None
    return out


def _entry_holds(entry: LexEntry, trigger: Token, lab: Labels) -> list[Token] | None:
    """Trigger tokens when the entry's constraints hold, else None."""
    toks = _match_words(trigger, entry.words)
    if toks is None:
        return None
    if entry.reflexive and not any(c.lower_.replace("’", "'") in lab.reflexive for c in trigger.children):
        return None
    if entry.obj:
        objs = role_tokens(trigger, "obj", lab) if entry.pos == "verb" else role_tokens(trigger, "de", lab)
        if not any(o.lemma_.lower() in entry.obj or o.lower_ in entry.obj for o in objs):
            return None
    if entry.xcomp:
        comps = [c for c in trigger.children if c.dep_ in lab.xcomp or c.dep_ in lab.ccomp
                 or (c.dep_ in ("acl", "advcl") and c.pos_ == "VERB")]
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
        entries = lex.candidates(tok.lemma_.lower(), pos) or lex.candidates(tok.lower_, pos)
        if not entries and pos == "noun" and tok.pos_ == "ADJ":
            continue
        for entry in entries:
            toks = _entry_holds(entry, tok, lab)
            if toks is not None:
                out.append(Candidate(trigger=tok, tokens=toks, entry=entry))
                consumed.update(t.i for t in toks[1:])
                break
    # a multi-word entry consumes the words that would head entries of their own
    return [c for c in out if c.trigger.i not in consumed or len(c.tokens) > 1]


def _actors(tokens: list[Token], index: ActorIndex, lab: Labels) -> list[ActorMention]:
    out: list[ActorMention] = []
    for t in tokens:
        for m in index.for_argument(t, lab):
            if all(m is not o for o in out):
                out.append(m)
    return out


def _by_roles(trigger: Token, roles: tuple[str, ...], index: ActorIndex,
              lab: Labels) -> tuple[list[ActorMention], str]:
    for role in roles:
        found = _actors(role_tokens(trigger, role, lab), index, lab)
        if found:
            return found, role
    return [], ""


def _verb_above(tok: Token) -> Token | None:
    cur = tok
    for _ in range(6):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def fill_arguments(c: Candidate, index: ActorIndex, lab: Labels, lang: str) -> None:
    """Source and target actors of a candidate, by role specs then fallbacks."""
    entry, trig = c.entry, c.trigger
    assert entry is not None
    c.sources, c.source_path = _by_roles(trig, entry.source, index, lab)
    if not c.sources and entry.pos == "noun":
        verb = _verb_above(trig)
        if verb is not None:
            c.sources, role = _by_roles(verb, ("subj",), index, lab)
            c.source_path = f"governor '{verb.text}'.{role}" if c.sources else ""
    if not c.sources and entry.pos == "verb":
        left = [ms for t, ms in index.in_sentence(trig.sent) if ms[0].end <= trig.idx
                and not any(ch.dep_ in lab.case for ch in t.children) and t.dep_ not in lab.obl]
        if left:
            c.sources, c.source_path = left[-1], "nearest actor on the left"
    if entry.target != ("none",):
        c.targets, c.target_path = _by_roles(trig, entry.target, index, lab)
        if not c.targets and "xcomp" not in " ".join(entry.target):
            clause = {t.i for t in clause_tokens(trig, lab)}
            src = {id(m) for m in c.sources}
            right = [ms for t, ms in index.in_sentence(trig.sent)
                     if t.i in clause and t.i > trig.i and not any(id(m) in src for m in ms)]
            if right:
                c.targets, c.target_path = right[0], "nearest actor on the right in the clause"
    if entry.symmetric:
        both = c.sources + [m for m in c.targets if all(m is not s for s in c.sources)]
        between = _actors(role_tokens(trig, "between", lab), index, lab)
        for m in between:
            if all(m is not s for s in both):
                both.append(m)
        if len({m.code for m in both}) > 1:
            c.sources, c.targets = both, []
            c.source_path += "+symmetric"


def suppress_nested(cands: list[Candidate], lab: Labels) -> None:
    """Nouns and complements inside a coded predicate's frame are part of it, not events."""
    coded = {c.trigger.i: c for c in cands if c.coded}
    for c in cands:
        if not c.coded:
            continue
        tok = c.trigger
        # infinitive complement of a coded verb ("accepter de venir", "proposer d'envoyer")
        if tok.dep_ in lab.xcomp and tok.head.i in coded:
            c.coded, c.reason = False, f"complement of coded '{tok.head.text}'"
            continue
        if c.entry is not None and c.entry.pos == "noun":
            cur = tok
            for _ in range(5):
                if cur.head is cur:
                    break
                cur = cur.head
                if cur.i in coded and cur.i != tok.i:
                    c.coded, c.reason = False, f"inside the frame of coded '{cur.text}'"
                    break
                if cur.pos_ == "VERB":
                    break


def code_sentence(sent: Span, lex: Lexicon, index: ActorIndex, lang: str) -> list[Candidate]:
    """Coded (and rejected) candidates of one sentence, with reasons."""
    lab = labels_for(lang)
    cands = find_candidates(sent, lex, lab)
    for c in cands:
        fill_arguments(c, index, lab, lang)
        src_codes = {m.code for m in c.sources}
        c.targets = [m for m in c.targets if m.code not in src_codes]
        if not c.sources:
            c.reason = "no source actor"
            continue
        if c.entry and c.entry.code[:2] not in INTERNAL_ROOTS and c.targets and \
                {m.code for m in c.targets} <= src_codes:
            c.reason = "source and target are the same actor"
            continue
        c.modality, c.modality_cue = modality(c.trigger, sent, lang, tuple(c.tokens[1:]))
        c.coded, c.reason = True, "coded"
    suppress_nested(cands, lab)
    return cands
