"""Typed records that cross stage boundaries.

Every stage takes and returns these; nothing crosses a module boundary as a bare
dict. ``Extraction.to_dict()`` produces the output contract of DESIGN.md.
Offsets are character offsets into ``Article.text`` (the body as read).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Modality = Literal["asserted", "future", "hypothetical", "negated"]
DateBasis = Literal["text", "tense", "publication"]
QuoteKind = Literal["direct", "indirect"]


@dataclass
class Article:
    """One input document as the readers produce it."""

    id: str
    text: str  # the body, kept as given (offsets point into it)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: datetime | None = None  # timezone-aware when known
    language: str | None = None
    headings: list[str] = field(default_factory=list)
    url: str | None = None
    source_path: str | None = None
    warnings: list[ErrorRecord] = field(default_factory=list)  # kept but worth a look (E113)

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs (blank-line or line separated), stripped."""
        return [p.strip() for p in self.text.splitlines() if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "agencies": list(self.agencies),
            "language": self.language,
            "url": self.url,
            "headings": list(self.headings),
            "source_path": self.source_path,
        }


@dataclass
class ActorMention:
    """A span of the body resolved to an actor code.

    A plural mention ("les deux pays") yields one ActorMention per member, all with
    the same span.
    """

    text: str
    start: int
    end: int
    code: str  # e.g. RUSGOV, PRKMED, IGOUNO, ---CVL
    country: str | None = None  # ISO alpha-3, None for IGO/NGO
    sector: str | None = None  # GOV, MIL, ... None for a bare country
    name: str | None = None  # canonical name of a person or body, when known
    entry: str | None = None  # which knowledge entry matched, e.g. kb/people.yaml#vladimir-putin
    via: str = "name"  # name | acronym | metonym | demonym | role | apposition | coreference | pronoun | user
    kind: str = "actor"  # actor | person | org | country

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def ref(self) -> "ActorRef":
        return ActorRef(text=self.text, code=self.code, country=self.country, sector=self.sector,
                        name=self.name, start=self.start, end=self.end)


@dataclass
class ActorRef:
    """An actor as an event argument (text may be None for an implicit actor)."""

    text: str | None
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TimeExpr:
    """A temporal expression, TIMEX3 style, normalised against the publication date."""

    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # ISO-TimeML value: 2023-09-13, 2023-W37, P1Y6M, PRESENT_REF, ...
    mod: str | None = None  # START, MID, END, MORE_THAN, APPROX, ...
    anchor: str | None = None  # for a duration "depuis X": the start date it implies, if any
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventDate:
    value: str | None
    granularity: Literal["day", "week", "month", "season", "quarter", "half", "year", "decade", "century",
                         "unknown"] | None
    text: str | None
    basis: DateBasis

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Place:
    """A place mention resolved to a gazetteer entry."""

    text: str
    start: int
    end: int
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str = "city"  # city | country | region | facility | state
    entry: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Attribution:
    """One link of a claim chain: who the text attributes a claim to."""

    text: str | None
    code: str | None
    start: int | None = None
    end: int | None = None
    role: str = "source"  # outlet | agency | source

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "start": self.start, "end": self.end,
                "role": self.role}


@dataclass
class Quote:
    """Direct or indirect reported speech with its speaker and cue."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: ActorRef | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speech: bool = True  # False for scare quotes / titles

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "speaker": ({"text": self.speaker.text, "code": self.speaker.code,
                             "name": self.speaker.name,
                             "start": self.speaker.start, "end": self.speaker.end}
                            if self.speaker else None),
                "cue": self.cue, "cue_start": self.cue_start, "cue_end": self.cue_end,
                "speech": self.speech}


@dataclass
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """A coded event: who did what to whom, when, where, how sure, according to whom."""

    id: str
    cameo: str
    source: list[ActorRef]
    target: list[ActorRef]
    trigger: Span
    sentence: Span
    date: EventDate
    modality: Modality = "asserted"
    place: Place | None = None
    attribution: list[Attribution] = field(default_factory=list)
    mentions: int = 1
    rule: str = ""
    goldstein: float | None = None
    quad: int | None = None
    plover: dict[str, str | None] = field(default_factory=dict)
    mention_spans: list[Span] = field(default_factory=list)

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        place = None
        if self.place is not None:
            place = {"text": self.place.text, "name": self.place.name, "country": self.place.country,
                     "lat": self.place.lat, "lon": self.place.lon, "geonameid": self.place.geonameid}
        return {
            "id": self.id, "cameo": self.cameo, "root": self.root, "quad": self.quad,
            "goldstein": self.goldstein,
            "plover": {"event": self.plover.get("event"), "mode": self.plover.get("mode"),
                       "context": self.plover.get("context")},
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date.to_dict(), "place": place, "modality": self.modality,
            "attribution": [a.to_dict() for a in self.attribution],
            "trigger": self.trigger.to_dict(), "sentence": self.sentence.to_dict(),
            "mentions": self.mentions, "mention_spans": [s.to_dict() for s in self.mention_spans],
            "rule": self.rule,
        }


@dataclass
class ErrorRecord:
    code: str
    message: str
    stage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything veille extracted from one article: the output contract."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "errors": [e.to_dict() for e in self.errors],
        }


def parse_datetime(value: str | None) -> datetime | None:
    """ISO 8601 string to datetime (None passes through)."""
    if not value:
        return None
    return datetime.fromisoformat(value)


@dataclass
class Failure:
    """An input that could not be processed, with its coded reason (nothing is lost)."""

    source: str  # path, path:line, or warc record id
    code: str
    message: str
    article_id: str | None = None
    stage: str = "read"
    skipped: bool = False  # True for deliberate skips (unsupported language)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
