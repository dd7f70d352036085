"""Read queries behind the REST API, the web page and ``veille plot``.

Plain functions over an open DuckDB connection (or cursor). Every user value is
bound as a query parameter; the only SQL fragments chosen from user input come
from the fixed whitelists below (sort keys, intervals, node levels).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import duckdb

from veille.errors import E702, E703, VeilleError

Interval = Literal["day", "week", "month", "year"]
Level = Literal["code", "country"]

#: The day an event is placed on: its own date, else its publication date.
EVENT_DAY = "coalesce(e.date_start, CAST(e.published AS DATE))"
# an actor filter matches a code by prefix (RUS matches RUSGOV), as the store's queries do
# (tested on the space-joined list: vectorised, much faster than a correlated unnest)
_HAS = "contains(' ' || upper(array_to_string({col}, ' ')), ' ' || upper(?))"
_HAS_COUNTRY = ("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.role = ? "
                "AND upper(ea.country) = upper(?))")

SORTS = {
    "date": f"{EVENT_DAY} ASC NULLS LAST", "-date": f"{EVENT_DAY} DESC NULLS LAST",
    "published": "e.published ASC NULLS LAST", "-published": "e.published DESC NULLS LAST",
    "goldstein": "e.goldstein ASC NULLS LAST", "-goldstein": "e.goldstein DESC NULLS LAST",
    "cameo": "e.cameo ASC", "-cameo": "e.cameo DESC",
    "mentions": "e.mentions ASC", "-mentions": "e.mentions DESC",
}
INTERVALS = ("day", "week", "month", "year")
LEVELS = {"code": "ea.code", "country": "coalesce(ea.country, ea.code)"}


@lru_cache(maxsize=1)
def cameo_names() -> dict[str, str]:
    """CAMEO code → name, from ``veille/kb/cameo.tsv``."""
    text = resources.files("veille").joinpath("kb/cameo.tsv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("code\t") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 2:
            names[parts[0]] = parts[1]
    return names


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [{k: _iso(v) for k, v in zip(names, row)} for row in cur.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------- events

@dataclass
class EventQuery:
    """Filters, sort and page of ``GET /events``; ``None`` or empty means no filter."""

    source: str | None = None  # source actor code prefix (RUS, RUSGOV)
    target: str | None = None
    actor: str | None = None  # either side
    source_country: str | None = None  # ISO alpha-3 of a source actor
    target_country: str | None = None
    cameo: str | None = None  # CAMEO code prefix (04, 042)
    root: str | None = None
    plover: str | None = None
    quad: list[int] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)
    date_from: date | None = None  # event date (publication date when the event has none)
    date_to: date | None = None
    published_from: date | None = None
    published_to: date | None = None
    attribution: str | None = None  # attribution code prefix (PRKMED, PRK)
    attributed: bool | None = None  # True: reported by someone; False: stated by the outlet
    q: str | None = None  # free text in the sentence or trigger
    article_id: str | None = None
    dyad: tuple[str, str] | None = None  # events between two actors, either direction
    sort: str = "date"
    limit: int = 50
    offset: int = 0


def event_where(f: EventQuery) -> tuple[str, list[Any]]:
    """WHERE clause (over ``events e``) and its parameters for the filters of ``f``."""
    where: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        where.append(clause)
        params.extend(values)

    if f.source:
        add(_HAS.format(col="e.source_codes"), _code(f.source))
    if f.target:
        add(_HAS.format(col="e.target_codes"), _code(f.target))
    if f.actor:
        add(f"({_HAS.format(col='e.source_codes')} OR {_HAS.format(col='e.target_codes')})",
            _code(f.actor), _code(f.actor))
    if f.source_country:
        add(_HAS_COUNTRY, "source", f.source_country)
    if f.target_country:
        add(_HAS_COUNTRY, "target", f.target_country)
    if f.cameo:
        add("starts_with(e.cameo, ?)", f.cameo)
    if f.root:
        add("e.root = ?", f.root.zfill(2))
    if f.plover:
        add("upper(e.plover_event) = upper(?)", f.plover)
    if f.quad:
        add("list_contains(?, e.quad)", list(f.quad))
    if f.modality:
        add("list_contains(?, e.modality)", list(f.modality))
    if f.date_from:
        add(f"{EVENT_DAY} >= ?", f.date_from)
    if f.date_to:
        add(f"{EVENT_DAY} <= ?", f.date_to)
    if f.published_from:
        add("CAST(e.published AS DATE) >= ?", f.published_from)
    if f.published_to:
        add("CAST(e.published AS DATE) <= ?", f.published_to)
    if f.attribution:
        add(_HAS.format(col="e.attribution_codes"), _code(f.attribution))
    if f.attributed is not None:
        add("len(coalesce(e.attribution_codes, [])) > 0" if f.attributed
            else "len(coalesce(e.attribution_codes, [])) = 0")
    if f.q:
        add("(contains(lower(e.sentence_text), lower(?)) OR contains(lower(e.trigger_text), lower(?)))",
            f.q, f.q)
    if f.article_id:
        add("e.article_id = ?", f.article_id)
    if f.dyad:
        clause, values = dyad_filter(*f.dyad)
        add(clause, *values)
    return (" WHERE " + " AND ".join(where)) if where else "", params


_EVENT_COLS = """e.*, a.title AS article_title, a.outlet AS article_outlet, a.url AS article_url,
    CAST(e.attribution AS VARCHAR) AS attribution_json"""


def find_events(con: duckdb.DuckDBPyConnection, f: EventQuery) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, the page of events as API items)."""
    if f.sort not in SORTS:
        raise VeilleError(E703, name="sort", detail=f"one of {', '.join(SORTS)}")
    where, params = event_where(f)
    total = int(_one(con, f"SELECT count(*) FROM events e{where}", params) or 0)
    cur = con.execute(
        f"SELECT {_EVENT_COLS} FROM events e LEFT JOIN articles a ON a.id = e.article_id{where} "
        f"ORDER BY {SORTS[f.sort]}, e.article_id, e.id LIMIT ? OFFSET ?",
        params + [f.limit, f.offset])
    rows = cur.fetchall()
    names = [d[0] for d in cur.description]
    return total, _event_items(con, [dict(zip(names, r)) for r in rows])


def _event_items(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    actors: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if ids:
        cur = con.execute(
            'SELECT event_id, role, text, code, country, sector, name, start, "end" FROM event_actors '
            "WHERE list_contains(?, event_id) ORDER BY event_id, role, position", [ids])
        for ev_id, role, *rest in cur.fetchall():
            keys = ("text", "code", "country", "sector", "name", "start", "end")
            actors.setdefault((ev_id, role), []).append(dict(zip(keys, rest)))
    return [event_item(r, actors.get((r["id"], "source"), []), actors.get((r["id"], "target"), []))
            for r in rows]


def event_item(r: dict[str, Any], source: list[dict[str, Any]],
               target: list[dict[str, Any]]) -> dict[str, Any]:
    """One events row (with its actors) in the shape of the output contract, plus links."""
    place = None
    if r.get("place_name"):
        place = {"name": r["place_name"], "country": r["place_country"], "lat": r["place_lat"],
                 "lon": r["place_lon"], "geonameid": r["place_geonameid"]}
    attribution = json.loads(r["attribution_json"]) if r.get("attribution_json") else []
    return {
        "id": r["id"], "article_id": r["article_id"], "cameo": r["cameo"],
        "cameo_name": cameo_names().get(r["cameo"] or ""), "root": r["root"], "quad": r["quad"],
        "goldstein": r["goldstein"],
        "plover": {"event": r["plover_event"], "mode": r["plover_mode"], "context": r["plover_context"]},
        "source": source, "target": target,
        "date": {"value": r["date_value"], "granularity": r["date_granularity"], "text": r["date_text"],
                 "basis": r["date_basis"], "start": _iso(r["date_start"])},
        "place": place, "modality": r["modality"], "attribution": attribution,
        "trigger": {"text": r["trigger_text"], "start": r["trigger_start"], "end": r["trigger_end"]},
        "sentence": {"text": r["sentence_text"], "start": r["sentence_start"], "end": r["sentence_end"]},
        "mentions": r["mentions"], "rule": r["rule"], "published": _iso(r["published"]),
        "article": {"id": r["article_id"], "title": r.get("article_title"),
                    "outlet": r.get("article_outlet"), "url": r.get("article_url")},
    }


def flat_event(item: dict[str, Any]) -> dict[str, Any]:
    """An event item as one flat row (CSV)."""
    def codes(refs: list[dict[str, Any]]) -> str:
        return ";".join(a["code"] for a in refs if a.get("code"))

    place = item["place"] or {}
    return {
        "id": item["id"], "article_id": item["article_id"], "published": item["published"],
        "date": item["date"]["value"], "date_basis": item["date"]["basis"], "cameo": item["cameo"],
        "cameo_name": item["cameo_name"], "root": item["root"], "quad": item["quad"],
        "goldstein": item["goldstein"], "plover_event": item["plover"]["event"],
        "plover_mode": item["plover"]["mode"], "source": codes(item["source"]),
        "target": codes(item["target"]), "modality": item["modality"],
        "attribution": codes(item["attribution"]), "place": place.get("name"),
        "place_country": place.get("country"), "trigger": item["trigger"]["text"],
        "sentence": item["sentence"]["text"], "mentions": item["mentions"], "rule": item["rule"],
    }


# ---------------------------------------------------------------- articles

def find_articles(con: duckdb.DuckDBPyConnection, *, outlet: str | None = None,
                  date_from: date | None = None, date_to: date | None = None, q: str | None = None,
                  language: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of articles, newest first, without their body."""
    where, params = [], []
    for clause, value in (("a.outlet = ?", outlet), ("CAST(a.published AS DATE) >= ?", date_from),
                          ("CAST(a.published AS DATE) <= ?", date_to), ("a.language = ?", language)):
        if value is not None:
            where.append(clause)
            params.append(value)
    if q:
        where.append("(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))")
        params += [q, q]
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(_one(con, f"SELECT count(*) FROM articles a{sql_where}", params) or 0)
    cur = con.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.language, a.url, a.authors, a.agencies, "
        "left(a.text, 240) AS snippet, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
        f"FROM articles a{sql_where} ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        params + [limit, offset])
    return total, _rows(cur)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """An article with its body, events, actors, quotes, times and places (E702 if unknown)."""
    cur = con.execute(
        "SELECT id, title, outlet, published, language, url, source_path, authors, agencies, headings, "
        "text, ingested_at, json_extract_string(extraction, '$.article.published') AS published_local, "
        "CAST(json_extract(extraction, '$.errors') AS VARCHAR) AS errors FROM articles WHERE id = ?",
        [article_id])
    rows = _rows(cur)
    if not rows:
        raise VeilleError(E702, what=f"article {article_id}")
    art = rows[0]
    art["published"] = art.pop("published_local") or art["published"]
    art["errors"] = json.loads(art["errors"]) if art["errors"] else []
    _, events = find_events(con, EventQuery(article_id=article_id, sort="cameo", limit=100_000))
    events.sort(key=lambda e: (e["trigger"]["start"] is None, e["trigger"]["start"] or 0))
    by = "WHERE article_id = ? ORDER BY position"
    tables = {
        "actors": 'SELECT text, start, "end", code, country, sector, name, entry, via FROM actors',
        "quotes": 'SELECT text, start, "end", kind, speaker_text, speaker_code, cue FROM quotes',
        "times": 'SELECT text, start, "end", type, value, mod FROM times',
        "places": 'SELECT text, start, "end", name, country, lat, lon, geonameid, feature FROM places',
    }
    out: dict[str, Any] = {"article": art, "events": events}
    for key, sql in tables.items():
        out[key] = _rows(con.execute(f"{sql} {by}", [article_id]))
    for quote in out["quotes"]:
        text, code = quote.pop("speaker_text"), quote.pop("speaker_code")
        quote["speaker"] = {"text": text, "code": code} if (text or code) else None
    return out


# ---------------------------------------------------------------- relations

def _dyad_clause() -> str:
    s, t = "e.source_codes", "e.target_codes"
    return (f"(({_HAS.format(col=s)} AND {_HAS.format(col=t)}) OR "
            f"({_HAS.format(col=s)} AND {_HAS.format(col=t)}) OR "
            f"(len(coalesce({t}, [])) = 0 AND {_HAS.format(col=s)} AND {_HAS.format(col=s)}))")


def _direction_sql() -> str:
    s, t = "e.source_codes", "e.target_codes"
    return (f"CASE WHEN {_HAS.format(col=s)} AND {_HAS.format(col=t)} THEN 'ab' "
            f"WHEN {_HAS.format(col=s)} AND {_HAS.format(col=t)} THEN 'ba' ELSE 'mutual' END")


def _code(value: str) -> str:
    """An actor code prefix as matched: whitespace removed (codes never contain any)."""
    return "".join(value.split())


def dyad_filter(a: str, b: str) -> tuple[str, list[Any]]:
    """Clause matching events between ``a`` and ``b`` in either direction (or both as sources)."""
    a, b = _code(a), _code(b)
    return _dyad_clause(), [a, b, b, a, a, b]


def dyad_timeline(con: duckdb.DuckDBPyConnection, a: str, b: str, interval: str = "month",
                  date_from: date | None = None, date_to: date | None = None,
                  modality: list[str] | None = None) -> dict[str, Any]:
    """Counts per QuadClass and summed Goldstein per interval for the dyad ``a``–``b``."""
    if interval not in INTERVALS:
        raise VeilleError(E703, name="interval", detail=f"one of {', '.join(INTERVALS)}")
    clause, params = dyad_filter(a, b)
    a, b = _code(a), _code(b)
    f = EventQuery(date_from=date_from, date_to=date_to, modality=modality or [])
    where, wparams = event_where(f)
    where = (where + " AND " if where else " WHERE ") + clause
    cur = con.execute(
        f"SELECT CAST(date_trunc('{interval}', {EVENT_DAY}) AS DATE) AS period, {_direction_sql()} AS direction, "
        "e.quad, count(*) AS n, sum(coalesce(e.goldstein, 0)) AS goldstein "
        f"FROM events e{where} GROUP BY ALL ORDER BY period",
        [a, b, b, a] + wparams + params)
    periods: dict[str, dict[str, Any]] = {}
    for period, direction, quad, n, gold in cur.fetchall():
        key = _iso(period) if period is not None else "unknown"
        p = periods.setdefault(key, {"period": key, "count": 0, "quad": {"1": 0, "2": 0, "3": 0, "4": 0},
                                     "goldstein": 0.0, "ab": 0, "ba": 0, "mutual": 0,
                                     "goldstein_ab": 0.0, "goldstein_ba": 0.0})
        p["count"] += n
        if quad in (1, 2, 3, 4):
            p["quad"][str(quad)] += n
        p["goldstein"] += gold
        p[direction] += n
        if direction in ("ab", "ba"):
            p["goldstein_" + direction] += gold
    series = sorted(periods.values(), key=lambda p: p["period"])
    return {"a": a, "b": b, "interval": interval, "series": series,
            "total": sum(p["count"] for p in series)}


def _pairs_sql(level: str, where: str) -> str:
    node = LEVELS[level]
    return f"""
      WITH ev AS (SELECT e.id, e.goldstein FROM events e{where}),
      ea AS (SELECT ea.event_id, ea.role, {node} AS node, ea.code FROM event_actors ea
             WHERE ea.event_id IN (SELECT id FROM ev) AND ea.code IS NOT NULL),
      pairs AS (
        SELECT s.event_id, s.node AS a, t.node AS b, s.code AS a_code, t.code AS b_code, false AS mutual
        FROM ea s JOIN ea t ON s.event_id = t.event_id AND s.role = 'source' AND t.role = 'target'
        UNION ALL
        SELECT s.event_id, s.node, t.node, s.code, t.code, true
        FROM ea s JOIN ea t ON s.event_id = t.event_id AND s.role = 'source' AND t.role = 'source'
             AND s.node < t.node
        WHERE NOT EXISTS (SELECT 1 FROM ea x WHERE x.event_id = s.event_id AND x.role = 'target'))
      SELECT p.*, ev.goldstein FROM pairs p JOIN ev ON ev.id = p.event_id WHERE p.a <> p.b"""


def network(con: duckdb.DuckDBPyConnection, *, date_from: date | None = None,
            date_to: date | None = None, level: str = "country", min_weight: int = 1,
            modality: list[str] | None = None, limit: int = 200) -> dict[str, Any]:
    """Actors as nodes, interactions as directed edges (weight, mean and summed Goldstein)."""
    if level not in LEVELS:
        raise VeilleError(E703, name="level", detail="code or country")
    where, params = event_where(EventQuery(date_from=date_from, date_to=date_to, modality=modality or []))
    cur = con.execute(
        f"SELECT a AS source, b AS target, bool_and(mutual) AS mutual, count(DISTINCT event_id) AS weight, "
        f"avg(goldstein) AS mean_goldstein, sum(goldstein) AS goldstein FROM ({_pairs_sql(level, where)}) "
        "GROUP BY a, b HAVING count(DISTINCT event_id) >= ? ORDER BY weight DESC, a, b LIMIT ?",
        params + [min_weight, limit])
    edges = _rows(cur)
    degree: dict[str, int] = {}
    for e in edges:
        for node in (e["source"], e["target"]):
            degree[node] = degree.get(node, 0) + e["weight"]
    nodes = [{"id": n, "weight": w} for n, w in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes, "edges": edges}


def actor_network(con: duckdb.DuckDBPyConnection, code: str, *, date_from: date | None = None,
                  date_to: date | None = None, level: str = "code") -> dict[str, Any]:
    """The actors ``code`` (a code prefix) interacts with: weights and mean Goldstein."""
    if level not in LEVELS:
        raise VeilleError(E703, name="level", detail="code or country")
    where, params = event_where(EventQuery(date_from=date_from, date_to=date_to))
    cur = con.execute(
        f"""WITH p AS ({_pairs_sql(level, where)}),
        sides AS (
          SELECT b AS actor, event_id, goldstein, CASE WHEN mutual THEN 'mutual' ELSE 'out' END AS dir
          FROM p WHERE starts_with(upper(a_code), upper(?))
          UNION ALL
          SELECT a, event_id, goldstein, CASE WHEN mutual THEN 'mutual' ELSE 'in' END
          FROM p WHERE starts_with(upper(b_code), upper(?)))
        SELECT actor, count(DISTINCT event_id) AS weight,
               count(DISTINCT event_id) FILTER (WHERE dir = 'out') AS outgoing,
               count(DISTINCT event_id) FILTER (WHERE dir = 'in') AS incoming,
               count(DISTINCT event_id) FILTER (WHERE dir = 'mutual') AS mutual,
               avg(goldstein) AS mean_goldstein, sum(goldstein) AS goldstein
        FROM sides WHERE NOT starts_with(upper(actor), upper(?))
        GROUP BY actor ORDER BY weight DESC, actor""",
        params + [code, code, code])
    return {"actor": code, "level": level, "neighbours": _rows(cur)}


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts and distributions of the store."""
    out: dict[str, Any] = {t: int(_one(con, f"SELECT count(*) FROM {t}") or 0)
                           for t in ("articles", "events", "actors", "quotes", "failures")}
    rng = con.execute(f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) FROM events e").fetchone() or (None, None)
    pub = con.execute("SELECT min(published), max(published) FROM articles").fetchone() or (None, None)
    out["event_dates"] = {"min": _iso(rng[0]), "max": _iso(rng[1])}
    out["published"] = {"min": _iso(pub[0]), "max": _iso(pub[1])}
    out["by_quad"] = {str(k): v for k, v in con.execute(
        "SELECT quad, count(*) FROM events GROUP BY quad ORDER BY quad").fetchall()}
    out["by_modality"] = dict(con.execute(
        "SELECT modality, count(*) FROM events GROUP BY modality ORDER BY 2 DESC").fetchall())
    names = cameo_names()
    out["by_root"] = [{"root": r, "name": names.get(r or ""), "count": n} for r, n in con.execute(
        "SELECT root, count(*) FROM events GROUP BY root ORDER BY root").fetchall()]
    out["by_outlet"] = dict(con.execute(
        "SELECT coalesce(outlet, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 50").fetchall())
    out["top_actors"] = _rows(con.execute(
        "SELECT code, any_value(country) AS country, count(DISTINCT event_id) AS events "
        "FROM event_actors WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT 50"))
    return out


def actor_codes(con: duckdb.DuckDBPyConnection, prefix: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Actor codes seen in events (for pickers), most frequent first."""
    return _rows(con.execute(
        "SELECT code, any_value(country) AS country, mode(name) AS name, count(DISTINCT event_id) AS events "
        "FROM event_actors WHERE code IS NOT NULL AND starts_with(upper(code), upper(?)) "
        "GROUP BY code ORDER BY events DESC, code LIMIT ?", [prefix, limit]))
