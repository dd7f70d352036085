"""The CAMEO ontology as data: code → name, Goldstein, QuadClass, PLOVER event/mode/context."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from veille.errors import E401, VeilleError

TABLE = "kb/cameo.tsv"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code of ``veille/kb/cameo.tsv``, validated."""
    text = resources.files("veille").joinpath(TABLE).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out: dict[str, CameoCode] = {}
    offset = len(text.splitlines()) - len(lines)
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=offset + 2):
        code = row["code"]
        try:
            if not (code.isdigit() and 2 <= len(code) <= 4):
                raise ValueError(f"bad code {code!r}")
            quad = int(row["quadclass"])
            if quad not in (1, 2, 3, 4):
                raise ValueError(f"bad quadclass {quad}")
            out[code] = CameoCode(code, row["name"], float(row["goldstein"]), quad,
                                  row["plover_event"] or None, row["plover_mode"] or None,
                                  row["plover_context"] or None)
        except (ValueError, KeyError, TypeError) as exc:
            raise VeilleError(E401, path=TABLE, line=n, detail=str(exc)) from exc
    return out


def lookup(code: str) -> CameoCode:
    """The entry for ``code`` (KeyError for an unknown code)."""
    return cameo_table()[code]


def is_code(code: str) -> bool:
    return code in cameo_table()
