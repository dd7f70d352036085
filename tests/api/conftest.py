"""Fixtures: a store holding the hand-built seed-like extractions, and API clients over it."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import seed_data
from seed_data import BASE, fake_extractor
from veille.api import create_app
from veille.records import Extraction


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_data.build_db(tmp_path_factory.mktemp("store") / "seed.duckdb")


@pytest.fixture(scope="session")
def client(seed_db: Path) -> Iterator[TestClient]:
    """A client over the shared seed store (read-only use)."""
    app = create_app(seed_db, extractor=fake_extractor)
    with TestClient(app, base_url=BASE, headers={"Authorization": f"Bearer {app.state.token}"}) as c:
        yield c


@pytest.fixture
def rw_client(seed_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a private copy of the seed store (for writes)."""
    db = tmp_path / "rw.duckdb"
    shutil.copy(seed_db, db)
    app = create_app(db, extractor=fake_extractor)
    with TestClient(app, base_url=BASE, headers={"Authorization": f"Bearer {app.state.token}"}) as c:
        yield c


@pytest.fixture(scope="session")
def seed() -> Extraction:
    return seed_data.seed_extraction()
