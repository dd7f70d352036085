"""End to end: the dedup corpus through the pipeline into DuckDB, then ``veille dedup``.

The figures depend on the event coder (which events it finds): linking precision
and recall are measured over the events the coder produced, each matched to its
article's gold event (same CAMEO family and compatible actors) or else given a
story of its own; coder recall is the share of gold events it found.
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

    gold_by_article = {m.article_id: m for m in gold_mentions()[0]}
    story_of_gold = dict(zip((m.article_id for m in gold_mentions()[0]), gold_mentions()[1].values()))
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

    gold: dict[str, str] = {}
    found = set()
    for m in mentions:
        g = gold_by_article[m.article_id]
        if family(m.root) == family(g.root) and actors_compatible(m, g) and m.article_id not in found:
            gold[m.event_id] = story_of_gold[m.article_id]
            found.add(m.article_id)
        else:
            gold[m.event_id] = "extra:" + m.event_id
    groups: dict[str, list[str]] = {}
    for story_id, event_id in members:
        groups.setdefault(story_id, []).append(event_id)
    precision, recall = pairwise_scores(list(groups.values()), gold)
    print(f"\ndedup end-to-end: {len(mentions)} coded events ({len(found)}/{len(gold_by_article)} gold events "
          f"found), {len(groups)} stories; pairwise precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.9
