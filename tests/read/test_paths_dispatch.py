"""Files, folders and globs: dispatch by extension or sniffing; bad inputs never stop a batch."""
from __future__ import annotations

import io
import json
import os
import sys

import pytest

from veille.errors import VeilleError
from veille.read import ReadOptions, read_file, read_input, read_paths, sniff
from veille.records import Article, Failure

from read_samples import EN_BODY, FR_BODY, SEED, html_page, warc_bytes


def _summary(results):
    return [(os.path.basename(r.source_path.split("#")[0].split(":")[0]), "ok") if isinstance(r, Article)
            else (os.path.basename(r.source), r.code) for r in results]


@pytest.fixture
def corpus(tmp_path):
    """A folder with one document per format, a nested folder and a hidden file."""
    (tmp_path / "a.txt").write_text(FR_BODY, encoding="utf-8")
    (tmp_path / "b.html").write_text(html_page(), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": EN_BODY}) + "\n", encoding="utf-8")
    (tmp_path / "d.warc.gz").write_bytes(warc_bytes([html_page()]))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.md").write_text(EN_BODY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(FR_BODY, encoding="utf-8")
    return tmp_path


def test_paths_folder_recursive(config, corpus):
    assert _summary(read_paths([str(corpus)], config=config)) == [
        ("a.txt", "ok"), ("b.html", "ok"), ("c.jsonl", "ok"), ("d.warc.gz", "ok"), ("e.md", "ok")]


def test_paths_unreadable_files_in_folder(config, corpus):
    (corpus / "broken.txt").symlink_to(corpus / "missing-target.txt")  # dangling link
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")  # symlink loop
    (corpus / "folder.txt").mkdir()  # a folder named like a file is walked, not read
    got = _summary(read_paths([str(corpus)], config=config))
    assert ("broken.txt", "E109") in got and ("loop.txt", "E109") in got
    assert [name for name, status in got if status == "ok"] == ["a.txt", "b.html", "c.jsonl", "d.warc.gz",
                                                                 "e.md"]


def test_paths_directory_read_as_file(config, tmp_path):
    (tmp_path / "x.txt").mkdir()
    (failure,) = read_file(str(tmp_path / "x.txt"), ReadOptions(config=config))
    assert failure.code == "E114" and "x.txt" in failure.message and "folder" in failure.message


@pytest.mark.parametrize("pattern,expected", [
    ("*.txt", ["a.txt"]),
    ("**/*.md", ["e.md"]),
    ("[ab].*", ["a.txt", "b.html"]),
    ("s*", ["e.md"]),  # a glob matching a folder reads the folder
])
def test_paths_globs(config, corpus, pattern, expected):
    got = _summary(read_paths([str(corpus / pattern)], config=config))
    assert [name for name, _ in got] == expected


def test_paths_glob_without_match(config, corpus):
    with pytest.raises(VeilleError) as info:
        list(read_paths([str(corpus / "a.txt"), str(corpus / "*.pdf")], config=config))
    assert info.value.code == "E112" and "*.pdf" in info.value.message


def test_paths_missing_file(config, corpus):
    got = _summary(read_paths([str(corpus / "nope.txt"), str(corpus / "a.txt")], config=config))
    assert got == [("nope.txt", "E109"), ("a.txt", "ok")]


@pytest.mark.parametrize("name,data,expected", [
    ("notes", FR_BODY.encode(), "ok"),  # no extension, text: read as text
    ("page.php", html_page().encode(), "ok"),  # sniffed HTML
    ("dump.json", json.dumps({"text": FR_BODY}).encode(), "ok"),  # sniffed JSONL
    ("crawl.arc", warc_bytes([html_page()]), "ok"),  # sniffed gzipped WARC
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)), "E110"),
    ("data.csv", b"a,b,c\n1,2,3\n", "E110"),
])
def test_paths_unknown_extension_sniffed(config, tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    ((_, status),) = _summary(read_paths([str(tmp_path / name)], config=config))
    assert status == expected


@pytest.mark.parametrize("head,fmt", [
    (b"WARC/1.1\r\n", "warc"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
    (b"  <html lang='fr'>", "html"),
    (b'{"text": "x"}\n', "jsonl"),
    (b"Le texte.", None),
])
def test_paths_sniff(head, fmt):
    assert sniff(head) == fmt


@pytest.mark.parametrize("data,expected", [
    (SEED.read_bytes(), "ok"),
    (SEED.read_text(encoding="utf-8").encode("cp1252"), "ok"),
    ((json.dumps({"id": "s1", "text": FR_BODY}) + "\n{bad\n").encode(), ["ok", "E107"]),
    (b"", "E101"),
])
def test_paths_stdin(config, monkeypatch, data, expected):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    results = list(read_input("-", config=config))
    got = ["ok" if isinstance(r, Article) else r.code for r in results]
    assert got == (expected if isinstance(expected, list) else [expected])
    assert all(isinstance(r, Failure) or r.source_path.startswith("<stdin>") for r in results)


def test_paths_read_input_forced_id(config):
    (article,) = read_input(str(SEED), article_id="my-id", config=config)
    assert article.id == "my-id" and article.outlet == "TF1 Info"


def test_paths_stdin_too_large(monkeypatch):
    from veille.config import load_config

    small = load_config(overrides={"read": {"max_bytes": 100}})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FR_BODY.encode())))
    (failure,) = read_input("-", config=small)
    assert failure.code == "E103" and failure.source == "<stdin>"
