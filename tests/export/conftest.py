"""Fixtures: the seed-like store (tests/api/seed_data.py) opened read-only."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
import seed_data  # noqa: E402


@pytest.fixture(scope="session")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_data.build_db(tmp_path_factory.mktemp("export") / "export.duckdb")


@pytest.fixture
def con(export_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    from veille.store import connect

    c = connect(export_db, read_only=True)
    yield c
    c.close()
