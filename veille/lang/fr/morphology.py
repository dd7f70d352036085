"""The little code French needs: plurals of role phrases, demonym forms, infinitives
guessed from verb forms the tagger lemmatised as nouns or adjectives."""
from __future__ import annotations

# Adjectives that come before the head noun of a role and agree with it ("premiers ministres").
_PRENOMINAL = {"premier", "haut", "grand", "petit"}
# Endings of finite forms and participles, and the infinitive each points to.
_VERB_ENDINGS = (("ent", "er"), ("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"), ("e", "er"),
                 ("it", "ire"), ("it", "ir"))


def _plural_word(w: str) -> str:
    if w.endswith(("s", "x", "z")):
        return w
    if w.endswith("al"):
        return w[:-2] + "aux"
    if w.endswith(("eau", "eu")):
        return w + "x"
    return w + "s"


def plural(phrase: str) -> str:
    """The head noun comes first ("ministre des affaires étrangères" → "ministres des ...");
    a prenominal adjective agrees with it ("premier ministre" → "premiers ministres")."""
    parts = phrase.split(" ")
    i = 0
    if len(parts) > 1 and parts[0] in _PRENOMINAL:
        parts[0] += "s"
        i = 1
    parts[i] = _plural_word(parts[i])
    return " ".join(parts)


def demonym_forms(form: str) -> list[str]:
    """Masculine and feminine, singular and plural ("russe", "russes"; "iranien", "iranienne"...)."""
    if form.endswith("en"):
        fem = form + "ne"
    elif form.endswith("e"):
        fem = form
    elif form.endswith("ec"):
        fem = form[:-1] + "que"
    else:
        fem = form + "e"
    masc_pl = form if form.endswith(("s", "x")) else (form[:-2] + "aux" if form.endswith("al") else form + "s")
    return list(dict.fromkeys([form, fem, masc_pl, fem + "s" if not fem.endswith("s") else fem]))


# Endings after the infinitive stem of regular verbs: conditional and future.
_CONDITIONAL = ("aient", "ait", "ais", "ions", "iez")
_FUTURE = ("ai", "as", "a", "ons", "ez", "ont")


def mood_from_form(lemma: str, form: str) -> str | None:
    """'Mood=Cnd' or 'Tense=Fut' for a regular verb form built on the infinitive (less a
    final e): "accéderaient" (accéder + aient), "prendront" (prendr + ont)."""
    stems = {lemma, lemma[:-1]} if lemma.endswith("re") else {lemma}
    for stem in stems:
        rest = form[len(stem):] if form.startswith(stem) and len(stem) > 2 else None
        if rest in _CONDITIONAL:
            return "Mood=Cnd"
        if rest in _FUTURE:
            return "Tense=Fut"
    return None


# Endings of participles, and the infinitive each points to (the first that fits is taken).
_PARTICIPLE_ENDINGS = (("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"), ("e", "er"),
                       ("ies", "ir"), ("is", "ir"), ("ie", "ir"), ("i", "ir"), ("it", "ir"))
_INFINITIVE_ENDINGS = ("er", "ir", "re")


def infinitive_guesses(lemma: str) -> list[str]:
    """The infinitive of a participle the lemmatiser left as it is ("déclarée" → "déclarer",
    "parti" → "partir"); nothing for a lemma that is already an infinitive."""
    if lemma.endswith(_INFINITIVE_ENDINGS):
        return []
    return next(([lemma[: -len(end)] + inf] for end, inf in _PARTICIPLE_ENDINGS if lemma.endswith(end)), [])


def lemma_guesses(form: str) -> list[str]:
    """Infinitives a form may belong to ("déclarée" → "déclarer", "dit" → "dire", "dir")."""
    return [form[: -len(end)] + repl for end, repl in _VERB_ENDINGS if form.endswith(end)]
