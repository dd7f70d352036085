"""Event lexicons per language (``veille/lang/<code>/events.yaml``), loaded and validated.

Format: docs/lexicon.md. Entries are indexed by head lemma so coding is one dict
lookup per token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import yaml

from veille.errors import E401, E402, VeilleError
from veille.events.ontology import cameo_table
from veille.lang import data_file
from veille.syntax.labels import labels_for

FIELDS = {"lemma", "pos", "obj", "xcomp", "source", "target", "symmetric", "id", "note"}
ROLE = re.compile(r"^(?:xcomp\.)?(?:subj|obj|iobj|agent|poss|de|between|mod|none|prep:[\w'’-]+)$")
DEFAULT_ROLES = {
    ("verb", "source"): ("subj",),
    ("verb", "target"): ("obj", "iobj"),
    ("noun", "source"): ("poss", "de", "agent", "mod"),
}


@dataclass(frozen=True)
class LexEntry:
    id: str
    code: str
    head: str
    words: tuple[str, ...]  # words after the head, in order
    pos: str = "verb"
    reflexive: bool = False
    obj: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    source: tuple[str, ...] = ("subj",)
    target: tuple[str, ...] = ("obj", "iobj")
    symmetric: bool = False
    line: int = 0

    @property
    def specificity(self) -> int:
        """Higher for entries with more constraints: they win over bare lemmas."""
        return 4 * len(self.words) + 3 * bool(self.obj) + 3 * bool(self.xcomp) + self.reflexive


@dataclass
class Lexicon:
    language: str
    path: str
    entries: list[LexEntry] = field(default_factory=list)
    by_head: dict[tuple[str, str], list[LexEntry]] = field(default_factory=dict)

    def candidates(self, lemma: str, pos: str) -> list[LexEntry]:
        return self.by_head.get((lemma, pos), [])


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping (for error messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = cast(dict[str, Any], loader.construct_mapping(node, deep=True))
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _roles(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, str):
        raise ValueError(f"{where} must be a role spec string")
    roles = tuple(r.strip() for r in value.split("|") if r.strip())
    for r in roles:
        if not ROLE.match(r):
            raise ValueError(f"bad role {r!r} in {where}")
    return roles


def _words(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a lemma or a list of lemmas")
    return frozenset(v.lower() for v in value)


def parse_entry(raw: dict[str, Any], code: str, lang: str) -> LexEntry:
    """One YAML entry to a LexEntry (ValueError with the reason when invalid)."""
    unknown = set(raw) - FIELDS - {"__line__"}
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}")
    lemma = raw.get("lemma")
    if not isinstance(lemma, str) or not lemma.strip():
        raise ValueError("missing lemma")
    words = lemma.lower().replace("’", "'").split()
    reflexive = False
    if words[0] in ("se", "s'") and len(words) > 1:
        reflexive, words = True, words[1:]
    elif words[0].startswith("s'") and len(words[0]) > 2:
        reflexive, words = True, [words[0][2:]] + words[1:]
    pos = raw.get("pos", "verb")
    if pos not in ("verb", "noun"):
        raise ValueError(f"pos must be verb or noun, not {pos!r}")
    source = _roles(raw["source"], "source") if "source" in raw else DEFAULT_ROLES[(pos, "source")]
    if "target" in raw:
        target = _roles(raw["target"], "target")
    else:
        target = DEFAULT_ROLES[("verb", "target")] if pos == "verb" else labels_for(lang).noun_target_roles
    entry_id = str(raw.get("id") or f"{'-'.join(words)}-{code}")
    return LexEntry(id=entry_id, code=code, head=words[0], words=tuple(words[1:]), pos=pos,
                    reflexive=reflexive, obj=_words(raw["obj"]) if "obj" in raw else frozenset(),
                    xcomp=_words(raw["xcomp"]) if "xcomp" in raw else frozenset(),
                    source=source, target=target, symmetric=bool(raw.get("symmetric", False)),
                    line=int(raw.get("__line__", 0)))


def load_lexicon_file(path: str | Path, lang: str) -> Lexicon:
    """Load and validate one events.yaml; E401 names the file and line of a bad entry."""
    path = Path(path)
    if not path.exists():
        raise VeilleError(E402, path=str(path))
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - safe subclass
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise VeilleError(E401, path=str(path), line=line, detail=str(exc)) from exc
    codes = (data or {}).get("codes")
    if not isinstance(codes, dict):
        raise VeilleError(E401, path=str(path), line=1, detail="top-level 'codes' mapping missing")
    table = cameo_table()
    lex = Lexicon(language=lang, path=str(path))
    seen: set[str] = set()
    for code, entries in codes.items():
        code = str(code)
        if code == "__line__":
            continue
        if code not in table:
            raise VeilleError(E401, path=str(path), line=0, detail=f"unknown CAMEO code {code!r}")
        for raw in entries or []:
            line = raw.get("__line__", 0) if isinstance(raw, dict) else 0
            try:
                if not isinstance(raw, dict):
                    raise ValueError("entry must be a mapping")
                entry = parse_entry(raw, code, lang)
            except (ValueError, KeyError) as exc:
                raise VeilleError(E401, path=str(path), line=line, detail=str(exc)) from exc
            if entry.id in seen:
                entry = LexEntry(**{**entry.__dict__, "id": f"{entry.id}-l{entry.line}"})
            seen.add(entry.id)
            lex.entries.append(entry)
            lex.by_head.setdefault((entry.head, entry.pos), []).append(entry)
    for cands in lex.by_head.values():
        cands.sort(key=lambda e: -e.specificity)
    return lex


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    """The packaged lexicon of ``lang`` (cached per process)."""
    return load_lexicon_file(data_file(lang, "events.yaml"), lang)
