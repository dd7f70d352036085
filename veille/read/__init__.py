"""Readers: files, folders and globs to ``Article`` records (or coded ``Failure``s).

``read_paths(paths)`` takes files, folders (read recursively) and globs and yields,
in a stable order, one ``Article`` per document or one ``Failure`` per input that
could not be read; a bad input never stops the batch. ``read_input(path)`` is the
same for one path or ``-`` (standard input).

Formats by extension, else by sniffing the first bytes: plain-text dispatches
(.txt .text .md, text.py), HTML (.html .htm, html.py), JSONL (.jsonl .ndjson,
jsonl.py), WARC (.warc .warc.gz, warc.py). Encoding and language detection live in
detect.py. ``--id`` / ``article_id`` names single-document inputs (text, HTML);
JSONL and WARC records carry their own ids.
"""
from __future__ import annotations

import glob
import gzip
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from veille.config import Config, default_config
from veille.errors import E103, E109, E110, E112, E114, E115, VeilleError
from veille.read.base import ReadOptions, failure, to_failure
from veille.read.detect import HEAD, decode, identify_language, looks_binary, read_limited
from veille.read.html import read_html
from veille.read.jsonl import read_jsonl
from veille.read.text import parse_dispatch, read_text, stable_id
from veille.read.warc import read_warc
from veille.records import Article, Failure

__all__ = ["read_paths", "read_input", "read_file", "parse_dispatch", "stable_id", "decode", "display_path",
           "identify_language", "ReadOptions"]

EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc",
              ".warc.gz": "warc"}
GLOB_CHARS = frozenset("*?[")


def read_paths(paths: Iterable[str], *, lang: str | None = None, article_id: str | None = None,
               config: Config | None = None) -> Iterator[Article | Failure]:
    """Articles (or Failures) from files, folders (recursive) and globs, in order.

    All paths are expanded first: a glob that matches nothing raises
    ``VeilleError`` (E112) before anything is read. A missing or unreadable file
    gives a Failure (E109), an unknown format E110; the rest goes on. ``lang``
    forces the language of every document; ``article_id`` is meant for one document.
    """
    opts = ReadOptions(config=config or default_config(), lang=lang, article_id=article_id)
    for path in [f for p in paths for f in expand(p)]:
        if isinstance(path, Failure):
            yield path
        else:
            yield from read_file(path, opts)


def read_input(path: str, lang: str | None = None, article_id: str | None = None,
               config: Config | None = None) -> Iterator[Article | Failure]:
    """What ``veille extract PATH`` reads: one path (file, folder or glob), or ``-`` for stdin."""
    if path != "-":
        yield from read_paths([path], lang=lang, article_id=article_id, config=config)
        return
    opts = ReadOptions(config=config or default_config(), lang=lang, article_id=article_id)
    data = sys.stdin.buffer.read()
    fmt = sniff(data[:HEAD]) or "text"
    if fmt == "jsonl":
        yield from read_jsonl(io.BytesIO(data), "<stdin>", opts)
    elif fmt == "warc":
        yield from read_warc(io.BytesIO(data), "<stdin>", opts, size=len(data))
    else:
        if len(data) > opts.max_bytes:
            yield failure(E103, "<stdin>", size=len(data), limit=opts.max_bytes, path="<stdin>")
            return
        yield from (read_html if fmt == "html" else read_text)(data, "<stdin>", opts)


def expand(path: str) -> list[str | Failure]:
    """One argument to the files it names: itself, a folder's files (recursive, sorted,
    hidden ones left out), or a glob's matches (E112 when there are none). A sub-folder
    that cannot be listed is a ``Failure`` (E115) in the list, in its place."""
    if os.path.isdir(path):
        return _walk(path)
    if os.path.lexists(path) or not GLOB_CHARS & set(path):
        return [path]  # a missing file is reported when read (E109)
    matches = sorted(glob.glob(path, recursive=True))
    if not matches:
        raise VeilleError(E112, pattern=path)
    return [f for m in matches for f in (_walk(m) if os.path.isdir(m) else [m])]


def _walk(folder: str) -> list[str | Failure]:
    found: list[tuple[str, str | Failure]] = []

    def unlisted(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else folder
        found.append((where, failure(E115, display_path(where), path=display_path(where),
                                     detail=exc.strerror or str(exc))))

    for root, dirs, files in os.walk(folder, onerror=unlisted):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend((p, p) for p in (os.path.join(root, f) for f in files if not f.startswith(".")))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def display_path(path: str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) are written as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def format_of(path: str) -> str | None:
    """The reader a file's extension names, else None."""
    name = Path(path).name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext):
            return EXTENSIONS[ext]
    return None


def sniff(head: bytes) -> str | None:
    """The format the first bytes show (warc, html, jsonl), else None."""
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(head)) as gz:
                head = gz.read(16)
        except (OSError, EOFError):
            return None
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<") and b"<html" in start):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return None


def read_file(path: str | os.PathLike[str], opts: ReadOptions | None = None,
              ) -> Iterator[Article | Failure]:
    """Articles or Failures from one file; never raises for a bad input.

    Only regular files are opened: a pipe, socket or device gives E114 (a FIFO would
    block the batch forever). A file name that is not UTF-8 is read, and shown and
    stored as ``display_path`` writes it.
    """
    opts = opts or ReadOptions()
    path = os.fspath(path)
    source = display_path(path)
    try:
        kind = _not_regular(path)
        if kind:
            yield failure(E114, source, path=source, kind=kind)
            return
        fmt = format_of(path)
        if fmt is None:
            fmt = _sniff_file(path)
        if fmt is None:
            yield failure(E110, source, path=source)
        elif fmt in ("jsonl", "warc"):
            with open(path, "rb") as stream:
                if fmt == "jsonl":
                    yield from read_jsonl(stream, source, opts)
                else:
                    yield from read_warc(stream, source, opts, size=os.fstat(stream.fileno()).st_size)
        else:
            data = read_limited(path, opts.max_bytes, source)
            yield from (read_html if fmt == "html" else read_text)(data, source, opts)
    except VeilleError as exc:
        yield to_failure(exc, source, opts.article_id)
    except OSError as exc:
        yield failure(E109, source, path=source, detail=exc.strerror or str(exc))


def _not_regular(path: str) -> str | None:
    """What a path is when it is not a regular file (or a link to one), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reported by the open that follows (E109)
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a file"


def _sniff_file(path: str) -> str | None:
    """Format of a file with an unknown extension: sniffed; extension-less text is text."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
    fmt = sniff(head)
    if fmt is None and not Path(path).suffix and head.strip() and not looks_binary(head):
        return "text"
    return fmt
