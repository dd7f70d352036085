"""Helpers of the browser tests (a module of its own: conftest modules are not importable by name)."""
from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def open_view(pg, route: str, name: str | None = None):  # type: ignore[no-untyped-def]
    """Load ``#route``, wait for the view to finish rendering, optionally save a screenshot."""
    pg.goto(f"{pg.base}/#{route}")
    pg.wait_for_selector("#view[data-ready]")
    if name:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    return pg
