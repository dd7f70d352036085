"""Inputs a tester throws at the readers: odd file names, pipes, folders that cannot be
listed, encodings without markers. Each becomes an article or a coded failure; none
stops the batch or hangs it."""
from __future__ import annotations

import os
import threading

from veille.read import ReadOptions, read_file, read_paths, stable_id
from veille.read.detect import decode_noted

BODY = "Le président Emmanuel Macron a reçu lundi à Paris le chancelier allemand Olaf Scholz.\n"


def _read_all(paths, config):
    return list(read_paths([str(p) for p in paths], lang="fr", config=config))


def test_file_name_not_utf8_is_read_and_named_printably(tmp_path, config):
    name = os.fsdecode(b"bad\xffname.txt")
    (tmp_path / name).write_text(BODY, encoding="utf-8")
    (item,) = _read_all([tmp_path], config)
    assert item.text == BODY
    assert item.source_path.endswith("bad\\xffname.txt")
    item.source_path.encode("utf-8")  # storable and printable: no lone surrogate left


def test_fifo_is_refused_not_waited_on(tmp_path, config):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    got: list = []
    reader = threading.Thread(target=lambda: got.extend(_read_all([tmp_path], config)), daemon=True)
    reader.start()
    reader.join(30)
    assert not reader.is_alive(), "reading a folder with a FIFO must not block"
    codes = {os.path.basename(getattr(i, "source", None) or i.source_path): getattr(i, "code", "ok") for i in got}
    assert codes == {"ok.txt": "ok", "pipe.txt": "E114"}


def test_unlistable_subfolder_gives_a_failure_row(tmp_path, config, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):  # the suite runs as root, where chmod 000 does not stop reading
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = _read_all([tmp_path], config)
    failures = [i for i in got if hasattr(i, "code")]
    assert [(f.code, os.path.basename(f.source)) for f in failures] == [("E115", "locked")]
    assert "Permission denied" in failures[0].message
    assert [os.path.basename(i.source_path) for i in got if not hasattr(i, "code")] == ["b.txt"]


def test_utf16_without_bom_is_text(tmp_path, config):
    for enc in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{enc}.txt"
        path.write_bytes(BODY.encode(enc))
        (item,) = read_file(str(path), ReadOptions(config=config, lang="fr"))
        assert getattr(item, "text", None) == BODY, item


def test_mixed_utf8_and_latin1_is_decoded_part_by_part_with_a_warning():
    data = "Le député a déclaré :\n".encode("utf-8") + "« Nous refusons ce traité », a-t-il ajouté.\n".encode("latin-1")
    text, warnings = decode_noted(data, "mixed.txt")
    assert text == "Le député a déclaré :\n« Nous refusons ce traité », a-t-il ajouté.\n"
    assert [w.code for w in warnings] == ["E113"] and "mixed.txt" in warnings[0].message


def test_mixed_encoding_warning_reaches_the_article(tmp_path, config):
    path = tmp_path / "mixed.txt"
    path.write_bytes(BODY.encode("utf-8") + "Le ministre a répondu mardi.\n".encode("latin-1"))
    (item,) = read_file(str(path), ReadOptions(config=config, lang="fr"))
    assert "répondu" in item.text and [w.code for w in item.warnings] == ["E113"]


def test_plain_latin1_and_utf8_give_no_warning():
    assert decode_noted("Le député a répondu.".encode("latin-1"), "x")[1] == []
    assert decode_noted("Le député a répondu.".encode("utf-8"), "x")[1] == []


def test_identity_covers_title_and_source(tmp_path, config):
    for i in range(20):
        (tmp_path / f"{i:02}.txt").write_text(f"Titre numéro {i}\nPublié le 14 septembre 2023 à 11h36\n\n{BODY}",
                                              encoding="utf-8")
    items = _read_all([tmp_path], config)
    assert len({a.id for a in items}) == 20
    assert stable_id(BODY) == stable_id(BODY, title=None, source=None)
    assert stable_id(BODY, title="A") != stable_id(BODY, title="B") != stable_id(BODY, title="B", source="X")


def test_jsonl_lone_surrogate_is_replaced_not_fatal(tmp_path, config):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s1", "text": "Le pr\\ud800sident a parl\\u00e9 longuement devant les députés.", '
                    '"lang": "fr"}\n', encoding="utf-8")
    (item,) = read_file(str(path), ReadOptions(config=config))
    assert item.text == "Le pr?sident a parlé longuement devant les députés."
