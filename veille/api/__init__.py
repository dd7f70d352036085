"""The REST API (FastAPI) and web page over a store: ``create_app(db)``; ``veille serve``.

``queries`` holds the plain read functions that the API, the web page and
``veille plot`` share; ``app`` the routes, error mapping and request limits.
"""
from __future__ import annotations

from veille.api.app import create_app

__all__ = ["create_app"]
