"""Stage code never tests a language code: it asks the language's pack. This walks the
syntax trees of every module outside ``veille/lang/`` and fails on a comparison of a
string literal with anything named like a language (``lang``, ``lang_``, ``language``),
and on a collection of ISO 639 codes used in such a test."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "veille"


def _names_language(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return "lang" in text.lower() and not isinstance(node, ast.Constant)


def _literals(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def language_tests(source: str) -> list[str]:
    """The comparisons of ``source`` that test a language against string literals."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_names_language(o) for o in operands) and any(_literals(o) for o in operands):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "lang" not in p.relative_to(PACKAGE).parts[:1])


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_never_tests_a_language_code(module):
    assert language_tests(module.read_text(encoding="utf-8")) == []


def test_the_check_sees_what_it_must():
    assert language_tests('if tok.lang_ == "fr": pass')
    assert language_tests('x = lang if lang in ("fr", "en") else "en"')
    assert language_tests('ok = self.doc.lang_ != "en" and y')
    assert not language_tests('if tok.lower_ == "de": pass')  # a word, for the lexicon check
    assert not language_tests('if pack_for(lang).facts.month_names_capitalised: pass')
