"""spaCy pipelines: one function maps a language to its pipeline.

Models are installed as pinned packages and never downloaded at run time. The
pipeline for a language can be replaced by config (``nlp.pipelines``). veille's own
components (line-based sentence starts, known-name matching before NER) are
registered spaCy factories added here.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from veille.config import Config, default_config
from veille.errors import E201, E202, VeilleError


SENT_END = {".", "!", "?", "…", "...", ";", ":"}
CLOSING = {'"', "»", "”", "’", ")", "]"}


@Language.component("veille_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Sentence starts before the parser: a line break ends a sentence (titles and headings
    carry no final stop), and a sentence only ends after final punctuation, so the parser
    cannot split "ce mois-ci" or a subject from its verb."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
            continue
        if token.is_space:
            token.is_sent_start = False
            continue
        j = token.i - 1
        while j > 0 and doc[j].is_space:
            j -= 1
        before = doc[j]
        if before.text in SENT_END or (before.text in CLOSING and j > 0 and doc[j - 1].text in SENT_END):
            continue  # the parser decides
        token.is_sent_start = False
    return doc


def check_meta(nlp: Language, package: str, expect_name: str | None, expect_version: str | None) -> None:
    """Refuse a pipeline whose meta is not the pinned model (E202)."""
    name, version = nlp.meta.get("name", ""), nlp.meta.get("version", "")
    if expect_name and expect_name not in name:
        raise VeilleError(E202, package=package, found=f"{name} {version}",
                          expected=f"{expect_name} {expect_version or ''}".strip())
    if expect_version and not version.startswith(expect_version):
        raise VeilleError(E202, package=package, found=f"{name} {version}",
                          expected=f"{expect_name} {expect_version}")


@lru_cache(maxsize=4)
def _load(lang: str, package: str, expect_name: str | None, expect_version: str | None) -> Language:
    if importlib.util.find_spec(package) is None:
        raise VeilleError(E201, lang=lang, package=package)
    nlp = spacy.load(package)
    check_meta(nlp, package, expect_name, expect_version)
    nlp.add_pipe("veille_line_breaks", before="parser")
    from veille.actors import configure_pipeline

    configure_pipeline(nlp, lang)
    return nlp


def load_pipeline(lang: str, config: Config | None = None) -> Language:
    """The spaCy pipeline for ``lang`` with veille's components added (cached per process)."""
    config = config or default_config()
    spec = config.nlp.pipelines.get(lang)
    if spec is None:
        raise VeilleError(E201, lang=lang, package="(none configured)")
    return _load(lang, spec.package, spec.expect_name, spec.expect_version)
