"""Read a DuckDB store in tests: the rows of one query, on a read-only connection
closed at once (so the code under test can open the file again)."""
from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: str | Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    """The rows ``sql`` returns from the database file ``db``."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
