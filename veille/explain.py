"""``veille explain``: per sentence, the predicates found, their arguments, and why each
was or was not coded."""
from __future__ import annotations

from rich.console import Console

from veille.analysis import Analysis
from veille.events import explain


def _actors(ms) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{m.text} [{m.code}]" for m in ms) or "-"


def print_explanation(analysis: Analysis, console: Console | None = None) -> None:
    """Print the coder's reasoning for every sentence of an analysed article."""
    console = console or Console()
    for sentence, cands in explain(analysis):
        console.print(f"\n[bold]¶ {sentence.start}-{sentence.end}[/bold] {sentence.text.strip()}")
        if not cands:
            console.print("  [dim](no predicate from the lexicon)[/dim]")
        for c in cands:
            status = "[green]coded[/green]" if c.coded else f"[yellow]not coded[/yellow]: {c.reason}"
            entry = c.entry.id if c.entry else "-"
            code = c.code or (c.entry.code if c.entry else "")
            console.print(f"  • '{c.text}' → {code} ({entry}) {status}")
            console.print(f"      source: {_actors(c.sources)} via {c.source_path or '-'}; "
                          f"target: {_actors(c.targets)} via {c.target_path or '-'}; "
                          f"modality: {c.modality} {c.modality_cue}"
                          + (f"; coded as {c.recoded}" if c.recoded else ""))
