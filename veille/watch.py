"""Continuous ingest: poll feeds, folders and a JSONL stream; store what is new.

``watch(sources, db)`` runs polling rounds. A source is an RSS/Atom feed URL
(``http(s)://…``), a folder that receives files, or ``-`` (JSONL lines on standard
input). Each round every source yields new articles; they go through the same
extraction (``veille.ingest.extract_chunk``) and the same writer as ``veille ingest``.

- Feed items: the page is fetched (httpx) and read by the HTML reader
  (trafilatura). Polling is polite: conditional requests (ETag / Last-Modified,
  kept in ``watch_feeds``), a minimum delay between two requests to one host,
  timeouts, and retries with exponential backoff on the errors that can recover
  (network errors, timeouts, 408/425/429/5xx).
- Fetching is guarded: a cap on body bytes after decompression, a deadline for the
  whole fetch (a server that drips a byte at a time cannot hold a round), redirects
  followed by hand and checked like the first URL, and no private, loopback,
  link-local or reserved address unless ``Politeness.allow_hosts`` names the host
  (``--allow-host``). Refused fetches are not retried.
- Seen: the table ``seen(url, content_hash, first_seen)`` remembers every URL (or
  file) stored and the hash of its body, so a URL listed twice, or the same
  content under two URLs, is stored once — across runs too.
- Failures: a source that fails is logged with E802 and the others go on; an item
  whose page cannot be fetched is retried next round; a page without an article
  body is recorded in ``failures`` (E104) and not fetched again.
"""
from __future__ import annotations

import hashlib
import ipaddress
import logging
import queue
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Protocol
from urllib.parse import urljoin, urlsplit

import duckdb

from veille.config import Config, default_config
from veille.errors import E802, E803
from veille.read import read_paths
from veille.read.base import ReadOptions
from veille.read.html import html_article
from veille.read.jsonl import read_jsonl
from veille.records import Article, Extraction, Failure
from veille.store import StoreWriter, connect
from veille.store.writer import content_hash

log = logging.getLogger("veille.watch")

WATCH_TABLES = [
    "CREATE TABLE IF NOT EXISTS seen (url VARCHAR PRIMARY KEY, content_hash VARCHAR, first_seen TIMESTAMPTZ)",
    "CREATE INDEX IF NOT EXISTS seen_hash ON seen (content_hash)",
    """CREATE TABLE IF NOT EXISTS watch_feeds (url VARCHAR PRIMARY KEY, etag VARCHAR,
        last_modified VARCHAR, checked_at TIMESTAMPTZ)""",
]

Result = Extraction | Failure


@dataclass(frozen=True)
class Politeness:
    """How hard we may hit a site, and how much a site may make us take."""

    timeout: float = 10.0  # seconds per network operation (connect, each read)
    retries: int = 2  # extra attempts on errors that can recover (network, timeouts, 429, 5xx)
    backoff: float = 1.0  # first retry delay (seconds), doubled each time
    host_delay: float = 1.0  # minimum seconds between two requests to one host
    user_agent: str = "veille-watch/0.1 (+https://github.com/veille)"
    deadline: float = 60.0  # seconds for one whole fetch, redirects and body included
    max_bytes: int = 10_000_000  # body bytes after decompression
    max_redirects: int = 5
    allow_hosts: tuple[str, ...] = ()  # 'host' or 'host:port' that may be private or loopback


class FetchError(Exception):
    """A request that failed after its retries."""


class FetchRefused(FetchError):
    """A fetch that is not retried: too large, too slow, a forbidden address, a bad URL."""


# Statuses worth asking again: the server or a proxy said "later".
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class Fetched:
    """A fetched response whose body was read within the caps."""

    url: str
    status_code: int
    headers: Mapping[str, str]
    content: bytes
    charset_encoding: str | None


class Seen:
    """The ``seen`` table: URLs and body hashes already stored."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        for statement in WATCH_TABLES:
            con.execute(statement)

    def has_url(self, url: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM seen WHERE url = ?", [url]).fetchone())

    def has_hash(self, digest: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM seen WHERE content_hash = ?", [digest]).fetchone())

    def add(self, url: str, digest: str | None) -> None:
        self.con.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", [url, digest, datetime.now(timezone.utc)])

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        row = self.con.execute("SELECT etag, last_modified FROM watch_feeds WHERE url = ?", [url]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_feed_state(self, url: str, etag: str | None, modified: str | None) -> None:
        self.con.execute("INSERT OR REPLACE INTO watch_feeds VALUES (?, ?, ?, ?)",
                         [url, etag, modified, datetime.now(timezone.utc)])


def forbidden_address(url: str, allow: Sequence[str] = ()) -> str | None:
    """Why ``url`` may not be fetched (not http(s), or a private, loopback, link-local
    or reserved address, unless its host is in ``allow``), else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"not an http(s) URL: {url}"
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return f"bad port in {url}"
    if host in allow or f"{host}:{port}" in allow:
        return None
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        return None if isinstance(exc, socket.gaierror) else f"bad host name {host!r}"  # DNS: a network error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            return f"{host} is a private or loopback address ({address}); allow it with --allow-host {host}"
    return None


class Fetcher:
    """HTTP GET with a per-host rate limit, a byte cap, a total deadline, checked
    redirects, and retries with backoff for the errors that can recover."""

    def __init__(self, polite: Politeness, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        import httpx

        self.polite, self.sleep, self.clock = polite, sleep, clock
        self.client = httpx.Client(timeout=polite.timeout, follow_redirects=False,
                                   headers={"User-Agent": polite.user_agent})
        self.last: dict[str, float] = {}

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        if host in self.last:
            wait = self.last[host] + self.polite.host_delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last[host] = self.clock()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """The response (a status that is not worth retrying); ``FetchRefused`` at once for
        what cannot recover, ``FetchError`` after the retries for the rest."""
        import httpx

        delay, problem = self.polite.backoff, ""
        for attempt in range(self.polite.retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            try:
                resp = self._fetch(url, headers or {})
            except FetchRefused:
                raise
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
                continue
            except httpx.HTTPError as exc:  # an invalid URL, a bad header: asking again changes nothing
                raise FetchRefused(f"{url}: {type(exc).__name__}: {exc}") from exc
            if resp.status_code not in RETRY_STATUSES:
                return resp
            problem = f"HTTP {resp.status_code}"
        raise FetchError(f"{url}: {problem} after {self.polite.retries + 1} attempts")

    def _fetch(self, url: str, headers: dict[str, str]) -> Fetched:
        import httpx

        polite, started = self.polite, self.clock()
        for _ in range(polite.max_redirects + 1):
            why = forbidden_address(url, polite.allow_hosts)
            if why:
                raise FetchRefused(f"{url}: refused: {why}")
            self._wait_turn(url)
            left = polite.deadline - (self.clock() - started)
            if left <= 0:
                raise FetchRefused(f"{url}: took longer than {polite.deadline:g} s")
            with self.client.stream("GET", url, headers=headers,
                                    timeout=httpx.Timeout(min(polite.timeout, left))) as resp:
                if resp.is_redirect and "location" in resp.headers:
                    url = urljoin(url, resp.headers["location"])
                    continue
                body = self._body(resp, url, started)
                return Fetched(url=url, status_code=resp.status_code, headers=resp.headers, content=body,
                               charset_encoding=resp.charset_encoding)
        raise FetchRefused(f"{url}: more than {polite.max_redirects} redirects")

    def _body(self, resp: Any, url: str, started: float) -> bytes:
        polite = self.polite
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > polite.max_bytes:
            raise FetchRefused(f"{url}: body of {declared} bytes is over the cap of {polite.max_bytes}")
        chunks, size = [], 0
        for chunk in resp.iter_bytes():  # decompressed: a gzip bomb is counted as it expands
            size += len(chunk)
            if size > polite.max_bytes:
                raise FetchRefused(f"{url}: body over the cap of {polite.max_bytes} bytes")
            if self.clock() - started > polite.deadline:
                raise FetchRefused(f"{url}: took longer than {polite.deadline:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()


class Source(Protocol):
    """Something polled each round for new articles (or coded failures)."""

    name: str

    def poll(self) -> list[Article | Failure]: ...


@dataclass
class FeedSource:
    """An RSS/Atom feed: new items' pages fetched and read as HTML."""

    name: str
    fetcher: Fetcher
    seen: Seen
    opts: ReadOptions
    item_errors: list[str] = field(default_factory=list)

    def poll(self) -> list[Article | Failure]:
        import feedparser  # type: ignore[import-untyped]

        etag, modified = self.seen.feed_state(self.name)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        resp = self.fetcher.get(self.name, headers)
        if resp.status_code == 304:
            return []
        if resp.status_code >= 400:
            raise FetchError(f"{self.name}: HTTP {resp.status_code}")
        feed = feedparser.parse(resp.content)
        if feed.bozo and not feed.entries:
            raise FetchError(f"{self.name}: not a feed ({feed.get('bozo_exception')})")
        out: list[Article | Failure] = []
        links: set[str] = set()
        for entry in feed.entries:
            link = entry.get("link")
            if not link or link in links or self.seen.has_url(link):
                continue
            links.add(link)
            item = self._item(link, entry)
            if item is not None:
                out.append(item)
        if not self.item_errors:  # else the feed is read again next round, to retry those items
            self.seen.set_feed_state(self.name, resp.headers.get("etag"), resp.headers.get("last-modified"))
        return out

    def _item(self, link: str, entry: dict) -> Article | Failure | None:  # type: ignore[type-arg]
        try:
            resp = self.fetcher.get(link)
        except FetchRefused as exc:  # will not get better: recorded, not fetched again
            return _refused(link, str(exc))
        except FetchError as exc:  # transient: retried next round
            self._log_item(link, str(exc))
            return None
        if resp.status_code in RETRY_STATUSES:
            self._log_item(link, f"HTTP {resp.status_code}")
            return None
        if resp.status_code >= 400:  # gone, forbidden, not found: asking again changes nothing
            return _refused(link, f"HTTP {resp.status_code}")
        got = html_article(resp.content, link, self.opts, url=link, charset=resp.charset_encoding)
        if isinstance(got, Article):
            got.title = got.title or entry.get("title")
            if got.published is None and entry.get("published_parsed"):
                y, mo, d, h, mi, sec = entry["published_parsed"][:6]
                got.published = datetime(y, mo, d, h, mi, sec, tzinfo=timezone.utc)
        return got

    def _log_item(self, link: str, detail: str) -> None:
        msg = E802.template.format(source=link, detail=detail)
        self.item_errors.append(f"[{E802.code}] {msg}")
        log.warning("[%s] %s", E802.code, msg)


def _refused(link: str, detail: str) -> Failure:
    """The coded failure of a feed item that is not fetched again (E803)."""
    return Failure(source=link, code=E803.code, stage="read", message=E803.template.format(url=link, detail=detail))


@dataclass
class FolderSource:
    """A folder that receives files: each new (or changed) file is read once."""

    name: str
    seen: Seen
    opts: ReadOptions

    def poll(self) -> list[Article | Failure]:
        folder = Path(self.name)
        if not folder.is_dir():
            raise FileNotFoundError(f"not a folder: {folder}")
        out: list[Article | Failure] = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
            key = path.resolve().as_uri()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            marker = f"{key}#{digest}"
            if self.seen.has_url(marker):
                continue
            self.seen.add(marker, None)
            out.extend(read_paths([str(path)], lang=self.opts.lang, config=self.opts.config))
        return out


class StreamSource:
    """JSONL lines on a stream (standard input), read by a background thread."""

    def __init__(self, stream: IO[bytes], opts: ReadOptions, name: str = "<stdin>") -> None:
        self.name, self.opts = name, opts
        self.lines: queue.Queue[bytes | None] = queue.Queue()
        self.ended = False
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def poll(self, wait: bool = False) -> list[Article | Failure]:
        """The lines received so far (``wait``: until the stream ends)."""
        got: list[bytes] = []
        while not self.ended:
            try:
                line = self.lines.get(block=wait)
            except queue.Empty:
                break
            if line is None:
                self.ended = True
            else:
                got.append(line)
        return list(read_jsonl(iter(got), self.name, self.opts))  # type: ignore[arg-type]


@dataclass
class WatchSummary:
    """What a watch run did."""

    rounds: int = 0
    articles: int = 0
    events: int = 0
    failures: int = 0
    duplicates: int = 0  # same URL or same body as something stored
    errors: list[str] = field(default_factory=list)  # E802 lines: failed sources and items


def make_sources(names: Sequence[str], seen: Seen, fetcher: Fetcher, opts: ReadOptions,
                 stdin: IO[bytes] | None = None) -> list[Source]:
    """Sources from command-line names: ``-`` (stdin JSONL), a URL (feed), else a folder."""
    out: list[Source] = []
    for name in names:
        if name == "-":
            out.append(StreamSource(stdin or sys.stdin.buffer, opts))
        elif name.startswith(("http://", "https://")):
            out.append(FeedSource(name, fetcher, seen, opts))
        else:
            out.append(FolderSource(name, seen, opts))
    return out


def _extractor(config: Config) -> Callable[[list[Article]], list[Result]]:
    from veille.ingest import extract_chunk

    return lambda chunk: extract_chunk(chunk, config)


def watch(sources: Sequence[str], db: str, *, interval: float = 300.0, once: bool = False,
          max_rounds: int | None = None, config: Config | None = None, polite: Politeness | None = None,
          lang: str | None = None, stdin: IO[bytes] | None = None,
          extract: Callable[[list[Article]], list[Result]] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> WatchSummary:
    """Poll ``sources`` every ``interval`` seconds and store new articles in ``db``.

    ``once`` runs one round (standard input is read to its end); ``max_rounds``
    bounds the loop; otherwise it runs until interrupted. ``extract`` replaces the
    extraction (tests).
    """
    config = config or default_config()
    opts = ReadOptions(config=config, lang=lang)
    con = connect(db)
    writer, seen = StoreWriter(con, db), Seen(con)
    fetcher = Fetcher(polite or Politeness(), sleep=sleep)
    run = extract or _extractor(config)
    summary = WatchSummary()
    srcs = make_sources(sources, seen, fetcher, opts, stdin)
    try:
        while True:
            summary.rounds += 1
            for src in srcs:
                _poll_one(src, once, seen, writer, run, summary)
            if once or (max_rounds is not None and summary.rounds >= max_rounds):
                break
            sleep(interval)
    finally:
        fetcher.close()
        con.close()
    return summary


def _poll_one(src: Source, once: bool, seen: Seen, writer: StoreWriter,
              run: Callable[[list[Article]], list[Result]], summary: WatchSummary) -> None:
    try:
        items = src.poll(wait=True) if once and isinstance(src, StreamSource) else src.poll()
    except Exception as exc:  # noqa: BLE001 - one failing source never stops the others
        msg = E802.template.format(source=src.name, detail=f"{type(exc).__name__}: {exc}")
        summary.errors.append(f"[{E802.code}] {msg}")
        log.error("[%s] %s", E802.code, msg)
        return
    if isinstance(src, FeedSource):
        summary.errors += src.item_errors
        src.item_errors.clear()
    fresh: list[Article] = []
    failures: list[Failure] = []
    hashes: set[str] = set()
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
            if item.source.startswith(("http://", "https://")):
                seen.add(item.source, None)  # a page without an article: not fetched again
            continue
        digest = content_hash(item.text)
        url = item.url or item.source_path or item.id
        if digest in hashes or seen.has_hash(digest) or (item.url and seen.has_url(item.url)):
            summary.duplicates += 1
            seen.add(url, digest)
            continue
        hashes.add(digest)
        fresh.append(item)
    results = run(fresh) if fresh else []
    counts = writer.write([*results, *failures])
    for art in fresh:  # marked only once stored
        seen.add(art.url or art.source_path or art.id, content_hash(art.text))
    summary.articles += counts.articles
    summary.events += counts.events
    summary.failures += counts.failures

