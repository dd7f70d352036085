"""``--engine ray`` against the local engine on the same corpus; a worker killed mid-job; resume.

One small Ray instance for the module (2 CPUs, no dashboard): Ray is slow to start
and the test machine is shared.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.cluster import DIE_ONCE_ENV, MANIFEST, load_parquet, plan_shards, run_cluster
from veille.ingest import ingest

from db_rows import rows

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dedup" / "dispatches.jsonl"
EVENTS = ("SELECT article_id, cameo, source_codes, target_codes, date_value, modality, place_name "
          "FROM events ORDER BY ALL")


@pytest.fixture(scope="module")
def ray_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A local Ray whose workers die once (the first to find the flag file missing)."""
    import ray

    flag = tmp_path_factory.mktemp("ray") / "died"
    os.environ[DIE_ONCE_ENV] = str(flag)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {DIE_ONCE_ENV: str(flag)}})
    try:
        yield flag
    finally:
        ray.shutdown()
        del os.environ[DIE_ONCE_ENV]


def test_cluster_same_events_as_local_despite_a_killed_worker(tmp_path, ray_session):
    local_db, ray_db, out = tmp_path / "local.duckdb", tmp_path / "ray.duckdb", tmp_path / "pq"
    ingest([str(CORPUS)], str(local_db), workers=1)
    summary = run_cluster([str(CORPUS)], out, workers=2, lines_per_shard=9)
    assert ray_session.exists()  # a worker did die mid-job
    assert summary.shards == 3 and summary.done_before == 0 and summary.articles == 26
    load_parquet(out, ray_db)
    load_parquet(out, ray_db)  # idempotent
    assert rows(ray_db, EVENTS) == rows(local_db, EVENTS)
    assert rows(ray_db, "SELECT count(*) - count(DISTINCT id) FROM events") == [(0,)]
    assert len(list(out.glob("events/date=*/*.parquet"))) >= 10  # partitioned by publication day
    direct = rows(ray_db, f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning=true)")
    assert direct == rows(local_db, "SELECT count(*) FROM events")

    # resume: a job killed before its last shard was recorded redoes only that shard
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    (out / MANIFEST).write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    again = run_cluster([str(CORPUS)], out, workers=1, lines_per_shard=9)
    assert (again.done_before, len(again.per_shard)) == (2, 1)
    assert again.per_shard[0]["shard"] == json.loads(lines[-1])["shard"]
    load_parquet(out, ray_db)
    assert rows(ray_db, EVENTS) == rows(local_db, EVENTS)
    done = run_cluster([str(CORPUS)], out, workers=2, lines_per_shard=9)  # nothing left: Ray not needed
    assert (done.done_before, done.per_shard) == (3, [])


def test_cluster_cli_ingest_and_load(tmp_path, ray_session):
    src = tmp_path / "two.jsonl"
    src.write_text("".join(CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--engine", "ray", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]
    other = tmp_path / "other.duckdb"
    result = CliRunner().invoke(app, ["load", f"{db}.parquet", "--db", str(other)])
    assert result.exit_code == 0, result.output
    assert rows(other, EVENTS) == rows(db, EVENTS)


def test_cluster_shard_plan(tmp_path):
    """Shards: JSONL by lines, small files grouped, stable ids (no Ray needed)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(f"Titre {i}\n\nTexte {i}.\n", encoding="utf-8")
    shards = plan_shards([str(CORPUS), str(folder)], lines_per_shard=10, files_per_shard=2)
    assert [(s.start, s.end) for s in shards[:3]] == [(0, 10), (10, 20), (20, 26)]
    assert [len(s.files) for s in shards[3:]] == [2, 2, 1]
    assert [s.id for s in plan_shards([str(CORPUS), str(folder)], lines_per_shard=10, files_per_shard=2)] == \
        [s.id for s in shards]
