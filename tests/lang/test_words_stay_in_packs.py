"""Words of a language live in its pack, not in stage code. This walks every module
outside ``veille/lang/`` for comparisons of a token's words (``.lower_``, ``.lemma_``,
``.text``, ``.norm_``) with string literals that hold letters.

The house issue moves the last of them into the packs; until then each module has a
budget of the literals it still holds, which may only go down: a new word in stage code
fails here, and a module that sheds words must lower its budget."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "veille"
TOKEN_WORDS = {"lower_", "lemma_", "text", "norm_", "orth_"}

# Word literals still in stage code (module -> count), to reach zero.
BUDGET = {
    "quotes/speech.py": 9,
    "actors/resolve.py": 5,
    "times/dating.py": 2,
    "times/normalise.py": 1,
}


def _reads_token_words(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in TOKEN_WORDS and not isinstance(sub.value, ast.Constant):
            return True
    return False


def _words(node: ast.AST) -> list[str]:
    values: list[object] = []
    if isinstance(node, ast.Constant):
        values = [node.value]
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return [v for v in values if isinstance(v, str) and any(ch.isalpha() for ch in v)]


def word_literals(source: str) -> list[str]:
    """The string literals with letters that ``source`` compares with a token's words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_reads_token_words(o) for o in operands):
                found += [w for o in operands for w in _words(o)]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "lang")


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_stage_code_holds_no_new_word(module):
    name = str(module.relative_to(PACKAGE))
    found = word_literals(module.read_text(encoding="utf-8"))
    budget = BUDGET.get(name, 0)
    assert len(found) <= budget, f"{name}: words belong in veille/lang/<code>/: {found}"
    assert len(found) >= budget, f"{name} holds {len(found)} word literals now: lower its BUDGET to that"


def test_the_check_sees_what_it_must():
    assert word_literals('if tok.lower_ in ("entre", "between"): pass') == ["entre", "between"]
    assert word_literals('if c.lemma_.lower() == "avoir": pass') == ["avoir"]
    assert word_literals('if c.dep_ == "nsubj": pass') == []  # labels: the profiles' business
    assert word_literals('if row["text"] == other["text"]: pass') == []
