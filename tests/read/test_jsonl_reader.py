"""JSONL: one article per line; a malformed line is a coded failure, the rest goes on."""
from __future__ import annotations

import json

import pytest

from veille.read import read_paths
from veille.records import Article, Failure

from read_samples import DE_BODY, EN_BODY, FR_BODY, WIKINEWS


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_fields(config, tmp_path):
    record = {"id": 42, "title": "Putin to visit", "text": EN_BODY, "date": "2023-09-14T11:36:00+02:00",
              "url": "https://example.com/1", "lang": "en", "outlet": "Example", "authors": ["Jane Doe"]}
    (article,) = read_paths([_write(tmp_path / "a.jsonl", [json.dumps(record)])], config=config)
    assert (article.id, article.title, article.text, article.language) == ("42", "Putin to visit", EN_BODY, "en")
    assert article.published.isoformat() == "2023-09-14T11:36:00+02:00"
    assert (article.url, article.outlet, article.authors) == ("https://example.com/1", "Example", ["Jane Doe"])
    assert article.source_path.endswith("a.jsonl:1")


@pytest.mark.parametrize("date,expected", [
    ("2012-05-22", "2012-05-22T00:00:00+02:00"),  # a bare date is read in read.timezone
    ("2023-09-14T09:36:00Z", "2023-09-14T09:36:00+00:00"),
    ("Thu, 14 Sep 2023 11:36:00 +0200", "2023-09-14T11:36:00+02:00"),
    (None, None),
])
def test_jsonl_dates(config, tmp_path, date, expected):
    (article,) = read_paths([_write(tmp_path / "d.jsonl", [json.dumps({"text": FR_BODY, "date": date})])],
                            config=config)
    assert (article.published.isoformat() if article.published else None) == expected


def test_jsonl_malformed_lines_among_good_ones(config, tmp_path):
    lines = [json.dumps({"id": "a", "text": FR_BODY}),
             '{"id": "b", "text": "unterminated',
             "",
             json.dumps(["not", "an", "object"]),
             json.dumps({"id": "e", "title": "no text"}),
             json.dumps({"id": "f", "text": FR_BODY, "date": "next Tuesday"}),
             json.dumps({"id": "g", "text": DE_BODY}),
             json.dumps({"id": "h", "text": EN_BODY})]
    results = list(read_paths([_write(tmp_path / "mixed.jsonl", lines)], config=config))
    got = [(r.id, r.language) if isinstance(r, Article) else (r.source.rsplit(":", 1)[1], r.code)
           for r in results]
    assert got == [("a", "fr"), ("2", "E107"), ("4", "E107"), ("5", "E107"), ("6", "E107"), ("7", "E106"),
                   ("h", "en")]
    malformed = results[1]
    assert "line 2" in malformed.message and not malformed.skipped
    assert results[5].skipped and results[5].article_id == "g"


def test_jsonl_wikinews_lead_and_source(config):
    records = [json.loads(line) for line in WIKINEWS.read_text(encoding="utf-8").splitlines()]
    articles = list(read_paths([str(WIKINEWS)], config=config))
    assert len(articles) == len(records) and all(isinstance(a, Article) for a in articles)
    first, record = articles[0], records[0]
    assert first.id == record["id"] and first.outlet == record["source"] == "fr.wikinews.org"
    assert first.text.startswith(record["lead"]) and first.text.endswith(record["text"])
    assert first.published.date().isoformat() == record["date"] and first.language == "fr"


def test_jsonl_id_from_text_when_absent(config, tmp_path):
    path = _write(tmp_path / "n.jsonl", [json.dumps({"text": FR_BODY}), json.dumps({"text": "  " + FR_BODY})])
    first, second = read_paths([path], config=config)
    assert first.id == second.id and len(first.id) == 16  # normalised text -> same stable id


def test_jsonl_wikinews_lead_heading(config):
    articles = {a.id: a for a in read_paths([str(WIKINEWS)], config=config)}
    assert "Vers deux milliards de clients" in articles["45712"].headings
