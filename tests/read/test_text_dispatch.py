"""Plain-text dispatches: header fields, footer, body kept as given."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from veille.read import read_paths
from veille.read.text import parse_dispatch, parse_header_date, split_byline

from read_samples import EN_BODY, SEED

EN_DISPATCH = f"""Putin accepts invitation to visit North Korea

By Jane Doe (with Reuters)
Published Sept. 14, 2023 11:36 AM

Source: Reuters

{EN_BODY}
The two leaders discussed military cooperation, despite international sanctions.

(Reporting by Jane Doe; Editing by John Smith)
"""


def test_text_seed_header_fields(config):
    (article,) = read_paths([str(SEED)], config=config)
    assert article.title == ("Après sa rencontre avec Kim Jong Un en Russie, Vladimir Poutine accepte "
                             "une invitation de Pyongyang")
    assert article.published.isoformat() == "2023-09-14T11:36:00+02:00"
    assert (article.outlet, article.authors, article.agencies) == ("TF1 Info", ["M.L"], ["AFP"])
    assert article.language == "fr"
    assert '"Pacte du diable"' in article.headings


def test_text_seed_footer_dropped_body_as_given(config):
    (article,) = read_paths([str(SEED)], config=config)
    raw = SEED.read_text(encoding="utf-8")
    tail = article.text.rstrip().splitlines()[-1]
    assert tail not in ("Tout", "TF1 Info", "M.L (avec AFP)")
    assert "M.L (avec AFP)" not in article.text and not article.text.rstrip().endswith("TF1 Info")
    start = raw.index(article.text[:50])
    assert raw[start:start + len(article.text)] == article.text  # offsets point into the input
    assert article.text.startswith("Au lendemain de sa rencontre")


def test_text_english_header(config, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(EN_DISPATCH, encoding="utf-8")
    (article,) = read_paths([str(path)], config=config)
    assert article.title == "Putin accepts invitation to visit North Korea"
    assert article.authors == ["Jane Doe"] and article.agencies == ["Reuters"]
    assert article.outlet == "Reuters"
    assert article.published.isoformat() == "2023-09-14T11:36:00+02:00"
    assert article.language == "en"
    assert article.text.startswith("Russian President") and "Reporting by" not in article.text


@pytest.mark.parametrize("line,expected", [
    ("Publié le 14 septembre 2023 à 11h36", "2023-09-14T11:36:00+02:00"),
    ("Publié le 1er janvier 2024 à 8h05", "2024-01-01T08:05:00+01:00"),
    ("Publié le jeudi 14 sept. 2023 à 11:36", "2023-09-14T11:36:00+02:00"),
    ("Mis à jour le 14/09/2023 à 11h36", "2023-09-14T11:36:00+02:00"),
    ("Publié le 14 septembre 2023", "2023-09-14T00:00:00+02:00"),
    ("Published Sept. 14, 2023 11:36 AM", "2023-09-14T11:36:00+02:00"),
    ("Published Sept. 14, 2023 1:05 p.m.", "2023-09-14T13:05:00+02:00"),
    ("Updated: September 14, 2023 at 11:36 EDT", "2023-09-14T11:36:00-04:00"),
    ("Published on 14 September 2023 11:36 GMT", "2023-09-14T11:36:00+00:00"),
    ("Published 2023-09-14T11:36:00+02:00", "2023-09-14T11:36:00+02:00"),
    ("Le président a publié un décret", None),
    ("Published Foo. 14, 2023", None),
    ("Publié le 31 février 2023", None),
])
def test_text_header_date(line, expected):
    got = parse_header_date(line, "Europe/Paris")
    assert (got.isoformat() if got else None) == expected


def test_text_header_timezone_from_config():
    got = parse_header_date("Published Sept. 14, 2023 11:36 AM", "America/New_York")
    assert got.utcoffset() == timedelta(hours=-4)
    assert got.astimezone(timezone.utc) == datetime(2023, 9, 14, 15, 36, tzinfo=timezone.utc)


@pytest.mark.parametrize("authors,agencies,expected", [
    ("M.L", "AFP", (["M.L"], ["AFP"])),
    ("Jane Doe and John Smith", None, (["Jane Doe", "John Smith"], [])),
    ("Jean Dupont, AFP", None, (["Jean Dupont"], ["AFP"])),
    ("Reuters", None, ([], ["Reuters"])),
])
def test_text_split_byline(authors, agencies, expected):
    assert split_byline(authors, agencies) == expected


@pytest.mark.parametrize("raw,title,authors", [
    # prose that starts like a byline is body, not header
    ("Par ailleurs, le gouvernement a annoncé des mesures.\nLa suite du texte.\n", None, []),
    ("Un titre\n\npar Marie Curie et Paul Langevin\n\nLe corps du texte commence ici.\n", "Un titre",
     ["Marie Curie", "Paul Langevin"]),
])
def test_text_header_or_body(raw, title, authors):
    article = parse_dispatch(raw)
    assert article.title == title and article.authors == authors
    assert article.text.startswith(raw.strip().splitlines()[-1 if title else 0])


def test_text_without_header_is_all_body():
    raw = "Le gouvernement a annoncé jeudi de nouvelles mesures.\nLe texte continue ici.\n"
    article = parse_dispatch(raw)
    assert article.text == raw and article.title is None and article.published is None


def test_text_forced_id_and_language(config):
    (article,) = read_paths([str(SEED)], article_id="seed-1", lang="fr", config=config)
    assert article.id == "seed-1" and article.language == "fr"


def test_text_timezone_from_config(tmp_path):
    from veille.config import load_config

    path = tmp_path / "en.txt"
    path.write_text(EN_DISPATCH, encoding="utf-8")
    config = load_config(overrides={"read": {"timezone": "America/New_York"}})
    (article,) = read_paths([str(path)], config=config)
    assert article.published.isoformat() == "2023-09-14T11:36:00-04:00"
