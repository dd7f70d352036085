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


PARALLELS = "kb/cameo_parallels.yaml"
PARALLEL_KINDS = ("intent", "threat", "refusal", "demand")


@lru_cache(maxsize=1)
def cameo_parallels() -> dict[str, dict[str, str]]:
    """CAMEO's intent (03), threat (13), refusal (12) and demand (10) codes of acts, validated against the table."""
    import yaml

    data = yaml.safe_load(resources.files("veille").joinpath(PARALLELS).read_text(encoding="utf-8"))
    table = cameo_table()
    out: dict[str, dict[str, str]] = {}
    for kind in PARALLEL_KINDS:
        mapping = data.get(kind) if isinstance(data, dict) else None
        if not isinstance(mapping, dict):
            raise VeilleError(E401, path=PARALLELS, line=0, detail=f"missing mapping {kind!r}")
        for act, code in mapping.items():
            if str(act) not in table or str(code) not in table:
                raise VeilleError(E401, path=PARALLELS, line=0,
                                  detail=f"{kind}: {act!r} -> {code!r} names a code missing from {TABLE}")
        out[kind] = {str(k): str(v) for k, v in mapping.items()}
    return out


def parallel_code(code: str, kind: str) -> str | None:
    """The code of ``code`` intended / threatened / refused / demanded (``kind``), most specific first:
    the code itself, its three-digit parent, its root ("0871" → "087" → "08"); None when
    CAMEO has no such parallel."""
    mapping = cameo_parallels()[kind]
    for key in (code, code[:3], code[:2]):
        if key in mapping:
            return mapping[key]
    return None
