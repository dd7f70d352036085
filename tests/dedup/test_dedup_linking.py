"""Linking on hand-built Event records: pairwise rules and the corpus's precision and recall."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from dedup_corpus import gold_mentions
from veille.dedup import Mention, compatible, date_window, link_mentions, pairwise_scores

PUB = datetime(2024, 5, 27, 18, tzinfo=timezone.utc)


def m(**kw: object) -> Mention:
    base = dict(event_id="x#1", article_id="x", cameo="040", source_codes=["FRAGOV"],
                target_codes=["DEUGOV"], date_value="2024-05-27", date_granularity="day",
                date_basis="text", published=PUB, outlet="Le Monde")
    base.update(kw)
    return Mention(**base)  # type: ignore[arg-type]


OTHER = dict(event_id="y#1", article_id="y")


@pytest.mark.parametrize("change, expected", [
    ({}, True),
    ({"article_id": "x"}, False),  # same article: merged upstream, never here
    ({"cameo": "042"}, True),  # same root
    ({"cameo": "130"}, False),  # a threat is not the meeting
    ({"source_codes": ["DEUGOV"], "target_codes": ["FRAGOV"]}, True),  # symmetric root: reversed dyad
    ({"source_codes": ["FRAGOV", "DEUGOV"], "target_codes": []}, True),  # "A and B met"
    ({"target_codes": ["ITAGOV"]}, False),  # another counterpart
    ({"target_codes": []}, True),  # underspecified
    ({"source_codes": ["FRA"]}, True),  # country-level code
    ({"date_value": "2024-06-03"}, False),  # a week later
    ({"date_value": "2024-05-28"}, True),  # one day off (time zones, "la veille")
    ({"date_value": "2024-05", "date_granularity": "month"}, True),  # coarser date that contains it
    ({"date_value": "2024-04", "date_granularity": "month"}, False),
    ({"date_value": "2024-W22", "date_granularity": "week"}, True),
    ({"date_value": None, "date_basis": "publication", "published": datetime(2024, 5, 29, tzinfo=timezone.utc)}, True),
    ({"date_value": None, "date_basis": "publication", "published": datetime(2024, 6, 3, tzinfo=timezone.utc)}, False),
    ({"modality": "negated"}, False),
    ({"modality": "future"}, True),
])
def test_dedup_pair_rules(change, expected):
    assert compatible(m(), m(**{**OTHER, **change})) is expected


@pytest.mark.parametrize("a, b, expected", [
    (("Kharkiv", "UKR", 49.98, 36.25, "city"), ("Kharkiv", "UKR", 49.99, 36.23, "city"), True),
    (("Kharkiv", "UKR", 49.98, 36.25, "city"), ("Odesa", "UKR", 46.48, 30.73, "city"), False),
    (("Kharkiv", "UKR", 49.98, 36.25, "city"), ("Ukraine", "UKR", 49.0, 32.0, "country"), True),
    (("Kharkiv", "UKR", 49.98, 36.25, "city"), ("Moscow", "RUS", 55.75, 37.62, "city"), False),
    (("Kharkiv", "UKR", None, None, "city"), ("Odesa", "UKR", None, None, "city"), False),
])
def test_dedup_place_rules(a, b, expected):
    ka = dict(zip(("place_name", "place_country", "place_lat", "place_lon", "place_feature"), a))
    kb = dict(zip(("place_name", "place_country", "place_lat", "place_lon", "place_feature"), b))
    strike = dict(cameo="190", source_codes=["RUS"], target_codes=["UKR"])
    assert compatible(m(**strike, **ka), m(**OTHER, **strike, **kb)) is expected


def test_dedup_date_window_granularity():
    assert date_window(m(date_value="2024-05", date_granularity="month"))[1].isoformat() == "2024-05-31"
    assert date_window(m(date_value="2024-Q2", date_granularity="quarter"))[1].isoformat() == "2024-06-30"


def test_dedup_complete_linkage_blocks_chaining():
    """A vague mention compatible with two distinct meetings joins one, never merges them."""
    vague = m(event_id="v#1", article_id="v", target_codes=[])
    scholz = m(event_id="s#1", article_id="s")
    meloni = m(event_id="i#1", article_id="i", target_codes=["ITAGOV"])
    stories = link_mentions([vague, scholz, meloni])
    assert len(stories) == 2


def test_dedup_corpus_precision_recall():
    mentions, gold = gold_mentions()
    stories = link_mentions(mentions)
    precision, recall = pairwise_scores([[x.event_id for x in s.members] for s in stories], gold)
    print(f"\ndedup hand-built: {len(mentions)} events, {len(stories)} stories, "
          f"{len(set(gold.values()))} gold; pairwise precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_dedup_order_independent():
    mentions, _ = gold_mentions()
    first = {s.id: sorted(x.event_id for x in s.members) for s in link_mentions(mentions)}
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    assert {s.id: sorted(x.event_id for x in s.members) for s in link_mentions(shuffled)} == first


def test_dedup_story_counts():
    mentions, _ = gold_mentions()
    kharkiv = next(s for s in link_mentions(mentions) if any(x.article_id == "d1" for x in s.members))
    # mentions, articles, distinct outlets
    assert kharkiv.counts() == (4, 4, 4)
    doubled = replace(kharkiv.members[0], event_id="d1b#1", article_id="d1b", mentions=2)
    kharkiv.members.append(doubled)  # the same outlet again: one more article, not one more source
    assert kharkiv.counts() == (6, 5, 4)
