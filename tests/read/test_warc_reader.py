"""WARC archives: HTML responses become articles; a truncated archive keeps what was read."""
from __future__ import annotations

import pytest

from veille.read import read_paths
from veille.records import Article, Failure

from read_samples import EN_BODY, FR_BODY, html_page

PAGES = [html_page(EN_BODY, title="Putin accepts invitation"),
         html_page(FR_BODY, title="Le chancelier reçu à l'Élysée"),
         html_page(EN_BODY.replace("Thursday", "Friday"), title="Kim returns home")]


@pytest.mark.parametrize("gzip,name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_warc_html_responses(config, tmp_path, warc_file, gzip, name):
    path = warc_file(tmp_path / name, PAGES, gzip=gzip)
    articles = list(read_paths([path], config=config))
    assert [a.title for a in articles] == ["Putin accepts invitation", "Le chancelier reçu à l'Élysée",
                                           "Kim returns home"]
    assert [a.language for a in articles] == ["en", "fr", "en"]
    assert all(isinstance(a, Article) and len(a.id) == 36 for a in articles)  # WARC-Record-ID uuid
    assert articles[0].url == "https://example.com/world/putin-north-korea"
    assert articles[0].source_path.startswith(path + "#urn:uuid:")


@pytest.mark.parametrize("gzip,cut", [(True, 0.5), (True, 0.97), (False, 0.5), (False, 0.97), (True, 0.01)])
def test_warc_truncated(config, tmp_path, warc_file, gzip, cut):
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    warc_file(path, PAGES, gzip=gzip)
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * cut)])
    (tmp_path / "zz_after.txt").write_text(FR_BODY, encoding="utf-8")
    results = list(read_paths([str(tmp_path)], config=config))
    kept = [r.title for r in results if isinstance(r, Article) and r.source_path.startswith(str(path))]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [f.code for f in failures] == ["E108"] and str(path) in failures[0].message
    assert kept == ["Putin accepts invitation", "Le chancelier reçu à l'Élysée", "Kim returns home"][:len(kept)]
    assert (len(kept) == 0) if cut < 0.1 else (0 < len(kept) < len(PAGES))  # records before the damage
    assert results[-1].text == FR_BODY  # the batch goes on after the damaged archive


def test_warc_garbage(config, tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is not a record header\r\n\r\n" + b"x" * 100)
    results = list(read_paths([str(path)], config=config))
    assert [r.code for r in results] == ["E108"]
