"""Quotation marks in plain text: balanced spans, never merged across unrelated marks.

Pairs: « », “ ”, „ “/”, ‹ ›, ‘ ’ and straight double quotes; a paragraph opened by a
dash (— or –) is a line of dialogue. A quotation may run over several paragraphs only
when each following paragraph reopens with the same mark (press convention). A mark
left open at the end of its paragraph, or a closer with no opener, is reported as
unbalanced and yields no span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

PAIRS = {"«": "»", "“": "”", "„": "“”", "‹": "›", "‘": "’"}
CLOSERS = {"»", "”", "›"}
DASHES = ("—", "–")
_PARA = re.compile(r"[^\n]+")


@dataclass
class MarkSpan:
    """A quotation: ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    mark: str  # the opening mark, or "—" for dialogue


@dataclass
class MarkScan:
    spans: list[MarkSpan] = field(default_factory=list)
    unbalanced: list[int] = field(default_factory=list)  # offsets of marks left unpaired


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _straight_role(text: str, i: int) -> str:
    """'open', 'close' or '?' for a straight double quote at ``i``, from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/'’") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}…'’-"):
        return "close"
    return "?"


def _paragraph_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for i in range(start, end):
        ch = text[i]
        if ch in PAIRS or ch in CLOSERS or ch == '"':
            if ch in "‘’" and i > 0 and i + 1 < len(text) and _is_word(text[i - 1]) and _is_word(text[i + 1]):
                continue  # apostrophe
            if ch == "’" and i > 0 and _is_word(text[i - 1]):
                out.append((i, ch))  # may close a ‘…’ quote; dropped below if unpaired
                continue
            out.append((i, ch))
    return out


def scan_marks(text: str) -> MarkScan:
    """Balanced quotation spans of ``text`` (outermost only) and the unbalanced marks."""
    scan = MarkScan()
    carry: tuple[int, str, int] | None = None  # open quote continued from the previous paragraph
    for para in _PARA.finditer(text):
        p_start, p_end = para.start(), para.end()
        stripped = para.group().lstrip()
        lead = p_start + (len(para.group()) - len(stripped))
        if carry and not (stripped[:1] == carry[1]):
            scan.unbalanced.append(carry[0])
            carry = None
        stack: list[tuple[int, str]] = []
        if carry:
            stack.append((carry[0], carry[1]))
            carry = None
            skip_first = lead
        else:
            skip_first = -1
        for i, ch in _paragraph_marks(text, p_start, p_end):
            if i == skip_first:
                continue  # the reopening mark of a continued quotation
            if ch == '"':
                role = _straight_role(text, i)
                top_straight = bool(stack) and stack[-1][1] == '"'
                if top_straight and role != "open":
                    _close(scan, stack, i, text)
                elif role != "close" and not top_straight:
                    stack.append((i, ch))
                elif top_straight:  # looks like an opener while one is open: close anyway
                    _close(scan, stack, i, text)
                else:
                    scan.unbalanced.append(i)
                continue
            if ch in PAIRS and not (ch in "“" and stack and stack[-1][1] == "„"):
                stack.append((i, ch))
                continue
            match = next((k for k in range(len(stack) - 1, -1, -1) if ch in PAIRS.get(stack[k][1], "")), None)
            if match is None:
                if ch != "’":
                    scan.unbalanced.append(i)
                continue
            for j in range(len(stack) - 1, match, -1):  # inner marks left open
                scan.unbalanced.append(stack[j][0])
            del stack[match + 1:]
            _close(scan, stack, i, text)
        if stack:
            first = stack[0]
            nxt = text[p_end:].lstrip("\n ")
            if len(stack) == 1 and first[1] in PAIRS and nxt[:1] == first[1]:
                carry = (first[0], first[1], 0)
            else:
                scan.unbalanced.extend(pos for pos, _ in stack)
        if stripped[:1] in DASHES and not any(s.start >= lead for s in scan.spans):
            body = lead + 1
            while body < p_end and text[body].isspace():
                body += 1
            if body < p_end:
                scan.spans.append(MarkSpan(lead, p_end, body, p_end, stripped[0]))
    if carry:
        scan.unbalanced.append(carry[0])
    scan.spans.sort(key=lambda s: s.start)
    scan.unbalanced.sort()
    return scan


def _close(scan: MarkScan, stack: list[tuple[int, str]], i: int, text: str) -> None:
    pos, _ = stack.pop()
    if stack:  # nested quotation: keep only the outermost
        return
    inner_start, inner_end = pos + 1, i
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    scan.spans.append(MarkSpan(pos, i + 1, inner_start, inner_end, text[pos]))
