"""WARC archives (plain or gzipped): HTML response records become articles.

Article id: the record's WARC-Record-ID uuid, else the content hash. Records that
are not successful HTML responses (requests, metadata, redirects, images) are not
articles and are passed over. A truncated or corrupt archive keeps the records read
before the damage and yields one Failure (E108).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from veille.errors import E103, E108
from veille.read.base import ReadOptions, failure
from veille.read.html import html_article
from veille.records import Article, Failure

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, source: str, opts: ReadOptions,
              size: int | None = None) -> Iterator[Article | Failure]:
    """Articles from the HTML responses of a WARC stream of ``size`` bytes (when known)."""
    archive = ArchiveIterator(stream)
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged input
            yield failure(E108, source, path=source, detail=f"{type(exc).__name__}: {exc}")
            return
        if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
            yield failure(E108, source, path=source,
                          detail=f"no WARC-Type or Content-Length at offset {archive.offset}")
            return
        content_type = _html_type(record)
        if content_type is None:
            continue
        record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
        where = f"{source}#{record_id}" if record_id else source
        try:
            payload = record.content_stream().read(opts.max_bytes + 1)
        except Exception as exc:  # noqa: BLE001 - decompression errors inside a damaged record
            yield failure(E108, source, path=source, detail=f"record {record_id}: {type(exc).__name__}: {exc}")
            return
        if len(payload) > opts.max_bytes:
            yield failure(E103, where, size=f">{opts.max_bytes}", limit=opts.max_bytes, path=where)
            continue
        if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended inside this record
            yield failure(E108, source, path=source, detail=f"record {record_id} is cut short")
            return
        yield html_article(payload, where, opts, url=record.rec_headers.get_header("WARC-Target-URI"),
                           article_id=record_id.rpartition(":")[2] or None, charset=_charset(content_type))
    if size is not None and archive.offset < size:
        yield failure(E108, source, path=source,
                      detail=f"{size - archive.offset} bytes after offset {archive.offset} could not be read")


def _html_type(record: Any) -> str | None:
    """The Content-Type of a successful HTML response (or resource) record, else None."""
    if record.rec_type == "response" and record.http_headers is not None:
        if not (record.http_headers.get_statuscode() or "").startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return content_type if content_type.split(";")[0].strip().lower() in HTML_TYPES else None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
