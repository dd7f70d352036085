"""The dedup test corpus (tests/corpus/dedup/dispatches.jsonl) as hand-built records and gold groups."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veille.dedup import Mention
from veille.records import ActorRef, Event, EventDate, Place, Span, parse_datetime

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dedup" / "dispatches.jsonl"


def records() -> list[dict[str, Any]]:
    """The corpus lines: an article (JSONL reader fields) with its ``story`` and gold ``event``."""
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ref(code: str) -> ActorRef:
    country = None if code.startswith(("IGO", "---")) else code[:3]
    return ActorRef(text=code, code=code, country=country, sector=code[3:] or None)


def gold_event(rec: dict[str, Any]) -> Event:
    """The hand-built ``Event`` of one corpus line (what a perfect coder would output)."""
    g = rec["event"]
    d = g["date"]
    place = None
    if g["place"]:
        p = g["place"]
        place = Place(text=p["name"], start=0, end=0, name=p["name"], country=p["country"], lat=p["lat"],
                      lon=p["lon"], feature=p["feature"])
    return Event(id=f"{rec['id']}#1", cameo=g["cameo"], source=[_ref(c) for c in g["source"]],
                 target=[_ref(c) for c in g["target"]], trigger=Span("", 0, 0), sentence=Span("", 0, 0),
                 date=EventDate(d["value"], d["granularity"], None, d["basis"]), place=place,
                 modality=g["modality"])


def gold_mentions() -> tuple[list[Mention], dict[str, str]]:
    """Hand-built mentions of the corpus and the gold story of each event id."""
    mentions, gold = [], {}
    for rec in records():
        ev = gold_event(rec)
        mentions.append(Mention.of(ev, rec["id"], published=parse_datetime(rec["date"]),
                                   outlet=rec["outlet"], agencies=rec["agencies"]))
        gold[ev.id] = rec["story"]
    return mentions, gold
