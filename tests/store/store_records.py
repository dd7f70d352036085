"""Hand-built records for the store tests (imported by name: a conftest module name is
shared by every test folder, so helpers do not live there)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from veille.records import (ActorMention, ActorRef, Article, Attribution, Event, EventDate, Extraction,
                            Place, Quote, Span, TimeExpr)

PARIS = timezone(timedelta(hours=2))
RUS = ActorRef(text="Vladimir Poutine", code="RUSGOV", country="RUS", sector="GOV", name="Vladimir Putin",
               start=0, end=16)
PRK = ActorRef(text="Pyongyang", code="PRKGOV", country="PRK", sector="GOV", start=30, end=39)
UN = ActorRef(text="l'ONU", code="IGOUNO", start=50, end=55)


def event(eid: str, cameo: str, source: list[ActorRef], target: list[ActorRef], date: str | None = "2023-09-13",
          modality: str = "asserted", attribution: list[Attribution] | None = None) -> Event:
    """One event with the given coding and fixed spans."""
    return Event(id=eid, cameo=cameo, source=source, target=target,
                 trigger=Span("a accepté", 17, 26), sentence=Span("Vladimir Poutine a accepté.", 0, 27),
                 date=EventDate(date, "day" if date else None, "mercredi" if date else None,
                                "text" if date else "publication"),
                 modality=modality,  # type: ignore[arg-type]
                 place=Place("Vostotchny", 60, 70, "Vostochny", "RUS", 51.9, 128.3, 2013348),
                 attribution=attribution or [], rule="fr/events.yaml#test", goldstein=4.0, quad=1,
                 plover={"event": "AGREE", "mode": None, "context": None})


def make_extraction(article_id: str, events: list[Event] | None = None, text: str = "Texte de test.",
                    source_path: str | None = None, published: datetime | None = None) -> Extraction:
    """An extraction with one row in every per-article table."""
    art = Article(id=article_id, text=text, title=f"Titre {article_id}", authors=["M.L"], agencies=["AFP"],
                  outlet="TF1 Info", published=published or datetime(2023, 9, 14, 11, 36, tzinfo=PARIS),
                  language="fr", headings=["Pacte du diable"], source_path=source_path)
    evs = events if events is not None else [
        event(f"{article_id}#1", "036", [RUS], [PRK],
              attribution=[Attribution("l'agence KCNA", "PRKMED", 80, 93)])]
    return Extraction(
        article=art, events=evs,
        quotes=[Quote("nous sommes prêts", 5, 22, "direct", speaker=RUS, cue="a dit")],
        times=[TimeExpr("mercredi", 40, 48, "DATE", "2023-09-13")],
        actors=[ActorMention("Vladimir Poutine", 0, 16, "RUSGOV", "RUS", "GOV", "Vladimir Putin",
                             "kb/people.yaml#vladimir-putin")],
        places=[Place("Vostotchny", 60, 70, "Vostochny", "RUS", 51.9, 128.3, 2013348)])


