"""Event dates: the time expression attached to an event's clause, else tense and context.

Rules of ``event_date`` (in order):

1. **text** — walk from the trigger up through its heads, staying in its clause
   (no climbing out of a ``ccomp``/``parataxis``/``csubj``, out of a conjunct that has
   its own subject, or into a reporting verb). At each node, nearest first, take an
   expression attached to the node, else one attached inside the node's clause-local
   subtree (not entering subordinate, relative, reported or subject-bearing conjoined
   clauses). Vague expressions (``PRESENT_REF``, ``pour l'heure``, ``récemment``), SETs,
   durations without a start, and report frames (``au lendemain de``) never anchor.
   A ``depuis``/``since`` duration gives its start (``anchor``).
2. **tense** (inferred from context) — a context cue (``alors``, ``à l'époque``,
   ``at the time``) in the clause: the previous sentence's date; a demonstrative
   meeting noun (``cette rencontre``): the date of the last dated meeting mention;
   a pluperfect: the last date of the two previous sentences (a "la veille" narrative);
   future or conditional: no date (``value`` None); other past tenses: the publication
   month (granularity ``month``), since an undated past act in a dispatch is a
   recent reaction reported within days, not necessarily that day.
3. **publication** — present tense or no verb: the publication day.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from spacy.tokens import Span, Token

from veille.analysis import Analysis
from veille.records import EventDate, TimeExpr
from veille.times.lexicon import Lexicon, fold, load_lexicon
from veille.times.syntax import attachment, clause_tense, span_of

CLAUSE_UP = {"ccomp", "parataxis", "csubj", "csubj:pass"}
CLAUSE_DOWN = CLAUSE_UP | {"advcl", "acl:relcl", "relcl", "xcomp", "conj"}
VAGUE = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


@dataclass
class AttachedTime:
    """A time expression with its token span and the token it modifies (None for a fragment)."""

    expr: TimeExpr
    span: Span
    head: Token | None


def _all_times(analysis: Analysis) -> list[TimeExpr]:
    if not analysis.times:
        from veille.times import tag_times

        analysis.times = tag_times(analysis.doc, analysis.article)
    return analysis.times


def times_in_sentence(analysis: Analysis, sent: Span) -> list[AttachedTime]:
    """The time expressions inside ``sent`` with their syntactic attachment."""
    out = []
    for t in _all_times(analysis):
        if sent.start_char <= t.start < sent.end_char:
            span = span_of(analysis.doc, t.start, t.end)
            if span is not None and len(span):
                out.append(AttachedTime(t, span, attachment(span)))
    return out


def _own_subject(tok: Token) -> bool:
    return any(c.dep_.startswith("nsubj") or c.dep_.startswith("expl") for c in tok.children)


def _is_reporting(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and fold(tok.lemma_) in lex.lists["reporting_verbs"]


def _reduced(tok: Token) -> bool:
    """A participial/gerund modifier clause: no subject, auxiliary or subordinator."""
    return not any(c.dep_.startswith(("nsubj", "aux", "mark")) for c in tok.children)


def _relcl_verb(rel: Token) -> Token | None:
    """For "X, qui ..., a fait Y" parsed with X off its verb: the verb right after the relative."""
    nxt = max(t.i for t in rel.subtree) + 1
    doc = rel.doc
    while nxt < len(doc) and doc[nxt].is_punct:
        nxt += 1
    if nxt >= len(doc) or doc[nxt].pos_ not in ("VERB", "AUX"):
        return None
    verb = doc[nxt].head if doc[nxt].dep_.startswith("aux") else doc[nxt]
    return None if _own_subject(verb) else verb


def _up_path(trigger: Token, lex: Lexicon) -> list[Token]:
    path = [trigger]
    node = trigger
    while node.head.i != node.i:
        head = node.head
        if node.dep_ in ("acl:relcl", "relcl") and not head.dep_.startswith("nsubj"):
            verb = _relcl_verb(node)
            if verb is not None:
                path += [head, verb]
                node = verb
                continue
        if node.dep_ in CLAUSE_UP or (node.dep_ == "conj" and _own_subject(node)):
            break
        if _is_reporting(head, lex) and node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            break
        path.append(head)
        node = head
    return path


def _local(node: Token, lex: Lexicon) -> list[Token]:
    """Tokens of ``node``'s clause-local subtree, breadth first (node excluded)."""
    out: list[Token] = []
    queue = deque(node.children)
    while queue:
        tok = queue.popleft()
        if tok.dep_ in CLAUSE_DOWN and not (tok.dep_ == "conj" and not _own_subject(tok)):
            if not (tok.dep_ == "advcl" and _reduced(tok)):
                continue
        if _is_reporting(tok, lex):
            continue
        out.append(tok)
        queue.extend(tok.children)
    return out


def _usable(t: AttachedTime, lex: Lexicon) -> bool:
    e = t.expr
    if e.type == "SET" or e.value in VAGUE:
        return False
    if e.type == "DURATION":
        return e.anchor is not None
    rule_id = (e.rule or "").split("#")[-1]
    return all(r.event_anchor for r in lex.rules if r.id == rule_id)


def granularity(value: str) -> str:
    """Granularity of a TIMEX3 date value."""
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return "day"
    for pattern, gran in ((r"^\d{4}-W\d{2}", "week"), (r"^\d{4}-\d{2}$", "month"),
                          (r"^\d{4}-Q\d$", "quarter"), (r"^\d{4}$", "year"),
                          (r"^\d{3}$", "decade"), (r"^\d{2}$", "century")):
        if re.match(pattern, value):
            return gran
    return "unknown"


def _as_date(t: TimeExpr, basis: str) -> EventDate:
    value = t.anchor if t.type == "DURATION" and t.anchor else t.value
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        value = value[:10]
    return EventDate(value=value, granularity=granularity(value), text=t.text, basis=basis)  # type: ignore[arg-type]


def _text_date(analysis: Analysis, trigger: Token, lex: Lexicon) -> AttachedTime | None:
    times = [t for t in times_in_sentence(analysis, trigger.sent) if _usable(t, lex)]
    if not times:
        return None
    by_head: dict[int, list[AttachedTime]] = {}
    for t in times:
        if t.head is not None:
            by_head.setdefault(t.head.i, []).append(t)
    inside = [t for t in times if t.span.start <= trigger.i < t.span.end]
    if inside:
        return inside[0]
    for node in _up_path(trigger, lex):
        if node.i in by_head:
            return min(by_head[node.i], key=lambda t: abs(t.span.start - trigger.i))
        for tok in _local(node, lex):
            if tok.i in by_head:
                return by_head[tok.i][0]
    return None


def _sentence_before(sent: Span, n: int) -> list[Span]:
    sents = list(sent.doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start == sent.start)
    return sents[max(0, idx - n):idx]


def _last_date_before(analysis: Analysis, sent: Span, n: int, lex: Lexicon) -> AttachedTime | None:
    for prev in reversed(_sentence_before(sent, n)):
        usable = [t for t in times_in_sentence(analysis, prev) if _usable(t, lex)]
        if usable:
            return usable[-1]
    return None


def _clause_tokens(trigger: Token, lex: Lexicon) -> list[Token]:
    path = _up_path(trigger, lex)
    return path + [c for p in path for c in p.children] + _local(trigger, lex)


def _has_cue(tokens: list[Token], lex: Lexicon) -> bool:
    text_cues = [c for c in lex.lists["context_cues"] if " " in c or "-" in c]
    for tok in tokens:
        if tok.lower_ in lex.lists["context_cues"] and not (tok.i + 1 < len(tok.doc) and tok.nbor().lower_ in ("que", "qu'")):
            return True
    sent_text = fold(tokens[0].sent.text)
    return any(cue in sent_text for cue in text_cues)


def _meeting_anaphor(analysis: Analysis, tokens: list[Token], lex: Lexicon) -> EventDate | None:
    from veille.events.modality import load_cues as modality_cues  # the language's demonstratives

    nouns = lex.lists["meeting_nouns"]
    for tok in tokens:
        if fold(tok.lemma_) in nouns or tok.lower_ in nouns:
            if any(c.dep_ == "det" and c.lower_ in modality_cues(tok.lang_).demonstratives for c in tok.children):
                for prev in reversed(analysis.doc[:tok.i]):
                    if (fold(prev.lemma_) in nouns or prev.lower_ in nouns) and prev.sent.start != tok.sent.start:
                        found = _text_date(analysis, prev, lex)
                        if found is not None:
                            return _as_date(found.expr, "tense")
    return None


def event_date(analysis: Analysis, token_i: int) -> EventDate:
    """Date of the event triggered at token ``token_i`` (rules in the module docstring)."""
    doc = analysis.doc
    lex = load_lexicon(analysis.article.language or doc.lang_)
    trigger = doc[token_i]
    found = _text_date(analysis, trigger, lex)
    if found is not None:
        return _as_date(found.expr, "text")
    tokens = _clause_tokens(trigger, lex)
    if _has_cue(tokens, lex):
        prev = _last_date_before(analysis, trigger.sent, 1, lex)
        if prev is not None:
            return _as_date(prev.expr, "tense")
    meeting = _meeting_anaphor(analysis, [trigger] + tokens, lex)
    if meeting is not None:
        return meeting
    tense = clause_tense(trigger)
    pub = analysis.article.published
    if tense == "pluperfect":
        prev = _last_date_before(analysis, trigger.sent, 2, lex)
        if prev is not None:
            return _as_date(prev.expr, "tense")
        return EventDate(value=None, granularity="unknown", text=None, basis="tense")
    if tense in ("future", "conditional"):
        return EventDate(value=None, granularity=None, text=None, basis="tense")
    if pub is None:
        return EventDate(value=None, granularity=None, text=None, basis="publication")
    if tense == "past":
        return EventDate(value=f"{pub.year}-{pub.month:02d}", granularity="month", text=None, basis="tense")
    return EventDate(value=pub.date().isoformat(), granularity="day", text=None, basis="publication")
