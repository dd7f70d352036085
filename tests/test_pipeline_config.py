"""The config given to ``extract_many`` is the one used: its user dictionaries reach the
actor component and the resolver, without any process-wide setting."""
from __future__ import annotations

import pytest

from veille.config import load_config
from veille.pipeline import extract_many
from veille.records import Article, Extraction


@pytest.mark.slow
def test_user_dictionaries_of_the_config_are_used(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text("# test dictionary\nentries:\n- {id: jeanne-durandal, kind: person, name: Jeanne Durandal, "
                      "names: [Jeanne Durandal], offices: [[BELGOV, 2020-01-01, null]]}\n", encoding="utf-8")
    text = "Jeanne Durandal a rencontré mardi Kim Jong Un à Pyongyang pour parler du nucléaire."
    article = Article(id="u1", text=text, language="fr")

    def found(config):
        (result,) = extract_many([article], config)
        assert isinstance(result, Extraction)
        return {m.text: m.code for m in result.actors}

    without = found(load_config())
    assert without.get("Jeanne Durandal") != "BELGOV"
    with_user = found(load_config(overrides={"actors": {"user_dictionaries": [str(people)]}}))
    assert with_user["Jeanne Durandal"] == "BELGOV" and with_user["Kim Jong Un"] == "PRKGOV"
    assert found(load_config()).get("Jeanne Durandal") != "BELGOV"  # nothing left behind
