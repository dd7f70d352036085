"""Build veille/kb/cameo.tsv (facts only: code, short name, Goldstein, QuadClass, PLOVER).

Source: ../shared/data/cameo/cameo_codes.tsv (ICEWS R package data, MIT; PLOVER
mapping CC BY-SA 4.0). The codebook descriptions and examples are not copied.
PLOVER for roots 01 and 02, left unmapped by CAMEO2PLOVER-2021: 02x is REQUEST,
01x has no PLOVER event (DESIGN.md).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cameo" / "cameo_codes.tsv"
OUT = Path(__file__).resolve().parents[1] / "veille" / "kb" / "cameo.tsv"

HEADER = """# CAMEO event codes with Goldstein weight, QuadClass and PLOVER 2.0 event/mode/context.
# Provenance: codes, names, Goldstein values from the ICEWS R package data
# (andybega/icews, data-raw/cameo-codes.csv, MIT); PLOVER columns from openeventdata/PLOVER
# CAMEO2PLOVER-2021 (CC BY-SA 4.0). QuadClass: GDELT convention (1 = roots 01-05,
# 2 = 06-09, 3 = 10-14, 4 = 15-20). Roots 01/02 have no PLOVER mapping there: 02x -> REQUEST,
# 01x -> none. Built by scripts/build_cameo_table.py.
# columns: code, name, goldstein, quadclass, plover_event, plover_mode, plover_context
"""


def quadclass(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SRC
    rows = list(csv.DictReader(src.open(encoding="utf-8"), delimiter="\t"))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "goldstein", "quadclass", "plover_event", "plover_mode", "plover_context"])
        for r in rows:
            code = r["code"]
            event = r["plover_event"] or ("REQUEST" if code.startswith("02") else "")
            w.writerow([code, r["name"], r["goldstein"], quadclass(code), event, r["plover_mode"],
                        r["plover_context"]])
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main()
