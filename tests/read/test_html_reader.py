"""HTML pages through trafilatura: body without boilerplate, metadata, E104."""
from __future__ import annotations

import pytest

from veille.read import read_paths
from veille.records import Failure

from read_samples import EN_BODY, FR_BODY, html_page


def test_html_article(config, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    (article,) = read_paths([str(path)], config=config)
    assert article.title == "Putin accepts invitation to North Korea"
    assert article.authors == ["Jane Doe"] and article.outlet == "Example News"
    assert article.url == "https://example.com/world/putin-north-korea"
    assert article.published.isoformat() == "2023-09-14T11:36:00+02:00"
    assert article.language == "en" and article.headings == ["Military cooperation"]
    assert article.text.startswith(EN_BODY)  # title line and navigation dropped
    assert "Home" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252"])
def test_html_declared_legacy_charset(config, tmp_path, charset):
    path = tmp_path / "fr.htm"
    path.write_bytes(html_page(FR_BODY, title="L'Élysée reçoit le chancelier", charset=charset).encode("cp1252"))
    (article,) = read_paths([str(path)], config=config)
    assert article.title == "L'Élysée reçoit le chancelier" and FR_BODY in article.text
    assert article.language == "fr"


@pytest.mark.parametrize("page", [
    "<html><head><title>Index</title></head><body></body></html>",
    '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><p>Menu</p></body></html>',
])
def test_html_no_body(config, tmp_path, page):
    (tmp_path / "a_empty.html").write_text(page, encoding="utf-8")
    (tmp_path / "b_good.html").write_text(html_page(), encoding="utf-8")
    bad, good = read_paths([str(tmp_path)], config=config)
    assert isinstance(bad, Failure) and bad.code == "E104" and bad.source.endswith("a_empty.html")
    assert good.title == "Putin accepts invitation to North Korea"
