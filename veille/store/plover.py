"""PLOVER 2.0 export: one JSON record per event, one record a line (JSONL).

Field names follow the PLOVER manual's "JSON Data Fields" (id, date, source/actor,
recipient, event, mode, context, event_loc, event_text, quad_code, event_scale,
text, text_info, cite_info, coder, coded_date); ``actor`` repeats ``source`` under
the name POLECAT uses. Actor objects carry ``code`` (3-character country or IGO
code), ``sector``, ``actor_text``, ``identifier_id`` (the veille actor code) and
``identifier_text`` (the canonical name). Events of CAMEO root 01 (statements) have
no PLOVER category and are left out. veille's own fields are added as the manual
allows: ``cameo``, ``modality``, ``attribution``, ``date_basis``, ``rule``,
``mentions``, ``article_id``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from veille import __version__
from veille.store.export import register_exporter
from veille.store.gdelt import StoredEvent, fips_table, sentence_number, stored_events

#: Quad categories of the PLOVER manual; REQUEST (CAMEO 02x appeals and 10x demands) takes
#: the QuadClass of its CAMEO code.
PLOVER_QUAD = {**dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
               **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
               **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
               **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4)}
CODEBOOK = "PLOVER 2.0 via CAMEO2PLOVER-2021 (02x -> REQUEST; 01x unmapped)"


def plover_actor(a: dict[str, Any]) -> dict[str, Any]:
    code = a.get("code") or ""
    return {"code": a.get("country") or code[:3] or None, "sector": a.get("sector"),
            "actor_text": a.get("text"), "identifier_id": code or None, "identifier_text": a.get("name"),
            "start": a.get("start"), "end": a.get("end")}


def plover_record(ev: StoredEvent) -> dict[str, Any] | None:
    """The PLOVER record of one stored event (None when it has no PLOVER event)."""
    r, art = ev.row, ev.article
    if not r["plover_event"]:
        return None
    loc = None
    if r["place_name"]:
        country = fips_table().get(r["place_country"] or "")
        loc = {"geonameid": r["place_geonameid"], "name": r["place_name"], "latitude": r["place_lat"],
               "longitude": r["place_lon"], "country_code": country.iso2 if country else None,
               "cc3": r["place_country"]}
    day = ev.day
    texts = [s.get("text") for s in ev.mention_spans if s.get("text")] or [r["trigger_text"]]
    source = [plover_actor(a) for a in ev.source]
    ingested = art["ingested_at"]
    return {
        "id": r["id"], "date": day.isoformat() if day else None, "date_granularity": r["date_granularity"],
        "source": source, "actor": source, "recipient": [plover_actor(a) for a in ev.target],
        "event": r["plover_event"], "mode": r["plover_mode"], "context": r["plover_context"],
        "event_loc": loc, "event_text": texts,
        "quad_code": PLOVER_QUAD.get(r["plover_event"], r["quad"]), "event_scale": r["goldstein"],
        "text": r["sentence_text"],
        "text_info": {"sequence": sentence_number(art["text"] or "", r["sentence_start"]),
                      "start": r["sentence_start"], "end": r["sentence_end"]},
        "cite_info": {"corpus": "veille", "citation": art["id"], "url": art["url"], "title": art["title"],
                      "language": art["language"], "publication": art["outlet"],
                      "coder": f"veille {__version__}", "codebook": CODEBOOK},
        "coder": f"veille {__version__}",
        "coded_date": ingested.date().isoformat() if ingested else None,
        "coded_time": ingested.time().isoformat(timespec="seconds") if ingested else None,
        "cameo": r["cameo"], "modality": r["modality"], "attribution": list(r["attribution_codes"] or []),
        "date_basis": r["date_basis"], "rule": r["rule"], "mentions": r["mentions"],
        "article_id": r["article_id"],
    }


@register_exporter("plover")
def export_plover(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """PLOVER JSONL, one event a line; returns the number of records."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for ev in stored_events(con):
            record = plover_record(ev)
            if record is not None:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n
