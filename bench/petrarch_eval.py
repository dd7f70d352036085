"""Reproduce PETRARCH's validation suite with veille (issue 6, validation; for comparison).

Usage: .venv/bin/python bench/petrarch_eval.py [--errors] [--category DEMO ...]

Reads ``../shared/data/petrarch/PETR.UnitTest.records.xml`` (284 English sentences
with their expected codings), loads the suite's actor dictionary
(``PETR.Validate.actors.txt``: Arnor, Gondor...) through the actors layer's import
(``veille.actors.use_dictionaries``), runs every sentence as a one-sentence English
article dated by the record, and reports per category of the suite the share of
expected codings reproduced: a predicted event with the expected source (country
part of the code, first three letters; ``---`` for unknown), then also the
expected target (an event with several sources and no target, veille's form of a
symmetric event, counts in either direction), then also the CAMEO root, then the
exact code. Sentences expected
to give no event count as right when veille codes nothing. Codes that are not CAMEO
(the suite's own test codes: 345, 802, 9xx, 174K...) are counted apart.

Not loaded: ``PETR.Validate.agents.txt`` (no import of agent files as role words in
the actors layer yet) and the suite's verb dictionary (veille codes with its own
lexicon), so not all will pass: the figure is for comparison, not a target.
"""
from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PETRARCH = REPO.parent / "shared" / "data" / "petrarch"
STAGES = ("source", "+target", "+root", "exact")


@dataclass
class Record:
    id: str
    category: str
    date: datetime
    text: str
    codings: list[tuple[str, str, str]] = field(default_factory=list)  # source, target, code


def load_records(path: Path) -> list[Record]:
    """The suite's sentences with their expected (source, target, code) codings."""
    out = []
    for s in ET.parse(path).getroot().iter("Sentence"):
        text = " ".join((s.findtext("Text") or "").split())
        codings = [(e.get("sourcecode", ""), e.get("targetcode", ""), e.get("eventcode", ""))
                   for e in s.findall("EventCoding") if e.get("eventcode")]
        day = datetime.strptime(s.get("date", "20000101"), "%Y%m%d").replace(tzinfo=timezone.utc)
        out.append(Record(s.get("id", "?"), s.get("category", "?").rstrip("x").upper(), day, text, codings))
    return out


def cameo_codes() -> set[str]:
    """CAMEO codes known to veille's ontology."""
    lines = (REPO / "veille" / "kb" / "cameo.tsv").read_text(encoding="utf-8").splitlines()
    return {ln.split("\t")[0] for ln in lines if ln and not ln.startswith("#")}


def key(code: str | None) -> str:
    """What a code is compared on: its first three letters (country, IGO, ---)."""
    return (code or "").upper()[:3]


def reproduced(expected: tuple[str, str, str], events: list[dict]) -> int:  # type: ignore[type-arg]
    """How many of STAGES the best predicted event passes (0 = no event with that source)."""
    src, tgt, code = expected
    best = 0
    for e in events:
        level = 0
        sources = {key(a.get("code")) for a in e.get("source", [])}
        targets = {key(a.get("code")) for a in e.get("target", [])}
        if not targets and len(sources) > 1:  # symmetric event: either direction among its actors
            targets = sources - {key(src)}
        if key(src) in sources:
            level = 1
            if key(tgt) in targets or (not tgt and not targets):
                level = 2
                if e.get("cameo", "")[:2] == code[:2]:
                    level = 3 + (e.get("cameo") == code)
        best = max(best, level)
    return best


def run(records: list[Record]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    """Predicted events per record id (the suite's actor dictionary loaded first)."""
    from veille.actors import use_dictionaries
    from veille.pipeline import extract_many
    from veille.records import Article, Failure

    use_dictionaries([str(PETRARCH / "PETR.Validate.actors.txt")])
    articles = [Article(id=r.id, text=r.text, language="en", published=r.date) for r in records]
    out: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    stage_errors: Counter[str] = Counter()
    for r in extract_many(articles):
        if isinstance(r, Failure):
            raise SystemExit(f"{r.code} {r.message}")
        d = r.to_dict()
        stage_errors.update(f"{e['stage']}: {e['message'].split(': ', 1)[-1][:120]}" for e in d["errors"])
        out[r.article.id] = d["events"]
    for msg, n in stage_errors.most_common(5):
        print(f"  ! {n} articles: {msg}")
    return out


def report(records: list[Record], preds: dict[str, list[dict]], errors: bool) -> None:  # type: ignore[type-arg]
    cameo = cameo_codes()
    rows: dict[str, list[int]] = defaultdict(lambda: [0] * 8)  # n, 4 stages, non-CAMEO n, none n, none ok
    missed = []
    for r in records:
        row, events = rows[r.category], preds.get(r.id, [])
        if not r.codings:
            row[6] += 1
            row[7] += not events
            if events and errors:
                missed.append(f"{r.id:14} expected nothing, got {_show(events)}\n    {r.text[:150]}")
            continue
        for exp in r.codings:
            if exp[2] not in cameo:
                row[5] += 1
                continue
            level = reproduced(exp, events)
            row[0] += 1
            for i in range(level):
                row[1 + i] += 1
            if level < 4 and errors:
                missed.append(f"{r.id:14} expected {exp[0]}->{exp[1]} {exp[2]}, got {_show(events)} "
                              f"(passed: {STAGES[level - 1] if level else 'none'})\n    {r.text[:150]}")
    total = [sum(v[i] for v in rows.values()) for i in range(8)]
    head = f"{'category':10} {'codings':>7} " + " ".join(f"{s:>8}" for s in STAGES)
    print(head + f" {'non-CAMEO':>9} {'no-event ok':>12}")
    for cat, v in sorted(rows.items()) + [("ALL", total)]:
        rates = " ".join(f"{v[1 + i] / v[0]:8.2f}" if v[0] else f"{'-':>8}" for i in range(4))
        print(f"{cat:10} {v[0]:7d} {rates} {v[5]:9d} {f'{v[7]}/{v[6]}':>12}")
    if missed:
        print("\n".join(["not reproduced:"] + missed))


def _show(events: list[dict]) -> str:  # type: ignore[type-arg]
    return "; ".join("+".join(a["code"] for a in e["source"]) + "->" + "+".join(a["code"] for a in e["target"])
                     + f" {e['cameo']}" for e in events) or "nothing"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list the codings not reproduced")
    ap.add_argument("--category", nargs="*", help="only these categories (DEMO, VERB, ...)")
    args = ap.parse_args()
    records = load_records(PETRARCH / "PETR.UnitTest.records.xml")
    if args.category:
        records = [r for r in records if r.category in {c.upper() for c in args.category}]
    report(records, run(records), args.errors)


if __name__ == "__main__":
    main()
