"""The known-name component: no sentence split inside names, no mislabelled entities;
the helpers the events layer uses."""
from __future__ import annotations

from veille.actors import actor_mentions_in, mention_at_token, mentions_at_token, resolve_actors


def test_component_runs_before_parser(nlp_fr, nlp_en) -> None:
    for nlp in (nlp_fr, nlp_en):
        names = nlp.pipe_names
        assert names.index("veille_actors") < names.index("parser") < names.index("ner")


def test_kim_jong_un_is_not_split_and_washington_is_no_person(nlp_fr) -> None:
    text = ("Les deux dirigeants ne s'étaient pas rencontrés depuis un précédent voyage de Kim Jong Un "
            "à Vladivostok en 2019. Washington a aussi exprimé sa préoccupation.")
    doc = nlp_fr(text)
    assert not any(s.text.endswith("Kim Jong") for s in doc.sents)
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents["Kim Jong Un"] == "PER" and ents["Washington"] != "PER"


def test_helpers_find_mentions_by_range_and_token(nlp_fr, article) -> None:
    text = "La Russie et la Corée du Nord ont signé un accord. Washington a critiqué les deux pays."
    doc = nlp_fr(text)
    mentions = resolve_actors(doc, article(text, "fr"))
    second = list(doc.sents)[1]
    assert {m.code for m in actor_mentions_in(mentions, second.start_char, second.end_char)} == \
        {"USAGOV", "RUSGOV", "PRKGOV"}
    pays = next(t.i for t in doc if t.text == "pays")
    assert {m.code for m in mentions_at_token(doc, mentions, pays)} == {"RUSGOV", "PRKGOV"}
    assert mention_at_token(doc, mentions, 1).code == "RUSGOV"
    assert mention_at_token(doc, mentions, next(t.i for t in doc if t.text == "critiqué")) is None


def test_mentions_are_sorted_and_explained(nlp_fr, article) -> None:
    text = "Le président russe a reçu le dirigeant nord-coréen au Kremlin. Il a salué son homologue."
    mentions = resolve_actors(nlp_fr(text), article(text, "fr"))
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(m.via in {"name", "acronym", "metonym", "demonym", "role", "apposition", "coreference",
                         "pronoun", "user"} for m in mentions)
    by_text = {m.text: m for m in mentions}
    assert by_text["Il"].code == "RUSGOV" and by_text["son homologue"].code == "PRKGOV"
    assert by_text["le dirigeant nord-coréen"].name == "Kim Jong Un"
