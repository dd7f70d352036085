"""Hand-built extractions shared by the api, web and export tests.

The seed article (../shared/corpus/seed/article.txt) with events coded by hand as
the gold file codes them, plus two small invented follow-up articles so that
timelines and networks span several months. Offsets are computed from the text.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from veille.errors import E106
from veille.read.text import parse_dispatch
from veille.records import (ActorMention, ActorRef, Article, Attribution, Event, EventDate, Extraction,
                            Failure, Place, Quote, Span, TimeExpr)

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "corpus" / "seed" / "article.txt"
PARIS = ZoneInfo("Europe/Paris")

ACTORS = {  # code -> (country, sector, name)
    "RUSGOV": ("RUS", "GOV", "Vladimir Putin"), "PRKGOV": ("PRK", "GOV", "Kim Jong Un"),
    "PRKMED": ("PRK", "MED", "KCNA"), "KORPTY": ("KOR", "PTY", None), "JPNGOV": ("JPN", "GOV", None),
    "USAGOV": ("USA", "GOV", None), "RUSMED": ("RUS", "MED", None), "UKR": ("UKR", None, None),
}
CAMEO = {  # code -> (quad, goldstein, plover event)
    "042": (1, 1.9, "CONSULT"), "046": (1, 7.0, "CONSULT"), "036": (1, 4.0, "AGREE"),
    "051": (1, 3.4, "SUPPORT"), "111": (3, -2.0, "ACCUSE"), "138": (3, -7.0, "THREATEN"),
    "010": (1, 0.0, None), "190": (4, -10.0, "ASSAULT"),
}


BASE = "http://127.0.0.1:8000"  # a loopback Host, as a browser or curl on this machine sends

def span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(needle, start, start + len(needle))


def sentence(text: str, at: int) -> Span:
    """The sentence around offset ``at`` (split on . ! ? followed by space, and on newlines)."""
    bounds = [0] + [m.end() for m in re.finditer(r"[.!?]\"?\s+|\n", text)] + [len(text)]
    start = max(b for b in bounds if b <= at)
    end = min(b for b in bounds if b > at)
    raw = text[start:end]
    stripped = raw.rstrip()
    return Span(stripped, start, start + len(stripped))


def ref(text: str, code: str, needle: str | None, after: int = 0) -> ActorRef:
    country, sector, name = ACTORS[code]
    if needle is None:
        return ActorRef(text=None, code=code, country=country, sector=sector, name=name)
    s = span(text, needle, after)
    return ActorRef(text=s.text, code=code, country=country, sector=sector, name=name, start=s.start, end=s.end)


def mention(text: str, code: str, needle: str, via: str = "name", after: int = 0) -> ActorMention:
    country, sector, name = ACTORS[code]
    s = span(text, needle, after)
    return ActorMention(text=s.text, start=s.start, end=s.end, code=code, country=country, sector=sector,
                        name=name, entry=f"kb/test.yaml#{code.lower()}", via=via)


def event(aid: str, n: int, text: str, cameo: str, trigger: str, source: list[ActorRef],
          target: list[ActorRef], date: EventDate, *, after: int = 0, modality: str = "asserted",
          place: Place | None = None, attribution: list[Attribution] | None = None, mentions: int = 1,
          mention_at: list[str] | None = None) -> Event:
    quad, gold, plover = CAMEO[cameo]
    trig = span(text, trigger, after)
    spans = [trig] + [span(text, m) for m in (mention_at or [])]
    return Event(id=f"{aid}#{n}", cameo=cameo, source=source, target=target, trigger=trig,
                 sentence=sentence(text, trig.start), date=date, modality=modality,  # type: ignore[arg-type]
                 place=place, attribution=attribution or [], mentions=mentions,
                 rule=f"fr/events.yaml#test-{cameo}", goldstein=gold, quad=quad,
                 plover={"event": plover, "mode": None, "context": None}, mention_spans=spans)


def place(text: str, needle: str, name: str, country: str, lat: float, lon: float, geonameid: int,
          feature: str = "city", after: int = 0) -> Place:
    s = span(text, needle, after)
    return Place(text=s.text, start=s.start, end=s.end, name=name, country=country, lat=lat, lon=lon,
                 geonameid=geonameid, feature=feature)


def seed_extraction() -> Extraction:
    """The seed article with a hand-coded subset of its gold events."""
    art = parse_dispatch(SEED.read_text(encoding="utf-8"), source_path=str(SEED), language="fr")
    art.url = "https://www.tf1info.fr/international/seed-poutine-kim.html"
    t, aid = art.text, art.id
    main = t.index("Le président russe Vladimir Poutine")
    wed = EventDate("2023-09-13", "day", "mercredi", "text")
    kcna = [Attribution(text="KCNA", code="PRKMED", start=t.index("KCNA"), end=t.index("KCNA") + 4)]
    vost = place(t, "cosmodrome de Vostotchny", "Vostochny Cosmodrome", "RUS", 51.884, 128.334, 2013348,
                 feature="facility")
    russie = place(t, "Russie", "Russia", "RUS", 60.0, 100.0, 2017370, feature="country", after=main)
    kim_main = t.index("Kim Jong Un a invité")
    events = [
        event(aid, 1, t, "042", "voyage", [ref(t, "PRKGOV", "numéro un nord-coréen")],
              [ref(t, "RUSGOV", "Russie", main)], wed, after=main, place=russie),
        event(aid, 2, t, "046", "rencontre tenue",
              [ref(t, "RUSGOV", "Poutine", kim_main), ref(t, "PRKGOV", "Kim Jong Un", kim_main)], [], wed,
              place=vost, mentions=2, mention_at=["pourparlers bilatéraux"]),
        event(aid, 3, t, "036", "a invité", [ref(t, "PRKGOV", "Kim Jong Un", kim_main)],
              [ref(t, "RUSGOV", "Poutine", kim_main)], wed, place=vost, attribution=kcna),
        event(aid, 4, t, "036", "a accepté avec plaisir", [ref(t, "RUSGOV", "Poutine", kim_main + 30)],
              [ref(t, "PRKGOV", None)], EventDate("2023-09-14", "day", "jeudi", "text"),
              attribution=[Attribution(text="l'agence", code="PRKMED")], mentions=2,
              mention_at=["a accepté de se rendre"]),
        event(aid, 5, t, "111", "a fustigé", [ref(t, "KORPTY", "Le chef du parti sud-coréen au pouvoir")],
              [ref(t, "RUSGOV", "Moscou", t.index("pacte du diable\" entre")),
               ref(t, "PRKGOV", "Pyongyang", t.index("pacte du diable\" entre"))],
              EventDate("2023-09-14", "day", None, "publication")),
        event(aid, 6, t, "138", "a brandi la menace de sanctions", [ref(t, "USAGOV", "Washington")],
              [ref(t, "RUSGOV", None)], EventDate("2023-09-14", "day", None, "tense"),
              modality="hypothetical"),
        event(aid, 7, t, "042", "se rendre en Corée du Nord en 2000",
              [ref(t, "RUSGOV", "Vladimir Poutine", t.index("Vladimir Poutine a été le premier"))],
              [ref(t, "PRKGOV", "Corée du Nord", t.index("en Corée du Nord en 2000"))],
              EventDate("2000", "year", "en 2000", "text")),
    ]
    actors = [
        mention(t, "PRKGOV", "Kim Jong Un"), mention(t, "RUSGOV", "le chef du Kremlin", "coreference"),
        mention(t, "PRKMED", "l'agence de presse d'État nord-coréenne", "role"),
        mention(t, "RUSGOV", "Vladimir Poutine", after=main), mention(t, "PRKGOV", "numéro un nord-coréen", "role"),
        mention(t, "RUSGOV", "Moscou", "metonym", after=main), mention(t, "PRKGOV", "Pyongyang", "metonym", after=main),
        mention(t, "PRKMED", "KCNA", "acronym"),
        mention(t, "KORPTY", "Le chef du parti sud-coréen au pouvoir", "role"),
        mention(t, "JPNGOV", "Tokyo", "metonym"), mention(t, "USAGOV", "Washington", "metonym"),
        mention(t, "UKR", "Ukraine"),
    ]
    actors.sort(key=lambda a: a.start)
    times = [TimeExpr(text=s.text, start=s.start, end=s.end, type="DATE", value=v) for s, v in (
        (span(t, "mercredi"), "2023-09-13"), (span(t, "jeudi"), "2023-09-14"),
        (span(t, "La veille"), "2023-09-13"), (span(t, "en 2019"), "2019"), (span(t, "en 2000"), "2000"))]
    times.append(TimeExpr(text="depuis plus d'un an et demi", start=t.index("depuis plus d'un an"),
                          end=t.index("depuis plus d'un an") + len("depuis plus d'un an et demi"),
                          type="DURATION", value="P1Y6M", mod="MORE_THAN"))
    times.sort(key=lambda x: x.start)
    qs = t.index("\"Kim Jong Un a invité")
    qe = t.index("conviendra\"", qs) + len("conviendra\"")
    quotes = [Quote(text=t[qs:qe], start=qs, end=qe, kind="direct", cue="a rapporté",
                    speaker=ActorRef(text="KCNA", code="PRKMED", country="PRK", sector="MED",
                                     start=t.index("KCNA"), end=t.index("KCNA") + 4))]
    places = sorted([vost, russie, place(t, "Vladivostok", "Vladivostok", "RUS", 43.105, 131.874, 2013348)],
                    key=lambda p: p.start)
    return Extraction(article=art, events=events, quotes=quotes, times=times, actors=actors, places=places)


def followup_extractions() -> list[Extraction]:
    """Two small invented articles (October and November 2023) for timelines and networks."""
    out = []
    specs = [
        ("en-1", "Moscow criticised Washington on Tuesday. North Korean leader Kim Jong Un praised Russia.",
         datetime(2023, 10, 3, 9, 0, tzinfo=PARIS), "en", "Test Wire",
         [("111", "criticised", "RUSGOV", "Moscow", "USAGOV", "Washington", "2023-10-03"),
          ("051", "praised", "PRKGOV", "Kim Jong Un", "RUSGOV", "Russia", "2023-10-03")]),
        ("fr-2", "Pyongyang a accusé Washington mardi. La Russie a salué Pyongyang.",
         datetime(2023, 11, 7, 18, 30, tzinfo=PARIS), "fr", "Le Test",
         [("111", "a accusé", "PRKGOV", "Pyongyang", "USAGOV", "Washington", "2023-11-07"),
          ("051", "a salué", "RUSGOV", "La Russie", "PRKGOV", "Pyongyang", "2023-11-07")]),
    ]
    for aid, text, published, lang, outlet, evs in specs:
        art = Article(id=aid, text=text, title=text.split(".")[0], outlet=outlet, published=published,
                      language=lang, url=f"https://example.org/{aid}")
        events, actors = [], []
        for n, (cameo, trig, s_code, s_text, t_code, t_text, day) in enumerate(evs, 1):
            after = text.index(trig) - len(s_text) - 5 if n > 1 else 0
            src, tgt = ref(text, s_code, s_text, max(after, 0)), ref(text, t_code, t_text, text.index(trig))
            events.append(event(aid, n, text, cameo, trig, [src], [tgt], EventDate(day, "day", None, "text")))
            actors += [mention(text, s_code, s_text, after=max(after, 0)),
                       mention(text, t_code, t_text, after=text.index(trig))]
        out.append(Extraction(article=art, events=events, actors=sorted(actors, key=lambda a: a.start)))
    return out


def all_extractions() -> list[Extraction]:
    return [seed_extraction()] + followup_extractions()


def build_db(path: Path) -> Path:
    """A store at ``path`` holding ``all_extractions()``, written by the real writer."""
    from veille.store import StoreWriter, connect

    con = connect(path)
    try:
        StoreWriter(con, str(path)).write(all_extractions())
    finally:
        con.close()
    return path


def fake_extractor(articles: list[Article]) -> list[Extraction | Failure]:
    """Stands in for the NLP pipeline: the seed text gets its hand-coded events, others none;
    German is refused as the pipeline would (E106)."""
    seed = seed_extraction()
    out: list[Extraction | Failure] = []
    for a in articles:
        if a.language == "de":
            out.append(Failure(source=a.id, article_id=a.id, code=E106.code, message="unsupported", skipped=True))
        elif a.text == seed.article.text:
            out.append(Extraction(article=a, events=seed.events, actors=seed.actors, times=seed.times,
                                  quotes=seed.quotes, places=seed.places))
        else:
            out.append(Extraction(article=a))
    return out
