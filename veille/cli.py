"""Command line: thin typer commands over the plain functions.

Commands: extract, explain, actors, quotes, ingest (local or Ray), load, events, export, eval,
serve, plot, watch, dedup (``veille COMMAND --help``).

Exit codes (every error is a coded ``VeilleError`` from ``veille/errors.py``,
printed with its hint on stderr):

- 0 ok (deliberately skipped articles, e.g. unsupported language E106, included)
- 1 some inputs failed (their coded rows are in the ``failures`` table, or on stderr)
- 2 usage or config error (E5xx, E6xx eval/export, E112 no input matched)
- 3 unreadable input (E1xx), when nothing could be processed
- 4 missing or wrong spaCy model (E2xx)
- 5 store error (E3xx: newer schema, cannot open, missing database)
- 6 bad data file (E4xx)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.text import Text

from veille import __version__
from veille.errors import VeilleError

if TYPE_CHECKING:
    from datetime import date

    from veille.config import Config
    from veille.records import ErrorRecord, Failure

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="veille: political events from news (who did what to whom, when, where, "
                       "according to whom).")
# Paths, titles and messages carry users' text: no console here reads markup from it.
err = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)  # paths are never broken


def plain_console() -> Console:
    """A stdout console that prints text as given (no markup, no highlighting)."""
    return Console(markup=False, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"veille {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """veille command line."""


def fail(exc: VeilleError) -> None:
    err.print(Text.assemble((exc.code, "red"), f" {exc.message}\n  ", ("hint:", "dim"), f" {exc.hint}"))
    raise typer.Exit(exc.exit_code)


@app.command()
def extract(path: str = typer.Argument(..., help="File to read, or - for standard input."),
            fmt: str = typer.Option("jsonl", "--format", help="jsonl or table."),
            lang: Optional[str] = typer.Option(None, "--lang", help="Language (skip detection)."),
            article_id: Optional[str] = typer.Option(None, "--id", help="Article id to use (single-document inputs)."),
            actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML or "
                                                        "PETRARCH/Phoenix); repeatable.")) -> None:
    """Extract events from one file (or stdin) and print the output contract."""
    from veille.pipeline import extract_many
    from veille.read import read_input
    from veille.records import Failure

    try:
        if actors:
            from veille.actors import use_dictionaries

            use_dictionaries([str(p) for p in actors])
        items = list(read_input(path, lang=lang, article_id=article_id))
        articles = [a for a in items if not isinstance(a, Failure)]
        failures = [f for f in items if isinstance(f, Failure)]
        results = list(extract_many(articles))
    except VeilleError as exc:
        fail(exc)
        return
    for f in failures + [r for r in results if isinstance(r, Failure)]:
        report_failure(f)
    for r in results:
        if not isinstance(r, Failure):
            for warning in r.errors:
                report_failure(warning)
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


def report_failure(item: "Failure | ErrorRecord") -> None:
    """One coded failure or warning on stderr, with the catalogue's hint."""
    report(item.code, item.message)


def report(code: str, message: str) -> None:
    """A coded message on stderr, with the catalogue's hint for ``code``."""
    from veille.errors import CATALOGUE

    spec = CATALOGUE.get(code)
    hint = spec.hint if spec and "{" not in spec.hint else ""
    err.print(Text.assemble((code, "red"), f" {message}",
                            *((("\n  ", ("hint:", "dim"), f" {hint}")) if hint else ())))


def _config(path: Optional[Path]) -> "Config":
    from veille.config import load_config

    return load_config(path) if path else load_config()


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files, folders or globs to read."),
           db: Path = typer.Option(..., "--db", help="DuckDB file (created if missing)."),
           workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                                 help="Worker processes (default: config, else cores)."),
           lang: Optional[str] = typer.Option(None, "--lang", help="Language of every input (skip detection)."),
           config: Optional[Path] = typer.Option(None, "--config", help="User config file (YAML)."),
           force: bool = typer.Option(False, "--force", help="Re-extract articles already stored unchanged."),
           quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
           engine: str = typer.Option("local", "--engine", help="local (worker processes) or ray (Parquet "
                                                                "in DB.parquet/, then loaded)."),
           address: Optional[str] = typer.Option(None, "--address", help="Ray cluster: auto (running) or "
                                                                        "local (default: start one).")) -> None:
    """Extract articles into a DuckDB store (batched, resumable, idempotent)."""
    if engine not in ("local", "ray"):
        raise typer.BadParameter("use local or ray", param_hint="--engine")
    if engine == "ray":
        _ingest_ray(paths, db, workers=workers or 2, address=address, lang=lang, config=_config(config))
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn)

    from veille.ingest import ingest as run_ingest

    progress = Progress(SpinnerColumn(), TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, disable=quiet, transient=False)
    task = progress.add_task("ingest", total=None)

    def on_progress(done: int, total: Optional[int]) -> None:
        progress.update(task, completed=done, total=total)

    try:
        with progress:
            summary = run_ingest(paths, str(db), workers=workers, lang=lang, config=_config(config),
                                 force=force, on_progress=on_progress)
    except VeilleError as exc:
        fail(exc)
        return
    err.print(f"{summary.articles} articles, {summary.events} events, {summary.failures} failures, "
              f"{summary.skipped} skipped ({summary.duplicates} duplicates), {summary.unchanged} unchanged "
              f"in {summary.seconds:.1f} s → {db}")
    for code, (count, example) in sorted(summary.problems.items()):
        report(code, f"×{count}, e.g. {example}")
    if summary.duplicates:
        err.print("duplicates: inputs with the id of an earlier input of this run (same title, body and "
                  "source, or the same given id); the first is stored, the others are in failures (E116)",
                  style="dim")
    if summary.failures:
        err.print(f"see the failures: SELECT * FROM failures  (duckdb {db})", style="dim")
        raise typer.Exit(1 if summary.articles or summary.unchanged else 3)


def _day(value: Optional[str], name: str) -> "Optional[date]":
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from exc


def _plain(value: object) -> object:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return _jsonable(value)


def _jsonable(value: object) -> object:
    from datetime import date

    return value.isoformat() if isinstance(value, date) else value


@app.command()
def events(db: Path = typer.Option(..., "--db", help="DuckDB file written by `veille ingest`."),
           actor: Optional[str] = typer.Option(None, "--actor", help="Source code prefix: RUS, RUSGOV, IGOUNO."),
           target: Optional[str] = typer.Option(None, "--target", help="Target code prefix."),
           code: Optional[str] = typer.Option(None, "--code", help="CAMEO code prefix: 04, 042."),
           since: Optional[str] = typer.Option(None, "--since", help="Event date on or after (YYYY-MM-DD)."),
           until: Optional[str] = typer.Option(None, "--until", help="Event date on or before (YYYY-MM-DD)."),
           fmt: str = typer.Option("table", "--format", help="table, csv or jsonl."),
           limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many events.")) -> None:
    """List stored events (event date, or publication date when it has none, for --since/--until)."""
    import csv

    from veille.store import EventFilter, connect, find_events

    if fmt not in ("table", "csv", "jsonl"):
        raise typer.BadParameter("use table, csv or jsonl", param_hint="--format")
    flt = EventFilter(actor=actor, target=target, code=code, since=_day(since, "--since"),
                      until=_day(until, "--until"), limit=limit)
    try:
        con = connect(db, read_only=True)
        try:
            rows = find_events(con, flt)
        finally:
            con.close()
    except VeilleError as exc:
        fail(exc)
        return
    if fmt == "table":
        from veille.show import print_rows

        print_rows(rows)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        if rows:
            writer.writerow(rows[0].keys())
        for r in rows:
            writer.writerow([_plain(v) for v in r.values()])
    else:
        for r in rows:
            sys.stdout.write(json.dumps({k: _jsonable(v) for k, v in r.items()}, ensure_ascii=False) + "\n")


@app.command()
def export(db: Path = typer.Option(..., "--db", help="DuckDB file written by `veille ingest`."),
           fmt: str = typer.Option(..., "--format", help="parquet (a folder, one file per table), jsonl "
                                                         "(one article per line, as `veille extract`), gdelt "
                                                         "(GDELT 2.0 Events TSV), gdelt-mentions or plover "
                                                         "(PLOVER 2.0 JSONL)."),
           out: Path = typer.Option(..., "--out", help="Output folder (parquet) or file.")) -> None:
    """Export a store: Parquet, JSONL (as `extract`), GDELT 2.0 Events or Mentions TSV, PLOVER JSONL."""
    from veille.store import connect
    from veille.store import export as run_export

    try:
        con = connect(db, read_only=True)
        try:
            n = run_export(con, fmt, out)
        finally:
            con.close()
    except VeilleError as exc:
        fail(exc)
        return
    err.print(f"{n} articles → {out}")


@app.command("eval")
def evaluate(gold: Path = typer.Argument(..., help="Gold file: one event per line."),
             pred: Path = typer.Argument(..., help="Predictions: `veille extract --format jsonl` output."),
             as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
             per_doc: bool = typer.Option(False, "--per-doc", help="Also list each document."),
             doc: Optional[str] = typer.Option(None, "--doc", help="Take every predicted article as this gold doc.")) -> None:
    """Score predictions against gold events (same figures as shared/eval/score.py)."""
    from veille.evaluate import format_score, score

    try:
        result = score(gold, pred, doc)
    except VeilleError as exc:
        fail(exc)
        return
    typer.echo(format_score(result, as_json=as_json, per_doc=per_doc))


@app.command()
def serve(db: Path = typer.Option(..., "--db", help="DuckDB file (created if missing)."),
          host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
          port: int = typer.Option(8000, "--port", help="TCP port."),
          read_only: bool = typer.Option(False, "--read-only", help="Open the store read-only (no /ingest)."),
          config: Optional[Path] = typer.Option(None, "--config", help="Config file (YAML).")) -> None:
    """Serve the REST API (/docs) and the web page (/) over a store."""
    import uvicorn

    from veille.api import create_app
    from veille.config import load_config

    try:
        cfg = load_config(config)
        api = create_app(db, config=cfg, read_only=read_only, allowed_hosts=[host])
    except VeilleError as exc:
        fail(exc)
        return
    err.print(f"veille on http://{host}:{port}/  (API docs: /docs)")
    if not read_only and not cfg.api.token:
        from veille.api.guard import token_path

        err.print(f"writes (POST /ingest, /extract) need the token in {token_path(db)}: "
                  f"-H \"Authorization: Bearer $(cat {token_path(db)})\"", style="dim")
    # keep-alive longer than clients idle between bursts: a server-side close racing a reused
    # connection is what a loaded client sees as a dropped request
    uvicorn.run(api, host=host, port=port, log_level="warning", timeout_keep_alive=75)


plot_app = typer.Typer(no_args_is_help=True, help="Charts for reports (matplotlib, PNG/SVG/PDF).")
app.add_typer(plot_app, name="plot")


@plot_app.command("dyad")
def plot_dyad(a: str = typer.Argument(..., help="First actor (code prefix: RUS, RUSGOV)."),
              b: str = typer.Argument(..., help="Second actor."),
              db: Path = typer.Option(..., "--db", help="DuckDB file written by `veille ingest`."),
              out: Path = typer.Option(..., "--out", help="Image file (.png, .svg, .pdf)."),
              interval: str = typer.Option("month", "--interval", help="day, week, month or year.")) -> None:
    """Timeline of cooperation and conflict between two actors (both directions)."""
    from veille.plot import plot_dyad as run

    try:
        n = run(db, a, b, out, interval=interval)
    except VeilleError as exc:
        fail(exc)
        return
    err.print(f"{n} events → {out}")


@plot_app.command("network")
def plot_network(db: Path = typer.Option(..., "--db", help="DuckDB file written by `veille ingest`."),
                 out: Path = typer.Option(..., "--out", help="Image file (.png, .svg, .pdf)."),
                 level: str = typer.Option("country", "--level", help="country or code."),
                 since: Optional[str] = typer.Option(None, "--since", help="Events from this date (YYYY-MM-DD)."),
                 until: Optional[str] = typer.Option(None, "--until", help="Events up to this date.")) -> None:
    """Network of actors, edges coloured by mean Goldstein."""
    from veille.plot import plot_network as run

    try:
        n = run(db, out, level=level, date_from=_day(since, "--since"), date_to=_day(until, "--until"))
    except VeilleError as exc:
        fail(exc)
        return
    err.print(f"{n} edges → {out}")


@app.command()
def quotes(path: str = typer.Argument(..., help="File to read, or - for standard input."),
           lang: Optional[str] = typer.Option(None, "--lang", help="Language (skip detection)."),
           article_id: Optional[str] = typer.Option(None, "--id", help="Article id to use.")) -> None:
    """Print the quotations of one file with speaker and cue, as a table."""
    from rich.table import Table

    from veille.pipeline import extract_many
    from veille.read import read_input
    from veille.records import Failure

    try:
        items = list(read_input(path, lang=lang, article_id=article_id))
        results = list(extract_many([a for a in items if not isinstance(a, Failure)]))
    except VeilleError as exc:
        fail(exc)
        return
    out = plain_console()
    for r in items + results:
        if isinstance(r, Failure):
            report_failure(r)
    for r in results:
        if isinstance(r, Failure):
            continue
        table = Table(title=r.article.title or r.article.id, show_lines=True)
        for col in ("kind", "quotation", "speaker", "code", "cue", "speech"):
            table.add_column(col)
        for q in r.quotes:
            sp = q.speaker
            who = (sp.text or "") + (f" ({sp.name})" if sp and sp.name else "") if sp else "-"
            table.add_row(q.kind, q.text, who, sp.code if sp else "-", q.cue or "-", "yes" if q.speech else "no")
        out.print(table)



@app.command()
def dedup(db: Path = typer.Option(..., "--db", help="DuckDB file written by `veille ingest`.")) -> None:
    """Link events of different articles that report the same real-world event into stories."""
    from veille.dedup import dedup_store
    from veille.store import connect

    try:
        con = connect(db, create=False)
        try:
            stories = dedup_store(con)
        finally:
            con.close()
    except VeilleError as exc:
        fail(exc)
        return
    linked = sum(len(s.members) > 1 for s in stories)
    events = sum(len(s.members) for s in stories)
    err.print(f"{events} events → {len(stories)} stories ({linked} reported by several articles) "
              f"→ story_events, story_members in {db}")


@app.command()
def actors(path: str = typer.Argument(..., help="File to read, or - for standard input."),
           lang: Optional[str] = typer.Option(None, "--lang", help="Language (skip detection)."),
           user: Optional[list[str]] = typer.Option(None, "--actors",
                                                    help="User dictionary (YAML or PETRARCH .txt); repeatable."),
           fmt: str = typer.Option("table", "--format", help="table or jsonl.")) -> None:
    """List each actor mention with its code, the entry and the rule (via) that matched."""
    from veille.actors import resolve_actors, use_dictionaries
    from veille.nlp import load_pipeline
    from veille.read import read_input
    from veille.records import Failure

    try:
        if user:
            use_dictionaries(list(user))
        items = list(read_input(path, lang=lang))
        for item in items:
            if isinstance(item, Failure):
                report_failure(item)
                continue
            doc = load_pipeline(item.language or "fr")(item.text)
            for m in resolve_actors(doc, item):
                if fmt == "jsonl":
                    sys.stdout.write(json.dumps(m.to_dict(), ensure_ascii=False) + "\n")
                else:
                    typer.echo(f"{m.start:>6} {m.text[:40]:<40} {m.code:<10} {m.via:<12} "
                               f"{m.name or '':<22} {m.entry or ''}")
    except VeilleError as exc:
        fail(exc)



@app.command()
def watch(sources: list[str] = typer.Argument(..., help="Feed URLs (RSS/Atom), folders, or - (JSONL on stdin)."),
          db: Path = typer.Option(..., "--db", help="DuckDB file (created if missing)."),
          interval: float = typer.Option(300.0, "--interval", min=0, help="Seconds between polling rounds."),
          once: bool = typer.Option(False, "--once", help="One round, then exit (stdin read to its end)."),
          rounds: Optional[int] = typer.Option(None, "--rounds", min=1, help="Stop after this many rounds."),
          timeout: float = typer.Option(10.0, "--timeout", min=0.1,
                                        help="Seconds per network operation (connect, each read)."),
          deadline: float = typer.Option(60.0, "--deadline", min=0.1,
                                         help="Seconds for one whole fetch, redirects and body included."),
          max_bytes: int = typer.Option(10_000_000, "--max-bytes", min=1,
                                        help="Largest page or feed body, after decompression."),
          allow_host: Optional[list[str]] = typer.Option(None, "--allow-host",
                                                         help="A private or loopback host (or host:port) that "
                                                              "may be fetched; repeatable."),
          host_delay: float = typer.Option(1.0, "--host-delay", help="Minimum seconds between requests to one host."),
          lang: Optional[str] = typer.Option(None, "--lang", help="Language of every input (skip detection)."),
          config: Optional[Path] = typer.Option(None, "--config", help="User config file (YAML).")) -> None:
    """Poll feeds, folders and stdin; store new articles (seen URLs and bodies are skipped)."""
    from veille.watch import Politeness
    from veille.watch import watch as run_watch

    try:
        summary = run_watch(sources, str(db), interval=interval, once=once, max_rounds=rounds,
                            config=_config(config), lang=lang,
                            polite=Politeness(timeout=timeout, host_delay=host_delay, deadline=deadline,
                                              max_bytes=max_bytes, allow_hosts=tuple(allow_host or ())))
    except VeilleError as exc:
        fail(exc)
        return
    for line in summary.errors:
        err.print(line, style="red")
    err.print(f"{summary.rounds} rounds: {summary.articles} articles, {summary.events} events, "
              f"{summary.duplicates} duplicates, {summary.failures} failures → {db}")
    if summary.errors or summary.failures:
        raise typer.Exit(1)



def _ingest_ray(paths: list[str], db: Path, *, workers: int, address: Optional[str], lang: Optional[str],
                config: "Config") -> None:
    """``ingest --engine ray``: Parquet next to the database, then loaded into it."""
    from veille.cluster import load_parquet, run_cluster

    out = Path(f"{db}.parquet")
    try:
        s = run_cluster(paths, out, workers=workers, address=address, lang=lang, config=config)
        load_parquet(out, db)
    except VeilleError as exc:
        fail(exc)
        return
    err.print(f"{s.shards} shards ({s.done_before} already done): {s.articles} articles, {s.events} events, "
              f"{s.failures} failures, {s.skipped} skipped in {s.seconds:.1f} s → {out} → {db}")
    if s.failures:
        raise typer.Exit(1)


@app.command()
def load(parquet: Path = typer.Argument(..., help="Folder written by `veille ingest --engine ray`."),
         db: Path = typer.Option(..., "--db", help="DuckDB file (created if missing).")) -> None:
    """Load a cluster Parquet folder into DuckDB (replaces the articles it holds)."""
    from veille.cluster import load_parquet

    try:
        counts = load_parquet(parquet, db)
    except VeilleError as exc:
        fail(exc)
        return
    err.print(", ".join(f"{n} {t}" for t, n in counts.items()) + f" → {db}")


@app.command()
def explain(path: str = typer.Argument(..., help="File to read, or - for standard input."),
            lang: Optional[str] = typer.Option(None, "--lang", help="Language (skip detection)."),
            article_id: Optional[str] = typer.Option(None, "--id", help="Article id to use.")) -> None:
    """Per sentence: the predicates found, their arguments, and why each was or was not coded."""
    from veille.analysis import Analysis
    from veille.explain import print_explanation
    from veille.nlp import load_pipeline
    from veille.pipeline import analyse
    from veille.read import read_input
    from veille.records import Failure

    try:
        items = list(read_input(path, lang=lang, article_id=article_id))
        for item in items:
            if isinstance(item, Failure):
                report_failure(item)
                continue
            doc = load_pipeline(item.language or "fr")(item.text)
            x = analyse(item, doc)
            plain_console().print(Text.assemble((item.title or item.id, "bold"), f" ({item.language})"))
            print_explanation(Analysis(item, doc, x.actors, x.times, x.places, x.quotes))
    except VeilleError as exc:
        fail(exc)


def run() -> None:
    """The ``veille`` command: the typer app, with a store that fails under any command
    (a damaged file, a disk that fills) reported as a coded error, not a traceback."""
    import duckdb

    try:
        app()
    except duckdb.Error as exc:
        from veille.errors import E306, one_line

        detail = one_line(exc)
        args = sys.argv[1:]
        db = args[args.index("--db") + 1] if "--db" in args[:-1] else "(the store)"
        try:
            fail(VeilleError(E306, path=db, detail=detail))
        except typer.Exit as done:
            sys.exit(done.exit_code)


if __name__ == "__main__":
    run()
