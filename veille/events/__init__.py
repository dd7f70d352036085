"""Events: who did what to whom, coded in CAMEO and PLOVER (issue 6).

Interface: ``code_events(analysis) -> list[Event]``.
"""
from __future__ import annotations

from veille.analysis import Analysis
from veille.records import Event


def code_events(analysis: Analysis) -> list[Event]:
    """Coded events of one analysed article, mentions merged."""
    return []
