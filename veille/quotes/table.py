"""The speaker test table format (tests/quotes/sentences.tsv) and its check, shared by tests and bench."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from veille.errors import E401, VeilleError
from veille.lang import languages
from veille.records import Quote

COLUMNS = ["lang", "quote", "speaker", "speech", "text", "source"]


@dataclass(frozen=True)
class Case:
    lang: str
    quote: str  # expected quotation prefix, "-" for none
    speaker: str  # words the speaker must contain, "-" for none
    speech: str  # "1", "0" or "*"
    text: str
    source: str
    line: int
    note: str = ""  # "xfail: reason" for a known failure (kept visible, strict in tests)


def load_table(path: str | Path) -> list[Case]:
    """Read the TSV table, validating each row (E401 with its line)."""
    cases: list[Case] = []
    header = False
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if not header:
            if cols != COLUMNS:
                raise VeilleError(E401, path=str(path), line=n, detail=f"header must be {COLUMNS}")
            header = True
            continue
        note = cols.pop() if len(cols) == len(COLUMNS) + 1 else ""
        if len(cols) != len(COLUMNS) or cols[0] not in languages() or cols[3] not in ("0", "1", "*"):
            raise VeilleError(E401, path=str(path), line=n, detail="expected lang, quote, speaker, speech(0|1|*), text, source")
        cases.append(Case(lang=cols[0], quote=cols[1], speaker=cols[2], speech=cols[3], text=cols[4],
                          source=cols[5], line=n, note=note))
    return cases


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("’", "'").lower()
    return " ".join(s.split())


def check_case(case: Case, quotes: list[Quote]) -> tuple[bool, str]:
    """Whether ``quotes`` (of ``case.text``) hold the expected quotation and speaker; a reason if not."""
    if case.quote == "-":
        bad = [q for q in quotes if q.speech and q.speaker is not None]
        return (not bad, "" if not bad else f"unexpected {bad[0].text!r} by {bad[0].speaker.text!r}")  # type: ignore[union-attr]
    want = _norm(case.quote)
    found = [q for q in quotes if _norm(q.text).startswith(want)]
    if not found:
        return False, f"no quotation starting {case.quote!r} in {[q.text[:30] for q in quotes]}"
    for q in found:
        if case.speaker == "-":
            ok_speaker = q.speaker is None
        else:
            names = [_norm(q.speaker.text), _norm(q.speaker.name)] if q.speaker else []
            ok_speaker = any(_norm(case.speaker) in n for n in names if n)
        ok_speech = case.speech == "*" or q.speech == (case.speech == "1")
        if ok_speaker and ok_speech:
            return True, ""
    q = found[0]
    got = (q.speaker.text, q.speaker.name) if q.speaker else None
    return False, f"speaker {got!r} speech {q.speech} (want {case.speaker!r}, {case.speech})"


def speaker_ok(case: Case, quotes: list[Quote]) -> bool:
    """Speaker right, speech flag aside (for the accuracy figure)."""
    return check_case(Case(case.lang, case.quote, case.speaker, "*", case.text, case.source, case.line), quotes)[0]
