"""Cross-article event deduplication: one story event per real-world event.

Per-article events (``events``) stay as they are; ``link_mentions`` groups the
events of different articles that report the same real-world event into stories
and ``story_events`` / ``story_members`` record them, with GDELT's NumMentions,
NumArticles and NumSources counted over the whole story rather than per document.

Two event mentions are *compatible* when all of these hold:

- they come from different articles (an article's own mentions were merged by
  ``veille.events.merging``);
- same CAMEO root, or roots of one family (``FAMILIES``: an assault reported as
  fighting); a threat (13) and the attack that follows (18/19) stay apart;
- compatible modality: negated and hypothetical events only link to their like;
  a planned (future) event links to the asserted report of it;
- compatible actors at country level (``actor_key``): a directed event needs one
  side that matches and no side that contradicts; a symmetric event (meet,
  cooperate: roots in ``SYMMETRIC``, or two sources and no target) compares its
  participant sets, one contained in the other;
- compatible dates, granularity-aware (``date_window``): intervals that overlap,
  a day widened by ``DAY_SLACK``; an event dated only by its publication may have
  happened up to ``PUBLICATION_LAG`` days before it;
- compatible places: same country, and two cities farther apart than
  ``CITY_KM`` (or with other names, when unlocated) are different places.

Stories are built by complete linkage (a mention joins a story only if it is
compatible with every member), which keeps a vague mention from chaining two
distinct stories. Mentions are taken most precise first, then by date.
"""
from __future__ import annotations

import calendar
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb

from veille.records import Event
from veille.store.writer import date_start

#: Roots coded interchangeably for one real-world event.
FAMILIES: tuple[frozenset[str], ...] = (frozenset({"18", "19"}),)
#: Roots whose actors are interchangeable (A meets B = B meets A).
SYMMETRIC = frozenset({"03", "04", "05", "06"})
PUBLICATION_LAG = 3  # days: an undated event is reported within this many days
DAY_SLACK = 1  # days: time zones and "la veille" read one day off
CITY_KM = 50.0

_PRECISION = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5, "century": 6}


@dataclass
class Mention:
    """One per-article event with what linking needs about its article."""

    event_id: str
    article_id: str
    cameo: str
    source_codes: list[str]
    target_codes: list[str]
    modality: str = "asserted"
    date_value: str | None = None
    date_granularity: str | None = None
    date_basis: str = "publication"
    published: datetime | None = None
    outlet: str | None = None
    agencies: list[str] = field(default_factory=list)
    place_name: str | None = None
    place_country: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    place_feature: str | None = None  # city | country | region | facility | state
    mentions: int = 1

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @classmethod
    def of(cls, event: Event, article_id: str, *, published: datetime | None = None,
           outlet: str | None = None, agencies: Sequence[str] = ()) -> "Mention":
        """The mention of a coded ``Event`` published in an article."""
        place = event.place
        return cls(event_id=event.id, article_id=article_id, cameo=event.cameo,
                   source_codes=[a.code for a in event.source], target_codes=[a.code for a in event.target],
                   modality=event.modality, date_value=event.date.value,
                   date_granularity=event.date.granularity, date_basis=event.date.basis,
                   published=published, outlet=outlet, agencies=list(agencies),
                   place_name=place.name if place else None, place_country=place.country if place else None,
                   place_lat=place.lat if place else None, place_lon=place.lon if place else None,
                   place_feature=place.feature if place else None, mentions=event.mentions)


# -- pairwise compatibility ------------------------------------------------------------

def family(root: str) -> str:
    """The family key of a CAMEO root (the root itself unless it is in ``FAMILIES``)."""
    for fam in FAMILIES:
        if root in fam:
            return min(fam)
    return root


def actor_key(code: str) -> str | None:
    """Country-level key of an actor code (RUSGOV → RUS, IGOUNO stays); None when unknown (---CVL)."""
    if not code or code.startswith("---"):
        return None
    return code if code.startswith(("IGO", "NGO")) else code[:3]


def _keys(codes: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in map(actor_key, codes) if k)


def _side(a: frozenset[str], b: frozenset[str]) -> int:
    """1 match, 0 unknown (a side is empty), -1 contradiction."""
    if not a or not b:
        return 0
    return 1 if a & b else -1


def actors_compatible(a: Mention, b: Mention) -> bool:
    """Same dyad, or compatible actors (see the module docstring)."""
    sa, ta, sb, tb = _keys(a.source_codes), _keys(a.target_codes), _keys(b.source_codes), _keys(b.target_codes)
    if _symmetric(a, sa, ta) or _symmetric(b, sb, tb):
        pa, pb = sa | ta, sb | tb
        return bool(pa & pb) and (pa <= pb or pb <= pa)
    sides = (_side(sa, sb), _side(ta, tb))
    return -1 not in sides and 1 in sides


def _symmetric(m: Mention, src: frozenset[str], tgt: frozenset[str]) -> bool:
    return m.root in SYMMETRIC or (not tgt and len(src) > 1)


def date_window(m: Mention) -> tuple[date, date] | None:
    """The days the event may have happened on: its date's span, else before its publication."""
    start = date_start(m.date_value) if m.date_basis == "text" else None
    if start is not None:
        gran = m.date_granularity or "day"
        end = _span_end(start, gran)
        if gran == "day":
            return start - timedelta(DAY_SLACK), end + timedelta(DAY_SLACK)
        return start, end
    # an inferred date (tense, publication) stands for "around the publication"
    anchor = m.published.date() if m.published else date_start(m.date_value)
    if anchor is None:
        return None
    return anchor - timedelta(PUBLICATION_LAG), anchor + timedelta(DAY_SLACK)


def _span_end(start: date, gran: str) -> date:
    if gran == "week":
        return start + timedelta(6)
    if gran == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if gran == "quarter":
        last = start.month + 2
        return date(start.year, last, calendar.monthrange(start.year, last)[1])
    if gran == "year":
        return date(start.year, 12, 31)
    if gran == "decade":
        return date(start.year + 9, 12, 31)
    if gran == "century":
        return date(start.year + 99, 12, 31)
    return start


def dates_compatible(a: Mention, b: Mention) -> bool:
    """The two date windows overlap (an unknown date is compatible with any)."""
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return True
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _km(a: Mention, b: Mention) -> float:
    assert a.place_lat is not None and a.place_lon is not None
    assert b.place_lat is not None and b.place_lon is not None
    p1, p2 = math.radians(a.place_lat), math.radians(b.place_lat)
    dp, dl = p2 - p1, math.radians(b.place_lon - a.place_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def places_compatible(a: Mention, b: Mention) -> bool:
    """Same country; two local places (cities, facilities) must be near each other."""
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    local = ("city", "facility", None)
    if not (a.place_name and b.place_name) or a.place_feature not in local or b.place_feature not in local:
        return True
    if None not in (a.place_lat, a.place_lon, b.place_lat, b.place_lon):
        return _km(a, b) <= CITY_KM
    return a.place_name.casefold() == b.place_name.casefold()


def modality_compatible(a: Mention, b: Mention) -> bool:
    """Negated and hypothetical link to their like; future links to asserted."""
    realis = {"asserted", "future"}
    return a.modality == b.modality or (a.modality in realis and b.modality in realis)


def compatible(a: Mention, b: Mention) -> bool:
    """Whether two event mentions may report the same real-world event."""
    return (a.article_id != b.article_id and family(a.root) == family(b.root)
            and modality_compatible(a, b) and dates_compatible(a, b)
            and places_compatible(a, b) and actors_compatible(a, b))


# -- stories ---------------------------------------------------------------------------

@dataclass
class Story:
    """One real-world event and the per-article mentions that report it."""

    id: str
    members: list[Mention]

    def counts(self) -> tuple[int, int, int]:
        """(mentions, articles, distinct sources): GDELT's NumMentions, NumArticles, NumSources."""
        return (sum(m.mentions for m in self.members), len({m.article_id for m in self.members}),
                len({_source(m) for m in self.members}))


def _source(m: Mention) -> str:
    return (m.outlet or f"article:{m.article_id}").casefold()


def _order(m: Mention) -> tuple[int, int, date, str]:
    window = date_window(m)
    exact = 0 if m.date_basis == "text" else 1
    gran = _PRECISION.get(m.date_granularity or "", 7)
    return (exact, gran, window[0] if window else date.max, m.event_id)


def _affinity(m: Mention, story: Story) -> tuple[int, int]:
    """How well ``m`` fits a story: members with the same code, then with the same dyad."""
    same_code = sum(x.cameo == m.cameo for x in story.members)
    same_dyad = sum(set(x.source_codes) == set(m.source_codes) and set(x.target_codes) == set(m.target_codes)
                    for x in story.members)
    return same_dyad, same_code


def link_mentions(mentions: Iterable[Mention]) -> list[Story]:
    """Group mentions into stories by complete linkage (see the module docstring).

    Deterministic: the result does not depend on the input order. A story's id is
    derived from its earliest reported member, so it stays the same when later
    reports join it.
    """
    blocks: dict[str, list[Story]] = {}
    for m in sorted(mentions, key=_order):
        stories = blocks.setdefault(family(m.root), [])
        fits = [s for s in stories if all(compatible(m, x) for x in s.members)]
        if fits:
            max(fits, key=lambda s: _affinity(m, s)).members.append(m)
        else:
            stories.append(Story(id="", members=[m]))
    out = [s for block in blocks.values() for s in block]
    for s in out:
        first = min(s.members, key=lambda x: (x.published is None,
                                              x.published.timestamp() if x.published else 0.0, x.event_id))
        s.id = "story-" + hashlib.sha256(first.event_id.encode("utf-8")).hexdigest()[:16]
    return sorted(out, key=lambda s: s.id)


def pairwise_scores(predicted: Sequence[Sequence[str]], gold: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping of ids against gold labels (id → story)."""
    label = {i: n for n, group in enumerate(predicted) for i in group}
    ids = sorted(gold)
    tp = fp = fn = 0
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            same_pred = a in label and label.get(a) == label.get(b)
            same_gold = gold[a] == gold[b]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


# -- store -----------------------------------------------------------------------------

STORY_TABLES = [
    """CREATE TABLE IF NOT EXISTS story_events (
        story_id VARCHAR PRIMARY KEY, cameo VARCHAR, root VARCHAR, modality VARCHAR,
        source_codes VARCHAR[], target_codes VARCHAR[], date_value VARCHAR, date_granularity VARCHAR,
        place_name VARCHAR, place_country VARCHAR, num_mentions INTEGER, num_articles INTEGER,
        num_sources INTEGER, sources VARCHAR[], agencies VARCHAR[], first_seen TIMESTAMPTZ,
        last_seen TIMESTAMPTZ)""",
    "CREATE TABLE IF NOT EXISTS story_members (story_id VARCHAR, event_id VARCHAR, article_id VARCHAR)",
]

_LOAD_SQL = """
SELECT e.id, e.article_id, e.cameo, e.source_codes, e.target_codes, e.modality, e.date_value,
       e.date_granularity, e.date_basis, a.published, a.outlet, a.agencies, e.place_name,
       e.place_country, e.place_lat, e.place_lon,
       (SELECT any_value(p.feature) FROM places p
         WHERE p.article_id = e.article_id AND p.name = e.place_name) AS place_feature,
       e.mentions
FROM events e JOIN articles a ON a.id = e.article_id
"""


def load_mentions(con: duckdb.DuckDBPyConnection) -> list[Mention]:
    """Every stored per-article event as a ``Mention``."""
    rows = con.execute(_LOAD_SQL).fetchall()
    return [Mention(event_id=r[0], article_id=r[1], cameo=r[2] or "", source_codes=list(r[3] or []),
                    target_codes=list(r[4] or []), modality=r[5] or "asserted", date_value=r[6],
                    date_granularity=r[7], date_basis=r[8] or "publication", published=r[9],
                    outlet=r[10], agencies=list(r[11] or []), place_name=r[12], place_country=r[13],
                    place_lat=r[14], place_lon=r[15], place_feature=r[16], mentions=r[17] or 1)
            for r in rows]


def _common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def story_row(story: Story) -> dict[str, object]:
    """The ``story_events`` row: the most common code, the most precise date, the counts."""
    ms = story.members
    dated = sorted(ms, key=_order)
    best = dated[0]
    published = [m.published for m in ms if m.published]
    mentions, articles, sources = story.counts()
    return {"story_id": story.id, "cameo": _common(m.cameo for m in ms),
            "root": _common(m.root for m in ms), "modality": _common(m.modality for m in ms),
            "source_codes": sorted({c for m in ms for c in m.source_codes}),
            "target_codes": sorted({c for m in ms for c in m.target_codes}),
            "date_value": best.date_value, "date_granularity": best.date_granularity,
            "place_name": _common(m.place_name for m in dated),
            "place_country": _common(m.place_country for m in ms),
            "num_mentions": mentions, "num_articles": articles, "num_sources": sources,
            "sources": sorted({m.outlet for m in ms if m.outlet}),
            "agencies": sorted({a for m in ms for a in m.agencies}),
            "first_seen": min(published) if published else None,
            "last_seen": max(published) if published else None}


def dedup_store(con: duckdb.DuckDBPyConnection) -> list[Story]:
    """Rebuild ``story_events`` and ``story_members`` from the stored events (one transaction)."""
    for statement in STORY_TABLES:
        con.execute(statement)
    stories = link_mentions(load_mentions(con))
    rows = [story_row(s) for s in stories]
    cols = list(rows[0]) if rows else []
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM story_members")
        con.execute("DELETE FROM story_events")
        if rows:
            con.executemany(f"INSERT INTO story_events ({', '.join(cols)}) VALUES "
                            f"({', '.join('?' for _ in cols)})", [[r[c] for c in cols] for r in rows])
            con.executemany("INSERT INTO story_members VALUES (?, ?, ?)",
                            [[s.id, m.event_id, m.article_id] for s in stories for m in s.members])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return stories
