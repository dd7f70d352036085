"""Shared fixtures for the actor tests: spaCy pipelines loaded once per session."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from veille.nlp import load_pipeline
from veille.records import Article

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def nlp_fr():
    return load_pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en():
    return load_pipeline("en")


def make_article(text: str, lang: str, day: str = "2023-09-14") -> Article:
    """A minimal article for resolution tests."""
    return Article(id="t", text=text, language=lang, published=datetime.fromisoformat(day + "T12:00:00"))


@pytest.fixture(scope="session")
def article():
    """Factory: article(text, lang, day) -> Article."""
    return make_article
