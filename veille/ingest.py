"""Ingest: read inputs, extract them in worker processes, store them in batches.

``ingest(paths, db)`` is the one function behind ``veille ingest``. The readers
run in the parent; article chunks go to an ``Executor`` (local processes now, Ray
later) whose workers run ``extract_many`` and send records back; the parent is the
single writer and commits every ``store.batch_articles`` records in one
transaction. Killing the process and running again loses nothing (uncommitted
work is redone) and duplicates nothing (an article id is replaced, not added).
Articles already stored with the same body are skipped unless ``force``.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

from veille.config import Config, default_config
from veille.errors import E116, VeilleError
from veille.nlp import nlp_failure
from veille.read import read_paths
from veille.records import Article, Extraction, Failure
from veille.store import StoreWriter, connect
from veille.store.writer import content_hash

Result = Extraction | Failure


class Executor(Protocol):
    """Runs ``extract_many`` over chunks of articles; results may come back in any order."""

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]: ...

    def close(self) -> None: ...


def extract_chunk(chunk: list[Article], config: Config) -> list[Result]:
    """Extract one chunk; if the batch fails as a whole, retry article by article (E203)."""
    from veille.pipeline import extract_many

    try:
        return list(extract_many(chunk, config))
    except VeilleError:
        raise  # configuration problems (missing model) stop the run
    except Exception:  # noqa: BLE001 - isolate the article that breaks the batch
        out: list[Result] = []
        for article in chunk:
            try:
                out.extend(extract_many([article], config))
            except VeilleError:
                raise
            except Exception as exc:  # noqa: BLE001 - recorded as a failure of this article
                out.append(nlp_failure(article, exc))
        return out


class InlineExecutor:
    """Extract in this process (one worker)."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        for chunk in chunks:
            yield extract_chunk(chunk, self.config)

    def close(self) -> None:
        return None


_WORKER_CONFIG: Config | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config
    die_with_parent()


def die_with_parent() -> None:
    """End this worker process as soon as the process that started it is gone.

    A pool's workers otherwise outlive a parent killed with -9 (each holds a spaCy
    model, hundreds of MB). The parent's sentinel (a pipe multiprocessing keeps open
    while the parent lives) becomes readable when it dies, however it dies.
    """
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(70)

    threading.Thread(target=watch, name="veille-parent-watch", daemon=True).start()


def _work(chunk: list[Article]) -> list[Result]:
    assert _WORKER_CONFIG is not None
    return extract_chunk(chunk, _WORKER_CONFIG)


class LocalExecutor:
    """``workers`` local processes (forkserver, else spawn); each loads spaCy once, on first use."""

    def __init__(self, workers: int, config: Config) -> None:
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method),
                                        initializer=_init_worker, initargs=(config,))

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        pending: set[Future[list[Result]]] = set()
        source = iter(chunks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * self.workers:  # bounded read-ahead
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.add(self.pool.submit(_work, chunk))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_executor(workers: int | None, config: Config) -> Executor:
    """The local executor for ``workers`` processes (default: config, else the number of cores)."""
    n = workers or config.ingest.workers or os.cpu_count() or 1
    return InlineExecutor(config) if n <= 1 else LocalExecutor(n, config)


@dataclass
class IngestSummary:
    """What one ingest run did."""

    articles: int = 0  # articles stored (new or replaced)
    events: int = 0
    failures: int = 0  # inputs that failed, with a coded row in ``failures``
    skipped: int = 0  # deliberate skips recorded in ``failures`` (unsupported language)
    unchanged: int = 0  # already stored with the same body (not re-extracted)
    duplicates: int = 0  # inputs with the id of an earlier input of this run (recorded as skipped, E116)
    seconds: float = 0.0
    problems: dict[str, tuple[int, str]] = field(default_factory=dict)  # code -> (count, first message)

    def note(self, code: str, message: str) -> None:
        """Count a coded failure or warning, keeping the first message of each code."""
        count, first = self.problems.get(code, (0, message))
        self.problems[code] = (count + 1, first)

    def note_all(self, items: Iterable[Result]) -> None:
        """Count the failures (not the deliberate skips) and the warnings of ``items``."""
        for item in items:
            if isinstance(item, Failure):
                if not item.skipped:
                    self.note(item.code, item.message)
            else:
                for warning in item.errors:
                    self.note(warning.code, warning.message)


def ingest(paths: Sequence[str], db: str, *, workers: int | None = None, lang: str | None = None,
           config: Config | None = None, force: bool = False, executor: Executor | None = None,
           on_progress: Callable[[int, int | None], None] | None = None) -> IngestSummary:
    """Read ``paths`` (files, folders, globs), extract and store them in ``db``.

    ``on_progress(done, total)`` is called after each commit (``total`` is None while
    inputs are still being read).
    """
    config = config or default_config()
    started = time.monotonic()
    summary = IngestSummary()
    con = connect(db)
    writer = StoreWriter(con, db)
    read_failures: list[Failure] = []
    seen = {"read": 0, "done": 0}
    ids: dict[str, str] = {}  # article id -> the input it came from, in this run

    def chunks() -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for item in read_paths(paths, lang=lang, config=config):
            seen["read"] += 1
            if isinstance(item, Failure):
                read_failures.append(item)
                continue
            where = item.source_path or item.id
            if item.id in ids:
                summary.duplicates += 1
                read_failures.append(Failure(
                    source=where, code=E116.code, stage="read", skipped=True,
                    message=E116.template.format(path=where, article=item.id, first=ids[item.id])))
                continue
            ids[item.id] = where
            chunk.append(item)
            if len(chunk) >= config.nlp.batch_size:
                yield from _fresh(chunk)
                chunk = []
        if chunk:
            yield from _fresh(chunk)
        seen["done"] = 1

    def _fresh(chunk: list[Article]) -> Iterator[list[Article]]:
        if not force:
            stored = writer.stored_hashes([a.id for a in chunk])
            kept = [a for a in chunk if stored.get(a.id) != content_hash(a.text)]
            summary.unchanged += len(chunk) - len(kept)
            chunk = kept
        if chunk:
            yield chunk

    buffer: list[Result] = []
    size = config.store.batch_articles

    def commit(results: list[Result], final: bool = False) -> None:
        fresh = [*results, *read_failures]
        read_failures.clear()
        summary.note_all(fresh)
        buffer.extend(fresh)
        while len(buffer) >= size or (final and buffer):
            counts = writer.write(buffer[:size])
            del buffer[:size]
            summary.articles += counts.articles
            summary.events += counts.events
            summary.failures += counts.failures
            summary.skipped += counts.skipped
            report()

    def report() -> None:
        if on_progress:
            done = summary.articles + summary.failures + summary.skipped + summary.unchanged
            on_progress(done, seen["read"] if seen["done"] else None)

    runner = executor or make_executor(workers, config)
    try:
        for results in runner.map(chunks()):
            commit(results)
        commit([], final=True)
        report()
    finally:
        runner.close()
        con.close()
    summary.seconds = time.monotonic() - started
    return summary
