"""Command line: thin typer commands over the plain functions.

Exit codes: 0 ok (skipped articles included), 1 some articles failed, 2 usage or
config error, 3 unreadable input, 4 missing or wrong model, 5 store error, 6 bad
data file.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from veille import __version__
from veille.errors import VeilleError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="veille: political events from news (who did what to whom, when, where, "
                       "according to whom).")
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"veille {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """veille command line."""


def fail(exc: VeilleError) -> None:
    err.print(f"[red]{exc.code}[/red] {exc.message}\n  [dim]hint:[/dim] {exc.hint}")
    raise typer.Exit(exc.exit_code)


@app.command()
def extract(path: str = typer.Argument(..., help="File to read, or - for standard input."),
            fmt: str = typer.Option("jsonl", "--format", help="jsonl or table."),
            lang: Optional[str] = typer.Option(None, "--lang", help="Language (skip detection)."),
            article_id: Optional[str] = typer.Option(None, "--id", help="Article id to use.")) -> None:
    """Extract events from one file (or stdin) and print the output contract."""
    from veille.pipeline import extract_many
    from veille.read import read_input
    from veille.records import Failure

    try:
        items = list(read_input(path, lang=lang, article_id=article_id))
        articles = [a for a in items if not isinstance(a, Failure)]
        failures = [f for f in items if isinstance(f, Failure)]
        results = list(extract_many(articles))
    except VeilleError as exc:
        fail(exc)
        return
    for f in failures + [r for r in results if isinstance(r, Failure)]:
        err.print(f"[red]{f.code}[/red] {f.message}")
    for r in results:
        if isinstance(r, Failure):
            continue
        if fmt == "table":
            from veille.show import print_events

            print_events(r)
        else:
            sys.stdout.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    bad = [f for f in failures + results if isinstance(f, Failure) and not f.skipped]
    if bad:
        raise typer.Exit(1 if results else 3)


if __name__ == "__main__":
    app()
