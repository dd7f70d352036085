"""A plain parse for quotes tests and bench: the configured spaCy model with veille's line breaks.

The quotes layer reads only the parse, so its tests do not load the actor components
(``veille.nlp.load_pipeline`` adds them); the model and sentence rules are the same.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import veille.nlp  # noqa: F401 - registers veille_line_breaks
from veille.config import default_config
from veille.errors import E201, VeilleError


@lru_cache(maxsize=2)
def plain_pipeline(lang: str) -> Language:
    """The configured model for ``lang`` with ``veille_line_breaks`` before the parser (cached)."""
    spec = default_config().nlp.pipelines.get(lang)
    if spec is None:
        raise VeilleError(E201, lang=lang, package="(none configured)")
    try:
        nlp = spacy.load(spec.package)
    except OSError as exc:
        raise VeilleError(E201, lang=lang, package=spec.package) from exc
    nlp.add_pipe("veille_line_breaks", before="parser")
    return nlp
