"""Armed groups and international organisations converted from the Phoenix dictionaries
(kb/orgs_phoenix.tsv): the file validates, the converter's rules, and resolutions."""
from __future__ import annotations

from pathlib import Path

import pytest

from veille.actors import resolve_actors
from veille.actors.knowledge import CODE_RE, INTERNATIONAL, KB_DIR, KB_FILES, SECTORS, Entry, load_entries
from phoenix_convert import ORG_FILE, ORG_SOURCES, OrgNamer, convert_orgs, org_code, write_orgs

from load_errors import assert_names_file_and_line

PHOENIX = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "petrarch" / "phoenix_dictionaries"
ORGS = KB_DIR / ORG_FILE
COUNTRIES = frozenset(e.id for e in load_entries(KB_DIR / "countries.yaml"))
HAND_WRITTEN = ("organisations.yaml", "institutions.yaml")


@pytest.fixture(scope="module")
def orgs() -> list[Entry]:
    return load_entries(ORGS, f"kb/{ORG_FILE}")


def test_file_loads_before_the_hand_written_organisations() -> None:
    assert KB_FILES.index(ORG_FILE) < min(KB_FILES.index(f) for f in HAND_WRITTEN)
    assert ORGS.read_text(encoding="utf-8").startswith("# ")
    assert "MIT" in ORGS.read_text(encoding="utf-8")[:2000]


def test_rows_validate(orgs) -> None:
    assert len(orgs) > 2000
    by_id = {e.id: e for e in orgs}
    assert len(by_id) == len(orgs)
    for e in orgs:
        assert e.kind == "org" and e.code and CODE_RE.match(e.code), e
        assert not e.code.startswith("MNC"), e
        if not e.code.startswith(INTERNATIONAL):
            assert e.code[:3] in COUNTRIES or e.code[:3] == "---", e
            assert len(e.code) == 6 and e.code[3:] in SECTORS, e
        assert e.names["*"] or e.acronyms, e
        assert all(len(n) >= 3 for n in e.names["*"] + e.acronyms), e
        assert all(a.upper() == a and " " not in a for a in e.acronyms), e
    assert by_id["unita"].code == "AGOREB" and "UNITA" in by_id["unita"].acronyms
    assert by_id["revolutionary-united-front"].code == "---REB"  # Phoenix says WAFREB: a region
    assert "Revolutionary United Front" in by_id["revolutionary-united-front"].names["*"]
    assert by_id["sadc"].code.startswith("IGO")
    # region codes take the country the names give: a country, demonym or region
    assert by_id["national-front-for-the-liberation-of-angola"].code == "AGOREB"  # CFRREB
    assert by_id["eritrean-liberation-front"].code == "ERIREB"  # EAFREB
    assert by_id["free-aceh-movement"].code == "IDNREB"  # SEAREB


def test_no_name_shadows_a_hand_written_one(orgs) -> None:
    """Loaded first, the generated file would win a shared name in the index: it must
    have none the other kb files have (regenerate it after adding names by hand)."""
    others: set[str] = set()
    for name in KB_FILES:
        if name != ORG_FILE:
            for e in load_entries(KB_DIR / name):
                others.update(n.lower() for vals in e.names.values() for n in vals)
                others.update(a.lower() for a in e.acronyms)
    mine = {n.lower() for e in orgs for n in e.names["*"] + e.acronyms}
    assert not mine & others, sorted(mine & others)[:20]


def test_no_generic_word_is_a_name(orgs) -> None:
    names = {n.lower() for e in orgs for n in e.names["*"] + e.acronyms}
    for word in ("army", "front", "rebels", "militants", "guerrillas", "insurgents", "youth", "tigers"):
        assert word not in names


@pytest.mark.parametrize("text,line,words", [
    ("id\tkind\tcode\tname\tnames\tacronyms\nx\torg\tXYZREB\tX\tX Front\t\ny\torg\tnot-a-code\tY\tY\t\n", 3,
     "bad actor code"),
    ("id\tkind\tcode\tname\tnames\tacronyms\nx\torg\tAGOXYZ\tX\tX Front\t\n", 2, "sector"),
    ("id\tkind\tcode\tname\tnames\tacronyms\nx\torg\tAGOREB\tX\tX Front\n", 2, "6 tab-separated columns"),
    ("id\tkind\tcode\tname\tnames\tacronyms\nx\torg\tAGOREB\tX\tX Front\t\nx\torg\tAGOREB\tX\tX Army\t\n", 3,
     "duplicate id"),
    ("id\tkind\tcode\tname\tnames\tacronyms\nx\tperson\tAGOREB\tX\tX Front\t\n", 2, "kind"),
    ("id\tkind\tcode\tname\tnames\tacronyms\nx\torg\tAGOREB\tX\t\t\n", 2, "at least one"),
    ("# comment\nid\tkind\tcode\tname\tnames\tacronyms\nX Y\torg\tAGOREB\tX\tX\t\n", 3, "slug"),
])
def test_broken_org_tsv_names_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    assert_names_file_and_line(load_entries, tmp_path / "orgs.tsv", text, line, words)


@pytest.mark.parametrize("raw,code", [
    ("ANGREB", "AGOREB"),  # legacy CAMEO country code
    ("PSEREBHMS", "PSEREB"),  # country + sector only
    ("WAFREB", "---REB"),  # a region: no country
    ("MED", "---MED"),
    ("IGOUNOREFHCR", "IGOUNOREFHCR"),
    ("NGOHINDEN211DEV", "NGOHINDEN"),
    ("IMGSEAMUSASFMYS", "IMGSEAMUSASF"),
    ("MNCUSA", None),
    ("HINRAD", None),  # no sector
    ("USA", None),
])
def test_org_code(raw: str, code: str | None) -> None:
    assert org_code(raw, COUNTRIES)[0] == code


@pytest.mark.parametrize("raw,form,kind", [
    ("REVOLUTIONARY_UNITED_FRONT_", "Revolutionary United Front", "name"),
    ("NATIONAL_UNION_FOR_THE_TOTAL_INDEPENDENCE_OF_ANGOLA_", "National Union for the Total Independence of Angola",
     "name"),
    ("MUJAHIDEEN_AL-MANSOORAN_", "Mujahideen al-Mansooran", "name"),
    ("ACTION_CONTRE_LA_FAIM_", "Action contre la Faim", "name"),
    ("THE_UN_", "UN", "acronym"),
    ("UNITA_", "UNITA", "acronym"),
    ("GAZTERIAK_", "Gazteriak", "name"),
    ("ARMY_", "Army", "common word"),
    ("GUERRILLAS", "Guerrillas", "common word"),
])
def test_names(raw: str, form: str, kind: str) -> None:
    namer = OrgNamer(frozenset({"ARMY", "GUERRILLA", "FRONT"}), frozenset(), frozenset({"JOSEPH"}),
                     frozenset({"UN"}))
    got = namer.convert(raw)
    assert got[:2] == (form, kind)


def test_bracketed_acronyms_and_people() -> None:
    namer = OrgNamer(frozenset(), frozenset(), frozenset({"JOSEPH"}), frozenset())
    assert namer.convert("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_")[:3] == ("Aden Abyan Islamic Army", "name", ["AAIA"])
    assert namer.person("JOSEPH_KONY") and namer.person("E._SLACK_") and namer.person("LORD_CARRINGTON_")
    assert not namer.person("JOSEPH_KONY_LIBERATION_FRONT_")


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="shared Phoenix dictionaries not present")
def test_converter_on_a_small_file(tmp_path: Path) -> None:
    src = tmp_path / "small.actors.txt"
    src.write_text("# test\n"
                   "ZZZ_LIBERATION_FRONT_ [ANGREB]\n+ZLF\n+FRONT_\n\n"
                   "ACME_CORPORATION_ [MNCUSA]\n"
                   "JOHN_SMITHSON_ [IGOUNO 990101-051231] [ELI]\n"
                   "WEST_QQQ_ARMY_ [WAFREB]\n"
                   "QQQ_MOVEMENT_OF_ANGOLA_ [CFRREB]\n", encoding="utf-8")
    log: list[tuple[str, str, str]] = []
    rows, stats = convert_orgs([src], log, dictionaries=PHOENIX)
    by_id = {r.id: r for r in rows}
    assert by_id["zzz-liberation-front"].code == "AGOREB"
    assert by_id["zzz-liberation-front"].acronyms == ["ZLF"]
    assert by_id["zzz-liberation-front"].names == ["Zzz Liberation Front"]  # "Front" alone is dropped
    assert by_id["west-qqq-army"].code == "---REB"
    assert by_id["qqq-movement-of-angola"].code == "AGOREB"  # the region's group names its country
    assert stats["row: corporation (MNC)"] == 1 and stats["row: a person"] == 1
    out = tmp_path / "orgs.tsv"
    count, _ = write_orgs([src], out, dictionaries=PHOENIX)
    assert count == len(rows) and {e.id for e in load_entries(out)} == set(by_id)


@pytest.mark.skipif(not (PHOENIX / ORG_SOURCES[0]).is_file(), reason="shared Phoenix dictionaries not present")
def test_generated_file_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / ORG_FILE
    write_orgs([PHOENIX / name for name in ORG_SOURCES], out)
    assert out.read_text(encoding="utf-8") == ORGS.read_text(encoding="utf-8"), \
        "regenerate: python tools/phoenix_convert.py orgs"


CASES = [
    ("en", "UNITA rebels attacked the town.", "UNITA", "AGOREB"),
    ("fr", "L'UNITA a attaqué la ville.", "L'UNITA", "AGOREB"),
    ("en", "The National Union for the Total Independence of Angola signed the accord.",
     "The National Union for the Total Independence of Angola", "AGOREB"),
    ("en", "The Revolutionary United Front (RUF) released hostages.", "The Revolutionary United Front", "---REB"),
    ("en", "The Revolutionary United Front (RUF) released hostages.", "RUF", "---REB"),
    ("fr", "Le RUF a libéré des otages.", "Le RUF", "---REB"),
    ("en", "SADC leaders met in Maputo.", "SADC", "IGOSAFSAD"),
    ("fr", "Les dirigeants de la SADC se sont réunis à Maputo.", "la SADC", "IGOSAFSAD"),
    ("en", "The Kosovo Liberation Army attacked a police station.", "The Kosovo Liberation Army", "XKXREB"),
]


@pytest.mark.parametrize("lang,text,mention,code", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_resolution(nlp_fr, nlp_en, article, lang: str, text: str, mention: str, code: str) -> None:
    nlp = nlp_fr if lang == "fr" else nlp_en
    found = resolve_actors(nlp(text), article(text, lang))
    got = [(m.text, m.code, m.entry) for m in found]
    hit = [m for m in found if m.text == mention]
    assert hit, got
    assert hit[0].code == code and (hit[0].entry or "").startswith(f"kb/{ORG_FILE}#"), got


@pytest.mark.parametrize("lang,text", [
    ("en", "The army attacked."),
    ("en", "Militants attacked the town."),
    ("en", "Youth groups protested."),
    ("fr", "L'armée a attaqué."),
])
def test_generic_words_do_not_resolve_through_the_file(nlp_fr, nlp_en, article, lang: str, text: str) -> None:
    nlp = nlp_fr if lang == "fr" else nlp_en
    found = resolve_actors(nlp(text), article(text, lang))
    assert not [m for m in found if (m.entry or "").startswith(f"kb/{ORG_FILE}")], found
