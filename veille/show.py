"""Human-readable tables of extracted and stored events (rich)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from veille.records import ActorRef, Event, Extraction


def cameo_name(code: str) -> str:
    """The CAMEO name of ``code`` ('' when unknown)."""
    from veille.events.ontology import cameo_table

    entry = cameo_table().get(code)
    return entry.name if entry else ""


def _actors(refs: Iterable[ActorRef]) -> str:
    return ", ".join(f"{r.code}" + (f" ({r.text})" if r.text else "") for r in refs) or "—"


def _date(event: Event) -> str:
    return f"{event.date.value or '?'} [{event.date.basis}]" + (f" «{event.date.text}»" if event.date.text else "")


def event_table(events: Iterable[Event], title: str | Text | None = None) -> Table:
    """A rich table: code + name, source → target, date + basis, modality, attribution, trigger."""
    table = Table(title=title, show_lines=False)
    for name in ("code", "source → target", "date", "modality", "according to", "trigger"):
        table.add_column(name, overflow="fold")
    for ev in events:
        attribution = ", ".join(a.code or a.text or "?" for a in ev.attribution) or "—"
        cells = (f"{ev.cameo} {cameo_name(ev.cameo)}".strip(), f"{_actors(ev.source)} → {_actors(ev.target)}",
                 _date(ev), ev.modality, attribution, ev.trigger.text)
        table.add_row(*(Text(c) for c in cells))  # user text: never read as markup
    return table


def print_events(extraction: Extraction, console: Console | None = None) -> None:
    """Print the events of one extraction as a table (``veille extract --format table``)."""
    console = console or Console()
    art = extraction.article
    title = f"{art.title or art.id} — {art.outlet or '?'} {art.published.isoformat() if art.published else ''}"
    console.print(event_table(extraction.events, title=Text(title.strip())))
    if not extraction.events:
        console.print("no events", style="dim", markup=False)


def print_rows(rows: list[dict[str, Any]], console: Console | None = None) -> None:
    """Print stored event rows (``veille events --format table``)."""
    console = console or Console()
    table = Table(show_lines=False)
    for name in ("date", "code", "source → target", "modality", "according to", "trigger", "article"):
        table.add_column(name, overflow="fold")
    for r in rows:
        code = r.get("cameo") or ""
        cells = (f"{r.get('date_value') or '?'} [{r.get('date_basis') or '?'}]",
                 f"{code} {cameo_name(code)}".strip(),
                 f"{', '.join(r.get('source_codes') or []) or '—'} → {', '.join(r.get('target_codes') or []) or '—'}",
                 str(r.get("modality") or ""), ", ".join(r.get("attribution_codes") or []) or "—",
                 str(r.get("trigger_text") or ""), str(r.get("article_id") or "")[:12])
        table.add_row(*(Text(c) for c in cells))  # user text: never read as markup
    console.print(table)
    console.print(f"{len(rows)} event(s)", style="dim", markup=False)
