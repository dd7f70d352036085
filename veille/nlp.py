"""spaCy pipelines: one function maps a language to its pipeline.

Models are installed as pinned packages and never downloaded at run time. The
pipeline for a language can be replaced by config (``nlp.pipelines``). veille's own
components (line-based sentence starts, known-name matching before NER) are
registered spaCy factories added here.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from veille.config import Config, default_config
from veille.errors import E201, E202, E203, VeilleError, one_line
from veille.records import Article, Failure


SENT_END = {".", "!", "?", "…", "...", ";", ":"}
CLOSING = {'"', "»", "”", "’", ")", "]"}


@Language.component("veille_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Sentence starts before the parser: a line break ends a sentence (titles and headings
    carry no final stop), and a sentence only ends after final punctuation, so the parser
    cannot split "ce mois-ci" or a subject from its verb."""
    starts = doc.to_array([SENT_START])
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            starts[token.i] = IS_START
            continue
        if token.is_space:
            starts[token.i] = NOT_START
            continue
        j = token.i - 1
        while j > 0 and doc[j].is_space:
            j -= 1
        before = doc[j]
        if before.text in SENT_END or (before.text in CLOSING and j > 0 and doc[j - 1].text in SENT_END):
            continue  # the parser decides
        starts[token.i] = NOT_START
    set_sent_starts(doc, starts)
    return doc


# Token.is_sent_start's setter scans the whole Doc each time (it checks for a parse): set
# the starts of a Doc in one array instead, so the cost stays linear in its length.
IS_START = numpy.uint64(1)
NOT_START = numpy.uint64(-1 & 0xFFFFFFFFFFFFFFFF)  # -1 as spaCy stores it


def set_sent_starts(doc: Doc, starts: numpy.ndarray) -> None:  # type: ignore[type-arg]
    """Write an array of sentence starts (``doc.to_array([SENT_START])`` edited) back to ``doc``."""
    doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # spaCy's stub wants Ints2d; 1-d works


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


# Where a long text may be cut, best first: a blank line, a line break, a sentence end
# followed by a space, any space. The cut goes after the match, so every piece keeps
# its trailing whitespace and the pieces join back into the exact text.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"»”’)\]]?\s+"), re.compile(r"\s+"))


def split_text(text: str, max_chars: int) -> list[str]:
    """``text`` cut into pieces of at most ``max_chars`` characters, at the best
    boundary the window offers (paragraph, line, sentence, space; a hard cut only in a
    run without spaces). ``"".join(pieces) == text``."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            if ends and ends[-1] > max_chars // 4:  # a cut too near the start makes many tiny pieces
                cut = ends[-1]
                break
        cut = cut or max_chars
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def piece_limit(nlp: Language, config: Config) -> int:
    """Longest text parsed in one go: the configured piece size, within spaCy's limit."""
    return max(1, min(config.nlp.max_piece_chars, nlp.max_length - 1))


def parse(nlp: Language, texts: Sequence[str], max_chars: int,
          component_cfg: dict[str, dict[str, Any]] | None = None) -> Iterator[Doc | Exception]:
    """One ``Doc`` per text, in order, or the exception that text raised.

    Texts are batched through ``nlp.pipe``; a text longer than ``max_chars`` is parsed
    in pieces (``split_text``) joined into one ``Doc`` of the whole text. A batch that
    fails is parsed again text by text, so one text never costs the others.
    ``component_cfg`` is spaCy's: per-call settings of components (user dictionaries).
    """
    cfg = component_cfg or {}
    short = [i for i, t in enumerate(texts) if len(t) <= max_chars]
    docs: dict[int, Doc | Exception] = {}
    try:
        docs.update(zip(short, nlp.pipe([texts[i] for i in short], batch_size=max(len(short), 1),
                                        component_cfg=cfg)))
    except Exception:  # noqa: BLE001 - parsed again one by one below
        docs.clear()
        for i in short:
            docs[i] = _guarded(lambda: nlp(texts[i], component_cfg=cfg))
    for i, text in enumerate(texts):
        if i not in docs:
            docs[i] = _guarded(lambda: parse_long(nlp, text, max_chars, cfg))
        yield docs.pop(i)


def _guarded(fn: Callable[[], Doc]) -> Doc | Exception:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - returned to the caller, which records it
        return exc


def parse_long(nlp: Language, text: str, max_chars: int,
               component_cfg: dict[str, dict[str, Any]] | None = None) -> Doc:
    """A text longer than the parser takes: parsed piece by piece, joined into one Doc.

    Components that keep doc-level data (``doc._``) rebuild it on the joined Doc
    through their ``rejoin(doc)`` method.
    """
    cfg = component_cfg or {}
    pieces = list(nlp.pipe(split_text(text, max_chars), component_cfg=cfg))
    doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]
    for name, component in nlp.pipeline:
        rejoin = getattr(component, "rejoin", None)
        if rejoin is not None:
            rejoin(doc, **cfg.get(name, {}))
    if doc.text != text:  # from_docs keeps every character; this would be a bug
        raise ValueError(f"joined parse differs from the text ({len(doc.text)} != {len(text)} characters)")
    return doc


def nlp_failure(article: Article, exc: Exception) -> Failure:
    """The coded failure of an article the parser could not take (E203); the batch goes on."""
    detail = one_line(exc)
    return Failure(source=article.source_path or article.id, article_id=article.id, code=E203.code, stage="nlp",
                   message=E203.template.format(stage="nlp", article=article.id, detail=detail))
