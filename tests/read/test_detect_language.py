"""Language identification: configured languages kept, others skipped, never misparsed."""
from __future__ import annotations

import pytest

from veille.config import load_config
from veille.read import read_paths
from veille.read.detect import _detector, detector_languages, identify_language
from veille.records import Failure

from read_samples import DE_BODY, EN_BODY, FR_BODY


@pytest.mark.parametrize("text,expected", [
    (FR_BODY, "fr"),
    (EN_BODY, "en"),
    (DE_BODY, "de"),
    ("El presidente del Gobierno anunció el jueves nuevas sanciones contra Rusia por la guerra.", "es"),
    ("Il presidente del Consiglio ha annunciato giovedì nuove sanzioni contro la Russia.", "it"),
    ("OK", None),  # too little text: the configured default (none)
    ("12 34 56 ... !!", None),
])
def test_detect_identify_language(config, text, expected):
    assert identify_language(text, config) == expected


def test_detect_default_language_for_short_text():
    config = load_config(overrides={"read": {"default_language": "fr"}})
    assert identify_language("Paris", config) == "fr"


def test_detect_detector_built_once(config):
    identify_language(FR_BODY, config)
    before = _detector.cache_info()
    for text in (FR_BODY, EN_BODY, DE_BODY):
        identify_language(text, config)
    after = _detector.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 3
    assert {"fr", "en", "de"} <= set(detector_languages(config))


@pytest.mark.parametrize("name,text,lang,code", [
    ("de.txt", DE_BODY, None, "E106"),  # German: identified and skipped, not parsed as French
    ("short.txt", "Oui.", None, "E111"),
    ("forced.txt", FR_BODY, "de", "E106"),  # --lang outside the configured languages
])
def test_detect_language_skipped(config, tmp_path, name, text, lang, code):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "zz_fr.txt").write_text(FR_BODY, encoding="utf-8")
    skipped, kept = read_paths([str(tmp_path)], lang=lang, config=config) if lang is None else \
        (next(read_paths([str(tmp_path / name)], lang=lang, config=config)),
         next(read_paths([str(tmp_path / "zz_fr.txt")], config=config)))
    assert isinstance(skipped, Failure) and skipped.code == code and skipped.skipped
    assert skipped.article_id and skipped.source.endswith(name)
    assert kept.language == "fr"


def test_detect_language_forced(config, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(EN_BODY, encoding="utf-8")
    (article,) = read_paths([str(path)], lang="en-GB", config=config)
    assert article.language == "en"
