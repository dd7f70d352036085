"""GDELT 2.0 exports: the Events table (61 columns) and the Mentions table (16 columns).

Tab-separated, no header, column order of GDELT 2.0's own files. One Events row per
actor pair of an event (GDELT records are dyadic: an event with two targets gives two
rows; a reciprocal event with its actors all as sources gives one row per pair), one
Mentions row per mention of each exported row. Only ``asserted`` events are exported:
GDELT records what took place, and has no field for future, hypothetical or negated
events (the PLOVER export keeps them, with their modality).

Fields without a source in veille are left empty: AvgTone, the actor geographies, the
religion/ethnic codes, ADM1/ADM2 codes, Confidence and the tone fields of Mentions.
Geo country codes are FIPS 10-4 (``kb/iso3_fips.tsv``); FeatureID is the GeoNames id
(GDELT's own files use GNS ids for world cities, the FIPS code for countries).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlparse

import duckdb

from veille.errors import E401, VeilleError
from veille.lang import has_pack, pack_for
from veille.store.export import register_exporter

EVENT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL").split()
MENTION_COLUMNS = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier "
    "SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence MentionDocLen "
    "MentionDocTone MentionDocTranslationInfo Extras").split()

#: ISO 639-1 → ISO 639-2 for MentionDocTranslationInfo (``srclc:``) of non-English documents.
LANG3 = {"fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "ru": "rus", "ar": "ara",
         "zh": "zho", "ja": "jpn", "ko": "kor", "uk": "ukr", "nl": "nld"}
#: GDELT's own language (ISO 639-2): mentions of documents in any other name theirs.
GDELT_LANGUAGE = "eng"


def translation_info(lang: str) -> str:
    """MentionDocTranslationInfo: ``srclc:<ISO 639-2>`` for a document not in GDELT's language."""
    if not lang:
        return ""
    iso3 = pack_for(lang).facts.iso639_3 if has_pack(lang) else LANG3.get(lang, lang)
    return "" if iso3 == GDELT_LANGUAGE else f"srclc:{iso3}"


IGO_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”']?\s+|\n+")


class Country(NamedTuple):
    fips: str
    iso2: str
    name: str


@lru_cache(maxsize=1)
def fips_table() -> dict[str, Country]:
    """ISO alpha-3 → FIPS 10-4 code, ISO alpha-2 and name, from ``kb/iso3_fips.tsv`` (validated)."""
    path = "veille/kb/iso3_fips.tsv"
    text = resources.files("veille").joinpath("kb/iso3_fips.tsv").read_text(encoding="utf-8")
    out: dict[str, Country] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#") or line.startswith("iso3\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not re.fullmatch(r"[A-Z]{3}", parts[0]) or not re.fullmatch(r"([A-Z]{2})?", parts[1]):
            raise VeilleError(E401, path=path, line=n, detail="expected iso3<TAB>fips<TAB>iso2<TAB>name")
        out[parts[0]] = Country(parts[1], parts[2], parts[3])
    return out


def sentence_number(text: str, offset: int | None) -> int:
    """1-based number of the sentence holding ``offset`` (sentences end at . ! ? or a line break)."""
    if offset is None:
        return 1
    return 1 + sum(1 for m in _SENTENCE_END.finditer(text, 0, max(offset, 0)) if m.end() <= offset)


def stable_int(key: str) -> int:
    """A stable positive 60-bit integer for ``key`` (GLOBALEVENTID)."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value == value else ""
    return re.sub(r"[\t\r\n]+", " ", str(value))


def _stamp(when: datetime | None) -> str:
    return when.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S") if when else ""


@dataclass
class StoredEvent:
    """An event as the exports read it: its row, its actors, its mentions and its article."""

    row: dict[str, Any]
    article: dict[str, Any]
    source: list[dict[str, Any]] = field(default_factory=list)
    target: list[dict[str, Any]] = field(default_factory=list)
    mention_spans: list[dict[str, Any]] = field(default_factory=list)

    @property
    def day(self) -> date | None:
        if self.row["date_start"] is not None:
            return self.row["date_start"]  # type: ignore[no-any-return]
        published = self.row["published"] or self.article["published"]
        return published.date() if published else None


def stored_events(con: duckdb.DuckDBPyConnection, batch: int = 200) -> Iterator[StoredEvent]:
    """Every stored event with its actors, mention spans and article, article by article."""
    outer, inner = con.cursor(), con.cursor()
    try:
        outer.execute("SELECT id, title, outlet, url, source_path, language, published, ingested_at, text, "
                      "CAST(json_extract(extraction, '$.events') AS VARCHAR) AS events FROM articles "
                      "ORDER BY published NULLS LAST, id")
        names = [d[0] for d in outer.description]
        while rows := outer.fetchmany(batch):
            articles = {r[0]: dict(zip(names, r)) for r in rows}
            ids = list(articles)
            cur = inner.execute("SELECT * FROM events WHERE list_contains(?, article_id) ORDER BY article_id, id",
                                [ids])
            cols = [d[0] for d in cur.description]
            events = [dict(zip(cols, r)) for r in cur.fetchall()]
            actors: dict[tuple[str, str], list[dict[str, Any]]] = {}
            cur = inner.execute('SELECT event_id, role, text, code, country, sector, name, start, "end" '
                                "FROM event_actors WHERE list_contains(?, article_id) "
                                "ORDER BY event_id, role, position", [ids])
            for ev_id, role, *rest in cur.fetchall():
                keys = ("text", "code", "country", "sector", "name", "start", "end")
                actors.setdefault((ev_id, role), []).append(dict(zip(keys, rest)))
            spans = {}
            for art in articles.values():
                for ev in json.loads(art.pop("events") or "[]"):
                    spans[ev.get("id")] = ev.get("mention_spans") or []
            for ev in events:
                yield StoredEvent(row=ev, article=articles[ev["article_id"]],
                                  source=actors.get((ev["id"], "source"), []),
                                  target=actors.get((ev["id"], "target"), []),
                                  mention_spans=spans.get(ev["id"], []))
    finally:
        outer.close()
        inner.close()


def actor_pairs(ev: StoredEvent) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """The dyads of an event: source × target; pairs of sources for a reciprocal event."""
    if ev.source and ev.target:
        return [(s, t) for s in ev.source for t in ev.target]
    if len(ev.source) >= 2:
        return list(combinations(ev.source, 2))
    if ev.source:
        return [(ev.source[0], None)]
    return [(None, t) for t in ev.target] or [(None, None)]


def _actor_fields(actor: dict[str, Any] | None) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1-3."""
    if actor is None or not actor.get("code"):
        return [""] * 10
    code = actor["code"]
    group = code[3:6] if code.startswith(IGO_PREFIXES) and len(code) > 3 else ""
    country = actor.get("country") or ("" if group or code.startswith("---") else code[:3])
    types = [code[i:i + 3] for i in range(3, len(code), 3)] if not group else [code[:3]]
    if actor.get("sector") and not group:
        types = [actor["sector"]] + [t for t in types if t != actor["sector"]]
    types = (types + ["", "", ""])[:3]
    name = (actor.get("name") or actor.get("text") or "").upper()
    return [code, name, country, group, "", "", ""] + types


def action_geo(row: dict[str, Any]) -> list[str]:
    """ActionGeo Type, FullName, CountryCode (FIPS), ADM1, ADM2, Lat, Long, FeatureID."""
    if not row.get("place_name"):
        return [""] * 8
    iso3 = row.get("place_country") or ""
    fips, _, country_name = fips_table().get(iso3, Country("", "", ""))
    is_country = bool(iso3) and (row["place_name"] in (country_name, iso3)
                                 or (row.get("place_lat") is None and row.get("place_geonameid") is None))
    if is_country:
        return ["1", country_name or row["place_name"], fips, fips, "", _clean(row.get("place_lat")),
                _clean(row.get("place_lon")), fips]
    geo_type = "3" if iso3 == "USA" else "4"
    full = ", ".join(x for x in (row["place_name"], country_name) if x)
    return [geo_type, full, fips, "", "", _clean(row.get("place_lat")), _clean(row.get("place_lon")),
            _clean(row.get("place_geonameid"))]


def _first_paragraph_end(text: str) -> int:
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    cut = stripped.find("\n")
    return lead + (cut if cut >= 0 else len(stripped))


def event_rows(ev: StoredEvent) -> Iterator[tuple[int, dict[str, Any] | None, dict[str, Any] | None, list[str]]]:
    """(GLOBALEVENTID, actor1, actor2, the 61 Events fields) for each dyad of ``ev``."""
    r, art = ev.row, ev.article
    day = ev.day
    sql_date = day.strftime("%Y%m%d") if day else ""
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    cameo = r["cameo"] or ""
    root_event = "1" if (r["sentence_start"] is not None
                         and r["sentence_start"] < _first_paragraph_end(art["text"] or "")) else "0"
    url = art["url"] or art["source_path"] or f"veille:{art['id']}"
    for k, (a1, a2) in enumerate(actor_pairs(ev)):
        gid = stable_int(f"{r['id']}|{k}")
        fields = ([str(gid), sql_date, sql_date[:6], sql_date[:4], fraction]
                  + _actor_fields(a1) + _actor_fields(a2)
                  + [root_event, cameo, cameo[:3], cameo[:2], _clean(r["quad"]), _clean(r["goldstein"]),
                     _clean(r["mentions"] or 1), "1", "1", ""]
                  + [""] * 16 + action_geo(r) + [_stamp(art["ingested_at"]), _clean(url)])
        yield gid, a1, a2, fields


def _exportable(ev: StoredEvent) -> bool:
    return ev.row["modality"] == "asserted"


def _write_tsv(con: duckdb.DuckDBPyConnection, out: Path,
               rows_of: Callable[[StoredEvent], Iterator[list[Any]]]) -> int:
    """Write the rows of every exportable stored event as headerless TSV; returns the count."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        for ev in stored_events(con):
            if not _exportable(ev):
                continue
            for fields in rows_of(ev):
                fh.write("\t".join(_clean(f) for f in fields) + "\n")
                n += 1
    return n


def _event_fields(ev: StoredEvent) -> Iterator[list[Any]]:
    for _, _, _, fields in event_rows(ev):
        assert len(fields) == len(EVENT_COLUMNS)
        yield fields


@register_exporter("gdelt")
def export_gdelt_events(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """GDELT 2.0 Events TSV (no header); returns the number of rows."""
    return _write_tsv(con, out, _event_fields)


def mention_rows(ev: StoredEvent) -> Iterator[list[str]]:
    """The 16 Mentions fields, one row per mention span of each dyad of ``ev``."""
    art, r = ev.article, ev.row
    text = art["text"] or ""
    host = urlparse(art["url"]).netloc if art["url"] else ""
    source_name = (host[4:] if host.startswith("www.") else host) or art["outlet"] or ""
    ident = art["url"] or art["source_path"] or f"veille:{art['id']}"
    lang = art["language"] or ""
    translation = translation_info(lang)
    spans = ev.mention_spans or [{"text": r["trigger_text"], "start": r["trigger_start"], "end": r["trigger_end"]}]
    extras = f"<PAGE_TITLE>{_clean(art['title'])}</PAGE_TITLE><VEILLE_EVENT>{r['id']}</VEILLE_EVENT>"
    for gid, a1, a2, fields in event_rows(ev):
        for span in spans:
            offset = span.get("start")
            yield [str(gid), fields[-2], _stamp(art["published"] or art["ingested_at"]), "1", source_name, ident,
                   str(sentence_number(text, offset)),
                   _clean(a1["start"] if a1 and a1.get("start") is not None else -1),
                   _clean(a2["start"] if a2 and a2.get("start") is not None else -1),
                   _clean(offset if offset is not None else -1), "1", "", str(len(text)), "", translation, extras]


@register_exporter("gdelt-mentions")
def export_gdelt_mentions(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """GDELT 2.0 Mentions TSV (no header); returns the number of rows."""
    return _write_tsv(con, out, mention_rows)
