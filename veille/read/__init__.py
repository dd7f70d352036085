"""Readers: files, folders and globs to ``Article`` records (or coded ``Failure``s).

Interface: ``read_paths(paths, ...) -> Iterator[Article | Failure]`` and
``read_file(path, ...)`` for one file. Formats: plain-text dispatches (text.py),
HTML (html.py), JSONL (jsonl.py), WARC (warc.py); encoding and language detection
in detect.py.
"""
from __future__ import annotations

from veille.read.text import parse_dispatch

__all__ = ["parse_dispatch"]


def read_input(path: str, *, lang: str | None = None, article_id: str | None = None):  # type: ignore[no-untyped-def]
    """Temporary: plain-text dispatch only (the full readers replace this)."""
    import sys as _sys

    raw = _sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    art = parse_dispatch(raw, source_path=None if path == "-" else path, article_id=article_id,
                         language=lang or "fr")
    yield art
