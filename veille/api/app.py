"""The REST API and the web page (FastAPI): thin routes over ``veille.api.queries``.

Concurrency: the app holds one DuckDB connection to the database file and gives each
request its own cursor (``con.cursor()``: a separate connection to the same database
instance). DuckDB's MVCC lets those readers run in parallel and see a consistent
snapshot while ``POST /ingest`` writes a batch in its own transaction; writes are
serialised by a lock (one writer, as DuckDB wants). Per-request read-only
connections would not work here: DuckDB lets one process hold a file either
read-write or read-only, not both. Run one server process per database file
(``--read-only`` lets several servers share a file that nothing writes).
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veille import __version__
from veille.api import queries as Q
from veille.config import Config, default_config
from veille.api.guard import RequestGuard, new_token, server_token
from veille.errors import E105, E302, E306, E701, E702, E703, E704, VeilleError, one_line
from veille.records import Article, Extraction, Failure

Extractor = Callable[[list[Article]], list["Extraction | Failure"]]
Modality = Literal["asserted", "future", "hypothetical", "negated"]
WEB = resources.files("veille") / "web"

MAX_OFFSET = 2**31 - 1  # beyond any store; larger values would overflow DuckDB's BIGINT

_STATUS = {"E701": 413, "E702": 404, "E703": 422, "E103": 413, "E106": 422, "E303": 404}


def http_status(code: str) -> int:
    """HTTP status of a catalogue code."""
    if code in _STATUS:
        return _STATUS[code]
    return {"1": 400, "3": 503, "6": 400, "7": 400}.get(code[1:2], 500)


def error_response(code: str, message: str, hint: str = "", status: int | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "hint": hint}},
                        status_code=status or http_status(code))


def veille_error_response(exc: VeilleError) -> JSONResponse:
    return error_response(exc.code, exc.message, exc.hint)


# ---------------------------------------------------------------- store access

class Store:
    """One connection to the database; a cursor per request; one writer at a time."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        from veille.store import connect

        self.path, self.read_only = str(path), read_only
        self.con = connect(self.path, read_only=read_only, create=not read_only)
        self._cursor_lock = threading.Lock()
        self._write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cursor_lock:
            cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def write(self, items: list[Extraction | Failure]) -> Any:
        """Store a batch in one transaction (E302 on a read-only server)."""
        from veille.store import StoreWriter

        if self.read_only:
            raise VeilleError(E302, path=self.path, detail="the server was started with --read-only")
        with self._write_lock, self.reader() as cur:
            return StoreWriter(cur, self.path).write(items)

    def close(self) -> None:
        self.con.close()


def default_extractor(config: Config) -> Extractor:
    """Run ``veille.pipeline.extract_many`` (one request at a time: spaCy models are shared)."""
    lock = threading.Lock()

    def run(articles: list[Article]) -> list[Extraction | Failure]:
        from veille.pipeline import extract_many

        with lock:
            return list(extract_many(articles, config))
    return run


# ---------------------------------------------------------------- request size limit

class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (E701, 413), declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(int(declared), scope, receive, send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.limit:
                await self._refuse(size, scope, receive, send)
                return
        body, replayed = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, size: int, scope: Scope, receive: Receive, send: Send) -> None:
        exc = VeilleError(E701, size=size, limit=self.limit)
        await veille_error_response(exc)(scope, receive, send)


# ---------------------------------------------------------------- input parsing

ARTICLE_FIELDS = ("text", "language", "date", "id", "title", "outlet", "url")


def parse_when(value: str | None, tz: str) -> datetime | None:
    """An ISO date or datetime from a request (E703 if malformed); dates get midnight in ``tz``."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            return datetime.combine(date.fromisoformat(value), time(0), tzinfo=ZoneInfo(tz))
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise VeilleError(E703, name="date", detail=f"not an ISO date: {value!r}") from exc
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(tz))


def article_from_fields(fields: dict[str, Any], config: Config, filename: str | None = None,
                        raw: bytes | None = None) -> list[Article]:
    """Articles from one request item: a text (dispatch header allowed) or an uploaded file."""
    from veille.read import parse_dispatch

    lang = fields.get("language") or config.read.default_language
    suffix = Path(filename or "").suffix.lower()
    if raw is not None and suffix not in ("", ".txt", ".text"):
        return _read_upload(raw, filename or "upload", fields, config)
    text = fields.get("text")
    if raw is not None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise VeilleError(E105, path=filename or "upload", detail=str(exc)) from exc
    if not isinstance(text, str) or not text.strip():
        raise VeilleError(E703, name="text", detail="give a non-empty 'text' or upload a file")
    art = parse_dispatch(text, source_path=filename, article_id=fields.get("id") or None,
                         tz=config.read.timezone, language=lang or _detect(text, config) or "fr")
    return [_override(art, fields, config)]


def _override(art: Article, fields: dict[str, Any], config: Config) -> Article:
    if fields.get("date"):
        art.published = parse_when(str(fields["date"]), config.read.timezone)
    for key in ("title", "outlet", "url"):
        if fields.get(key):
            setattr(art, key, str(fields[key]))
    return art


def _detect(text: str, config: Config) -> str | None:
    from veille.read.detect import identify_language

    return identify_language(text, config)


def _read_upload(raw: bytes, filename: str, fields: dict[str, Any], config: Config) -> list[Article]:
    """HTML, JSONL and WARC uploads go through the file readers of ``veille.read``."""
    from veille.read import ReadOptions, read_file

    opts = ReadOptions(config=config, lang=fields.get("language") or None)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(filename).name or "upload")
        path.write_bytes(raw)
        items = [_as_uploaded(i, str(path), filename) for i in read_file(path, opts)]
    failures = [i for i in items if isinstance(i, Failure)]
    articles = [_override(a, fields, config) for a in items if isinstance(a, Article)]
    if not articles and failures:
        f = failures[0]
        raise VeilleError(E703, name="file", detail=f"[{f.code}] {f.message}")
    return articles


def _as_uploaded(item: Article | Failure, tmp_path: str, filename: str) -> Article | Failure:
    """Name an uploaded file by its name, not by the temporary path it was read from."""
    if isinstance(item, Article) and item.source_path:
        item.source_path = item.source_path.replace(tmp_path, filename)
    elif isinstance(item, Failure):
        item.source = item.source.replace(tmp_path, filename)
        item.message = item.message.replace(tmp_path, filename)
    return item


async def articles_from_request(request: Request, config: Config) -> list[Article]:
    """JSON (one object, a list, or {"articles": [...]}), text/plain, or multipart files."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not files:
            return article_from_fields(fields, config)
        out: list[Article] = []
        for upload in files:
            out += article_from_fields(fields, config, upload.filename, await upload.read())
        return out
    body = await request.body()
    if ctype in ("text/plain", ""):
        params = dict(request.query_params)
        return article_from_fields({**params, "text": body.decode("utf-8", "replace")}, config)
    try:
        data = json.loads(body or b"null")
    except ValueError as exc:  # JSONDecodeError, and bytes that are not UTF-8
        raise VeilleError(E703, name="body", detail=f"invalid JSON: {exc}") from exc
    except RecursionError as exc:
        raise VeilleError(E703, name="body", detail="invalid JSON: nested too deeply") from exc
    items = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else None
    if not items or not all(isinstance(i, dict) for i in items):
        raise VeilleError(E703, name="body", detail="expected an object with 'text', a list of them, "
                                                    "or {\"articles\": [...]}")
    out = []
    for item in items:
        out += article_from_fields({k: item.get(k) for k in ARTICLE_FIELDS}, config)
    return out


_BODY_DOC = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"oneOf": [
        {"$ref": "#/components/schemas/ArticleIn"},
        {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
        {"type": "object", "properties": {"articles": {"type": "array",
                                                        "items": {"$ref": "#/components/schemas/ArticleIn"}}}}]}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
        **{k: {"type": "string"} for k in ARTICLE_FIELDS}}}},
    "text/plain": {"schema": {"type": "string"}}}}}


# ---------------------------------------------------------------- the app

def create_app(db: str | Path, *, config: Config | None = None, read_only: bool = False,
               extractor: Extractor | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The API and web page over the database ``db`` (created if missing unless read-only).

    Requests must name a loopback host, one of ``allowed_hosts`` (the address the server
    is bound to) or of ``api.allowed_hosts``; writes need ``app.state.token`` or the
    server's own page as origin (``veille.api.guard``).
    """
    config = config or default_config()
    api = config.api
    store = Store(db, read_only=read_only)
    extract_fn = extractor or default_extractor(config)
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="veille", version=__version__, lifespan=lifespan,
                  description="Political events extracted from news: who did what to whom, when, where, "
                              "according to whom. Errors are JSON: {\"error\": {\"code\", \"message\", \"hint\"}}.")
    app.state.store = store
    app.state.token = server_token(db, api.token) if not read_only else (api.token or "")
    app.add_middleware(BodyLimit, limit=api.max_request_bytes)
    # added last, so it runs first: nothing is read from a request that is refused
    app.add_middleware(RequestGuard, token=app.state.token or new_token(),
                       allowed_hosts=[*api.allowed_hosts, *(allowed_hosts or ())])

    @app.exception_handler(VeilleError)
    async def _veille_error(request: Request, exc: VeilleError) -> JSONResponse:
        return veille_error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        name = ".".join(str(p) for p in errs[0]["loc"][1:]) if errs else "?"
        return veille_error_response(VeilleError(E703, name=name or "?", detail=errs[0]["msg"] if errs else ""))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return veille_error_response(VeilleError(E702, what=f"path {request.url.path}"))
        return error_response(E703.code, str(exc.detail), "", status=exc.status_code)

    @app.exception_handler(duckdb.Error)
    async def _store_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        detail = one_line(exc)
        return veille_error_response(VeilleError(E306, path=store.path, detail=detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        msg = E704.template.format(detail=f"{request.url.path}: {type(exc).__name__}: {exc}")
        return error_response(E704.code, msg, E704.hint, status=500)

    def reader() -> Iterator[duckdb.DuckDBPyConnection]:
        with store.reader() as cur:
            yield cur

    Cur = Depends(reader)
    Limit = Query(api.page_size, ge=1, le=api.max_page_size, description="page size")
    Offset = Query(0, ge=0, le=MAX_OFFSET)

    # ------------------------------------------------------------ web page
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(WEB / "index.html"))

    static = WEB / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=str(static)), name="static")

    # ------------------------------------------------------------ read endpoints
    @app.get("/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "read_only": store.read_only}

    @app.get("/stats", tags=["meta"])
    def get_stats(con: duckdb.DuckDBPyConnection = Cur) -> dict[str, Any]:
        """Counts and distributions of the store."""
        return Q.stats(con)

    @app.get("/articles", tags=["articles"])
    def list_articles(outlet: str | None = None, date_from: date | None = None, date_to: date | None = None,
                      q: str | None = Query(None, max_length=500, description="text in title or body"),
                      language: str | None = None, limit: int = Limit, offset: int = Offset,
                      con: duckdb.DuckDBPyConnection = Cur) -> dict[str, Any]:
        """Articles, newest first; filters on outlet, publication date range and text."""
        total, items = Q.find_articles(con, outlet=outlet, date_from=date_from, date_to=date_to, q=q,
                                       language=language, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/articles/{article_id}", tags=["articles"])
    def article(article_id: str, con: duckdb.DuckDBPyConnection = Cur) -> dict[str, Any]:
        """One article with its body, events, actors, quotes, times and places."""
        return Q.get_article(con, article_id)

    @app.get("/events", tags=["events"])
    def events(source: str | None = Query(None, description="source actor code prefix: RUS, RUSGOV"),
               target: str | None = Query(None, description="target actor code prefix"),
               actor: str | None = Query(None, description="actor code prefix on either side"),
               source_country: str | None = None, target_country: str | None = None,
               cameo: str | None = Query(None, pattern=r"^\d{1,4}$", description="CAMEO code prefix"),
               root: str | None = Query(None, pattern=r"^\d{1,2}$"),
               plover: str | None = Query(None, max_length=40),
               quad: list[int] = Query([], description="QuadClass 1-4 (repeatable)"),
               modality: list[Modality] = Query([], description="repeatable"),
               date_from: date | None = Query(None, description="event date >= (publication date if none)"),
               date_to: date | None = None, published_from: date | None = None,
               published_to: date | None = None,
               attribution: str | None = Query(None, description="attributed to a code prefix: PRKMED"),
               attributed: bool | None = Query(None, description="true: reported speech; false: the outlet's own"),
               q: str | None = Query(None, max_length=500, description="text in the sentence or trigger"),
               article_id: str | None = None,
               dyad: list[str] = Query([], description="two actor code prefixes (repeat the parameter): "
                                                       "events between them, either direction"),
               sort: str = Query("date", description="date, published, goldstein, cameo, mentions; "
                                                     "'-' prefix for descending"),
               format: Literal["json", "csv", "jsonl"] = "json",
               limit: int = Limit, offset: int = Offset,
               con: duckdb.DuckDBPyConnection = Cur) -> Any:
        """Events matching every given filter; JSON page, or CSV / JSONL rows."""
        if any(v not in (1, 2, 3, 4) for v in quad):
            raise VeilleError(E703, name="quad", detail="1, 2, 3 or 4")
        if dyad and len(dyad) != 2:
            raise VeilleError(E703, name="dyad", detail="give exactly two actors: dyad=RUS&dyad=PRK")
        f = Q.EventQuery(source=source, target=target, actor=actor, source_country=source_country,
                         target_country=target_country, cameo=cameo, root=root, plover=plover, quad=quad,
                         modality=list(modality), date_from=date_from, date_to=date_to,
                         published_from=published_from, published_to=published_to, attribution=attribution,
                         attributed=attributed, q=q, article_id=article_id,
                         dyad=(dyad[0], dyad[1]) if dyad else None, sort=sort, limit=limit,
                         offset=offset)
        total, items = Q.find_events(con, f)
        headers = {"X-Total-Count": str(total)}
        if format == "jsonl":
            body = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
            return Response(body, media_type="application/x-ndjson", headers=headers)
        if format == "csv":
            buf = io.StringIO()
            rows = [Q.flat_event(i) for i in items]
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["id"])
            writer.writeheader()
            writer.writerows(rows)
            return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/dyads/{a}/{b}/timeline", tags=["relations"])
    def timeline(a: str, b: str, interval: Literal["day", "week", "month", "year"] = "month",
                 date_from: date | None = None, date_to: date | None = None,
                 modality: list[Modality] = Query([]),
                 con: duckdb.DuckDBPyConnection = Cur) -> dict[str, Any]:
        """Events between ``a`` and ``b`` (code prefixes), both directions: counts per QuadClass and
        summed Goldstein per interval."""
        return Q.dyad_timeline(con, a, b, interval, date_from, date_to, list(modality))

    @app.get("/actors", tags=["relations"])
    def actors(prefix: str = Query("", max_length=20), limit: int = Query(50, ge=1, le=1000),
               con: duckdb.DuckDBPyConnection = Cur) -> list[dict[str, Any]]:
        """Actor codes seen in events, most frequent first."""
        return Q.actor_codes(con, prefix, limit)

    @app.get("/actors/{code}/network", tags=["relations"])
    def actor_network(code: str, level: Literal["code", "country"] = "code", date_from: date | None = None,
                      date_to: date | None = None, con: duckdb.DuckDBPyConnection = Cur) -> dict[str, Any]:
        """The actors ``code`` interacts with: edge weights (events) and mean Goldstein."""
        return Q.actor_network(con, code, date_from=date_from, date_to=date_to, level=level)

    @app.get("/network", tags=["relations"])
    def full_network(level: Literal["code", "country"] = "country", date_from: date | None = None,
                     date_to: date | None = None, min_weight: int = Query(1, ge=1, le=MAX_OFFSET),
                     modality: list[Modality] = Query([]), limit: int = Query(200, ge=1, le=5000),
                     con: duckdb.DuckDBPyConnection = Cur) -> dict[str, Any]:
        """All interactions in a date range: nodes and directed edges with mean Goldstein."""
        return Q.network(con, date_from=date_from, date_to=date_to, level=level, min_weight=min_weight,
                         modality=list(modality), limit=limit)

    # ------------------------------------------------------------ write endpoints
    @app.post("/extract", tags=["extract"], openapi_extra=_BODY_DOC)
    async def extract(request: Request) -> Any:
        """Extract events from a text or uploaded file; returns the output contract (not stored)."""
        articles = await articles_from_request(request, config)
        results = await run_in_threadpool(extract_fn, articles)
        done = [r.to_dict() for r in results if isinstance(r, Extraction)]
        failed = [r.to_dict() for r in results if isinstance(r, Failure)]
        if len(articles) == 1:
            if failed:
                f = failed[0]
                return error_response(f["code"], f["message"], "", status=http_status(f["code"]))
            return done[0]
        return {"results": done, "failures": failed}

    @app.post("/ingest", tags=["extract"], openapi_extra=_BODY_DOC)
    async def ingest(request: Request) -> Any:
        """Extract and store one or many articles; returns their ids and event counts."""
        articles = await articles_from_request(request, config)
        results = await run_in_threadpool(extract_fn, articles)
        counts = await run_in_threadpool(store.write, results)
        return {"ingested": [{"id": r.article.id, "title": r.article.title, "events": len(r.events)}
                             for r in results if isinstance(r, Extraction)],
                "failures": [r.to_dict() for r in results if isinstance(r, Failure)],
                "counts": vars(counts)}

    _article_schema(app)
    return app


def _article_schema(app: FastAPI) -> None:
    """Add the ``ArticleIn`` schema used by the hand-written request bodies to the OpenAPI document."""
    base = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = base()
        schema.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = {
            "type": "object", "required": ["text"], "properties": {
                "text": {"type": "string", "description": "body (a dispatch header is recognised)"},
                "language": {"type": "string", "enum": ["fr", "en"]},
                "date": {"type": "string", "description": "publication date or datetime (ISO 8601)"},
                "id": {"type": "string"}, "title": {"type": "string"}, "outlet": {"type": "string"},
                "url": {"type": "string"}}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
