"""Sample texts and small file builders for the reader tests (imported as read_samples)."""
from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "article.txt"
WIKINEWS = SHARED / "data" / "wikinews_fr" / "articles.jsonl"

FR_BODY = ("Le président de la République a reçu jeudi à l'Élysée son homologue allemand pour évoquer "
           "la guerre en Ukraine et l'aide militaire européenne, a indiqué la présidence française.")
EN_BODY = ("Russian President Vladimir Putin has accepted an invitation to visit North Korea, the state "
           "news agency KCNA said on Thursday, a day after he met Kim Jong Un in Russia's Far East.")
DE_BODY = ("Der Bundeskanzler hat am Donnerstag in Berlin erklärt, dass die Regierung die Sanktionen "
           "gegen Russland verschärfen werde. Die Opposition kritisierte den Plan scharf.")


def html_page(body: str = EN_BODY, *, title: str = "Putin accepts invitation to North Korea",
              charset: str = "utf-8") -> str:
    """A small news page with navigation and footer boilerplate around one article."""
    return (f'<html><head><meta charset="{charset}"><title>{title} - Example News</title>'
            '<meta property="og:site_name" content="Example News">'
            '<meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2023-09-14T11:36:00+02:00">'
            '<link rel="canonical" href="https://example.com/world/putin-north-korea"></head>'
            '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f'<article><h1>{title}</h1><p>{body}</p><h2>Military cooperation</h2>'
            f'<p>{body}</p></article><footer>Copyright 2023 Example News</footer></body></html>')


def warc_bytes(pages: list[str], *, gzip: bool = True) -> bytes:
    """A WARC with one request record and one HTML response record per page."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for i, page in enumerate(pages):
        url = f"https://example.com/a/{i}"
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode("utf-8")),
                                                      http_headers=headers))
    return buf.getvalue()
