"""Every changed output between two runs of ``bench/news_eval.py --keep DIR``.

Usage: .venv/bin/python bench/event_diff.py BEFORE_DIR AFTER_DIR [--layers]

Equal totals can hide changed events: this lists, per file and article, every event
present in one run and not the other (compared on everything but its id: code,
actors, trigger, sentence, date, modality, place, attribution, rule). ``--layers``
also compares the actors, quotes, times and places of every article. Exit 1 when
anything differs.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def _articles(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            out[str(a["article"]["id"])] = a
    return out


def _key(item: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True, ensure_ascii=False)


def _brief(ev: dict[str, Any]) -> str:
    who = lambda refs: "+".join(r.get("code") or "?" for r in refs) or "-"  # noqa: E731
    return (f"{ev['cameo']} {who(ev['source'])}->{who(ev['target'])} '{ev['trigger']['text']}' "
            f"{ev['modality']} {ev['date'].get('value')} | {ev['sentence']['text'].strip()[:90]}")


def diff(before: Path, after: Path, layers: bool) -> int:
    changed = 0
    for old_file in sorted(before.glob("*.jsonl")):
        new_file = after / old_file.name
        if not new_file.exists():
            print(f"{old_file.name}: missing in {after}")
            changed += 1
            continue
        old, new = _articles(old_file), _articles(new_file)
        if len(old) == len(new) == 1 and set(old) != set(new):  # one article whose id changed: compare it
            print(f"{old_file.name}: article id {next(iter(old))} -> {next(iter(new))}")
            new = {next(iter(old)): next(iter(new.values()))}
        for doc in sorted(set(old) | set(new)):
            a, b = old.get(doc), new.get(doc)
            if a is None or b is None:
                print(f"{old_file.name} {doc}: only in {'after' if a is None else 'before'}")
                changed += 1
                continue
            for layer in ["events"] + (["actors", "quotes", "times", "places"] if layers else []):
                ka, kb = Counter(map(_key, a[layer])), Counter(map(_key, b[layer]))
                gone, came = ka - kb, kb - ka
                for k in gone.elements():
                    item = json.loads(k)
                    print(f"{old_file.name} {doc} - {layer}: {_brief(item) if layer == 'events' else k[:160]}")
                for k in came.elements():
                    item = json.loads(k)
                    print(f"{old_file.name} {doc} + {layer}: {_brief(item) if layer == 'events' else k[:160]}")
                changed += sum(gone.values()) + sum(came.values())
    print(f"{changed} difference(s)")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--layers", action="store_true", help="also actors, quotes, times and places")
    args = ap.parse_args()
    sys.exit(1 if diff(args.before, args.after, args.layers) else 0)


if __name__ == "__main__":
    main()
