"""Rules test how an argument was read (``events.derivation.Read``), never the words of
an explanation: this walks the coders' syntax trees for a comparison with, or a
``startswith`` on, an explanation field (``source_path``, ``target_path``, ``reason``,
``modality_cue``, ``rule``)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

EVENTS = Path(__file__).resolve().parents[2] / "veille" / "events"
EXPLANATIONS = {"source_path", "target_path", "reason", "modality_cue", "rule"}


def _explanation(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in EXPLANATIONS


def explanation_checks(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(_explanation(o) for o in [node.left, *node.comparators]) and \
                any(isinstance(o, ast.Constant) and isinstance(o.value, str) for o in [node.left, *node.comparators]):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("startswith", "endswith") and _explanation(node.func.value):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("module", sorted(EVENTS.glob("*.py")), ids=lambda p: p.name)
def test_no_branch_tests_an_explanation(module):
    assert explanation_checks(module.read_text(encoding="utf-8")) == []


def test_the_check_sees_what_it_must():
    assert explanation_checks('if c.source_path == "subj": pass')
    assert explanation_checks('x = c.target_path.startswith("nearest")')
    assert not explanation_checks("if c.source_read is Read.SUBJECT: pass")
