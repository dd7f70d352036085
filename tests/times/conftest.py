"""Shared fixtures: the spaCy pipelines are loaded once per session."""
from __future__ import annotations

import pytest
from spacy.language import Language

from veille.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    return load_pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    return load_pipeline("en")
