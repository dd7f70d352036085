"""Encoding detection and the byte-level bad inputs: empty, binary, too large."""
from __future__ import annotations

import os

import pytest

from veille.errors import VeilleError
from veille.read import read_paths
from veille.read.detect import decode

from read_samples import FR_BODY, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
SHORT_FR = "Élysée : l'œuvre coûte 5 € — déjà « vendue » à Noël."


@pytest.mark.parametrize("text,encoding", [
    (SEED_TEXT, "cp1252"),
    (SEED_TEXT, "latin-1"),
    (FR_BODY, "cp1252"),
    (FR_BODY, "latin-1"),
    (SHORT_FR, "cp1252"),  # short texts: charset guessers alone often say cp1250 or mac_latin2
    (SHORT_FR, "utf-8-sig"),
    (SHORT_FR, "utf-16"),
    (FR_BODY, "utf-8"),
])
def test_detect_decode_roundtrip(text, encoding):
    assert decode(text.encode(encoding), "x.txt") == text


def test_detect_declared_latin1_read_as_cp1252():
    assert decode("l'œuvre — déjà".encode("cp1252"), "x.html", declared="iso-8859-1") == "l'œuvre — déjà"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_detect_legacy_encoded_seed_file(config, tmp_path, encoding):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_TEXT.encode(encoding))
    (article,) = read_paths([str(path)], config=config)
    assert article.title.startswith("Après sa rencontre") and "Extrême-Orient" in article.text
    assert (article.outlet, article.agencies, article.language) == ("TF1 Info", ["AFP"], "fr")


@pytest.mark.parametrize("data,code", [
    (b"", "E101"),
    (b" \n\t\r\n", "E101"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "E102"),
    (os.urandom(4096), "E102"),
])
def test_detect_bad_bytes(data, code):
    with pytest.raises(VeilleError) as info:
        decode(data, "x.txt")
    assert info.value.code == code


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", "E101"),
    ("blank.txt", b"\n\n  \n", "E101"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + os.urandom(2048), "E102"),
])
def test_detect_bad_file_in_batch(config, tmp_path, name, data, code):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(FR_BODY, encoding="utf-8")
    results = list(read_paths([str(tmp_path)], config=config))
    failures = [r for r in results if r.__class__.__name__ == "Failure"]
    assert [f.code for f in failures] == [code]
    assert failures[0].source.endswith(name) and name in failures[0].message and not failures[0].skipped
    assert [r.text for r in results if r not in failures] == [FR_BODY]


def test_detect_too_large_file(config, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 20 MB, made here, never committed
        line = (FR_BODY + "\n").encode("utf-8")
        fh.write(line * (20_000_000 // len(line) + 1))
    (tmp_path / "small.txt").write_text(FR_BODY, encoding="utf-8")
    big_result, small_result = read_paths([str(big), str(tmp_path / "small.txt")], config=config)
    assert big_result.code == "E103" and str(config.read.max_bytes) in big_result.message
    assert small_result.text == FR_BODY
