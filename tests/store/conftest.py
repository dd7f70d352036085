"""Store test fixtures (the records themselves are in store_records.py)."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from store_records import make_extraction

from veille.records import Extraction


@pytest.fixture
def extraction() -> Callable[..., Extraction]:
    """Factory: ``extraction(article_id, events=None, ...)``."""
    return make_extraction
