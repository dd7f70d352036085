"""The little code English needs: plurals of role phrases, demonym forms, and lemmas
the lemmatiser cut too short."""
from __future__ import annotations


def plural(phrase: str) -> str:
    """The head noun comes last ("foreign minister" → "foreign ministers", "chairman" → "chairmen")."""
    parts = phrase.split(" ")
    w = parts[-1]
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("s", "x", "ch", "sh")):
        w += "es"
    else:
        w += "s"
    parts[-1] = w
    return " ".join(parts)


def demonym_forms(form: str) -> list[str]:
    """The adjective, and the plural noun where there is one ("Russian", "Russians"; not "Chinese")."""
    forms = [form]
    if not form.endswith(("ese", "ss", "sh", "ch", ".")) and not form.isupper():
        forms.append(form + "s")
    return forms


def lemma_repairs(lemma: str, form: str) -> list[str]:
    """A silent e the lemmatiser dropped ("staged" → "stag" → "stage")."""
    if form.endswith(("ed", "ing")) and not lemma.endswith("e"):
        return [lemma + "e"]
    return []
