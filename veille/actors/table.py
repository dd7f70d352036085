"""The mention -> code evaluation table (tests/actors/mentions.tsv), shared by the test
and ``bench/actors_eval.py``."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from veille.records import ActorMention


@dataclass(frozen=True)
class Row:
    lang: str
    date: str
    mention: str
    code: str  # "-" = no actor expected
    sentence: str


def read_table(path: Path) -> list[Row]:
    """Rows of a TSV table (comment lines start with #; a header line names the columns)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Row(r["lang"], r["date"], r["mention"], r["code"], r["sentence"]) for r in reader]


def check_row(row: Row, mentions: list[ActorMention]) -> tuple[bool, str]:
    """A row passes when a mention with the row's text (equal, or one containing the
    other) has its code; for code '-', when no mention overlaps the text."""
    start = row.sentence.find(row.mention)
    end = start + len(row.mention)
    overlapping = [m for m in mentions if m.start < end and start < m.end]
    found = [(m.text, m.code) for m in overlapping]
    if row.code == "-":
        return not overlapping, f"expected no actor for {row.mention!r}, got {found}"
    same = [m for m in overlapping if (start <= m.start and m.end <= end) or (m.start <= start and end <= m.end)]
    ok = any(m.code == row.code for m in same)
    return ok, f"expected {row.code} for {row.mention!r}, got {found}"
