"""Fixtures for the reader tests."""
from __future__ import annotations

import pytest

from veille.config import Config, load_config


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config()


@pytest.fixture
def warc_file():
    """Write a WARC of HTML pages to a path and return the path as a string."""
    from read_samples import warc_bytes

    def write(path, pages, gzip=True):
        path.write_bytes(warc_bytes(pages, gzip=gzip))
        return str(path)

    return write
