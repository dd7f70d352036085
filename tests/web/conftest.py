"""Browser fixtures: the app on a free loopback port over the seed-like store, and Debian's chromium
driven by Playwright (no browser download). Without /usr/bin/chromium the tests fail, unless
VEILLE_NO_BROWSER=1 says to skip them (for machines that cannot install it)."""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
import seed_data  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from veille.api import create_app

    db = seed_data.build_db(tmp_path_factory.mktemp("web") / "web.duckdb")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, extractor=seed_data.fake_extractor),
                                       host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("VEILLE_NO_BROWSER") == "1":
            pytest.skip("VEILLE_NO_BROWSER=1: browser tests not run (no /usr/bin/chromium)")
        pytest.fail("/usr/bin/chromium is missing: install Debian's chromium (apt-get install -y chromium) "
                    "or set VEILLE_NO_BROWSER=1 to skip the browser tests explicitly", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    """A page whose console errors, page errors and failed requests fail the test."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    pg.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    pg.on("request", lambda r: problems.append(f"off-site request: {r.url}")
          if not r.url.startswith(server) and not r.url.startswith("data:") else None)
    pg.base = server  # type: ignore[attr-defined]
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    ctx.close()
    assert problems == []
