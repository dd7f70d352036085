"""The store: DuckDB schema and migrations, the batch writer, queries and exports.

Interface: ``connect(path)`` opens (creating or migrating) a database;
``StoreWriter(con).write(batch)`` stores extractions and failures in one
transaction; ``find_events(con, EventFilter(...))``; ``export(con, fmt, out)``.
"""
from __future__ import annotations

from veille.store.export import EXPORTERS, export, register_exporter
from veille.store.queries import EventFilter, find_events
from veille.store.schema import SCHEMA_VERSION, connect, migrate, schema_version
from veille.store.writer import StoreWriter
from veille.store import gdelt, plover  # noqa: E402,F401  (register the gdelt, gdelt-mentions, plover exports)

__all__ = ["EXPORTERS", "EventFilter", "SCHEMA_VERSION", "StoreWriter", "connect", "export",
           "find_events", "migrate", "register_exporter", "schema_version"]
