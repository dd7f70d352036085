"""Merging mentions of the same event within one article."""
from __future__ import annotations

from veille.records import Event


def _countries(actors) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """Actor codes with the sector (RUSGOV and RUSMIL differ; a bare RUS stands for RUSGOV)."""
    return frozenset(a.code if len(a.code) > 3 else a.code + "GOV" for a in actors)


def _dates_agree(a: Event, b: Event) -> bool:
    """Two text-anchored dates must agree at the coarser granularity (2019 ≠ 2023-09)."""
    if a.date.basis != "text" or b.date.basis != "text" or not a.date.value or not b.date.value:
        return True
    n = min(len(a.date.value), len(b.date.value))
    return a.date.value[:n] == b.date.value[:n]


def event_key(e: Event) -> tuple[str, frozenset[str], frozenset[str]]:
    """Same code, same source and target actors (a symmetric event: its actor set)."""
    if not e.target:
        return (e.cameo, _countries(e.source), frozenset())
    return (e.cameo, _countries(e.source), _countries(e.target))


def merge_mentions(events: list[Event], lead_end: int = 0) -> list[Event]:
    """One event per (code, dyad) in an article; later mentions counted on the first.

    A symmetric event (two sources, no target) also absorbs a directed event of the same
    code between the same actors. A mention with a text-anchored date lends it to an
    event whose date was only inferred. A lead (the text before ``lead_end``) summarises
    the body without naming sources, so an event first met there takes the attribution
    of its later mention; elsewhere the first mention's attribution stands.
    """
    kept: list[Event] = []
    index: dict[tuple[str, frozenset[str], frozenset[str]], Event] = {}
    for e in events:
        key = event_key(e)
        twin = index.get(key)
        # across shapes (symmetric / directed / no target) only the same code merges:
        # a meeting and a visit between the same leaders are two events
        if twin is None and e.target:
            twin = index.get((e.cameo, key[1] | key[2], frozenset()))
        if twin is None and not e.target:  # the same act named without its target
            twin = next((k for k in kept if k.cameo == e.cameo and k.target
                         and _countries(k.source) == key[1]), None)
        if twin is None and not e.target and len(key[1]) > 1:
            twin = next((k for k in kept if k.cameo == e.cameo and k.target
                         and _countries(k.source) | _countries(k.target) == key[1]), None)
        if twin is not None and twin.modality == e.modality and _dates_agree(twin, e):
            if not twin.target and e.target:  # the directed mention is the more precise record
                twin.source, twin.target = e.source, e.target
            if twin.sentence.start < lead_end <= e.sentence.start:
                _take_body_mention(twin, e)
            twin.mentions += 1
            twin.mention_spans.append(e.trigger)
            if twin.date.basis != "text" and e.date.basis == "text":
                twin.date = e.date
            continue
        index[key] = e
        kept.append(e)
    return sorted(kept, key=lambda k: k.trigger.start)


def _take_body_mention(twin: Event, body: Event) -> None:
    """An event first met in the lead is reported from its body mention, which names its
    source, place and details (the lead summarises without them)."""
    twin.trigger, twin.sentence, twin.rule = body.trigger, body.sentence, body.rule
    if body.attribution:
        twin.attribution = body.attribution
    if body.place is not None:
        twin.place = body.place
    if body.date.basis == "text" or twin.date.basis != "text":
        twin.date = body.date
