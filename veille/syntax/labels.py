"""Label profiles: which dependency labels play each grammatical role, and the words of
a language that syntax rules read (negations, reflexives, relative pronouns...).

A language's ``syntax.yaml`` names its parser's profile (``veille/lang/profiles/
ud.yaml`` for Universal Dependencies, ``clear.yaml`` for ClearNLP-style labels) and
lists its words; ``labels_for(code)`` joins them into one ``Labels``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from veille.errors import E401, VeilleError
from veille.lang import PACKS_DIR, has_pack, pack_for

PROFILES_DIR = PACKS_DIR / "profiles"


class LabelProfile(BaseModel):
    """``veille/lang/profiles/<name>.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    name: str
    subj: frozenset[str]
    subj_pass: frozenset[str]
    obj: frozenset[str]
    iobj: frozenset[str]
    agent: frozenset[str]  # passive agent (fr: obl:agent; en: agent -> pobj)
    obl: frozenset[str]  # obliques and noun modifiers carrying a case marker
    xcomp: frozenset[str]
    ccomp: frozenset[str]
    conj: frozenset[str]
    appos: frozenset[str]
    relcl: frozenset[str]
    advcl: frozenset[str]
    mod: frozenset[str]  # adjectival / compound modifiers ("invasion russe", "Russian invasion")
    flat: frozenset[str]
    case: frozenset[str]
    aux_pass: frozenset[str]
    prep: frozenset[str]  # en: preposition child, its object is pobj
    pobj: frozenset[str]
    poss: frozenset[str]
    clause_breaks: frozenset[str]


class SyntaxWords(BaseModel):
    """``veille/lang/<code>/syntax.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    profile: str
    neg_lemmas: frozenset[str]
    reflexive: frozenset[str]
    rel_pronouns: frozenset[str]
    object_control: frozenset[str]  # "inviter X à", "urge X to": the object controls
    unaccusative: frozenset[str] = frozenset()  # "sont convenus", "sont venus": être + participle, not passive
    locative: frozenset[str] = frozenset()  # prepositions of place: "in Lebanon" says where, not to whom
    preposition_forms: dict[str, str] = {}  # "du" -> "de"
    entity_labels: dict[str, str] = {}  # kind of known name -> NER label
    support_verbs: frozenset[str] = frozenset()  # light verbs: their subject does the act their object names
    noun_target_roles: tuple[str, ...] = ()  # where an event noun's target is, by default ("prep:against")
    place_prepositions: frozenset[str] = frozenset()  # before a place a name may be ("in", "de")
    complement_prepositions: frozenset[str] = frozenset()  # complements that belong to a role ("chef de")
    container_prepositions: frozenset[str] = frozenset()  # "in court", "en justice": a place, not an actor
    prepositions_before_place: frozenset[str] = frozenset()  # a proper noun after them is a place candidate
    personal_pronouns: frozenset[str] = frozenset()  # speaker pronouns ("il", "-t-il" forms, "he")
    tense_auxiliaries: frozenset[str] = frozenset()  # compound tenses' auxiliaries
    perfect_auxiliaries: frozenset[str] = frozenset()  # auxiliaries of the perfect (clause tense)
    have_auxiliaries: frozenset[str] = frozenset()  # the auxiliary 'have' of the language
    be_auxiliaries: frozenset[str] = frozenset()  # the auxiliary 'be' of the language (passive, compound past)
    between_words: frozenset[str] = frozenset()  # 'between': two parties around an event
    infinitive_markers: frozenset[str] = frozenset()  # particles before an infinitive ('to', 'à')
    negation_particles: frozenset[str] = frozenset()  # particles of a split negation ('ne ... pas')
    linking_words: frozenset[str] = frozenset()  # function words between an intent noun and what it names ('de', 'of')
    future_auxiliaries: frozenset[str] = frozenset()  # auxiliaries of the future ('will', 'va')
    conditional_auxiliaries: frozenset[str] = frozenset()  # auxiliaries of the conditional ('would')
    prospective_verbs: frozenset[str] = frozenset()  # 'going' (to): a future
    zero_determiners: frozenset[str] = frozenset()  # determiners that count nothing ('aucun'): no number
    compound_past_auxiliaries: frozenset[str] = frozenset()  # mark a compound past
    rejection_verbs: frozenset[str] = frozenset()  # denial verbs that are rejections of an act ('reject')
    definite_articles: frozenset[str] = frozenset()  # definite articles a role phrase may start with
    of_prepositions: frozenset[str] = frozenset()  # 'the Albanians of Serbia'
    not_place_prepositions: frozenset[str] = frozenset()  # never before a place
    plural_determiners: frozenset[str] = frozenset()  # determiners of a plural group ('les deux pays', 'both sides')
    country_nouns: frozenset[str] = frozenset()  # nouns that name countries, not their leaders ('the two countries')
    subject_relatives: frozenset[str] = frozenset()  # relative pronouns that are a clause's subject ('qui', 'who')
    oblique_relatives: frozenset[str] = frozenset()  # relative pronouns after a preposition ('lequel', 'which')
    complementizers: frozenset[str] = frozenset()  # 'que', 'that': a clause complement
    anaphoric_adjectives: frozenset[str] = frozenset()  # 'même', 'same', 'latter': a role that points back
    participle_auxiliaries: frozenset[str] = frozenset()  # 'étant', 'having': an absolute participle clause
    place_name_joiners: frozenset[str] = frozenset()  # words inside a place name ('Saint-Pierre-du-Mont')


class Labels(LabelProfile, SyntaxWords):
    """A language's parser labels by grammatical role (its profile) and the words its
    syntax rules read (its ``syntax.yaml``), as one record."""

    def __hash__(self) -> int:  # read-only and one per language: identity will do
        return id(self)


def _read(path: Path, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise VeilleError(E401, path=str(path), line="?", detail=str(exc)) from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise VeilleError(E401, path=str(path), line="?", detail=str(exc).splitlines()[0]) from exc


@lru_cache(maxsize=8)
def labels_for(code: str | None) -> Labels:
    """The labels and syntax words of ``code``'s pack (the fallback pack for a language without one)."""
    pack = pack_for(code if has_pack(code) else None)
    words = _read(pack.path("syntax.yaml"), SyntaxWords)
    assert isinstance(words, SyntaxWords)
    profile = _read(PROFILES_DIR / f"{words.profile}.yaml", LabelProfile)
    return Labels(**profile.model_dump(), **words.model_dump(exclude={"version"}))
