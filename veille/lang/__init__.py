"""Language packs: what veille knows of a language, behind one protocol and a registry.

A pack is a folder ``veille/lang/<code>/``: its data files (``pack.yaml`` with the
facts below, ``events.yaml``, ``roles.yaml``, ``cues.yaml``, ``times.yaml``...) and,
where a language needs a little code (plural and demonym inflection, lemma repairs),
a ``morphology`` module. Stage code asks the pack (``pack_for(code)``) and never tests
a language code itself; adding a language is adding a pack, or registering one
(``register``), as the tests do with a toy Spanish pack.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Protocol, runtime_checkable

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from veille.errors import E401, E402, VeilleError

PACKS_DIR = Path(__file__).resolve().parent
#: The pack used for a document whose language has none (its data is the broadest).
FALLBACK = "en"


class PackFacts(BaseModel):
    """``pack.yaml``: the facts about a language that stage code asks about."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    code: str  # ISO 639-1
    iso639_3: str
    spacy_code: str  # the code of spaCy's blank pipeline whose tokenizer fits the language
    #: noun modifiers come before their head ("army commander") rather than after ("commandant de l'armée")
    noun_modifiers_precede_head: bool = False
    #: a complement clause before its reporting verb is an incise ("..., the minister said")
    preposed_complement_is_incise: bool = False
    #: month names are capitalised ("May"), so a lower-case one is another word ("may")
    month_names_capitalised: bool = False
    #: the particle an infinitive needs after "have"/"need" ("to"); null where none
    infinitive_marker: str | None = None
    #: articles that make a partitive object look like a "de" complement ("du", "des")
    partitive_articles: tuple[str, ...] = ()
    #: auxiliaries whose conditional with a past participle reports hearsay ("aurait cédé")
    hearsay_perfect_auxiliaries: tuple[str, ...] = ()
    #: the ending of present participles the tagger may read as finite verbs ("arrêtant")
    present_participle_suffix: str | None = None
    #: infinitive endings, to tell a verb lemma from a mis-lemmatised form
    infinitive_endings: tuple[str, ...] = ()
    #: a noun with a subject before it and no copula is a verb the tagger misread ("La Croatie enquête")
    noun_with_subject_is_verb: bool = False
    #: a reporting verb set off by a comma may take its subject after it ("..., a protesté une ONG")
    subject_after_reporting_verb: bool = False
    #: a reporting verb in an incise may be tagged without finite morphology ("..., said the minister")
    incise_verb_may_lack_finite_tag: bool = False


@runtime_checkable
class LanguagePack(Protocol):
    """What stages may ask of a language."""

    @property
    def code(self) -> str:
        """ISO 639-1 code."""
        ...

    @property
    def facts(self) -> PackFacts:
        """What ``pack.yaml`` says of the language."""
        ...

    def path(self, name: str) -> Path:
        """A data file of the pack (E402 when the pack has none of that name)."""
        ...

    def plural(self, phrase: str) -> str:
        """The plural of a role phrase ("ministre" → "ministres", "premier ministre" → "premiers ministres")."""
        ...

    def demonym_forms(self, adjective: str) -> list[str]:
        """A demonym's forms from its masculine singular ("russe" → russe, russes)."""
        ...

    def lemma_guesses(self, form: str) -> list[str]:
        """Infinitives guessed from a verb form the tagger lemmatised as a noun or adjective."""
        ...

    def lemma_repairs(self, lemma: str, form: str) -> list[str]:
        """Lemmas a verb may have when the lemmatiser cut it wrongly ("staged" → "stag" → "stage")."""
        ...

    def mood_from_form(self, lemma: str, form: str) -> str | None:
        """A mood or tense feature the tagger missed, read from a regular verb form
        ("accéderaient" → 'Mood=Cnd'), else None."""
        ...

    def infinitive_guesses(self, lemma: str) -> list[str]:
        """The infinitive of a participle the lemmatiser left as it is ("déclarée" → "déclarer")."""
        ...


def _no_guesses(_: str) -> list[str]:
    return []


def _no_repairs(_lemma: str, _form: str) -> list[str]:
    return []


def _no_mood(_lemma: str, _form: str) -> str | None:
    return None


@dataclass(frozen=True)
class FolderPack:
    """A pack read from a folder: ``pack.yaml`` and the other data files, with the
    language's code hooks (a ``morphology`` module, or functions given directly)."""

    folder: Path
    facts: PackFacts
    plural_fn: Callable[[str], str] = field(default=lambda phrase: phrase)
    demonym_fn: Callable[[str], list[str]] = field(default=lambda form: [form])
    guesses_fn: Callable[[str], list[str]] = field(default=_no_guesses)
    repairs_fn: Callable[[str, str], list[str]] = field(default=_no_repairs)
    mood_fn: Callable[[str, str], str | None] = field(default=_no_mood)
    infinitive_fn: Callable[[str], list[str]] = field(default=_no_guesses)

    @property
    def code(self) -> str:
        return self.facts.code

    def path(self, name: str) -> Path:
        found = self.folder / name
        if not found.is_file():
            raise VeilleError(E402, path=str(found))
        return found

    def plural(self, phrase: str) -> str:
        return self.plural_fn(phrase)

    def demonym_forms(self, adjective: str) -> list[str]:
        return self.demonym_fn(adjective)

    def lemma_guesses(self, form: str) -> list[str]:
        return self.guesses_fn(form)

    def lemma_repairs(self, lemma: str, form: str) -> list[str]:
        return self.repairs_fn(lemma, form)

    def mood_from_form(self, lemma: str, form: str) -> str | None:
        return self.mood_fn(lemma, form)

    def infinitive_guesses(self, lemma: str) -> list[str]:
        return self.infinitive_fn(lemma)


def read_facts(path: Path) -> PackFacts:
    """``pack.yaml`` validated (E401 with the file and the field on error)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return PackFacts.model_validate(data)
    except OSError as exc:
        raise VeilleError(E402, path=str(path)) from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise VeilleError(E401, path=str(path), line="?", detail=str(exc).splitlines()[0]) from exc


def load_folder(folder: Path, hooks: ModuleType | None = None) -> FolderPack:
    """A pack from its folder; ``hooks`` is its morphology module (default: the
    package's ``veille.lang.<code>.morphology`` when there is one)."""
    facts = read_facts(folder / "pack.yaml")
    if hooks is None and folder.parent == PACKS_DIR:
        try:
            hooks = importlib.import_module(f"veille.lang.{folder.name}.morphology")
        except ModuleNotFoundError:
            hooks = None
    kwargs = {}
    for attr, name in (("plural_fn", "plural"), ("demonym_fn", "demonym_forms"),
                       ("guesses_fn", "lemma_guesses"), ("repairs_fn", "lemma_repairs"),
                       ("mood_fn", "mood_from_form"), ("infinitive_fn", "infinitive_guesses")):
        fn = getattr(hooks, name, None) if hooks is not None else None
        if fn is not None:
            kwargs[attr] = fn
    return FolderPack(folder=folder, facts=facts, **kwargs)


_REGISTERED: dict[str, LanguagePack] = {}


@lru_cache(maxsize=1)
def _bundled() -> dict[str, LanguagePack]:
    found: dict[str, LanguagePack] = {}
    for folder in sorted(PACKS_DIR.iterdir()):
        if (folder / "pack.yaml").is_file():
            pack = load_folder(folder)
            found[pack.code] = pack
    return found


def register(pack: LanguagePack) -> None:
    """Add (or replace) a pack for this process: a user's language, or a test's toy one."""
    _REGISTERED[pack.code] = pack


def unregister(code: str) -> None:
    """Forget a registered pack (the bundled ones stay)."""
    _REGISTERED.pop(code, None)


def languages() -> list[str]:
    """The codes of every pack, bundled first (in folder order), then registered ones."""
    return list(dict.fromkeys([*_bundled(), *_REGISTERED]))


def has_pack(code: str | None) -> bool:
    return bool(code) and (code in _REGISTERED or code in _bundled())


def pack_for(code: str | None) -> LanguagePack:
    """The pack of ``code``; the fallback pack for a language without one."""
    if code in _REGISTERED:
        return _REGISTERED[code]
    bundled = _bundled()
    return bundled.get(code or "", bundled[FALLBACK])


def pack_code(code: str | None) -> str:
    """``code`` when it has a pack, else the fallback's code."""
    return pack_for(code).code


def data_file(code: str, name: str) -> Path:
    """The data file ``name`` of the pack of ``code`` (E402 when there is no such pack or file)."""
    if not has_pack(code):
        raise VeilleError(E402, path=f"veille/lang/{code}/{name}")
    return pack_for(code).path(name)
