"""A feed server on 127.0.0.1 (http.server in a thread) with good, slow, broken and duplicate items."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>Accueil | Monde | Politique</nav><article><h1>{title}</h1>
<p>{body}</p><p>Les deux délégations doivent se retrouver à nouveau dans les prochaines semaines pour poursuivre les discussions.</p>
</article><footer>Tous droits réservés</footer></body></html>"""

ARTICLES = {
    "/a1.html": ("Macron reçoit Scholz", "Emmanuel Macron a reçu Olaf Scholz lundi à Paris pour préparer le sommet européen."),
    "/a2.html": ("Blinken à Pékin", "Antony Blinken a rencontré vendredi à Pékin le ministre chinois des Affaires étrangères."),
}


@dataclass
class FeedState:
    """What the server serves and what it was asked."""

    slow_seconds: float = 2.0
    broken: bool = True
    hits: dict[str, int] = field(default_factory=dict)
    conditional_304: int = 0

    def feed(self, base: str) -> str:
        items = ["/a1.html", "/slow.html", "/a2.html", "/broken.html", "/invalid.html", "/a1.html", "/copy.html"]
        body = "".join(f"<item><title>item {i}</title><link>{base}{p}</link>"
                       f"<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>" for i, p in enumerate(items))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test</title>'
                f"<link>{base}/</link><description>test</description>{body}</channel></rss>")


def _handler(state: FeedState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, code: int, body: str, ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path
            state.hits[path] = state.hits.get(path, 0) + 1
            base = f"http://{self.headers['Host']}"
            if path == "/feed.xml":
                etag = '"v1"'
                if self.headers.get("If-None-Match") == etag:
                    state.conditional_304 += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(200, state.feed(base), "application/rss+xml", {"ETag": etag})
            elif path in ARTICLES:
                self._send(200, PAGE.format(title=ARTICLES[path][0], body=ARTICLES[path][1]))
            elif path == "/copy.html":  # the same article under another URL
                self._send(200, PAGE.format(title=ARTICLES["/a2.html"][0], body=ARTICLES["/a2.html"][1]))
            elif path == "/slow.html":
                time.sleep(state.slow_seconds)
                self._send(200, PAGE.format(title="Lent", body="Le Premier ministre a rencontré les syndicats "
                                                               "mardi à Matignon pour discuter des retraites."))
            elif path == "/broken.html":
                if state.broken:
                    self._send(500, "oops")
                else:
                    self._send(200, PAGE.format(title="Réparé", body="Le président a reçu mercredi les "
                                                                    "représentants des agriculteurs à l'Élysée."))
            elif path == "/invalid.html":
                self._send(200, "<html><body><div><p>menu</p><<<</div></bdy")
            else:
                self._send(404, "not found")
    return Handler


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """The base URL of a server on 127.0.0.1 running ``handler`` in threads, while in use."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # a handler that never ends (the drip) does not hold the shutdown
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def feed_server() -> Iterator[tuple[str, FeedState]]:
    """(base URL, state) of a running local feed server."""
    state = FeedState()
    with serving(_handler(state)) as base:
        yield base, state


@dataclass
class HostileState:
    """What the hostile server was asked."""

    hits: dict[str, int] = field(default_factory=dict)


def _hostile_handler(state: HostileState) -> type[BaseHTTPRequestHandler]:
    import gzip

    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB on the wire, 50 MB expanded

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            port = self.server.server_address[1]
            try:
                if self.path == "/drip":  # a byte every 0.2 s, for ever
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    while True:
                        self.wfile.write(b"<")
                        self.wfile.flush()
                        time.sleep(0.2)
                elif self.path == "/bomb":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(bomb)))
                    self.end_headers()
                    self.wfile.write(bomb)
                elif self.path == "/to-loopback":  # a redirect to another loopback name
                    self._redirect(f"http://localhost:{port}/page")
                elif self.path == "/to-file":
                    self._redirect("file:///etc/passwd")
                elif self.path == "/to-self":
                    self._redirect("/page")
                elif self.path == "/page":
                    body = b"<html><body><p>ok</p></body></html>"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == "/busy":
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def _redirect(self, where: str) -> None:
            self.send_response(302)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def hostile_server() -> Iterator[tuple[str, HostileState]]:
    """(base URL, state) of a local server that drips, bombs and redirects."""
    state = HostileState()
    with serving(_hostile_handler(state)) as base:
        yield base, state
