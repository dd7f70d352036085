"""GDELT 2.0 Events and Mentions exports read back with pandas under GDELT's column names."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from seed_data import seed_extraction
import veille.store.gdelt  # noqa: F401 - registers the formats (until veille.store imports it)
from veille.store import export
from veille.store.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, fips_table, sentence_number

SEED = seed_extraction()
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
S = SEED.article.id


def gdelt_names(kind: str) -> list[str]:
    return (SHARED / "data" / "gdelt" / f"{kind}_columns.txt").read_text().split()


def read(path, kind: str) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=gdelt_names(kind), dtype=str, keep_default_na=False,
                       quoting=3)


@pytest.fixture
def events(con, tmp_path) -> pd.DataFrame:
    n = export(con, "gdelt", tmp_path / "events.tsv")
    df = read(tmp_path / "events.tsv", "events")
    assert n == len(df)
    return df


@pytest.fixture
def mentions(con, tmp_path) -> pd.DataFrame:
    n = export(con, "gdelt-mentions", tmp_path / "mentions.tsv")
    df = read(tmp_path / "mentions.tsv", "mentions")
    assert n == len(df)
    return df


def test_columns_match_gdelt():
    assert list(EVENT_COLUMNS) == gdelt_names("events") and len(EVENT_COLUMNS) == 61
    assert list(MENTION_COLUMNS) == gdelt_names("mentions") and len(MENTION_COLUMNS) == 16


def test_every_row_has_61_fields(con, tmp_path):
    export(con, "gdelt", tmp_path / "e.tsv")
    for line in (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines():
        assert len(line.split("\t")) == 61


def test_events_values(events):
    # asserted events only (the hypothetical sanction threat is left out); #5 has two targets: two rows
    assert len(events) == 11
    assert events["GLOBALEVENTID"].is_unique
    row = events[(events.EventCode == "036") & (events.Actor1Code == "PRKGOV")].iloc[0]
    assert (row.SQLDATE, row.MonthYear, row.Year, row.FractionDate) == ("20230913", "202309", "2023", "2023.6986")
    assert (row.Actor1Name, row.Actor1CountryCode, row.Actor1Type1Code) == ("KIM JONG UN", "PRK", "GOV")
    assert (row.Actor2Code, row.Actor2CountryCode, row.Actor2Type1Code) == ("RUSGOV", "RUS", "GOV")
    assert (row.EventBaseCode, row.EventRootCode, row.QuadClass, row.GoldsteinScale) == ("036", "03", "1", "4")
    assert (row.NumMentions, row.NumSources, row.NumArticles, row.IsRootEvent) == ("1", "1", "1", "0")
    assert (row.ActionGeo_Type, row.ActionGeo_CountryCode, row.ActionGeo_FeatureID) == ("4", "RS", "2013348")
    assert row.ActionGeo_FullName == "Vostochny Cosmodrome, Russia"
    assert float(row.ActionGeo_Lat) == pytest.approx(51.884) and row.SOURCEURL.startswith("https://www.tf1info.fr/")
    assert len(row.DATEADDED) == 14 and row.AvgTone == "" and row.Actor1Geo_Type == ""


def test_events_dyads_and_history(events):
    summit = events[events.EventCode == "046"]
    assert summit[["Actor1Code", "Actor2Code", "NumMentions"]].values.tolist() == [["RUSGOV", "PRKGOV", "2"]]
    criticism = events[events.Actor1Code == "KORPTY"]
    assert sorted(criticism.Actor2Code) == ["PRKGOV", "RUSGOV"] and set(criticism.QuadClass) == {"3"}
    visit2000 = events[events.SQLDATE == "20000101"]
    assert visit2000[["EventCode", "Actor1Code", "Year"]].values.tolist() == [["042", "RUSGOV", "2000"]]
    country = events[(events.EventCode == "042") & (events.Actor1Code == "PRKGOV")].iloc[0]
    assert (country.ActionGeo_Type, country.ActionGeo_FullName, country.ActionGeo_CountryCode) == ("1", "Russia", "RS")
    assert "THREATEN" not in set(events.EventCode) and "138" not in set(events.EventCode)


def test_mentions_values(events, mentions):
    assert set(mentions.GLOBALEVENTID) == set(events.GLOBALEVENTID)
    summit_id = events[events.EventCode == "046"].GLOBALEVENTID.iloc[0]
    rows = mentions[mentions.GLOBALEVENTID == summit_id]
    assert len(rows) == 2  # the trigger and "pourparlers bilatéraux"
    text = SEED.article.text
    offsets = sorted(int(x) for x in rows.ActionCharOffset)
    assert text[offsets[0]:].startswith("rencontre tenue") and text[offsets[1]:].startswith("pourparlers bilatéraux")
    r = rows.iloc[0]
    assert (r.MentionType, r.MentionSourceName, r.InRawText, r.MentionDocTranslationInfo) == ("1", "tf1info.fr", "1", "srclc:fra")
    assert r.MentionTimeDate == "20230914093600" and r.MentionDocLen == str(len(text))
    assert text[int(r.Actor1CharOffset):].startswith("Poutine") and text[int(r.Actor2CharOffset):].startswith("Kim Jong Un")
    assert int(r.SentenceID) == sentence_number(text, int(r.ActionCharOffset))
    en = mentions[mentions.MentionIdentifier == "https://example.org/en-1"]
    assert set(en.MentionDocTranslationInfo) == {""} and set(en.MentionSourceName) == {"example.org"}


@pytest.mark.parametrize("iso3, fips", [("RUS", "RS"), ("PRK", "KN"), ("KOR", "KS"), ("DEU", "GM"), ("JPN", "JA"),
                                        ("UKR", "UP"), ("USA", "US"), ("FRA", "FR"), ("GBR", "UK"), ("CHN", "CH")])
def test_fips_table(iso3, fips):
    assert fips_table()[iso3].fips == fips


def test_sentence_number():
    assert [sentence_number("A b. C d! E\nF", i) for i in (0, 5, 10, 12)] == [1, 2, 3, 4]
