"""The orchestration: read → nlp → actors / times / places / quotes → events.

``analyse`` runs the stages on one parsed article; ``extract_many`` batches
articles per language through ``nlp.pipe``. Every other surface (CLI, API, ingest,
Ray) calls these functions.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from spacy.tokens import Doc

from veille.actors import resolve_actors
from veille.analysis import Analysis
from veille.config import Config, default_config
from veille.errors import E106, E203
from veille.events import code_events
from veille.nlp import load_pipeline, nlp_failure, parse, piece_limit
from veille.places import resolve_places
from veille.quotes import find_quotes
from veille.records import Article, ErrorRecord, Extraction, Failure
from veille.times import tag_times

T = TypeVar("T")


def _stage(extraction: Extraction, name: str, fn: Callable[[], T], empty: T) -> T:
    """Run one stage; a crash is recorded on the article (E203), the rest goes on."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - recorded, never swallowed
        detail = f"{type(exc).__name__}: {exc}"
        msg = E203.template.format(stage=name, article=extraction.article.id, detail=detail)
        extraction.errors.append(ErrorRecord(code=E203.code, message=msg, stage=name))
        return empty


def analyse(article: Article, doc: Doc, config: Config | None = None) -> Extraction:
    """Run the stages after nlp on one article and return the output contract record.

    ``config``: its user dictionaries are used (default: those of ``use_dictionaries``)."""
    files = _user_files(config)
    out = Extraction(article=article, errors=list(article.warnings))
    out.actors = _stage(out, "actors", lambda: resolve_actors(doc, article, files), [])
    out.times = _stage(out, "times", lambda: tag_times(doc, article), [])
    out.places = _stage(out, "places", lambda: resolve_places(doc, article, out.actors), [])
    out.quotes = _stage(out, "quotes", lambda: find_quotes(doc, article, out.actors), [])
    analysis = Analysis(article=article, doc=doc, actors=out.actors, times=out.times,
                        places=out.places, quotes=out.quotes)
    out.events = _stage(out, "events", lambda: code_events(analysis), [])
    return out


def extract(article: Article, config: Config | None = None) -> Extraction | Failure:
    """Extract one article (see ``extract_many``)."""
    return next(iter(extract_many([article], config)))


def extract_many(articles: Iterable[Article], config: Config | None = None,
                 batch_size: int | None = None) -> Iterator[Extraction | Failure]:
    """Extract articles in input order, batching each language through ``nlp.pipe``.

    An article in a language that is not configured gives a ``Failure`` (E106,
    skipped), never a parse with the wrong model.
    """
    config = config or default_config()
    size = batch_size or config.nlp.batch_size
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield from _extract_chunk(chunk, config)
            chunk = []
    if chunk:
        yield from _extract_chunk(chunk, config)


def _extract_chunk(chunk: list[Article], config: Config) -> Iterator[Extraction | Failure]:
    results: dict[int, Extraction | Failure] = {}
    by_lang: dict[str, list[int]] = {}
    for i, article in enumerate(chunk):
        lang = article.language
        if lang not in config.nlp.languages or lang not in config.nlp.pipelines:
            results[i] = Failure(
                source=article.source_path or article.id, article_id=article.id, code=E106.code,
                message=E106.template.format(lang=lang, supported=", ".join(config.nlp.languages),
                                             path=article.source_path or article.id),
                stage="read", skipped=True)
        else:
            by_lang.setdefault(lang, []).append(i)
    for lang, idxs in by_lang.items():
        nlp = load_pipeline(lang, config)
        files = _user_files(config)
        cfg = {"veille_actors": {"user_files": files}} if files is not None else None
        docs = parse(nlp, [chunk[i].text for i in idxs], piece_limit(nlp, config), cfg)
        for i, doc in zip(idxs, docs):
            results[i] = analyse(chunk[i], doc, config) if isinstance(doc, Doc) else nlp_failure(chunk[i], doc)
    for i in range(len(chunk)):
        yield results[i]


def _user_files(config: Config | None) -> tuple[str, ...] | None:
    """The user dictionaries a config names; None (the active ones) when it names none."""
    files = tuple(config.actors.user_dictionaries) if config is not None else ()
    return files or None
