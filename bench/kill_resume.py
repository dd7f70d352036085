"""Kill -9 in the middle of an ingest, then ingest again: nothing lost, nothing doubled,
no worker left behind.

    .venv/bin/python bench/kill_resume.py [ARTICLES.jsonl] [--workers 2]

Ingests the file (default: ../shared/data/wikinews_fr/articles.jsonl) into a fresh
store with small transactions, kills the process with SIGKILL once a batch is
committed (the store's write-ahead log has grown past 100 KB), lists the worker processes still
alive, ingests again, and compares the store with a clean run.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "wikinews_fr" / "articles.jsonl"
VEILLE = [sys.executable, "-m", "veille.cli"] if not (Path(sys.executable).parent / "veille").exists() \
    else [str(Path(sys.executable).parent / "veille")]


def _descendants(pid: int) -> set[int]:
    """Every process whose chain of parents reaches ``pid`` (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(") ", 1)[1].split()
                if fields[0] != "Z":
                    parents[int(entry)] = int(fields[1])
            except (OSError, IndexError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def _counts(db: Path) -> tuple[int, int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        a = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        e = con.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone()
        return a[0], a[1], e[0], e[1]
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="?", default=str(DEFAULT))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "small.yaml"
        cfg.write_text("store: {batch_articles: 10}\nnlp: {batch_size: 4}\n")
        run = [*VEILLE, "ingest", args.articles, "--workers", str(args.workers), "--quiet", "--config", str(cfg)]
        clean, killed = Path(tmp) / "clean.duckdb", Path(tmp) / "killed.duckdb"
        subprocess.run([*run, "--db", str(clean)], check=True, capture_output=True)
        proc = subprocess.Popen([*run, "--db", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wal = Path(f"{killed}.wal")
        # the log holds the schema from the start; a committed batch of articles adds far more
        while proc.poll() is None and not (wal.exists() and wal.stat().st_size > 100_000):
            time.sleep(0.05)
        family = _descendants(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        time.sleep(3)
        left = sorted(p for p in family if _alive(p))
        stored = _counts(killed)[0]
        subprocess.run([*run, "--db", str(killed)], check=True, capture_output=True)
        after, want = _counts(killed), _counts(clean)
        print(f"processes of the killed ingest: {len(family)}; still alive 3 s after the kill: {len(left)} {left}")
        print(f"articles stored when killed: {stored}")
        print(f"after the second ingest: {after[0]} articles ({after[1]} distinct), {after[2]} events "
              f"({after[3]} distinct); clean run: {want[0]} articles, {want[2]} events")
        lost, doubled = want[0] - after[1], after[0] - after[1]
        print(f"lost: {lost}, doubled: {doubled}")
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        sys.exit(1 if left or lost or doubled or after[2] != want[2] else 0)


if __name__ == "__main__":
    main()
