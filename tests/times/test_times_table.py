"""tag_times: one parametrised table across French and English (text, publication, type, value)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from veille.records import Article
from veille.times import tag_times

T = "2023-09-14"  # a Thursday, the seed article's publication date

# (lang, sentence, publication date or None, expression, TIMEX3 type, value)
ROWS = [
    # French: weekdays chosen by tense
    ("fr", "Tokyo a mis en garde jeudi contre toute violation.", T, "jeudi", "DATE", "2023-09-14"),
    ("fr", "Les échanges de mercredi ont duré trois heures.", T, "mercredi", "DATE", "2023-09-13"),
    ("fr", "Le ministre a parlé lundi devant la presse.", T, "lundi", "DATE", "2023-09-11"),
    ("fr", "Le ministre se rendra lundi à Berlin.", T, "lundi", "DATE", "2023-09-18"),
    ("fr", "Il viendra vendredi.", T, "vendredi", "DATE", "2023-09-15"),
    ("fr", "Il est arrivé vendredi.", T, "vendredi", "DATE", "2023-09-08"),
    ("fr", "Le sommet aura lieu samedi prochain.", T, "samedi prochain", "DATE", "2023-09-16"),
    ("fr", "Il a démissionné mercredi dernier.", T, "mercredi dernier", "DATE", "2023-09-13"),
    ("fr", "Il a démissionné jeudi dernier.", T, "jeudi dernier", "DATE", "2023-09-07"),
    ("fr", "Le vote a eu lieu dimanche soir.", T, "dimanche soir", "TIME", "2023-09-10TEV"),
    ("fr", "Il a été interpellé mardi matin.", T, "mardi matin", "TIME", "2023-09-12TMO"),
    ("fr", "Le conseil se réunira mardi après-midi.", T, "mardi après-midi", "TIME", "2023-09-19TAF"),
    ("fr", "Tous les lundis, ils manifestent.", T, "Tous les lundis", "SET", "XXXX-WXX-1"),
    ("fr", "Il vient chaque mardi.", T, "chaque mardi", "SET", "XXXX-WXX-2"),
    # relative days
    ("fr", "Le président a annulé hier une rencontre.", T, "hier", "DATE", "2023-09-13"),
    ("fr", "Il a parlé aujourd'hui.", T, "aujourd'hui", "DATE", "2023-09-14"),
    ("fr", "Il partira demain.", T, "demain", "DATE", "2023-09-15"),
    ("fr", "Il est parti avant-hier.", T, "avant-hier", "DATE", "2023-09-12"),
    ("fr", "Il reviendra après-demain.", T, "après-demain", "DATE", "2023-09-16"),
    ("fr", "Il a été blessé hier matin.", T, "hier matin", "TIME", "2023-09-13TMO"),
    ("fr", "Il a été blessé hier soir.", T, "hier soir", "TIME", "2023-09-13TEV"),
    ("fr", "Il a été blessé hier après-midi.", T, "hier après-midi", "TIME", "2023-09-13TAF"),
    ("fr", "Il a parlé ce matin.", T, "ce matin", "TIME", "2023-09-14TMO"),
    ("fr", "Il parlera ce soir.", T, "ce soir", "TIME", "2023-09-14TEV"),
    ("fr", "Il a été arrêté cette nuit.", T, "cette nuit", "TIME", "2023-09-14TNI"),
    ("fr", "Il parlera cet après-midi.", T, "cet après-midi", "TIME", "2023-09-14TAF"),
    ("fr", "Aujourd'hui jeudi, il parle.", T, "Aujourd'hui jeudi", "DATE", "2023-09-14"),
    # la veille / le lendemain
    ("fr", "La veille, les deux dirigeants avaient évoqué des perspectives.", T, "La veille", "DATE", "2023-09-13"),
    ("fr", "Le lendemain, il est reparti.", T, "Le lendemain", "DATE", "2023-09-15"),
    ("fr", "Il est arrivé le 10 septembre. Le lendemain, il a parlé.", T, "Le lendemain", "DATE", "2023-09-11"),
    ("fr", "Il est arrivé le 10 septembre. La veille, il avait parlé.", T, "La veille", "DATE", "2023-09-09"),
    ("fr", "Le surlendemain, il est reparti.", T, "Le surlendemain", "DATE", "2023-09-16"),
    ("fr", "Au lendemain de sa rencontre avec Kim, il a accepté.", T, "Au lendemain", "DATE", "2023-09-14"),
    # weeks, months, years relative
    ("fr", "La semaine dernière, il a voté.", T, "La semaine dernière", "DATE", "2023-W36"),
    ("fr", "La semaine prochaine, il votera.", T, "La semaine prochaine", "DATE", "2023-W38"),
    ("fr", "Cette semaine, il vote.", T, "Cette semaine", "DATE", "2023-W37"),
    ("fr", "Il partira le mois prochain.", T, "le mois prochain", "DATE", "2023-10"),
    ("fr", "Il est parti le mois dernier.", T, "le mois dernier", "DATE", "2023-08"),
    ("fr", "Ce mois-ci, les prix montent.", T, "Ce mois-ci", "DATE", "2023-09"),
    ("fr", "Il partira l'an prochain.", T, "l'an prochain", "DATE", "2024"),
    ("fr", "Il est parti l'an dernier.", T, "l'an dernier", "DATE", "2022"),
    ("fr", "L'année dernière, il a gagné.", T, "L'année dernière", "DATE", "2022"),
    ("fr", "L'année prochaine, il partira.", T, "L'année prochaine", "DATE", "2024"),
    ("fr", "Cette année, les prix montent.", T, "Cette année", "DATE", "2023"),
    ("fr", "Ce week-end, il pleuvra.", T, "Ce week-end", "DATE", "2023-W37-WE"),
    ("fr", "Le week-end dernier, il a plu.", T, "week-end dernier", "DATE", "2023-W36-WE"),
    ("fr", "Le trimestre prochain sera dur.", T, "trimestre prochain", "DATE", "2023-Q4"),
    ("fr", "à la fin de l'année dernière", T, "fin de l'année dernière", "DATE", "2022"),
    ("fr", "Ces derniers jours, il a plu.", T, "Ces derniers jours", "DURATION", "PXD"),
    ("fr", "Ces dernières semaines, il a plu.", T, "Ces dernières semaines", "DURATION", "PXW"),
    # years, months, full dates
    ("fr", "Il était venu en 2019.", T, "2019", "DATE", "2019"),
    ("fr", "Poutine s'est rendu en Corée du Nord en 2000.", T, "2000", "DATE", "2000"),
    ("fr", "Depuis 1998, il vit ici.", T, "1998", "DATE", "1998"),
    ("fr", "En l'an 2000, tout a changé.", T, "l'an 2000", "DATE", "2000"),
    ("fr", "l'année 2001 sera difficile", T, "l'année 2001", "DATE", "2001"),
    ("fr", "Il est né le 14 septembre 1980.", T, "le 14 septembre 1980", "DATE", "1980-09-14"),
    ("fr", "Publié le 14 septembre 2023 à 11h36", T, "le 14 septembre 2023", "DATE", "2023-09-14"),
    ("fr", "Il viendra le 20 septembre.", T, "le 20 septembre", "DATE", "2023-09-20"),
    ("fr", "Il est venu le 2 septembre.", T, "le 2 septembre", "DATE", "2023-09-02"),
    ("fr", "Le vote aura lieu le 1er octobre.", T, "le 1er octobre", "DATE", "2023-10-01"),
    ("fr", "Le 14 septembre, il parle.", None, "Le 14 septembre", "DATE", "XXXX-09-14"),
    ("fr", "Il viendra le mercredi 20 septembre.", T, "le mercredi 20 septembre", "DATE", "2023-09-20"),
    ("fr", "Il est venu le 20 décembre dernier.", T, "le 20 décembre dernier", "DATE", "2022-12-20"),
    ("fr", "La réunion se tiendra le 3 janvier.", T, "3 janvier", "DATE", "2024-01-03"),
    ("fr", "La réunion a eu lieu le 3 août.", T, "3 août", "DATE", "2023-08-03"),
    ("fr", "Il est revenu le 10 novembre 93.", T, "le 10 novembre 93", "DATE", "1993-11-10"),
    ("fr", "C'était en octobre 98.", T, "octobre 98", "DATE", "1998-10"),
    ("fr", "En mars 2022, la guerre faisait rage.", T, "mars 2022", "DATE", "2022-03"),
    ("fr", "Il viendra en juin prochain.", T, "juin prochain", "DATE", "2024-06"),
    ("fr", "Il est venu en juillet.", T, "juillet", "DATE", "2023-07"),
    ("fr", "Il est venu en septembre dernier.", "2024-02-09", "septembre dernier", "DATE", "2023-09"),
    ("fr", "Le sommet aura lieu mi-septembre.", T, "mi-septembre", "DATE", "2023-09"),
    ("fr", "Le vote aura lieu début 2024.", T, "début 2024", "DATE", "2024"),
    ("fr", "Il partira fin mars.", T, "fin mars", "DATE", "2024-03"),
    ("fr", "Il partira début octobre.", T, "début octobre", "DATE", "2023-10"),
    ("fr", "Au mois de juin, il pleut.", T, "mois de juin", "DATE", "2023-06"),
    ("fr", "le 05/03/2021", T, "05/03/2021", "DATE", "2021-03-05"),
    ("fr", "les années 1990 furent calmes", T, "années 1990", "DATE", "199"),
    ("fr", "dans les années 80", T, "années 80", "DATE", "198"),
    ("fr", "au XXe siècle", T, "XXe siècle", "DATE", "19"),
    ("fr", "au premier trimestre 2024", T, "premier trimestre 2024", "DATE", "2024-Q1"),
    ("fr", "au troisième trimestre", T, "troisième trimestre", "DATE", "2023-Q3"),
    ("fr", "au second semestre", T, "second semestre", "DATE", "2023-H2"),
    # holidays and seasons
    ("fr", "Il rentrera pour Noël.", T, "Noël", "DATE", "2023-12-25"),
    ("fr", "Le défilé du 14 juillet a eu lieu.", T, "14 juillet", "DATE", "2023-07-14"),
    ("fr", "Les manifestations du 1er mai ont réuni du monde.", T, "1er mai", "DATE", "2023-05-01"),
    ("fr", "Il viendra à la Toussaint.", T, "la Toussaint", "DATE", "2023-11-01"),
    ("fr", "Le jour de l'an est férié.", T, "jour de l'an", "DATE", "2024-01-01"),
    ("fr", "Pâques 2024 tombe tôt.", T, "Pâques 2024", "DATE", "2024-03-31"),
    ("fr", "Cet été, il a fait chaud.", T, "Cet été", "DATE", "2023-SU"),
    ("fr", "En été, il fait chaud.", T, "été", "DATE", "XXXX-SU"),
    ("fr", "L'hiver dernier fut froid.", T, "hiver dernier", "DATE", "2022-WI"),
    ("fr", "au printemps 2022", T, "printemps 2022", "DATE", "2022-SP"),
    # ago, durations, since
    ("fr", "Il est parti il y a deux ans.", T, "il y a deux ans", "DATE", "2021"),
    ("fr", "Il est parti il y a trois jours.", T, "il y a trois jours", "DATE", "2023-09-11"),
    ("fr", "Il est parti il y a six mois.", T, "il y a six mois", "DATE", "2023-03"),
    ("fr", "Il est parti il y a deux semaines.", T, "il y a deux semaines", "DATE", "2023-W35"),
    ("fr", "la Russie étant engagée dans une offensive depuis plus d'un an et demi", T,
     "plus d'un an et demi", "DURATION", "P1Y6M"),
    ("fr", "Les pourparlers ont duré pendant trois jours.", T, "trois jours", "DURATION", "P3D"),
    ("fr", "Il a couru 30,4 secondes de plus.", T, "30,4 secondes", "DURATION", "PT30.4S"),
    ("fr", "Le mandat dure six mois.", T, "six mois", "DURATION", "P6M"),
    ("fr", "Le chantier a duré dix-huit mois.", T, "dix-huit mois", "DURATION", "P18M"),
    ("fr", "Il a parlé environ une heure.", T, "environ une heure", "DURATION", "PT1H"),
    ("fr", "Il a attendu quinze minutes.", T, "quinze minutes", "DURATION", "PT15M"),
    ("fr", "une semaine de grève", T, "une semaine", "DURATION", "P1W"),
    ("fr", "Le conflit dure depuis dix ans.", T, "dix ans", "DURATION", "P10Y"),
    ("fr", "Il a régné un quart de siècle.", T, "un quart de siècle", "DURATION", "P25Y"),
    ("fr", "pendant une demi-heure", T, "une demi-heure", "DURATION", "PT30M"),
    ("fr", "Il y a travaillé plusieurs années.", T, "plusieurs années", "DURATION", "PXY"),
    ("fr", "Il faudra quelques mois.", T, "quelques mois", "DURATION", "PXM"),
    ("fr", "Le quinquennat s'achève.", T, "quinquennat", "DURATION", "P5Y"),
    ("fr", "Une décision est attendue dans les prochains jours.", T, "dans les prochains jours", "TIME", "FUTURE_REF"),
    # clock times
    ("fr", "L'attaque a eu lieu mardi vers 21 h 45.", T, "vers 21 h 45", "TIME", "2023-09-12T21:45"),
    ("fr", "Le tir a eu lieu à 7h44 UTC.", T, "7h44 UTC", "TIME", "2023-09-14T07:44"),
    ("fr", "Le couvre-feu commence à 22 h.", T, "22 h", "TIME", "2023-09-14T22:00"),
    ("fr", "Rendez-vous dimanche 29 août à 9 h.", "1999-08-10", "9 h", "TIME", "1999-08-29T09:00"),
    ("fr", "La séance reprendra à 18 heures.", T, "18 heures", "TIME", "2023-09-14T18:00"),
    ("fr", "Il est arrivé vers midi.", T, "vers midi", "TIME", "2023-09-14T12:00"),
    ("fr", "Publié le 14 septembre 2023 à 11h36", T, "11h36", "TIME", "2023-09-14T11:36"),
    # sets and vague references
    ("fr", "Chaque année, la fête a lieu.", T, "Chaque année", "SET", "P1Y"),
    ("fr", "Il y va chaque jour.", T, "chaque jour", "SET", "P1D"),
    ("fr", "Il y va tous les mois.", T, "tous les mois", "SET", "P1M"),
    ("fr", "le rapport annuel du FMI", T, "annuel", "SET", "P1Y"),
    ("fr", "Pour l'heure, rien n'a été communiqué.", T, "Pour l'heure", "TIME", "PRESENT_REF"),
    ("fr", "Il travaille actuellement à Paris.", T, "actuellement", "TIME", "PRESENT_REF"),
    ("fr", "La Corée du Nord a récemment échoué.", T, "récemment", "TIME", "PAST_REF"),
    ("fr", "Désormais, il parle.", T, "Désormais", "TIME", "PRESENT_REF"),
    ("fr", "Auparavant, il était ministre.", T, "Auparavant", "TIME", "PAST_REF"),
    ("fr", "Il reviendra prochainement.", T, "prochainement", "TIME", "FUTURE_REF"),
    ("fr", "Il est venu en 2000. La Douma avait ratifié à ce moment-là un traité.", T,
     "à ce moment-là", "DATE", "2000"),
    # no publication date: relative values stay unresolved
    ("fr", "Il a parlé jeudi.", None, "jeudi", "DATE", "XXXX-WXX-4"),
    ("fr", "Il a parlé hier.", None, "hier", "DATE", "PAST_REF"),
    ("fr", "Il est venu en 2019.", None, "2019", "DATE", "2019"),
    # English
    ("en", "Putin met Kim on Wednesday.", T, "Wednesday", "DATE", "2023-09-13"),
    ("en", "The Kremlin said on Thursday that talks went well.", T, "Thursday", "DATE", "2023-09-14"),
    ("en", "He will fly to Seoul on Monday.", T, "Monday", "DATE", "2023-09-18"),
    ("en", "He flew to Seoul on Monday.", T, "Monday", "DATE", "2023-09-11"),
    ("en", "The vote was held Sunday night.", T, "Sunday night", "TIME", "2023-09-10TNI"),
    ("en", "He resigned last Friday.", T, "last Friday", "DATE", "2023-09-08"),
    ("en", "They meet every Monday.", T, "every Monday", "SET", "XXXX-WXX-1"),
    ("en", "He left yesterday.", T, "yesterday", "DATE", "2023-09-13"),
    ("en", "He speaks today.", T, "today", "DATE", "2023-09-14"),
    ("en", "He leaves tomorrow.", T, "tomorrow", "DATE", "2023-09-15"),
    ("en", "He spoke yesterday morning.", T, "yesterday morning", "TIME", "2023-09-13TMO"),
    ("en", "He spoke this morning.", T, "this morning", "TIME", "2023-09-14TMO"),
    ("en", "The talks ended last week.", T, "last week", "DATE", "2023-W36"),
    ("en", "The talks resume next week.", T, "next week", "DATE", "2023-W38"),
    ("en", "He will visit next month.", T, "next month", "DATE", "2023-10"),
    ("en", "He visited last month.", T, "last month", "DATE", "2023-08"),
    ("en", "Prices rose this year.", T, "this year", "DATE", "2023"),
    ("en", "Elections are due next year.", T, "next year", "DATE", "2024"),
    ("en", "The day before, they had met.", T, "The day before", "DATE", "2023-09-13"),
    ("en", "The next day, he left.", T, "The next day", "DATE", "2023-09-15"),
    ("en", "He was there two years ago.", T, "two years ago", "DATE", "2021"),
    ("en", "He was there three days ago.", T, "three days ago", "DATE", "2023-09-11"),
    ("en", "The war has raged since early 2022.", T, "early 2022", "DATE", "2022"),
    ("en", "He first came in 2019.", T, "2019", "DATE", "2019"),
    ("en", "Putin visited North Korea in 2000.", T, "2000", "DATE", "2000"),
    ("en", "The summit is set for Sept. 14.", T, "Sept. 14", "DATE", "2023-09-14"),
    ("en", "The summit is set for September 20, 2023.", T, "September 20, 2023", "DATE", "2023-09-20"),
    ("en", "He was born on 14 September 1980.", T, "14 September 1980", "DATE", "1980-09-14"),
    ("en", "The summit is planned for mid-September.", T, "mid-September", "DATE", "2023-09"),
    ("en", "The plant will open in late March.", T, "late March", "DATE", "2024-03"),
    ("en", "It happened in March 2022.", T, "March 2022", "DATE", "2022-03"),
    ("en", "He arrived in July.", T, "July", "DATE", "2023-07"),
    ("en", "The 1990s were calm.", T, "1990s", "DATE", "199"),
    ("en", "in the 20th century", T, "20th century", "DATE", "19"),
    ("en", "in the third quarter", T, "third quarter", "DATE", "2023-Q3"),
    ("en", "He will be home for Christmas.", T, "Christmas", "DATE", "2023-12-25"),
    ("en", "Fireworks on New Year's Day.", T, "New Year's Day", "DATE", "2024-01-01"),
    ("en", "It was hot this summer.", T, "this summer", "DATE", "2023-SU"),
    ("en", "The war has lasted for more than a year and a half.", T, "more than a year and a half",
     "DURATION", "P1Y6M"),
    ("en", "The talks lasted three days.", T, "three days", "DURATION", "P3D"),
    ("en", "He waited for 15 minutes.", T, "15 minutes", "DURATION", "PT15M"),
    ("en", "It took several years.", T, "several years", "DURATION", "PXY"),
    ("en", "The launch was at 10:30 a.m. GMT.", T, "10:30 a.m.", "TIME", "2023-09-14T10:30"),
    ("en", "The blast came at 7 pm.", T, "7 pm", "TIME", "2023-09-14T19:00"),
    ("en", "He arrived at noon.", T, "noon", "TIME", "2023-09-14T12:00"),
    ("en", "The summit is held every year.", T, "every year", "SET", "P1Y"),
    ("en", "The daily briefing was cancelled.", T, "daily", "SET", "P1D"),
    ("en", "A decision is expected in the coming days.", T, "in the coming days", "DATE", "FUTURE_REF"),
    ("en", "He is currently in Moscow.", T, "currently", "DATE", "PRESENT_REF"),
    ("en", "North Korea recently failed twice.", T, "recently", "DATE", "PAST_REF"),
    ("en", "He met Kim in 2019. At the time, they agreed.", T, "At the time", "DATE", "2019"),
    ("en", "He left on Thursday.", None, "Thursday", "DATE", "XXXX-WXX-4"),
]


def _tag(nlp, lang: str, text: str, pub: str | None):
    published = datetime.fromisoformat(pub + "T10:00:00").replace(tzinfo=timezone.utc) if pub else None
    article = Article(id="t", text=text, language=lang, published=published)
    return tag_times(nlp(text), article)


@pytest.mark.parametrize("lang,text,pub,expr,typ,value", ROWS)
def test_times_table(request, lang, text, pub, expr, typ, value):
    nlp = request.getfixturevalue(f"nlp_{lang}")
    found = _tag(nlp, lang, text, pub)
    hits = [t for t in found if expr.lower() in t.text.lower() or t.text.lower() in expr.lower()]
    assert hits, f"{expr!r} not tagged in {text!r}: {[t.text for t in found]}"
    best = min(hits, key=lambda t: abs(len(t.text) - len(expr)))
    assert (best.type, best.value) == (typ, value), f"{best}"


def test_times_table_size():
    assert len(ROWS) >= 150


@pytest.mark.parametrize("lang,text", [
    ("fr", "Il a été élu président."),
    ("fr", "Le quotidien Le Monde rapporte que 2000 personnes ont manifesté."),
    ("fr", "Un homme de 38 ans a été blessé."),
    ("fr", "Les Jeux d'hiver ont commencé."),
    ("en", "You may leave; prices fall and troops march."),
])
def test_times_no_false_positive(request, lang, text):
    nlp = request.getfixturevalue(f"nlp_{lang}")
    assert _tag(nlp, lang, text, T) == []
