"""Known-name matching: the index of phrases and the spaCy component that runs before
the parser and the NER (``veille_actors``).

The component finds known names (countries, capitals, seats of power, organisations,
people), role words and demonyms with PhraseMatchers, stores the raw matches on
``doc._.veille_actor_matches`` as ``(key, start, end)`` token offsets, marks tokens
inside multiword matches as not sentence starts (the parser respects it), and sets
known names as entities (the NER keeps preset entities).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from veille.actors.knowledge import Entry, Knowledge, Role, fold, knowledge
from veille.lang import pack_for
from veille.nlp import NOT_START, set_sent_starts
from veille.syntax.labels import labels_for

if not Doc.has_extension("veille_actor_matches"):
    Doc.set_extension("veille_actor_matches", default=None)

KIND_PRIORITY = {"org": 0, "metonym": 1, "country": 2, "capital": 3, "person": 4}


@dataclass(frozen=True)
class NameKey:
    entry: Entry
    via: str  # name | acronym | metonym
    kind: str  # person | org | metonym | country | capital


class PhraseTable:
    """Token-sequence lookup (exact or lowercase): faster to build than a PhraseMatcher
    for tens of thousands of names, and as fast to run on an article."""

    def __init__(self, lower: bool) -> None:
        self.lower = lower  # lowercase and without accents ("Francois" finds "François")
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}

    def add(self, words: tuple[str, ...], key: str) -> None:
        if self.lower:
            words = tuple(fold(w) for w in words)
        self.first.setdefault(words[0], []).append((words, key))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        texts = [fold(t.text) if self.lower else t.text for t in doc]
        out = []
        for i, text in enumerate(texts):
            for words, key in self.first.get(text, ()):
                n = len(words)
                if tuple(texts[i:i + n]) == words:
                    out.append((key, i, i + n))
        return out


_SIMPLE = re.compile(r"^[^\W\d_]+( [^\W\d_]+)*$")


class ActorIndex:
    """Phrase tables over one language's knowledge (built once per language)."""

    def __init__(self, vocab: Vocab, kb: Knowledge, tokenizer) -> None:  # type: ignore[no-untyped-def]
        self.kb = kb
        self.lang = kb.lang
        self.keys: dict[str, NameKey | Role | str] = {}
        self.orth = PhraseTable(lower=False)
        self.lower = PhraseTable(lower=True)
        self.demonym_forms: dict[str, str] = {}
        self._tokenizer = tokenizer
        seen_orth: set[str] = set()
        seen_lower: set[str] = set()

        def add(text: str, key: str, case_insensitive: bool) -> None:
            seen = seen_lower if case_insensitive else seen_orth
            norm = text.lower() if case_insensitive else text
            if norm in seen:
                return
            seen.add(norm)
            (self.lower if case_insensitive else self.orth).add(self.words(text), key)

        entries = sorted(kb.entries.values(), key=lambda e: KIND_PRIORITY.get(e.kind, 5))
        for e in entries:
            kind = e.kind
            via = "metonym" if kind == "metonym" else "name"
            key = f"N|{e.id}|{via}"
            self.keys[key] = NameKey(e, via, kind)
            for name in e.names_for(self.lang):
                add(name, key, kind == "person" and " " in name)
            if e.acronyms:
                akey = f"N|{e.id}|acronym"
                self.keys[akey] = NameKey(e, "acronym", kind)
                for a in e.acronyms:
                    add(a, akey, False)
            if e.capitals:
                ckey = f"N|{e.id}|capital"
                self.keys[ckey] = NameKey(e, "metonym", "capital")
                for c in e.capitals:
                    add(c, ckey, False)
        for role in kb.data.roles:
            rkey = f"R|{role.id}"
            self.keys[rkey] = role
            for w in role.words:
                add(w, rkey, True)
        for dem in kb.data.demonyms:
            dkey = f"D|{dem.code}"
            self.keys[dkey] = dem.code
            for form in dem.forms:
                if form.lower() not in seen_lower:
                    self.demonym_forms[form.lower()] = dem.code
                add(form, dkey, True)
        self._tokenizer = None

    def words(self, text: str) -> tuple[str, ...]:
        if _SIMPLE.match(text):
            return tuple(text.split(" "))
        return tuple(t.text for t in self._tokenizer(text))

    def match(self, doc: Doc) -> list[tuple[str, int, int]]:
        return self.orth(doc) + self.lower(doc)


_INDEXES: dict[tuple[int, str, tuple[str, ...]], ActorIndex] = {}
_ACTIVE_USER_FILES: dict[str, tuple[str, ...]] = {}


def set_user_dictionaries(files: list[str] | tuple[str, ...], lang: str | None = None) -> None:
    """Use these user dictionaries (YAML or PETRARCH .txt) from now on (all or one language)."""
    for code in ([lang] if lang else ["fr", "en", "*"]):
        _ACTIVE_USER_FILES[code] = tuple(files)


def user_dictionaries(lang: str) -> tuple[str, ...]:
    return _ACTIVE_USER_FILES.get(lang, _ACTIVE_USER_FILES.get("*", ()))


def index_for(vocab: Vocab, lang: str, tokenizer=None,  # type: ignore[no-untyped-def]
              files: tuple[str, ...] | None = None) -> ActorIndex:
    """The cached index for this vocab, language and user dictionaries (``files``, else
    the ones made active by ``use_dictionaries``)."""
    files = user_dictionaries(lang) if files is None else files
    key = (id(vocab), lang, files)
    idx = _INDEXES.get(key)
    if idx is None:
        kb = knowledge(lang, files)
        if tokenizer is None:
            tokenizer = _blank_tokenizer(lang, vocab)
        idx = _INDEXES[key] = ActorIndex(vocab, kb, tokenizer)
    return idx


@lru_cache(maxsize=4)
def _blank(lang: str):  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank(pack_for(lang).facts.spacy_code)


def _blank_tokenizer(lang: str, vocab: Vocab):  # type: ignore[no-untyped-def]
    nlp = _blank(lang)
    return nlp.tokenizer


class ActorMatcher:
    """The ``veille_actors`` pipeline component (see module docstring)."""

    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.labels = labels_for(lang).entity_labels  # the NER labels of the language's model

    def __call__(self, doc: Doc, user_files: tuple[str, ...] | None = None) -> Doc:
        """``user_files``: the caller's user dictionaries (spaCy's ``component_cfg``)."""
        idx = index_for(self.vocab, self.lang, self.tokenizer, user_files)
        matches = idx.match(doc)
        doc._.veille_actor_matches = matches
        spans = []
        starts = doc.to_array([SENT_START])
        for key, start, end in matches:
            if end - start > 1:
                starts[start + 1:end] = NOT_START
            info = idx.keys.get(key)
            if isinstance(info, NameKey):
                spans.append(Span(doc, start, end, label=self.labels[info.kind]))
        set_sent_starts(doc, starts)
        if spans:
            doc.set_ents(filter_spans(spans), default="unmodified")
        return doc

    def rejoin(self, doc: Doc, user_files: tuple[str, ...] | None = None) -> None:
        """The matches of a Doc joined from pieces parsed apart (``nlp.parse_long``)."""
        doc._.veille_actor_matches = index_for(self.vocab, self.lang, self.tokenizer, user_files).match(doc)


@Language.factory("veille_actors", default_config={"lang": "fr"})
def make_actor_matcher(nlp: Language, name: str, lang: str) -> ActorMatcher:
    """Known actor names, roles and demonyms matched before the parser and the NER."""
    return ActorMatcher(nlp, lang)
