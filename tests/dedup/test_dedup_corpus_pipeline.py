"""End to end: the dedup corpus through the pipeline into DuckDB, then ``veille dedup``.

The figures depend on the event coder (which events it finds, with which places):
each article's gold event is matched to its best coded event (same CAMEO family,
compatible actors; then same date, place, code). Linking precision and recall are
reported over the matched events, and over all coded events with the unmatched
ones as stories of their own. Only precision is gated here; recall moves with the
coder (the hand-built test gates both).
"""
from __future__ import annotations

from pathlib import Path

import duckdb
from dedup_corpus import CORPUS, gold_mentions
from typer.testing import CliRunner

from veille.cli import app
from veille.dedup import actors_compatible, family, load_mentions, pairwise_scores
from veille.ingest import ingest


def test_dedup_corpus_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "dedup.duckdb"
    summary = ingest([str(CORPUS)], str(db), workers=1)
    assert summary.failures == 0
    result = CliRunner().invoke(app, ["dedup", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(app, ["dedup", "--db", str(db)]).exit_code == 0  # rebuild is idempotent

    hand, labels = gold_mentions()
    gold_by_article = {m.article_id: m for m in hand}
    story_of_gold = {m.article_id: labels[m.event_id] for m in hand}
    con = duckdb.connect(str(db))
    try:
        mentions = load_mentions(con)
        members = con.execute("SELECT story_id, event_id FROM story_members").fetchall()
        n_members = con.execute("SELECT count(*), count(DISTINCT event_id) FROM story_members").fetchone()
        sums = con.execute("SELECT sum(num_articles) FROM story_events").fetchone()
    finally:
        con.close()
    assert n_members == (len(mentions), len(mentions))  # every event in exactly one story
    assert sums and sums[0] >= len({m.article_id for m in mentions})

    best: dict[str, tuple[tuple[bool, bool, bool], str]] = {}  # article → (fit, event id) of its gold event
    for m in mentions:
        g = gold_by_article[m.article_id]
        if family(m.root) == family(g.root) and actors_compatible(m, g):
            fit = (m.date_value == g.date_value, m.place_name == g.place_name, m.cameo == g.cameo)
            if m.article_id not in best or fit > best[m.article_id][0]:
                best[m.article_id] = (fit, m.event_id)
    matched = {ev: story_of_gold[art] for art, (_, ev) in best.items()}
    everything = {m.event_id: matched.get(m.event_id, "extra:" + m.event_id) for m in mentions}
    groups: dict[str, list[str]] = {}
    for story_id, event_id in members:
        groups.setdefault(story_id, []).append(event_id)
    precision, recall = pairwise_scores(list(groups.values()), matched)
    p_all, r_all = pairwise_scores(list(groups.values()), everything)
    print(f"\ndedup end-to-end: {len(mentions)} coded events, {len(matched)}/{len(gold_by_article)} gold events "
          f"found, {len(groups)} stories; over the found gold events: pairwise precision {precision:.3f} "
          f"recall {recall:.3f}; over all coded events (extras as singletons): precision {p_all:.3f} "
          f"recall {r_all:.3f}")
    assert precision >= 0.9
