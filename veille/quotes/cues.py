"""Reporting cues per language, loaded from ``veille/lang/<lang>/cues.yaml`` and validated."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from veille.errors import E401, E402, VeilleError
from veille.lang import data_file

KINDS = ("verb", "preposition", "noun")
TONES = ("neutral", "evaluative")


@dataclass(frozen=True)
class Cue:
    """One cue entry: a reporting verb, an attribution preposition or a speech noun."""

    lemma: str
    kind: str
    tone: str
    line: int


@dataclass
class CueLexicon:
    """The cues of one language, indexed for a linear pass over a parse."""

    language: str
    path: str
    verbs: dict[str, list[tuple[tuple[str, ...], Cue]]] = field(default_factory=dict)
    prepositions: list[tuple[str, Cue]] = field(default_factory=list)
    nouns: dict[str, Cue] = field(default_factory=dict)
    media: frozenset[str] = frozenset()
    relay: frozenset[str] = frozenset()
    title: frozenset[str] = frozenset()
    detached: tuple[str, ...] = ()
    time_nouns: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + len(self.prepositions) + len(self.nouns)


def _strip_reflexive(lemma: str) -> str:
    for prefix in ("se ", "s'", "s’"):
        if lemma.startswith(prefix):
            return lemma[len(prefix):]
    return lemma


def _words(node: Any, key: str, path: str) -> list[str]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise VeilleError(E401, path=path, line=1, detail=f"{key!r} must be a list of strings")
    return [v.lower() for v in value]


def parse_cues(text: str, path: str) -> CueLexicon:
    """Parse and validate a cues.yaml text (E401 with the line of the first bad entry)."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise VeilleError(E401, path=path, line=(mark.line + 1) if mark else 0, detail=str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise VeilleError(E401, path=path, line=1, detail="top-level 'entries' list missing")
    if not isinstance(data.get("language"), str):
        raise VeilleError(E401, path=path, line=1, detail="top-level 'language' missing")
    lines = {}
    for key_node, value_node in root.value:  # type: ignore[union-attr]
        if key_node.value == "entries":
            lines = {i: item.start_mark.line + 1 for i, item in enumerate(value_node.value)}
    lex = CueLexicon(language=data["language"], path=path, media=frozenset(_words(data, "media", path)),
                     relay=frozenset(_words(data, "relay", path)), title=frozenset(_words(data, "title", path)),
                     detached=tuple(_words(data, "detached", path)),
                     time_nouns=frozenset(_words(data, "time_nouns", path)))
    seen: set[tuple[str, str]] = set()
    for i, item in enumerate(data["entries"]):
        line = lines.get(i, 0)
        if not isinstance(item, dict) or set(item) != {"lemma", "kind", "tone"}:
            raise VeilleError(E401, path=path, line=line, detail="entry needs exactly lemma, kind, tone")
        lemma, kind, tone = item["lemma"], item["kind"], item["tone"]
        if not isinstance(lemma, str) or not lemma.strip():
            raise VeilleError(E401, path=path, line=line, detail="lemma must be a non-empty string")
        if kind not in KINDS:
            raise VeilleError(E401, path=path, line=line, detail=f"kind {kind!r} not in {KINDS}")
        if tone not in TONES:
            raise VeilleError(E401, path=path, line=line, detail=f"tone {tone!r} not in {TONES}")
        lemma = lemma.strip().lower()
        if (lemma, kind) in seen:
            raise VeilleError(E401, path=path, line=line, detail=f"duplicate {kind} {lemma!r}")
        seen.add((lemma, kind))
        cue = Cue(lemma=lemma, kind=kind, tone=tone, line=line)
        if kind == "verb":
            words = tuple(_strip_reflexive(lemma).split())
            lex.verbs.setdefault(words[0], []).append((words[1:], cue))
        elif kind == "preposition":
            lex.prepositions.append((lemma.replace("’", "'"), cue))
        else:
            lex.nouns[lemma] = cue
    for key in lex.verbs:  # longest multiword first
        lex.verbs[key].sort(key=lambda pair: -len(pair[0]))
    lex.prepositions.sort(key=lambda pair: -len(pair[0]))
    return lex


def load_cue_file(path: str | Path) -> CueLexicon:
    """Load a cues.yaml file from a path (E402 when missing)."""
    p = Path(path)
    if not p.is_file():
        raise VeilleError(E402, path=str(p))
    return parse_cues(p.read_text(encoding="utf-8"), str(p))


@lru_cache(maxsize=8)
def load_cues(lang: str) -> CueLexicon:
    """The packaged cue lexicon of ``lang`` (cached per process)."""
    res = data_file(lang, "cues.yaml")
    return parse_cues(res.read_text(encoding="utf-8"), f"veille/lang/{lang}/cues.yaml")
