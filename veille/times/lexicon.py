"""Per-language time vocabulary and rules: ``veille/lang/<lang>/times.yaml``, validated on load."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from veille.errors import E401, VeilleError
from veille.lang import data_file

NORMS = {"date", "dayword", "part", "refday", "frame", "weekday", "weekday_set", "relunit",
         "vague_duration", "ago", "decade", "century", "quarter", "year", "holiday", "season",
         "clock", "duration", "setword", "anaphor", "refword", "period"}
TYPES = {"DATE", "TIME", "DURATION", "SET"}
UNIT_CODES = {"Y", "M", "W", "D", "H", "MIN", "S", "DE", "CE", "Q", "HALF", "WE"}
DICTS: dict[str, type | tuple[type, ...]] = {
    "months": int, "weekdays": int, "numbers": (int, float), "ordinals": int, "units": str,
    "parts_of_day": str, "seasons": str, "holidays": str, "day_words": int, "ref_days": int,
    "relatives": int, "mods": str, "quantity_mods": str, "ref_words": str, "set_words": str,
    "tz_words": str, "period_words": str,
}
LISTS = ("anaphors", "reporting_verbs", "meeting_nouns", "context_cues")
PLACEHOLDERS = {"MONTH": "months", "WEEKDAY": "weekdays", "NUM": "numbers", "UNIT": "units",
                "PART": "parts_of_day", "SEASON": "seasons", "HOLIDAY": "holidays",
                "ORD": "ordinals", "DAYWORD": "day_words", "REFDAY": "ref_days",
                "REL": "relatives", "MOD": "mods", "QMOD": "quantity_mods", "REFWORD": "ref_words",
                "ANAPHOR": "anaphors", "SETWORD": "set_words", "TZ": "tz_words",
                "PERIOD": "period_words"}


@dataclass(frozen=True)
class Rule:
    id: str
    norm: str
    type: str
    regex: re.Pattern[str]
    event_anchor: bool = True


@dataclass
class Lexicon:
    """The vocabulary (lower-cased keys) and compiled rules of one language."""

    lang: str
    path: str
    words: dict[str, dict[str, Any]]
    lists: dict[str, list[str]]
    ref_type: str
    rules: list[Rule] = field(default_factory=list)

    def get(self, kind: str, word: str | None) -> Any:
        """Look a matched word up in dictionary ``kind`` (case and spacing folded)."""
        if word is None:
            return None
        return self.words[kind].get(fold(word))


def fold(word: str) -> str:
    """Lower-case, straight apostrophes, single spaces: the key form of a vocabulary word."""
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).strip()


def _alternation(words: list[str]) -> str:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        esc = re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+")
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return 0


def _fail(path: str, text: str, needle: str, detail: str) -> VeilleError:
    return VeilleError(E401, path=path, line=_line_of(text, needle), detail=detail)


def parse_lexicon(text: str, path: str) -> Lexicon:
    """Validate a times.yaml document and compile its rules (E401 on any schema error)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise VeilleError(E401, path=path, line=getattr(getattr(exc, "problem_mark", None), "line", 0),
                          detail=str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("lang"), str):
        raise _fail(path, text, "lang:", "top level must be a mapping with a 'lang' string")
    words: dict[str, dict[str, Any]] = {}
    for kind, vtype in DICTS.items():
        table = data.get(kind, {}) or {}
        if not isinstance(table, dict):
            raise _fail(path, text, f"{kind}:", f"'{kind}' must be a mapping")
        for key, value in table.items():
            if not isinstance(value, vtype) or isinstance(value, bool):
                raise _fail(path, text, str(key), f"{kind}[{key!r}] must be {vtype}, got {value!r}")
        words[kind] = {fold(str(k)): v for k, v in table.items()}
    for key, code in words["units"].items():
        if code not in UNIT_CODES:
            raise _fail(path, text, key, f"unknown unit code {code!r} for {key!r}")
    lists: dict[str, list[str]] = {}
    for kind in LISTS:
        items = data.get(kind, []) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise _fail(path, text, f"{kind}:", f"'{kind}' must be a list of strings")
        lists[kind] = [fold(i) for i in items]
    ref_type = data.get("ref_type", "DATE")
    if ref_type not in ("DATE", "TIME"):
        raise _fail(path, text, "ref_type", "ref_type must be DATE or TIME")
    subst = {name: _alternation(list(words[kind]) if kind in words else lists[kind])
             for name, kind in PLACEHOLDERS.items()}
    subst["NUM"] = r"(?:\d+(?:[.,]\d+)?|" + subst["NUM"][3:]
    rules = []
    for entry in data.get("rules", []) or []:
        rid = entry.get("id") if isinstance(entry, dict) else None
        if not rid or entry.get("norm") not in NORMS or entry.get("type", "DATE") not in TYPES:
            raise _fail(path, text, str(rid or "rules"), f"bad rule {entry!r}: needs id, norm in {sorted(NORMS)}")
        try:
            pattern = entry["pattern"].format(**subst)
            regex = re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE)
        except (KeyError, IndexError, re.error, AttributeError) as exc:
            raise _fail(path, text, rid, f"rule {rid}: bad pattern ({exc})") from exc
        rules.append(Rule(rid, entry["norm"], entry.get("type", "DATE"), regex,
                          bool(entry.get("event_anchor", True))))
    return Lexicon(lang=data["lang"], path=path, words=words, lists=lists, ref_type=ref_type, rules=rules)


@lru_cache(maxsize=8)
def load_lexicon(lang: str) -> Lexicon:
    """The validated time lexicon of ``lang`` (cached)."""
    res = data_file(lang, "times.yaml")
    return parse_lexicon(res.read_text(encoding="utf-8"), str(res))
