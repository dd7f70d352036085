"""Sector words as actors: country from the phrase, else the context, else "---" (both
languages), and role appositions that name an institution."""
from __future__ import annotations

import pytest

from veille.actors import resolve_actors

# (case, lang, text, mention, code, words expected in ``via`` or None)
CASES = [
    # phrase: demonym, place modifier, place complement, regional demonym
    ("en-demonym", "en", "Nigerian police arrested students.", "Nigerian police", "NGACOP", None),
    ("en-place-modifier", "en", "The Sudanese government has accused Darfur rebels of violating a ceasefire.",
     "Darfur rebels", "SDNREB", "place 'Darfur' in the phrase"),
    ("en-place-complement", "en", "Police opened fire on demonstrators in Lagos.", "demonstrators", "NGACVL",
     "place 'Lagos' after the phrase"),
    ("en-regional-demonym", "en", "Chechen rebels attacked a convoy.", "Chechen rebels", "RUSREB", None),
    ("fr-demonym", "fr", "La police nigériane a arrêté des étudiants.", "La police nigériane", "NGACOP", None),
    ("fr-place-complement", "fr", "Le gouvernement soudanais a accusé les rebelles du Darfour de violer le cessez-le-feu.",
     "les rebelles du Darfour", "SDNREB", "place 'Darfour' in the phrase"),
    ("fr-place-locative", "fr", "La police a ouvert le feu sur des manifestants à Lagos.", "des manifestants", "NGACVL",
     "place 'Lagos' after the phrase"),
    ("fr-regional-demonym", "fr", "Des rebelles tchétchènes ont attaqué un convoi.", "Des rebelles tchétchènes",
     "RUSREB", None),
    # context: a place in the sentence
    ("en-sentence-place", "en", "Police opened fire on demonstrators in Lagos.", "Police", "NGACOP",
     "place 'Lagos' in the sentence"),
    ("fr-sentence-place", "fr", "La police a ouvert le feu sur des manifestants à Lagos.", "La police", "NGACOP",
     "place 'Lagos' in the sentence"),
    # "ethnic X": an ethnicity, not a nationality; the place decides
    ("en-ethnic", "en", "Ethnic Albanian guerrillas clashed with soldiers in Macedonia.", "Ethnic Albanian guerrillas",
     "MKDREB", None),
    # "X-led forces" are X's; "X-backed militias" are not; a participle adjective does not
    # stop the phrase ("Algeria's leading activist")
    ("en-led", "en", "Vietnamese-led forces launched rocket fire against guerrilla camps.", "Vietnamese-led forces",
     "VNMMIL", None),
    ("en-backed", "en", "Syrian-backed militias attacked the town.", "backed militias", "---REB", None),
    ("en-possessive-participle", "en", "Salaheddine Sidhoum, Algeria's leading human rights activist, staged a "
     "hunger strike.", "Algeria's leading human rights activist", "DZANGO", None),
    # a direction word between the preposition and the place; "X-style" is no actor
    ("en-ethnic-direction", "en", "Ethnic Albanians in south Serbia demanded a Bosnia-style peace force.",
     "Albanians", "SRBCVL", "place 'Serbia' after the phrase"),
    ("fr-ethnic-direction", "fr", "Les Albanais de souche du sud de la Serbie réclament une force de paix.",
     "Albanais", "SRBCVL", "place 'Serbie' after the phrase"),
    # an ethnic group named by its demonym alone: civilians of the country it lives in
    ("en-ethnic-group", "en", "Serb forces killed three ethnic Albanians in southeastern Serbia.", "Albanians",
     "SRBCVL", "ethnic group"),
    ("fr-ethnic-group", "fr", "Les forces serbes ont tué trois Albanais de souche dans le sud-est de la Serbie.",
     "Albanais", "SRBCVL", "ethnic group"),
    # context: the single other country of the sentence (domestic sectors)
    ("en-other-country", "en", "Judge Alejandro Rivera opened fraud investigations against 28 Chilean government "
     "officials, the court said Friday.", "the court", "CHLJUD", "'28 Chilean government officials' in the sentence"),
    ("en-other-country-judge", "en", "Judge Alejandro Rivera opened fraud investigations against 28 Chilean "
     "government officials, the court said Friday.", "Judge Alejandro Rivera", "CHLJUD", "in the sentence"),
    ("fr-other-country", "fr", "Le juge Alejandro Rivera a ouvert des enquêtes contre 28 fonctionnaires chiliens, "
     "a indiqué le tribunal vendredi.", "le tribunal", "CHLJUD", "in the sentence"),
    ("fr-other-country-students", "fr", "La police nigériane a arrêté des étudiants.", "des étudiants", "NGAEDU",
     "'La police nigériane' in the sentence"),
    # context: the article's dominant country
    ("en-article", "en", "Nigeria held elections on Saturday. Nigerian officials said turnout was high. "
     "Protesters blocked the road.", "Protesters", "NGACVL", "the article"),
    ("fr-article", "fr", "Le Nigeria a voté samedi. Les autorités nigérianes ont salué la participation. "
     "Des manifestants ont bloqué la route.", "Des manifestants", "NGACVL", "the article"),
    # conservative: nothing decides -> "---" + sector
    ("en-two-countries", "en", "Rebels attacked the convoy, Sudan and Chad said.", "Rebels", "---REB",
     "several countries"),
    ("fr-two-countries", "fr", "Des rebelles ont attaqué le convoi, ont indiqué le Soudan et le Tchad.",
     "Des rebelles", "---REB", "several countries"),
    ("en-ambiguous-ethnic", "en", "Kurdish refugees crossed the border.", "Kurdish refugees", "---REF", "no country"),
    ("fr-ambiguous-ethnic", "fr", "Les réfugiés kurdes ont manifesté.", "Les réfugiés kurdes", "---REF", "no country"),
    ("en-army-abroad", "en", "Troops attacked Iraq on Monday.", "Troops", "---MIL", None),
    # apposition: the role names the institution, not the person's nationality
    ("en-apposition", "en", "Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded access.",
     "Kenzo Oshima", "IGOUNO", "apposition"),
    ("fr-apposition", "fr", "Kenzo Oshima, le coordonnateur des secours d'urgence de l'ONU, a exigé un accès.",
     "Kenzo Oshima", "IGOUNO", "apposition"),
]


@pytest.fixture(scope="module")
def resolved(nlp_fr, nlp_en, article):
    out = {}
    for cid, lang, text, *_ in CASES:
        nlp = nlp_fr if lang == "fr" else nlp_en
        out[cid] = resolve_actors(nlp(text), article(text, lang))
    return out


@pytest.mark.parametrize("cid,lang,text,mention,code,via", CASES, ids=[c[0] for c in CASES])
def test_sector_word(resolved, cid: str, lang: str, text: str, mention: str, code: str, via: str | None) -> None:
    start = text.index(mention)
    found = [m for m in resolved[cid] if m.start == start and m.end == start + len(mention)]
    got = [(m.text, m.code, m.via) for m in resolved[cid]]
    assert found, f"no mention {mention!r}: {got}"
    assert found[0].code == code, got
    if via:
        assert via in found[0].via, got


def test_office_word_needs_a_country(nlp_fr, article) -> None:
    text = "Le président du club a démissionné."
    assert not resolve_actors(nlp_fr(text), article(text, "fr"))


def test_known_person_keeps_code_without_apposition(nlp_en, article) -> None:
    text = "Kenzo Oshima demanded access to Iraq."
    codes = {m.text: m.code for m in resolve_actors(nlp_en(text), article(text, "en", "2004-01-10"))}
    assert codes["Kenzo Oshima"][:3] == "JPN"
