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


def damaged_copy(store: Path, tmp_path: Path) -> Path:
    """A copy of a store whose data blocks are damaged but whose header still opens."""
    import os
    import shutil

    from veille.store import connect

    base = tmp_path / "base.duckdb"
    shutil.copy(store, base)
    con = connect(base)
    con.execute("INSERT INTO articles (id, text) SELECT 'filler' || i, repeat('x', 1000) || i FROM range(3000) t(i)")
    con.execute("CHECKPOINT")
    con.close()
    size = os.path.getsize(base)
    for offset in range(262_144, size, 16_384):
        db = tmp_path / "damaged.duckdb"
        shutil.copy(base, db)
        with open(db, "r+b") as fh:
            fh.seek(offset + 100)
            fh.write(b"\xde" * 64)
        try:
            con = connect(db, read_only=True)
        except Exception:  # noqa: BLE001 - the header block: try another
            continue
        try:
            con.execute("SELECT sum(length(text)) FROM articles").fetchall()
        except Exception:  # noqa: BLE001 - damaged where a query reads: the case we want
            return db
        finally:
            con.close()
    raise AssertionError("could not damage a data block")
