"""Event queries: actor/target prefixes, CAMEO prefix, date range, limit, all values bound."""
from __future__ import annotations

from datetime import date

import pytest

from veille.records import ActorRef
from veille.store import EventFilter, StoreWriter, connect, find_events

from store_records import PRK, RUS, UN, event, make_extraction

USA = ActorRef(text="Washington", code="USAGOV", country="USA", sector="GOV")


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    c = connect(path)
    StoreWriter(c, str(path)).write([
        make_extraction("a", events=[event("a#1", "036", [RUS], [PRK]),
                                     event("a#2", "042", [PRK], [RUS], date="2023-09"),
                                     event("a#3", "112", [USA], [RUS, PRK], date="2019")]),
        make_extraction("b", events=[event("b#1", "0431", [UN], [PRK], date=None),
                                     event("b#2", "190", [RUS], [], date="2022-02-24")]),
    ])
    yield c
    c.close()


@pytest.mark.parametrize("flt,ids", [
    (EventFilter(), {"a#1", "a#2", "a#3", "b#1", "b#2"}),
    (EventFilter(actor="RUS"), {"a#1", "b#2"}),
    (EventFilter(actor="rusgov"), {"a#1", "b#2"}),
    (EventFilter(actor="IGO"), {"b#1"}),
    (EventFilter(target="PRK"), {"a#1", "a#3", "b#1"}),
    (EventFilter(actor="RUS", target="PRK"), {"a#1"}),
    (EventFilter(code="04"), {"a#2", "b#1"}),
    (EventFilter(code="043"), {"b#1"}),
    (EventFilter(since=date(2023, 1, 1)), {"a#1", "a#2", "b#1"}),  # b#1: publication date
    (EventFilter(until=date(2022, 12, 31)), {"a#3", "b#2"}),
    (EventFilter(since=date(2023, 9, 2), until=date(2023, 9, 13)), {"a#1"}),
    (EventFilter(article_id="b"), {"b#1", "b#2"}),
    (EventFilter(actor="RUS' OR 1=1 --"), set()),
    (EventFilter(code="%"), set()),
])
def test_queries_event_filters(con, flt, ids):
    assert {r["id"] for r in find_events(con, flt)} == ids


def test_queries_limit_and_order(con):
    rows = find_events(con, EventFilter(limit=2))
    assert [r["id"] for r in rows] == ["a#3", "b#2"]  # 2019, then 2022
