"""Knowledge files: validation errors (E401 with file and line), user dictionaries, import."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from veille.actors import resolve_actors, use_dictionaries
from veille.actors.knowledge import KB_DIR, KB_FILES, knowledge, load_entries, load_regions
from phoenix_convert import LEGACY_COUNTRIES, write_people
from veille.actors.phoenix import load_user_file, read_actors, read_agents
from veille.errors import VeilleError

from load_errors import assert_names_file_and_line

PETRARCH = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "petrarch"


@pytest.mark.parametrize("text,line,words", [
    ("entries:\n- {id: a, kind: org, code: XYZGOV}\n- {id: b, kind: org, code: not-a-code}\n", 3, "bad actor code"),
    ("entries:\n- {id: a, kind: org, code: XYZGOV}\n- {id: b, kind: planet, code: XYZ}\n", 3, "kind"),
    ("entries:\n- {id: a, kind: org, code: XYZGOV, colour: red}\n", 2, "unknown field"),
    ("entries:\n- {id: a, kind: person, offices: [[XYZGOV, 2020-13-45, null]]}\n", 2, "date"),
    ("entries:\n- {id: a, kind: org, code: XYZGOV}\n  - broken: [\n", 3, ""),
    ("entries:\n- {id: a, kind: org, code: XYZGOV}\n- {id: a, kind: org, code: XYZGOV}\n", 3, "duplicate"),
    ("entries: {}\n", 1, "entries"),
])
def test_broken_user_yaml_names_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    assert_names_file_and_line(load_user_file, tmp_path / "mine.yaml", text, line, words)


def test_missing_user_file_is_e402(tmp_path: Path) -> None:
    with pytest.raises(VeilleError) as err:
        load_user_file(tmp_path / "nope.yaml")
    assert err.value.code == "E402"


def test_all_shipped_files_validate() -> None:
    kb = knowledge("fr")
    assert len(kb.entries) > 10000 and knowledge("en").data.roles
    # the actor entry files (other kb files, e.g. the events layer's, have their own schema)
    for name in KB_FILES:
        if name.endswith(".yaml"):
            assert load_entries(KB_DIR / name)
    assert load_regions(KB_DIR / "regions.yaml")["darfur"] == "SDN"


def test_countries_cover_iso_3166() -> None:
    kb = knowledge("fr")
    countries = [e for e in kb.entries.values() if e.kind == "country"]
    assert len(countries) >= 245
    prk = kb.entry("PRK")
    assert {"Corée du Nord", "République populaire démocratique de Corée"} <= set(prk.names_for("fr"))
    assert {"RPDC", "DPRK"} <= set(prk.acronyms)


@pytest.mark.parametrize("person,day,code", [
    ("vladimir-putin", date(2001, 1, 1), "RUSGOV"), ("vladimir-putin", date(2010, 1, 1), "RUSGOV"),
    ("vladimir-putin", date(2023, 9, 14), "RUSGOV"), ("kim-jong-il", date(2005, 1, 1), "PRKGOV"),
    ("kim-jong-il", date(2012, 1, 1), "PRKELI"), ("kim-jong-un", date(2011, 12, 18), "PRKGOV"),
    ("barack-obama", date(2020, 1, 1), "USAELI"), ("donald-trump", date(2025, 6, 1), "USAGOV"),
])
def test_office_by_date(person: str, day: date, code: str) -> None:
    assert knowledge("fr").entry(person).code_at(day) == code


def test_holder_by_role_and_date() -> None:
    kb = knowledge("fr")
    assert kb.holder("RUS", "head_of_state", date(2010, 1, 1)).id == "dmitry-medvedev"
    assert kb.holder("PRK", "leader", date(2023, 9, 14)).id == "kim-jong-un"
    assert kb.holder("USA", "foreign_minister", date(2023, 9, 14)).id == "antony-blinken"


def test_phoenix_actor_file_imports() -> None:
    entries = read_actors(PETRARCH / "PETR.Validate.actors.txt")
    codes = {e.name: e.code for e in entries}
    assert codes["Hamas"] == "PSEREB" and codes["Israel"] == "ISR"
    countries = read_actors(PETRARCH / "phoenix_dictionaries" / "Phoenix.Countries.actors.txt",
                            since=date(2000, 1, 1), strict=False)
    putin = next(e for e in countries if e.id == "vladimir-putin")
    assert any(o.code == "RUSGOV" and o.end is None for o in putin.offices)


def test_converted_people_use_iso_countries(tmp_path: Path) -> None:
    src = tmp_path / "people.txt"
    src.write_text("JOSE_RAMOS_HORTA_\n\t[TMPGOV >070520]\n", encoding="utf-8")
    write_people(src, tmp_path / "out.tsv")
    assert "TLSGOV 2007-05-20 -" in (tmp_path / "out.tsv").read_text(encoding="utf-8")
    shipped = (KB_DIR / "people_phoenix.tsv").read_text(encoding="utf-8")
    assert not any(f"\t{code}" in shipped or f";{code}" in shipped for code in LEGACY_COUNTRIES)


@pytest.mark.parametrize("words,day,person", [
    ("dos Santos", date(2000, 1, 1), "jose-eduardo-dos-santos"),
    ("Dos Santos", date(2000, 1, 1), "jose-eduardo-dos-santos"),
    ("Kim", date(2000, 1, 1), None),  # family names put first: Kim Jong Il, Kim Dae-jung
    ("Nobody Known", date(2000, 1, 1), None),
])
def test_person_by_surname(words: str, day: date, person: str | None) -> None:
    found = knowledge("fr").by_surname(words, day)
    assert (found.id if found else None) == person


def test_phoenix_agent_file_imports() -> None:
    agents = dict(read_agents(PETRARCH / "phoenix_dictionaries" / "Phoenix.agents.txt"))
    assert agents["farmer"] == "AGR" and agents["cattleman"] == "AGR"
    assert dict(read_agents(PETRARCH / "PETR.Validate.agents.txt"))["foreign minister"] == "GOV"


def test_user_dictionary_adds_a_person(tmp_path: Path, nlp_fr, article) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("# test dictionary\nentries:\n- {id: jean-dupont, kind: person, name: Jean Dupont, "
                    "names: [Jean Dupont], offices: [[FRAGOV, 2020-01-01, null]]}\n", encoding="utf-8")
    text = "Jean Dupont a rencontré Kim Jong Un."
    try:
        use_dictionaries([str(path)])
        found = {m.text: (m.code, m.entry, m.via) for m in resolve_actors(nlp_fr(text), article(text, "fr"))}
    finally:
        use_dictionaries([])
    assert found["Jean Dupont"] == ("FRAGOV", "user:people.yaml#jean-dupont", "user")
    assert found["Kim Jong Un"][0] == "PRKGOV"
