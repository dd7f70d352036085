"""Charts for reports (``veille plot``): dyad timelines and actor networks, with matplotlib.

The figures draw the same query results as the API and web page
(``veille.api.queries``); the Agg backend is used so no display is needed.
"""
from __future__ import annotations

import math
import os
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from veille.api import queries as Q  # noqa: E402

QUADS = {"1": ("verbal cooperation", "#74c476"), "2": ("material cooperation", "#238b45"),
         "3": ("verbal conflict", "#fb6a4a"), "4": ("material conflict", "#a50f15")}
GOLDSTEIN = Normalize(vmin=-10, vmax=10)
CMAP = "RdYlGn"


def _open(db: str | os.PathLike[str]) -> Any:
    from veille.store import connect

    return connect(db, read_only=True)


def plot_dyad(db: str | os.PathLike[str], a: str, b: str, out: str | os.PathLike[str],
              interval: str = "month") -> int:
    """Draw the cooperation/conflict timeline of ``a``–``b`` to ``out``; return the event count.

    Top: events per interval by QuadClass, cooperation above the axis and conflict
    below. Bottom: summed Goldstein per direction.
    """
    con = _open(db)
    try:
        data = Q.dyad_timeline(con, a, b, interval)
    finally:
        con.close()
    series = [p for p in data["series"] if p["period"] != "unknown"]
    labels = [p["period"][: {"day": 10, "week": 10, "month": 7, "year": 4}[interval]] for p in series]
    x = list(range(len(series)))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(6.0, 0.6 * len(x) + 3), 6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    up = [0.0] * len(x)
    down = [0.0] * len(x)
    for quad, (name, colour) in QUADS.items():
        counts = [p["quad"][quad] for p in series]
        if quad in ("1", "2"):
            top.bar(x, counts, bottom=up, color=colour, label=name)
            up = [u + c for u, c in zip(up, counts)]
        else:
            top.bar(x, [-c for c in counts], bottom=down, color=colour, label=name)
            down = [d - c for d, c in zip(down, counts)]
    top.axhline(0, color="black", linewidth=0.8)
    top.set_ylabel("events (conflict below 0)")
    top.set_title(f"{a} – {b}: cooperation and conflict per {interval} ({data['total']} events)")
    top.legend(loc="upper left", fontsize=8, ncol=2)
    bottom.plot(x, [p["goldstein_ab"] for p in series], marker="o", label=f"{a} → {b}")
    bottom.plot(x, [p["goldstein_ba"] for p in series], marker="s", label=f"{b} → {a}")
    bottom.bar(x, [p["goldstein"] for p in series], color="#cccccc", label="total (both ways)", zorder=0)
    bottom.axhline(0, color="black", linewidth=0.8)
    bottom.set_ylabel("summed Goldstein")
    bottom.legend(loc="upper left", fontsize=8)
    bottom.set_xticks(x, labels, rotation=45, ha="right")
    fig.tight_layout()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return int(data["total"])


def circle_layout(nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Nodes evenly on a circle, heaviest first from the top."""
    n = max(len(nodes), 1)
    return {node: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
            for i, node in enumerate(nodes)}


def plot_network(db: str | os.PathLike[str], out: str | os.PathLike[str], level: str = "country",
                 date_from: date | None = None, date_to: date | None = None) -> int:
    """Draw the actor network (edges coloured by mean Goldstein, width by events); return the edge count."""
    con = _open(db)
    try:
        net = Q.network(con, level=level, date_from=date_from, date_to=date_to)
    finally:
        con.close()
    pos = circle_layout([n["id"] for n in net["nodes"]])
    weight = {n["id"]: n["weight"] for n in net["nodes"]}
    fig, ax = plt.subplots(figsize=(7, 7))
    cmap = plt.get_cmap(CMAP)
    top = max((e["weight"] for e in net["edges"]), default=1)
    for e in net["edges"]:
        colour = cmap(GOLDSTEIN(e["mean_goldstein"] or 0))
        ax.add_patch(FancyArrowPatch(pos[e["source"]], pos[e["target"]], connectionstyle="arc3,rad=0.12",
                                     arrowstyle="-|>" if not e["mutual"] else "-", mutation_scale=14,
                                     linewidth=1 + 5 * e["weight"] / top, color=colour, shrinkA=18,
                                     shrinkB=18, alpha=0.9))
    biggest = max(weight.values(), default=1)
    for node, (px, py) in pos.items():
        ax.scatter([px], [py], s=300 + 1500 * weight[node] / biggest, color="#4a6fa5", zorder=3)
        ax.annotate(node, (px, py), ha="center", va="center", color="white", fontsize=9, weight="bold", zorder=4)
    sm = plt.cm.ScalarMappable(norm=GOLDSTEIN, cmap=cmap)
    fig.colorbar(sm, ax=ax, shrink=0.6, label="mean Goldstein")
    span = f"{date_from or '…'} to {date_to or '…'}" if (date_from or date_to) else "all dates"
    ax.set_title(f"Actor network ({level}, {span}): {len(net['edges'])} edges")
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return len(net["edges"])
