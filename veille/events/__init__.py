"""Events: who did what to whom, coded in CAMEO and PLOVER (issue 6).

``code_events(analysis) -> list[Event]``: predicates matched against the language's
lexicon (lexicon.py), arguments from the parse (arguments.py), modality
(modality.py), date (veille.times), place (veille.places), attribution
(veille.quotes), mentions merged (merging.py). ``explain(analysis)`` gives every
candidate predicate with its arguments and why it was or was not coded.
"""
from __future__ import annotations

from veille.analysis import Analysis
from veille.events.coding import ActorIndex, Candidate, code_sentence
from veille.events.lexicon import load_lexicon
from veille.events.merging import merge_mentions
from veille.events.modality import load_cues
from veille.events.ontology import lookup
from veille.places import event_place
from veille.quotes import attribution
from veille.records import ActorRef, Event, Place, Span
from veille.times import event_date

VISIT_CODES = {"042", "043", "044", "036"}


def explain(analysis: Analysis) -> list[tuple[Span, list[Candidate]]]:
    """Per sentence: the candidate predicates, coded or not, with their reasons."""
    lang = analysis.article.language or "fr"
    lex = load_lexicon(lang)
    index = ActorIndex(analysis, lex)
    speakers = {q.speaker.start for q in analysis.quotes if q.speaker and q.speaker.start is not None}
    out = []
    for sent in analysis.doc.sents:
        if not sent.text.strip():
            continue
        cands = code_sentence(sent, lex, index, lang, speakers)
        out.append((Span(sent.text, sent.start_char, sent.end_char), cands))
    return out


def _next_place(analysis: Analysis, start: int, end: int) -> Place | None:
    """The first place named after a visit noun or verb in its sentence ("voyage ... à Vladivostok")."""
    return next((p for p in analysis.places if start < p.start < min(end, start + 80)), None)


def _attack_country(analysis: Analysis, place: Place | None, sentence: Span, victims: list[ActorRef]) -> str | None:
    """Country of an attack whose attackers are not named: that of its place, else of a
    place in its sentence, else that of its victims unless they are troops (who may
    serve abroad); None when nothing says."""
    if place is None:
        place = next((p for p in analysis.places if sentence.start <= p.start < sentence.end and p.country), None)
    if place is not None and place.country:
        return place.country
    return next((v.country for v in victims if v.country and v.sector not in ("MIL", "SPY")), None)


def _event(analysis: Analysis, c: Candidate, n: int, sentence: Span) -> Event:
    assert c.entry is not None
    lang = analysis.article.language or "fr"
    cameo = lookup(c.code or c.entry.code)
    doc = analysis.doc
    start, end = min(t.i for t in c.tokens), max(t.i for t in c.tokens) + 1
    trig = doc[start:end]
    # an argument's name is not the venue: "Moscou a frappé Kharkiv" (the source),
    # "ont discuté avec Kiev" (a partner; a military target is where the act took place)
    named = c.sources + (c.targets if cameo.quad < 4 else [])
    place = event_place(analysis, c.trigger.i, tuple((m.start, m.end) for m in named))
    target = [m.ref() for m in c.targets] or ([c.implicit_target] if c.implicit_target else [])
    if not target and cameo.code in VISIT_CODES and place is None:
        place = _next_place(analysis, c.trigger.idx, sentence.end)  # "voyage ... à Vladivostok"
    source = [m.ref() for m in c.sources]
    if c.unnamed_attacker:
        country = _attack_country(analysis, place, sentence, target)
        source = [ActorRef(text=None, code=f"{country or '---'}UAF", country=country, sector="UAF")]
    target_path = c.target_path
    if not target and place is not None and place.country and \
            not (c.entry.symmetric and len(c.sources) > 1) and \
            not any(s.country == place.country and s.sector in (None, "GOV") for s in source):
        # no actor receives the act: it is done to the country where it happens ("a visité
        # des usines en Extrême-Orient russe", "set up a research centre in Tokyo"), as
        # PETRARCH's dictionaries code a place name as its country; a state acting at home
        # is not its own target
        target = [ActorRef(text=place.text, code=place.country, country=place.country,
                           start=place.start, end=place.end)]
        target_path = "implicit: the country of the event's place"
    return Event(
        id=f"{analysis.article.id}#{n}", cameo=cameo.code,
        source=source, target=target,
        trigger=Span(trig.text, trig.start_char, trig.end_char), sentence=sentence,
        date=event_date(analysis, c.trigger.i), modality=c.modality,
        place=place, attribution=attribution(analysis, c.trigger.i),
        rule=f"{lang}/{'events' if c.entry.line else 'modality'}.yaml#{c.entry.id} (source: {c.source_path or '-'}; "
             f"target: {target_path or '-'}; modality: {c.modality_cue or 'default'}"
             + (f"; coded as {c.recoded}" if c.recoded else "") + ")",
        goldstein=cameo.goldstein, quad=cameo.quad,
        plover={"event": cameo.plover_event, "mode": cameo.plover_mode, "context": cameo.plover_context},
        mention_spans=[Span(trig.text, trig.start_char, trig.end_char)])


def _antecedent(c: Candidate, events: list[Event], event: Event) -> Event | None:
    """The event an act noun with a demonstrative refers back to ("se rendra en Albanie ...,
    le premier à effectuer ce déplacement", "this visit"), an earlier event of the same code
    and source. Its modality and date are the antecedent's, so it is one more mention."""
    nouns = [t for t in c.tokens if t.pos_ == "NOUN"]  # the act noun, alone or after its verb
    demonstratives = load_cues(c.trigger.lang_).demonstratives
    if not any(d.dep_ == "det" and d.lower_ in demonstratives for n in nouns for d in n.children):
        return None
    codes = {a.code for a in event.source}
    return next((e for e in reversed(events) if e.cameo == event.cameo and codes & {a.code for a in e.source}), None)


def code_events(analysis: Analysis) -> list[Event]:
    """Coded events of one analysed article, mentions merged."""
    events: list[Event] = []
    for sentence, cands in explain(analysis):
        for c in cands:
            if c.coded:
                event = _event(analysis, c, len(events) + 1, sentence)
                antecedent = _antecedent(c, events, event)
                if antecedent is not None:
                    antecedent.mentions += 1
                    antecedent.mention_spans.append(event.trigger)
                    continue
                events.append(event)
    text = analysis.article.text  # the lead: the first block of the body (up to a blank line)
    lead_end = text.find("\n\n", len(text) - len(text.lstrip()))
    merged = merge_mentions(events, lead_end=lead_end if lead_end >= 0 else 0)
    for i, e in enumerate(merged, start=1):
        e.id = f"{analysis.article.id}#{i}"
    return merged
