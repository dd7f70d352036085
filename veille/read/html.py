"""HTML pages: boilerplate removed by trafilatura, metadata (title, author, date,
site name, url) kept. The body is trafilatura's main text (its first line dropped
when it repeats the title); offsets point into that text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import trafilatura

from veille.errors import E104, VeilleError
from veille.read.base import ReadOptions, failure, finish, to_failure
from veille.read.detect import decode_noted
from veille.read.text import split_byline, stable_id
from veille.records import Article, Failure

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}
MIN_BODY_WORDS = 10  # fewer words than this is a menu or an index, not an article
MIN_SENTENCE_WORDS = 6  # and at least one line must be this long


def read_html(data: bytes, source: str, opts: ReadOptions) -> Iterator[Article | Failure]:
    """Read one HTML file's bytes into an article (or E101/E102/E104/E105 failure)."""
    yield html_article(data, source, opts, article_id=opts.article_id)


def html_article(data: bytes, source: str, opts: ReadOptions, *, url: str | None = None,
                 article_id: str | None = None, charset: str | None = None) -> Article | Failure:
    """One HTML document to an ``Article``; ``charset`` is a transport declaration (HTTP)."""
    try:
        declared = charset or _meta_charset(data)
        html, warnings = decode_noted(data, source, declared)
    except VeilleError as exc:
        return to_failure(exc, source, article_id)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura on broken markup: recorded, not raised
        return failure(E104, source, article_id, path=f"{source} ({type(exc).__name__}: {exc})")
    meta: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    title = _clean(meta.get("title"))
    body = _body(meta.get("text") or "", title)
    words = body.split()
    if len(words) < MIN_BODY_WORDS or max(len(ln.split()) for ln in body.splitlines()) < MIN_SENTENCE_WORDS:
        return failure(E104, source, article_id, path=source)
    authors, agencies = split_byline(re.sub(r"^(?:par|by)\s+", "", meta.get("author") or "", flags=re.I))
    headings = [h for h in _headings(doc) if h != title]
    outlet = _clean(meta.get("sitename"))
    article = Article(id=article_id or stable_id(body, title=title, source=outlet), text=body, title=title,
                      authors=authors, agencies=agencies, outlet=outlet,
                      published=_date(meta.get("date"), opts.tz), headings=headings,
                      url=_clean(meta.get("url")) or url, source_path=source, warnings=warnings)
    return finish(article, opts)


def _meta_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _clean(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _body(text: str, title: str | None) -> str:
    """trafilatura's text without a first line that repeats the title."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest
    return text.strip("\n") + "\n"


def _headings(doc: Any) -> list[str]:
    body = getattr(doc, "body", None)
    if body is None:
        return []
    return [" ".join("".join(h.itertext()).split()) for h in body.iter("head")]


def _date(value: object, tz: str) -> datetime | None:
    """trafilatura/htmldate output ('2023-09-14T11:36:00+0200', or a bare date) to an aware datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=ZoneInfo(tz))
