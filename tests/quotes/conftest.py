"""Shared fixtures for the quotes tests: one parse pipeline per language per session."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from veille.quotes.testing import plain_pipeline

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    return plain_pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    return plain_pipeline("en")
