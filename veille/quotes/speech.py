"""Reported speech read off the dependency parse: cues, speakers, claims and quotes.

One linear pass finds the cues (reporting verbs with a complement clause, inverted
reporting clauses "…, a indiqué X", attribution prepositions "selon X"), then each
quotation span from ``marks`` is tied to a cue. A ``Claim`` is the set of tokens a
speaker is credited with; ``attribution`` reads claims, ``find_quotes`` reads quotes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from veille.quotes.cues import CueLexicon
from veille.quotes.marks import DASHES, MarkSpan, scan_marks
from veille.lang import pack_for
from veille.records import ActorMention, ActorRef, Quote
from veille.syntax.labels import labels_for

SUBJ = ("nsubj", "nsubj:pass", "csubj")
NP_STOP = {"acl:relcl", "relcl", "acl", "punct", "parataxis", "advcl", "dep", "ccomp", "xcomp", "mark"}
AGENT = ("obl:agent", "agent")
TERMINAL = set(".!?…")
# An incise follows its quotation within a few words ("», a déclaré le ministre"): the
# characters between them are bounded, so long texts never look far for one.
MAX_INCISE_GAP = 300

UNKNOWN = "---"  # code of a speaker found in the text but not resolved to an actor


@dataclass
class Speaker:
    """Who a cue credits: a span of the text, the actor mentions it resolves to, relays."""

    text: str
    start: int
    end: int
    head: int
    mentions: list[ActorMention] = field(default_factory=list)
    antecedent: str | None = None  # text of the antecedent when resolved by coreference
    relays: list["Speaker"] = field(default_factory=list)  # "X cited by Y": Y

    @property
    def code(self) -> str | None:
        return self.mentions[0].code if self.mentions else None

    def ref(self) -> ActorRef:
        m = self.mentions[0] if self.mentions else None
        return ActorRef(text=self.text, code=m.code if m else UNKNOWN, country=m.country if m else None,
                        sector=m.sector if m else None,
                        name=(m.name if m and m.name else self.antecedent), start=self.start, end=self.end)


@dataclass
class Claim:
    """A speaker credited with the tokens of ``scope`` (``kind``: ccomp, incise, prep, direct)."""

    kind: str
    cue: str
    cue_start: int
    cue_end: int
    speaker: Speaker | None
    scope: frozenset[int]
    content: tuple[int, int] | None = None  # token span of the reported content


@dataclass
class Reading:
    quotes: list[Quote]
    claims: list[Claim]
    unbalanced: list[int]


class _Reader:
    def __init__(self, doc: Doc, lex: CueLexicon, actors: list[ActorMention]) -> None:
        self.doc, self.lex, self.text = doc, lex, doc.text
        self.actors = sorted(actors, key=lambda m: m.start)
        self.sent_of: list[int] = []
        self.sents: list[tuple[int, int]] = self._logical_sentences()
        self.history: list[Speaker] = []
        self.speaker_cache: dict[int, Speaker | None] = {}
        self.cue_tokens: set[int] = set()
        self.preps: list[tuple[int, int, str]] = []
        self._quote_speakers: dict[int, Speaker] = {}  # id(Quote) -> speaker, for continued quotations

    # -- sentences -------------------------------------------------------------------
    def _logical_sentences(self) -> list[tuple[int, int]]:
        """spaCy sentences, rejoined where a split falls inside a clause (no final stop, no line break)."""
        spans: list[list[int]] = []
        for sent in self.doc.sents:
            if spans:
                prev = self.doc[spans[-1][1] - 1]
                last = self.doc[spans[-1][0]:spans[-1][1]].text.rstrip()
                first = sent.text.lstrip()[:1]
                broken = "\n" not in self.doc[prev.i].whitespace_ + prev.text and (
                    last[-1:] not in TERMINAL | set('»"”:;') or first in ",;" or first.islower())
                if broken:
                    spans[-1][1] = sent.end
                    continue
            spans.append([sent.start, sent.end])
        self.sent_of = [0] * len(self.doc)
        for n, (s, e) in enumerate(spans):
            for i in range(s, e):
                self.sent_of[i] = n
        return [(s, e) for s, e in spans]

    def sent_tokens(self, i: int) -> range:
        s, e = self.sents[self.sent_of[i]]
        return range(s, e)

    # -- cues ------------------------------------------------------------------------
    def verb_cue(self, tok: Token) -> tuple[int, int, str] | None:
        """(first token, last token + 1, cue lemma) when ``tok`` starts a reporting verb."""
        if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            return None
        options = next((self.lex.verbs[k] for k in self._lemma_guesses(tok) if k in self.lex.verbs), None)
        if not options or (tok.pos_ == "NOUN" and tok.dep_ not in ("ROOT", "parataxis", "ccomp")):
            return None
        for rest, cue in options:
            j = tok.i + 1
            ok = True
            for word in rest:
                if j < len(self.doc) and self.doc[j].lower_ in (word, word.replace("'", "’")):
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                return tok.i, j, cue.lemma
        return None

    def _lemma_guesses(self, tok: Token) -> list[str]:
        """The lemma, then infinitives guessed from the form when the tagger lemmatised it as a noun or adjective."""
        low = tok.lower_
        return [tok.lemma_.lower(), low, *pack_for(self.doc.lang_).lemma_guesses(low)]

    def cue_head(self, first: int, end: int) -> Token:
        toks = [self.doc[k] for k in range(first, end)]
        return next((t for t in toks if not (first <= t.head.i < end) or t.head.i == t.i), toks[0])

    def prep_cues(self) -> list[tuple[int, int, str]]:
        out = []
        low = self.text.lower().replace("’", "'")
        for tok in self.doc:
            if not tok.is_alpha and tok.lower_[:1] not in ("d", "a", "à"):
                continue
            for words, cue in self.lex.prepositions:
                if low.startswith(words, tok.idx):
                    end_char = tok.idx + len(words)
                    j = tok.i
                    while j < len(self.doc) and self.doc[j].idx + len(self.doc[j]) <= end_char:
                        j += 1
                    nxt = low[end_char:end_char + 1]
                    if j > tok.i and (not nxt or not nxt.isalnum()):
                        out.append((tok.i, j, cue.lemma))
                        break
        return out

    # -- speakers --------------------------------------------------------------------
    def np_span(self, head: Token) -> tuple[int, int]:
        keep = {head.i}
        stack = [c for c in head.children if c.dep_ not in NP_STOP and not self._np_skip(c, head)
                 or (c.dep_ == "punct" and not c.is_punct)]
        while stack:
            t = stack.pop()
            if self._np_skip(t, head) and t.head.i != head.i:
                stack.extend(c for c in t.children if c.i < t.i)
                continue
            keep.add(t.i)
            stack.extend(c for c in t.children if (not self._np_skip(c, head) or c.dep_ in ("nmod", "npadvmod"))
                         and (c.dep_ not in ("acl:relcl", "relcl", "parataxis", "punct") or not c.is_punct))
        lo = hi = head.i
        while lo - 1 in keep:
            lo -= 1
        while hi + 1 in keep:
            hi += 1
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        while hi > lo and (self.doc[hi].is_punct or self.doc[hi].is_space):
            hi -= 1
        return lo, hi + 1

    def _np_skip(self, c: Token, head: Token) -> bool:
        if c.dep_ in ("case", "fixed") and c.i < head.i and c.head.i == head.i:
            return True  # "selon X", "quant à X": the preposition is not the speaker
        if c.i in self.cue_tokens or (c.dep_ == "cc" and c.i < head.i and c.head.i == head.i):
            return True
        if c.dep_ in ("nmod", "obl", "obl:mod", "npadvmod") and c.i > head.i and c.lower_ in self.lex.time_nouns \
                and not any(g.dep_ in ("case", "prep") for g in c.children):
            return True  # "l'agence … jeudi": a bare temporal noun
        if c.text == "-" and not self.doc[c.i - 1].whitespace_ and c.i > head.i - 2:
            return False  # "secretary - general"
        return c.dep_ in ("acl:relcl", "relcl", "parataxis") or (c.dep_ == "punct" and c.is_punct)

    def make_speaker(self, head: Token) -> Speaker:
        lo, hi = self.np_span(head)
        start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
        while start < end and self.text[start] in "-t" and self.text[start:start + 3] in ("-t-", "-il", "-el", "-on") \
                or start < end and self.text[start] == "-":
            start += 3 if self.text[start:start + 3] == "-t-" else 1
        sp = Speaker(text=self.text[start:end], start=start, end=end, head=head.i)
        self.resolve(sp, head)
        for child in head.children:  # "X cité par Y", "X quoted by Y"
            if child.dep_ in ("acl", "amod", "acl:relcl") and any(g in self.lex.relay for g in self._lemma_guesses(child)):
                agent = self.agent_of(child)
                if agent is not None:
                    sp.relays.append(self.make_speaker(agent))
        return sp

    def agent_of(self, verb: Token) -> Token | None:
        for c in verb.children:
            if c.dep_ in AGENT:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                return pobj if pobj is not None else c
        return None

    def mentions_in(self, start: int, end: int, head_char: int) -> list[ActorMention]:
        over = [m for m in self.actors if m.start < end and m.end > start]
        at_head = [m for m in over if m.start <= head_char < m.end]
        return at_head or over

    def resolve(self, sp: Speaker, head: Token) -> None:
        sp.mentions = self.mentions_in(sp.start, sp.end, head.idx)
        if sp.mentions:
            return
        pronouns = labels_for(self.doc.lang_).personal_pronouns
        if head.lower_.strip("-") in {p.strip("-") for p in pronouns} and head.pos_ == "PRON":
            ante = self.pronoun_antecedent(head)
        elif self.is_bare_role(head):
            ante = self.role_antecedent(head, sp.start)
        else:
            return
        if ante is not None:
            sp.mentions, sp.antecedent = list(ante.mentions), ante.antecedent or ante.text

    def is_bare_role(self, head: Token) -> bool:
        if head.pos_ != "NOUN":
            return False
        kids = [c for c in head.children if c.dep_ not in ("det", "punct")]
        return all(c.pos_ == "ADJ" and c.lower_ in labels_for(head.lang_).anaphoric_adjectives for c in kids)

    def role_antecedent(self, head: Token, before: int) -> Speaker | None:
        lemma = head.lemma_.lower()
        if lemma in self.lex.media:
            for sp in reversed(self.history):
                if sp.start < before and any(m.sector == "MED" for m in sp.mentions):
                    return sp
            med = [m for m in self.actors if m.end <= before and m.sector == "MED"]
            if med:
                m = med[-1]
                return Speaker(text=m.text, start=m.start, end=m.end, head=-1, mentions=[m])
        for sp in reversed(self.history):
            if sp.start < before and sp.head >= 0 and self.doc[sp.head].lemma_.lower() == lemma and sp.text.lower() != head.sent.text.lower():
                if len(sp.text) > len(head.text) + 4:
                    return sp
        return None

    def pronoun_antecedent(self, pron: Token) -> Speaker | None:
        s = self.sents[self.sent_of[pron.i]][0]
        if pron.i - 1 > s and self.doc[pron.i - 1].text == ",":  # "Quant à X, il …"
            cands = [t for t in self.doc[s:pron.i - 1] if t.pos_ == "PROPN" and t.dep_ not in ("flat:name", "flat")
                     and not self.governed_by_prep_cue(t)]
            if cands:
                return self.make_speaker(cands[-1])
        n = self.sent_of[pron.i]
        for back in (n - 1, n - 2):
            if back < 0:
                break
            bs, be = self.sents[back]
            subj = [t for t in self.doc[bs:be] if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
            if subj:
                if subj[0].pos_ == "PRON":
                    prev = self.speaker_cache.get(subj[0].head.i)
                    if prev is not None:
                        return prev
                    continue
                return self.make_speaker(subj[0])
        return self.history[-1] if self.history else None

    def governed_by_prep_cue(self, tok: Token) -> bool:
        s = self.sents[self.sent_of[tok.i]][0]
        return any(tok.i >= a and tok.i < b + 6 for a, b, _ in self.preps if a >= s)

    def subject_of(self, verb: Token, inverted: bool = False, depth: int = 0) -> Token | None:
        subjects = sorted((c for c in verb.children if c.dep_ == "nsubj" or c.dep_ == "expl:subj" and c.lower_.startswith("-")),
                          key=lambda c: c.pos_ == "PRON")
        for c in subjects:
            if c.lower_ in labels_for(self.doc.lang_).subject_relatives:
                if verb.dep_ in ("acl:relcl", "relcl"):
                    return verb.head
                prev = [t for t in self.doc[max(0, c.i - 4):c.i] if t.pos_ in ("NOUN", "PROPN")]
                return prev[-1] if prev else None
            return c
        agent = self.agent_of(verb)
        if agent is not None:
            return agent
        if inverted:
            after = [c for c in verb.children if c.i > verb.i and c.i not in self.cue_tokens and c.dep_ in ("obj", "dobj", "nmod", "appos", "obl:arg")
                     and c.pos_ in ("NOUN", "PROPN", "PRON")]
            if after:
                return after[0]
        if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "acl") and verb.head.i != verb.i:
            return self.subject_of(verb.head, depth=depth + 1)
        return None

    def speaker_for(self, verb: Token, inverted: bool = False) -> Speaker | None:
        if verb.i in self.speaker_cache:
            return self.speaker_cache[verb.i]
        subj = self.subject_of(verb, inverted)
        sp = self.make_speaker(subj) if subj is not None else None
        if sp is not None:
            for c in verb.children:  # "X told Reuters": a medium as addressee relays the claim
                if c.dep_ in ("iobj", "dative", "obl:arg", "obj", "dobj") and c.i != subj.i:  # type: ignore[union-attr]
                    tgt = next((g for g in c.children if g.dep_ == "pobj"), c)
                    ms = self.mentions_in(tgt.idx, tgt.idx + len(tgt), tgt.idx)
                    if any(m.sector == "MED" for m in ms) or tgt.lemma_.lower() in self.lex.media:
                        sp.relays.append(self.make_speaker(tgt))
            self.history.append(sp)
        self.speaker_cache[verb.i] = sp
        return sp

    # -- scopes ----------------------------------------------------------------------
    def reporting_clause(self, verb: Token, content: set[int]) -> set[int]:
        out = {verb.i}
        for c in verb.children:
            if c.i in content or c.dep_ in ("ccomp",):
                continue
            if c.dep_ in ("advcl", "parataxis", "conj") and c.pos_ in ("VERB", "AUX"):
                continue
            out.update(t.i for t in c.subtree)
        return out

    def detached(self, scope: set[int]) -> set[int]:
        """Comma-detached participial clauses and writer's comments ("…, ce qu'…") inside ``scope``."""
        out: set[int] = set()
        order = sorted(scope)
        for k, i in enumerate(order):
            if self.doc[i].text != ",":
                continue
            nxt = [self.doc[j] for j in order[k + 1:k + 5]]
            if not nxt:
                continue
            tail = " ".join(t.lower_ for t in nxt[:2]).replace(" '", "'").replace("' ", "'")
            part = nxt[0].pos_ in ("VERB",) and ("Part" in nxt[0].morph.get("VerbForm", []) or "Ger" in nxt[0].morph.get("VerbForm", []))
            absolute = any(t.lower_ in labels_for(self.doc.lang_).participle_auxiliaries for t in nxt[1:4])
            writer = any(tail.startswith(d) for d in self.lex.detached)
            if part or absolute or writer:
                j = k + 1
                while j < len(order) and self.doc[order[j]].text not in (",", ";") and not self.doc[order[j]].is_quote:
                    j += 1
                out.update(order[k:j])
        return out

    # -- main ------------------------------------------------------------------------
    def read(self) -> Reading:
        doc = self.doc
        self.preps = self.prep_cues()
        marks = scan_marks(self.text)
        mark_toks = [self.tokens_in(m.inner_start, m.inner_end) for m in marks.spans]
        in_mark: dict[int, int] = {i: n for n, toks in enumerate(mark_toks) for i in toks}
        claims: list[Claim] = []
        verb_cues: dict[int, tuple[int, int, str]] = {}
        events: list[tuple[int, str, Any]] = []
        for tok in doc:
            vc = self.verb_cue(tok)
            if vc:
                head = self.cue_head(vc[0], vc[1])
                verb_cues[head.i] = vc
                self.cue_tokens.update(k for k in range(vc[0], vc[1]) if k != head.i)
                events.append((tok.i, "verb", head))
        for p in self.preps:
            self.cue_tokens.update(range(p[0], p[1]))
            events.append((p[0], "prep", p))
        events.sort(key=lambda e: e[0])
        for _, kind, obj in events:
            if kind == "verb":
                claim = self.verb_claim(obj, verb_cues[obj.i], in_mark)  # type: ignore[arg-type]
            else:
                claim = self.prep_claim(obj)  # type: ignore[arg-type]
            if claim is not None:
                claims.append(claim)
        quotes: list[Quote] = []
        for n, (m, toks) in enumerate(zip(marks.spans, mark_toks)):
            q, claim = self.direct_quote(m, toks, verb_cues, claims, quotes)
            quotes.append(q)
            if claim is not None:
                claims.append(claim)
        self.relink_headings(quotes, marks.spans)
        claims = self.merge_relays(claims)
        for claim in claims:
            if claim.kind in ("ccomp", "incise", "prep") and claim.content is not None:
                quotes.append(self.indirect_quote(claim, quotes))
        quotes = [q for q in quotes if q.text]
        quotes.sort(key=lambda q: (q.start, q.kind))
        return Reading(quotes=quotes, claims=claims, unbalanced=marks.unbalanced)

    def tokens_in(self, start: int, end: int) -> list[int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return [t.i for t in span if not t.is_space] if span is not None else []

    def is_incise(self, verb: Token) -> bool:
        """"…, a indiqué l'agence", "…, dit-il", "…," he said: a reporting clause after its content."""
        first = min([verb.i] + [c.i for c in verb.children if (c.dep_.startswith(("aux", "expl")) or c.dep_ in (
            "advmod", "nsubj")) and verb.i - 6 < c.i < verb.i])
        if first == self.sents[self.sent_of[verb.i]][0]:
            return False
        prev = self.doc[first - 1]
        if not (prev.text in ",—–" or prev.is_quote):
            return False
        finite = "Fin" in verb.morph.get("VerbForm", []) or any(c.dep_.startswith("aux") for c in verb.children)
        if not finite and not pack_for(self.doc.lang_).facts.incise_verb_may_lack_finite_tag:
            return False
        subj = self.subject_of(verb, inverted=not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children))
        if verb.dep_ == "parataxis":
            return True
        if subj is not None and subj.i > verb.i:
            return True
        return pack_for(self.doc.lang_).facts.preposed_complement_is_incise and any(
            c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)

    def verb_claim(self, verb: Token, vc: tuple[int, int, str], in_mark: dict[int, int]) -> Claim | None:
        cue_start, cue_end = self.doc[vc[0]].idx, self.doc[vc[1] - 1].idx + len(self.doc[vc[1] - 1])
        if verb.i in in_mark and all(c.i in in_mark for c in verb.children if c.dep_ == "nsubj"):
            inside = True  # a reporting verb inside a quotation belongs to the quoted speaker's text
        else:
            inside = False
        ccomp = [c for c in verb.children if (c.dep_ == "ccomp" or c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ in labels_for(self.doc.lang_).complementizers for m in c.children))
            and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN", "PRON")]
        incise = not ccomp and self.is_incise(verb)
        if pack_for(self.doc.lang_).facts.preposed_complement_is_incise and ccomp and ccomp[0].i < verb.i:
            incise = True
        if not ccomp and not incise:
            return None
        sp = self.speaker_for(verb, inverted=incise)
        if inside and sp is None:
            return None
        sent = set(self.sent_tokens(verb.i))
        if ccomp and not incise:
            content = {t.i for t in ccomp[0].subtree} & sent
            mark = [m.i for m in ccomp[0].children if m.dep_ == "mark" and m.i < ccomp[0].i]
            if mark:  # "a affirmé, selon Tass, que …": the content starts at "que"
                content = {i for i in content if i >= min(mark)}
        else:
            clause = self.reporting_clause(verb, set())
            head = verb.head if verb.dep_ == "parataxis" else (ccomp[0] if ccomp else None)
            content = sent - clause if head is not None and head.i != verb.i else {i for i in sent if i < min(clause)}
            content -= {i for i in content if self.doc[i].is_punct and not self.doc[i].is_quote and i + 1 in clause}
        content = {i for i in content if not self.doc[i].is_space}
        if not content:
            return None
        scope = frozenset(content - self.detached(content))
        block = {i for i in content if i < min(self.reporting_clause(verb, content))} if incise else content
        lo, hi = self.content_bounds(block or content)
        return Claim(kind="incise" if incise else "ccomp", cue=self.text[cue_start:cue_end], cue_start=cue_start,
                     cue_end=cue_end, speaker=sp, scope=scope, content=(lo, hi))

    def content_bounds(self, content: set[int]) -> tuple[int, int]:
        lo, hi = min(content), max(content)
        while lo < hi and (self.doc[lo].is_punct and not self.doc[lo].is_quote or self.doc[lo].is_space
                           or self.doc[lo].pos_ == "CCONJ"):
            lo += 1
        while hi > lo and (self.doc[hi].is_punct and not self.doc[hi].is_quote and self.doc[hi].text not in ")]"
                           or self.doc[hi].is_space):
            hi -= 1
        return lo, hi + 1

    def prep_claim(self, p: tuple[int, int, str]) -> Claim | None:
        a, b, lemma = p
        doc = self.doc
        obj = None
        last = doc[b - 1]
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if obj is None:
            heads = [doc[k].head for k in range(a, b) if doc[k].head.i >= b]
            obj = heads[0] if heads else None
        if obj is None or obj.i >= b + 8:
            obj = next((t for t in doc[b:min(b + 6, len(doc))] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if obj is None or obj.lower_ in labels_for(doc.lang_).oblique_relatives:
            return None
        target = obj
        if obj.lemma_.lower() in self.lex.nouns:  # "selon un communiqué du Kremlin"
            comp = next((c for c in obj.children if c.dep_ in ("nmod", "poss", "prep") and c.i > obj.i or c.dep_ == "poss"), None)
            if comp is not None:
                target = next((g for g in comp.children if g.dep_ == "pobj"), comp)
        sp = self.make_speaker(target)
        self.history.append(sp)
        sent = set(self.sent_tokens(a))
        olo, ohi = self.np_span(obj)
        pp = set(range(a, b)) | set(range(olo, ohi))
        for c in obj.children:  # ", Michel Spiro," / "établi par l'INSEE" / "cited by AFP"
            sub = sorted(t.i for t in c.subtree)
            if c.i > obj.i and c.dep_ in ("appos", "acl", "nmod", "flat:name", "amod") and sub[-1] - sub[0] < 12 \
                    and not any(self.doc[k].pos_ in ("VERB", "AUX") and "Fin" in self.doc[k].morph.get("VerbForm", []) for k in sub):
                pp |= set(range(ohi, sub[-1] + 1))
        pp_lo, pp_hi = min(pp), max(pp)
        pp |= {i for i in sent if self.doc[i].is_punct and (i == pp_hi + 1 or i == pp_lo - 1)}
        attach = obj.head
        while attach.dep_ == "xcomp" and attach.head.i != attach.i:
            attach = attach.head
        if attach.i != obj.i and attach.pos_ in ("VERB", "AUX", "ADJ") and attach.i in sent:
            scope = {t.i for t in attach.subtree} & sent
        else:
            scope = set(sent)
        scope -= pp
        scope = {i for i in scope if not self.doc[i].is_space}
        if not scope:
            return None
        cue_start, cue_end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        lo, hi = self.content_bounds(scope)
        side = [i for i in scope if (i < pp_lo) == (lo < pp_lo)]
        if lo < pp_lo < hi:  # "X, selon Y, a …": keep the content on both sides
            side = list(scope)
        lo, hi = self.content_bounds(set(side))
        return Claim(kind="prep", cue=self.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
                     speaker=sp, scope=frozenset(scope - self.detached(scope)), content=(lo, hi))

    def direct_quote(self, m: MarkSpan, toks: list[int], verb_cues: dict[int, tuple[int, int, str]],
                     claims: list[Claim], quotes: list[Quote]) -> tuple[Quote, Claim | None]:
        doc = self.doc
        q = Quote(text=self.text[m.inner_start:m.inner_end], start=m.inner_start, end=m.inner_end, kind="direct",
                  speech=True)
        if not toks:
            q.speech = False
            return q, None
        tokset = set(toks)
        sent_lo, sent_hi = self.sents[self.sent_of[toks[0]]][0], self.sents[self.sent_of[toks[-1]]][1]
        clausal = any(doc[i].pos_ in ("VERB", "AUX") and "Fin" in doc[i].morph.get("VerbForm", []) for i in toks) \
            or len([i for i in toks if not doc[i].is_punct]) >= 8
        before = [t for t in doc[max(sent_lo, toks[0] - 3):toks[0]] if not t.is_punct]
        if any(t.lemma_.lower() in self.lex.title and t.dep_ in ("acl", "amod", "appos") for t in before):
            q.speech = False
            return q, None
        found: tuple[Claim | None, Speaker | None, str | None, bool] = (None, None, None, False)
        # 1. reporting clause right after the quotation ("…", a indiqué X / "…," he said)
        if m.mark in DASHES:  # dialogue: "— Nous partirons, dit le capitaine."
            inner = [c for c in claims if c.kind == "incise" and m.start <= c.cue_start < m.end and c.content]
            if inner:
                c = inner[0]
                lo, hi = c.content  # type: ignore[misc]
                q.start, q.end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
                q.text, q.speaker, q.cue = self.text[q.start:q.end], c.speaker.ref() if c.speaker else None, c.cue
                q.cue_start, q.cue_end = c.cue_start, c.cue_end
                c.scope, c.content = frozenset(t for t in toks if lo <= t < hi), None
                return q, None
        claims = [c for c in claims if not (m.start <= c.cue_start < m.end)]
        for claim in claims:
            if claim.kind == "incise" and m.end - 1 < claim.cue_start <= m.end + MAX_INCISE_GAP \
                    and doc.char_span(m.end, claim.cue_start, alignment_mode="expand") is not None:
                gap = doc.char_span(m.end, claim.cue_start, alignment_mode="expand")
                words = [t for t in gap if not t.is_punct and not t.is_space] if gap is not None else []
                if len(words) <= 5 and not any(t.pos_ == "VERB" for t in words) and "." not in (gap.text if gap is not None else ""):
                    head_in = bool(claim.content) and any(i in tokset for i in claim.scope if doc[i].dep_ in ("ROOT", "ccomp") or doc[i].head.i not in claim.scope)
                    found = (claim, claim.speaker, claim.cue, head_in or clausal)
                    break
        # 2. a cue verb before a colon ("X a déclaré : « … »")
        if found[1] is None and toks[0] - 1 >= sent_lo:
            k = toks[0] - 1
            while k > sent_lo and (doc[k].is_quote or doc[k].is_space):
                k -= 1
            if doc[k].text == ":":
                for j in range(k - 1, max(sent_lo, k - 12) - 1, -1):
                    if j in verb_cues:
                        sp = self.speaker_for(doc[j]) or self.initial_subject(sent_lo, j)
                        vc = verb_cues[j]
                        found = (None, sp, self.text[doc[vc[0]].idx:doc[vc[1] - 1].idx + len(doc[vc[1] - 1])], True)
                        break
        # 3. the quotation depends on a reporting verb (a fustigé « … », s'est dit « … »)
        if found[1] is None:
            roots = [i for i in toks if doc[i].head.i not in tokset or doc[i].head.i == i]
            for r in roots:
                t, steps = doc[r], 0
                direct = True
                while t.head.i != t.i and steps < 8:
                    t, steps = t.head, steps + 1
                    if t.i in tokset:
                        continue
                    if t.i in verb_cues:
                        sp = self.speaker_for(t)
                        if sp is not None:
                            vc = verb_cues[t.i]
                            cue_text = self.text[doc[vc[0]].idx:doc[vc[1] - 1].idx + len(doc[vc[1] - 1])]
                            found = (None, sp, cue_text, clausal or direct)
                            break
                    direct = False
                if found[1] is not None:
                    break
        # 4. the quotation lies in the content of a claim (selon X, …; X a affirmé que …)
        if found[1] is None:
            inner = [c for c in claims if c.speaker is not None and tokset & c.scope]
            if inner:
                c = min(inner, key=lambda c: len(c.scope))
                found = (None, c.speaker, c.cue, clausal)
        # 5. a whole sentence in quotes with no cue continues the previous speaker
        if found[1] is None and clausal:
            whole = toks[0] <= sent_lo + 1 and toks[-1] >= sent_hi - 3
            ends = self.text[m.inner_end - 1:m.end + 1].strip()[:2]
            prev = [x for x in quotes if x.speaker is not None and x.speech and x.end <= m.start
                    and m.start - x.end < 600 and "\n\n\n" not in self.text[x.end:m.start]]
            adjacent = bool(prev) and not self.text[prev[-1].end:m.start].strip(" »”\"«“.,;\u00a0")
            if (whole and any(c in TERMINAL for c in ends) or adjacent) and prev:
                found = (None, self._speaker_of_quote(prev[-1]), prev[-1].cue, True)
        link, sp, cue, speech = found
        q.speaker = sp.ref() if sp is not None else None
        q.cue = cue
        if link is not None:
            q.cue_start, q.cue_end = link.cue_start, link.cue_end
        elif cue is not None:
            pos = self.text.rfind(cue, 0, m.start)
            if pos < 0:
                pos = self.text.find(cue, m.end)
            q.cue_start, q.cue_end = (pos, pos + len(cue)) if pos >= 0 else (None, None)
        q.speech = bool(speech) if sp is not None else clausal and self._whole_sentence(toks)
        if sp is not None:
            self._quote_speakers[id(q)] = sp
        new_claim = None
        if sp is not None and q.speech:
            new_claim = Claim(kind="direct", cue=cue or "", cue_start=q.cue_start or m.start, cue_end=q.cue_end or m.start,
                              speaker=sp, scope=frozenset(tokset), content=(toks[0], toks[-1] + 1))
            if link is not None and link.kind == "incise" and link.content is not None:
                head_tok = [i for i in link.scope if doc[i].head.i not in link.scope or doc[i].head.i == i]
                if any(i in tokset for i in head_tok):  # the quotation is the whole claim
                    link.scope = frozenset(tokset)
                    link.content = None
        return q, new_claim

    def initial_subject(self, lo: int, hi: int) -> Speaker | None:
        """The first noun phrase of the sentence that is a subject or the misparsed root, before ``hi``."""
        for t in self.doc[lo:hi]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "ROOT"):
                sp = self.make_speaker(t)
                self.history.append(sp)
                return sp
        return None

    def _speaker_of_quote(self, q: Quote) -> Speaker | None:
        return self._quote_speakers.get(id(q))

    def _whole_sentence(self, toks: list[int]) -> bool:
        lo, hi = self.sents[self.sent_of[toks[0]]]
        return toks[0] <= lo + 1 and toks[-1] >= hi - 3

    def merge_relays(self, claims: list[Claim]) -> list[Claim]:
        """"X a affirmé, selon Y, que …": Y relays X's claim; one claim with the chain [X, Y]."""
        out = []
        for c in claims:
            host = next((v for v in claims if v.kind == "ccomp" and v is not c and v.speaker is not None
                         and c.kind == "prep" and c.scope and c.scope <= v.scope and c.cue_start < min(
                             self.doc[i].idx for i in v.scope)), None)
            if host is not None and c.speaker is not None:
                host.speaker.relays.append(c.speaker)  # type: ignore[union-attr]
                continue
            out.append(c)
        return out

    def relink_headings(self, quotes: list[Quote], spans: list[MarkSpan]) -> None:
        """A quotation with no speaker that repeats words quoted elsewhere takes that speaker (intertitles)."""
        for q, m in zip(quotes, spans):
            line_start = self.text.rfind("\n", 0, m.start) + 1
            line_end = self.text.find("\n", m.end)
            heading = not self.text[line_start:m.start].strip() and not self.text[m.end:line_end if line_end >= 0 else None].strip()
            if q.speaker is not None or len(q.text) < 4 or not heading:
                continue
            key = q.text.lower().strip(" .")
            for other in quotes:
                if other is not q and other.speaker is not None and key in other.text.lower():
                    q.speaker, q.cue, q.speech = other.speaker, other.cue, False
                    break

    def indirect_quote(self, claim: Claim, quotes: list[Quote]) -> Quote:
        assert claim.content is not None
        lo, hi = claim.content
        start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
        if any(q.kind == "direct" and q.start <= start + 1 and q.end >= end - 1 for q in quotes):
            return Quote(text="", start=start, end=start, kind="indirect")  # the content is a direct quote
        sp = claim.speaker
        return Quote(text=self.text[start:end], start=start, end=end, kind="indirect",
                     speaker=sp.ref() if sp is not None else None, cue=claim.cue, cue_start=claim.cue_start,
                     cue_end=claim.cue_end, speech=True)


def read_speech(doc: Doc, lex: CueLexicon, actors: list[ActorMention]) -> Reading:
    """Quotes and claims of one parsed article."""
    return _Reader(doc, lex, actors).read()
