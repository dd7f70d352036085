"""Who may talk to the server, and who may write through it.

The server listens on loopback, but any web page the user opens can send requests
there: a cross-site ``POST`` of ``text/plain`` needs no preflight, and DNS
rebinding makes a foreign name resolve to 127.0.0.1. Two checks close that:

- **Host.** Every request must name an allowed host (loopback names, the address
  the server is bound to, and ``api.allowed_hosts``); a rebound name is refused
  (E705).
- **Writes** (``POST``, ``PUT``, ``PATCH``, ``DELETE``) need the server's token, as
  ``Authorization: Bearer TOKEN`` or ``X-Veille-Token: TOKEN``, or must come from the
  server's own page (an ``Origin`` equal to the requested origin, which browsers
  set and pages cannot forge). Anything else is refused (E706).

The token is ``api.token`` when configured, else one made at start and written
beside the store as ``DB.token``, readable by its owner only, where the CLI and
scripts read it. CORS stays off: no ``Access-Control-Allow-*`` header is ever sent.
"""
from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from veille.errors import E705, E706, VeilleError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TOKEN_HEADER = "x-veille-token"


def token_path(db: str | os.PathLike[str]) -> Path:
    """Where the token of the server over ``db`` is kept: beside the store."""
    return Path(f"{os.fspath(db)}.token")


def read_token(db: str | os.PathLike[str]) -> str | None:
    """The token a running server over ``db`` wrote, or None."""
    try:
        return token_path(db).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def new_token() -> str:
    """A fresh unguessable token."""
    return secrets.token_urlsafe(32)


def server_token(db: str | os.PathLike[str], configured: str | None) -> str:
    """The configured token, else the one beside the store, else a new one written there
    (mode 0600). A store in a folder that cannot be written keeps the token in memory."""
    if configured:
        return configured
    existing = read_token(db)
    if existing:
        return existing
    token = new_token()
    path = token_path(db)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(token + "\n")
        os.chmod(path, 0o600)
    except OSError:
        pass
    return token


def host_name(host_header: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:80' -> '::1', 'Example.org' -> 'example.org'."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class RequestGuard:
    """ASGI middleware: the Host check on every request, the token or same-origin check
    on writes (see the module docstring)."""

    def __init__(self, app: ASGIApp, token: str, allowed_hosts: Iterable[str] = ()) -> None:
        self.app, self.token = app, token
        self.hosts = LOOPBACK_HOSTS | {host_name(h) for h in allowed_hosts if h}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            await _refuse(VeilleError(E705, host=host or "(none)"), 421, scope, receive, send)
            return
        if scope["method"] in UNSAFE_METHODS and not self._may_write(headers, scope):
            await _refuse(VeilleError(E706), 403, scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _may_write(self, headers: dict[str, str], scope: Scope) -> bool:
        given = headers.get(TOKEN_HEADER, "")
        auth = headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            given = given or auth[7:].strip()
        if given and hmac.compare_digest(given.encode(), self.token.encode()):
            return True
        origin = headers.get("origin")
        if not origin or origin == "null":
            return False
        parts = urlsplit(origin)
        scheme = scope.get("scheme", "http")
        return parts.scheme == scheme and parts.netloc.lower() == headers.get("host", "").lower() \
            and headers.get("sec-fetch-site", "same-origin") == "same-origin"


async def _refuse(exc: VeilleError, status: int, scope: Scope, receive: Receive, send: Send) -> None:
    from fastapi.responses import JSONResponse

    body = {"error": {"code": exc.code, "message": exc.message, "hint": exc.hint}}
    await JSONResponse(body, status_code=status)(scope, receive, send)
