"""List candidate English event entries from the PETRARCH/Phoenix verb dictionary.

Source: ``CAMEO.2.0.txt`` of the Phoenix dictionaries (Open Event Data Alliance,
MIT licence, derived from the TABARI CAMEO verb files). The dictionary is used as a
source of facts only (which verb or verb + object maps to which CAMEO code). This
script prints candidates in the ``docs/lexicon.md`` flow format, one per line,
grouped by code; a contributor hand-curates them into ``events.yaml`` (most
Phoenix patterns are too noisy or too specific to keep as they are).

Kept pattern shapes (anything else is skipped):

* a verb block whose header carries a code (``--- LAUD [051] ---``): every plain
  verb of the block, and every verb line with its own code (``DISMISS [110]``);
* ``- * WORD [code]  # VERB``   -> ``{lemma: verb, obj: [word]}``;
* ``- * {W1 W2} [code]  # VERB`` -> ``{lemma: verb w1 w2}``;
* ``- * (PREP) [code]  # VERB``  -> ``{lemma: verb prep}``.

Usage: ``python tools/build_events_from_phoenix.py PATH/TO/CAMEO.2.0.txt > candidates.txt``
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

HEADER = re.compile(r"^---\s+([A-Z_]+)\s+\[([0-9]+|---)[^\]]*\]\s+---")
VERB_LINE = re.compile(r"^([A-Z]+)\s*(?:\{[^}]*\})?\s*(?:\[([0-9]+)\])?\s*(?:#.*)?$")
PATTERNS = {
    "obj": re.compile(r"^- \* ([A-Z]+)\s+\[([0-9]+)[^\]]*\]\s*#\s*([A-Z]+)"),
    "phrase": re.compile(r"^- \* \{([A-Z ]+)\}\s+\[([0-9]+)[^\]]*\]\s*#\s*([A-Z]+)"),
    "prep": re.compile(r"^- \* \(([A-Z]+)\)\s+\[([0-9]+)[^\]]*\]\s*#\s*([A-Z]+)"),
}


def candidates(text: str) -> dict[str, set[str]]:
    """Return flow-style candidate entries keyed by CAMEO code."""
    out: dict[str, set[str]] = defaultdict(set)
    in_patterns = False
    block_code = "---"
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
        if not in_patterns or not line or line.startswith("#"):
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if m := HEADER.match(line):
            block_code = m.group(2)
            continue
        if line.startswith("- "):
            for kind, rx in PATTERNS.items():
                if pm := rx.match(line):
                    words, code, verb = pm.group(1).lower(), pm.group(2), pm.group(3).lower()
                    if kind == "obj":
                        out[code].add(f"{{lemma: {verb}, obj: [{words}]}}")
                    else:
                        out[code].add(f"{{lemma: {verb} {words}}}")
            continue
        if (m := VERB_LINE.match(line)) and not line.startswith("+"):
            code = m.group(2) or block_code
            if code != "---":
                out[code].add(f"{{lemma: {m.group(1).lower()}}}")
    return out


def main(path: str) -> None:
    """Print the candidates of the dictionary at ``path``, grouped by code."""
    for code, entries in sorted(candidates(Path(path).read_text(encoding="latin-1")).items()):
        print(f'  "{code}":')
        for entry in sorted(entries):
            print(f"    - {entry}")


if __name__ == "__main__":
    main(sys.argv[1])
