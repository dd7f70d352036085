"""``veille explain``: per sentence, the predicates found, their arguments, and why each
was or was not coded."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from veille.analysis import Analysis
from veille.events import explain


def _actors(ms) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{m.text} [{m.code}]" for m in ms) or "-"


def print_explanation(analysis: Analysis, console: Console | None = None) -> None:
    """Print the coder's reasoning for every sentence of an analysed article."""
    console = console or Console()
    for sentence, cands in explain(analysis):
        # the article's words are Text, never markup ('[/]' in a sentence must print as is)
        console.print(Text.assemble("\n", (f"¶ {sentence.start}-{sentence.end}", "bold"), " ",
                                    sentence.text.strip()))
        if not cands:
            console.print(Text("  (no predicate from the lexicon)", style="dim"))
        for c in cands:
            status = Text("coded", style="green") if c.coded else Text.assemble(("not coded", "yellow"),
                                                                                 f": {c.reason}")
            entry = c.entry.id if c.entry else "-"
            code = c.code or (c.entry.code if c.entry else "")
            console.print(Text.assemble(f"  • '{c.text}' → {code} ({entry}) ", status))
            console.print(Text(f"      source: {_actors(c.sources)} via {c.source_path or '-'}; "
                               f"target: {_actors(c.targets)} via {c.target_path or '-'}; "
                               f"modality: {c.modality} {c.modality_cue}"
                               + (f"; coded as {c.recoded}" if c.recoded else "")))
