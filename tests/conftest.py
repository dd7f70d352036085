"""Shared test helpers: ``tests/`` on the import path for modules such as ``db_rows``, and
``tools/`` for the tests of the offline builders (never imported by the package)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tools"))
