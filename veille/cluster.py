"""The cluster path: Ray Data over shards → Parquet by publication date → DuckDB.

``run_cluster(paths, out)`` plans shards (a JSONL file split by lines, a WARC file,
or a group of small files), skips those the manifest lists as finished, and runs
the rest through a Ray Data ``map_batches`` actor pool. Each actor loads the spaCy
pipelines once, reads its shard with ``veille.read``, extracts it with the same
function as the local engine (``veille.ingest.extract_chunk`` →
``veille.pipeline.extract_many``), stores the result in an in-memory DuckDB with
the same writer (so the columns are the store's), and writes one Parquet file per
table and publication day: ``OUT/<table>/date=YYYY-MM-DD/shard-<id>.parquet``.
Files are written under a temporary name and renamed; a shard's files are named
after it, so a shard done twice replaces its files: no duplicates. The driver
appends each finished shard to ``OUT/_manifest.jsonl``; a rerun after a killed job
redoes only the shards not listed there.

``load_parquet(out, db)`` loads such a folder into DuckDB, replacing the rows of
every article id it holds (idempotent). The Parquet can also be queried directly::

    SELECT * FROM read_parquet('OUT/events/*/*.parquet', hive_partitioning = true)

Actors are restarted and their task retried when a worker dies
(``max_restarts``, ``max_task_retries``). Test hook: ``VEILLE_TEST_RAY_DIE_ONCE=FILE``
makes the first actor that finds ``FILE`` missing create it and exit.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from veille.config import Config, default_config
from veille.errors import E801, VeilleError
from veille.read import display_path, expand, format_of, read_paths
from veille.read.base import ReadOptions
from veille.read.jsonl import read_jsonl
from veille.records import Article, Failure
from veille.store import StoreWriter, connect
from veille.store.schema import ARTICLE_TABLES

TABLES = ("articles",) + ARTICLE_TABLES + ("failures",)
MANIFEST = "_manifest.jsonl"
DIE_ONCE_ENV = "VEILLE_TEST_RAY_DIE_ONCE"
MAX_RESTARTS = 3  # a dead worker is restarted and its shard retried this many times


@dataclass(frozen=True)
class Shard:
    """A unit of work: files, or lines ``[start, end)`` of one JSONL file."""

    id: str
    files: tuple[str, ...]
    start: int | None = None
    end: int | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "Shard":
        d = json.loads(text)
        return cls(id=d["id"], files=tuple(d["files"]), start=d["start"], end=d["end"])


def _shard_id(files: Sequence[str], start: int | None, end: int | None) -> str:
    parts = []
    for f in files:
        st = os.stat(f)
        parts.append(f"{os.path.abspath(f)}|{st.st_size}|{st.st_mtime_ns}")
    return hashlib.sha256(f"{';'.join(parts)}|{start}|{end}".encode()).hexdigest()[:16]


def plan_shards(paths: Sequence[str], *, lines_per_shard: int = 200, files_per_shard: int = 32) -> list[Shard]:
    """Shards of the inputs: JSONL split by lines, one WARC per shard, small files grouped."""
    # a folder that cannot be listed stays a path: reading it again records its failure (E115)
    files = [f.source if isinstance(f, Failure) else f for p in paths for f in expand(p)]
    shards: list[Shard] = []
    group: list[str] = []
    for f in files:
        fmt = format_of(f)
        if fmt == "jsonl" and os.path.isfile(f):
            with open(f, "rb") as fh:
                n = sum(1 for _ in fh)
            for start in range(0, max(n, 1), lines_per_shard):
                end = min(start + lines_per_shard, n)
                shards.append(Shard(_shard_id([f], start, end), (f,), start, end))
        elif fmt == "warc" and os.path.isfile(f):
            shards.append(Shard(_shard_id([f], None, None), (f,)))
        else:
            group.append(f)
            if len(group) >= files_per_shard:
                shards.append(Shard(_shard_id([g for g in group if os.path.exists(g)], None, None), tuple(group)))
                group = []
    if group:
        shards.append(Shard(_shard_id([g for g in group if os.path.exists(g)], None, None), tuple(group)))
    return shards


def read_shard(shard: Shard, opts: ReadOptions) -> Iterator[Article | Failure]:
    """The articles of a shard, with the same ids and sources as reading the whole input."""
    if shard.start is None:
        yield from read_paths(list(shard.files), lang=opts.lang, config=opts.config)
        return
    path = shard.files[0]
    with open(path, "rb") as fh:
        # blank lines keep read_jsonl's line numbers (sources are path:line)
        lines = itertools.chain(itertools.repeat(b"\n", shard.start),
                                itertools.islice(fh, shard.start, shard.end))
        yield from read_jsonl(io.BytesIO(b"".join(lines)), display_path(path), opts)


def _quote(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


_DATE_SQL = {
    "articles": "SELECT t.*, CAST(t.published AS DATE) AS _day FROM articles t",
    "failures": "SELECT t.*, CAST(a.published AS DATE) AS _day FROM failures t "
                "LEFT JOIN articles a ON a.id = t.article_id",
}


def process_shard(shard: Shard, config: Config, out: Path, lang: str | None = None) -> dict[str, Any]:
    """Read, extract and write one shard as Parquet; return its counts."""
    from veille.ingest import extract_chunk

    opts = ReadOptions(config=config, lang=lang)
    items = list(read_shard(shard, opts))
    articles = [a for a in items if isinstance(a, Article)]
    results: list[Any] = [f for f in items if isinstance(f, Failure)]
    size = config.nlp.batch_size
    for i in range(0, len(articles), size):
        results += extract_chunk(articles[i:i + size], config)
    con = connect(":memory:")
    try:
        con.execute("SET TimeZone = 'UTC'")
        counts = StoreWriter(con).write(results)
        for old in out.glob(f"*/date=*/shard-{shard.id}.parquet"):
            old.unlink()
        for table in TABLES:
            sql = _DATE_SQL.get(table, f"SELECT t.*, CAST(a.published AS DATE) AS _day FROM {table} t "
                                       "JOIN articles a ON a.id = t.article_id")
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            select = ", ".join(f'"{c}"' for c in cols)
            days = [r[0] for r in con.execute(f"SELECT DISTINCT _day FROM ({sql})").fetchall()]
            for day in days:
                label = day.isoformat() if day else "unknown"
                folder = out / table / f"date={label}"
                folder.mkdir(parents=True, exist_ok=True)
                final = folder / f"shard-{shard.id}.parquet"
                tmp = folder / f".shard-{shard.id}.parquet.tmp"
                cond = "_day IS NULL" if day is None else f"_day = DATE '{label}'"
                con.execute(f"COPY (SELECT {select} FROM ({sql}) WHERE {cond}) TO {_quote(tmp)} (FORMAT parquet)")
                os.replace(tmp, final)
    finally:
        con.close()
    return {"shard": shard.id, "articles": counts.articles, "events": counts.events,
            "failures": counts.failures, "skipped": counts.skipped}


class ShardWorker:
    """A Ray actor: loads the spaCy pipelines once, then processes shards."""

    def __init__(self, config: Config, out: str, lang: str | None = None) -> None:
        from veille.nlp import load_pipeline

        self.config, self.out, self.lang = config, Path(out), lang
        for code in ([lang] if lang else config.nlp.languages):
            load_pipeline(code, config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        _maybe_die()
        rows = [process_shard(Shard.from_json(str(s)), self.config, self.out, self.lang) for s in batch["shard"]]
        return {k: [r[k] for r in rows] for k in ("shard", "articles", "events", "failures", "skipped")}


def _maybe_die() -> None:
    flag = os.environ.get(DIE_ONCE_ENV)
    if flag and not os.path.exists(flag):
        Path(flag).write_text("died\n", encoding="utf-8")
        os._exit(13)  # a worker killed mid-job


def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """Finished shards by id (a torn last line, from a killed driver, is ignored)."""
    path = out / MANIFEST
    done: dict[str, dict[str, Any]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            done[row["shard"]] = row
    return done


@dataclass
class ClusterSummary:
    """What one cluster run did."""

    shards: int = 0
    done_before: int = 0  # shards the manifest already listed
    articles: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    seconds: float = 0.0
    out: str = ""
    per_shard: list[dict[str, Any]] = field(default_factory=list)


def init_ray(address: str | None, workers: int) -> bool:
    """Connect to Ray (``auto``: a running cluster; ``local``/None: start one). True if we started it."""
    try:
        import ray
    except ImportError as exc:
        raise VeilleError(E801) from exc
    if ray.is_initialized():
        return False
    env = {k: v for k, v in os.environ.items() if k.startswith("VEILLE_")}
    runtime_env = {"env_vars": env} if env else None
    if address and address != "local":
        ray.init(address=address, runtime_env=runtime_env, log_to_driver=False)
    else:
        ray.init(num_cpus=max(workers, 1), include_dashboard=False, log_to_driver=False,
                 runtime_env=runtime_env)
    return True


def run_cluster(paths: Sequence[str], out: str | os.PathLike[str], *, workers: int = 2,
                address: str | None = None, lang: str | None = None, config: Config | None = None,
                lines_per_shard: int = 200, files_per_shard: int = 32) -> ClusterSummary:
    """Extract ``paths`` on Ray into the Parquet folder ``out`` (resumable; see the module docstring)."""
    config = config or default_config()
    started = time.monotonic()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shards = plan_shards(paths, lines_per_shard=lines_per_shard, files_per_shard=files_per_shard)
    done = read_manifest(folder)
    todo = [s for s in shards if s.id not in done]
    summary = ClusterSummary(shards=len(shards), done_before=len(shards) - len(todo), out=str(folder))
    if todo:
        owned = init_ray(address, workers)
        try:
            _run(todo, folder, workers, lang, config, summary)
        finally:
            if owned:
                import ray

                ray.shutdown()
    summary.seconds = time.monotonic() - started
    return summary


def _run(todo: list[Shard], folder: Path, workers: int, lang: str | None, config: Config,
         summary: ClusterSummary) -> None:
    import ray

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    items = ray.data.from_items([{"shard": s.to_json()} for s in todo], override_num_blocks=len(todo))
    with warnings.catch_warnings():  # bounded retries (Ray Data's default is to retry forever)
        warnings.simplefilter("ignore")
        pool = ray.data.ActorPoolStrategy(size=min(workers, len(todo)))
        ds = items.map_batches(ShardWorker, batch_size=1, compute=pool, num_cpus=1,
                               max_restarts=MAX_RESTARTS, max_task_retries=MAX_RESTARTS,
                               fn_constructor_kwargs={"config": config, "out": str(folder.resolve()),
                                                      "lang": lang})
    with (folder / MANIFEST).open("a", encoding="utf-8") as manifest:
        for row in ds.iter_rows():
            record = {k: (int(v) if k != "shard" else str(v)) for k, v in row.items()}
            manifest.write(json.dumps(record) + "\n")
            manifest.flush()
            os.fsync(manifest.fileno())
            summary.per_shard.append(record)
            for k in ("articles", "events", "failures", "skipped"):
                setattr(summary, k, getattr(summary, k) + record[k])


def load_parquet(parquet: str | os.PathLike[str], db: str | os.PathLike[str]) -> dict[str, int]:
    """Load a cluster output folder into ``db`` in one transaction, replacing the articles it holds."""
    folder = Path(parquet)
    con = connect(db)
    try:
        present = {t: folder / t / "*" / "*.parquet" for t in TABLES if any((folder / t).glob("*/*.parquet"))}

        def scan(table: str) -> str:
            return f"read_parquet({_quote(present[table])}, hive_partitioning = false, union_by_name = true)"

        con.execute("BEGIN TRANSACTION")
        try:
            if "articles" in present:
                con.execute(f"CREATE TEMP TABLE _ids AS SELECT DISTINCT id FROM {scan('articles')}")
                con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _ids)")
                for table in ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _ids)")
                con.execute("DELETE FROM failures WHERE article_id IN (SELECT id FROM _ids)")
                con.execute("DROP TABLE _ids")
            if "failures" in present:
                con.execute(f"DELETE FROM failures WHERE source IN (SELECT source FROM {scan('failures')})")
            counts = {}
            for table in present:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {scan(table)}")
                row = con.execute(f"SELECT count(*) FROM {scan(table)}").fetchone()
                counts[table] = int(row[0]) if row else 0
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return counts
