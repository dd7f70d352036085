"""Ingest with worker processes stores the same as extracting in-process."""
from __future__ import annotations

import json

import pytest

from veille.config import load_config
from veille.ingest import InlineExecutor, LocalExecutor, ingest, make_executor

from db_rows import rows
from test_ingest_resume import small_config, write_dispatches


def _stored(db: str) -> dict[str, dict]:
    return {i: json.loads(x) for i, x in rows(db, "SELECT id, extraction FROM articles")}


@pytest.mark.slow
def test_ingest_workers_match_inline(tmp_path):
    write_dispatches(tmp_path / "in", 5)
    config = load_config(small_config(tmp_path, batch_articles=2, batch_size=2))
    inline = ingest([str(tmp_path / "in")], str(tmp_path / "one.duckdb"), lang="fr", config=config, workers=1)
    pooled = ingest([str(tmp_path / "in")], str(tmp_path / "two.duckdb"), lang="fr", config=config, workers=2)
    assert (pooled.articles, pooled.failures) == (inline.articles, inline.failures) == (5, 1)
    assert _stored(str(tmp_path / "two.duckdb")) == _stored(str(tmp_path / "one.duckdb"))


@pytest.mark.parametrize("workers,kind", [(1, InlineExecutor), (2, LocalExecutor)])
def test_ingest_make_executor(workers, kind):
    executor = make_executor(workers, load_config())
    try:
        assert isinstance(executor, kind)
    finally:
        executor.close()
