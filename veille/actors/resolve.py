"""Resolution in context: names, metonyms, demonyms, roles, appositions, coreference.

Order of the passes over one document:

1. known names (countries, capitals and seats of power, organisations, people by date),
   and an office title's surname ("le président dos Santos": the office holder whose
   name ends so, when one country's people share it);
2. demonyms (an adjective on a place name teaches the place's country; a bare
   nationality noun or adjective is a country mention);
3. role phrases: a role noun with the country it takes from a demonym, a country,
   metonym or organisation in its phrase ("le chef du Kremlin", "la marine militaire
   russe"); generic leader words take the sector of their complement ("le chef du
   parti ... au pouvoir" = PTY); appositions teach unknown people;
4. coreference in text order: subject pronouns, "son homologue", anaphoric roles
   ("l'agence"), and "les deux dirigeants" / "les deux pays" (the article's two most
   salient countries, one mention per member);
5. sector words left without a country ("la police", "Darfur rebels", "des
   manifestants à Lagos") are actor mentions of their own. Country, first from the
   noun they are in apposition with, its demonym or its actor ("le guide religieux
   iranien, l'ayatollah Khomeiny"), then from the phrase: a place modifier or complement ("les rebelles du Darfour", "demonstrators in
   Baghdad": countries, capitals, ``kb/regions.yaml``, the places gazetteer); else from
   the context: a place in the sentence (one country only), else the single other
   country of the sentence's actors (domestic sectors only), else the article's
   dominant country, else ``---`` + sector. ``via`` says which ("sector word; country
   from place 'Lagos' in the sentence"). Office words ("le président") and words
   marked ``alone: false`` ("chef", "secrétaire général") need their phrase.

An apposition whose role names its institution ("Kenzo Oshima, the United Nations
Emergency Relief Coordinator") recodes a known person (IGOUNO, not his nationality).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from veille.actors.knowledge import Entry, Role, region_around
from veille.actors.match import ActorIndex, NameKey
from veille.lang import pack_for
from veille.records import ActorMention
from veille.syntax.labels import labels_for

STOP_DEPS = {"acl:relcl", "acl", "conj", "cc", "appos", "parataxis", "punct", "advcl", "ccomp",
             "xcomp", "nsubj", "nsubj:pass", "csubj", "relcl", "cop", "aux", "aux:pass", "aux:tense",
             "mark", "obj", "iobj", "dep", "flat:name", "nummod", "advmod", "compound:prt", "expl",
             "obl:mod", "obl", "npadvmod", "prep_pobj_time"}
HEAD_POS = {"NOUN", "PROPN", "PRON", "ADJ", "X"}
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # offices whose former holders are elites
# sectors whose bare word takes the single other country of its sentence ("the court",
# "la police"); governments, armies, NGOs and spies act abroad, so not them
DOMESTIC = frozenset("COP JUD LEG OPP REB CVL LAB EDU MED HLH PTY BUS REL CRM REF AGR ELI".split())
CURRENCY_SIGNS = frozenset({"$", "£", "€", "¥"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
TIME_ENTS = frozenset({"DATE", "TIME"})  # "signed in March 2001": not the town of March
NAME_ENTS = frozenset({"PER", "PERSON", "ORG", "NORP", "MISC"})
NAME_VIAS = frozenset({"name", "acronym", "metonym", "demonym", "user"})  # a name, not a place


@dataclass
class M:
    """A mention under construction."""

    start: int  # token offsets
    end: int
    code: str
    via: str
    entry: str | None = None
    name: str | None = None
    kind: str = "actor"
    head: int = -1
    gender: str | None = None

    @property
    def country(self) -> str | None:
        return None if self.code[:3] in ("IGO", "NGO", "IMG", "---") else self.code[:3]

    @property
    def sector(self) -> str | None:
        return None if self.code[:3] in ("IGO", "NGO", "IMG") else self.code[3:6] or None


def _sector(code: str) -> str | None:
    return code[3:6] or None if code[:3] not in ("IGO", "NGO", "IMG") else None


class Resolver:
    def __init__(self, doc: Doc, idx: ActorIndex, day: date) -> None:
        self.doc, self.idx, self.kb, self.day = doc, idx, idx.kb, day
        self.co = self.kb.data.coref
        self.mentions: list[M] = []
        self.token_mention: dict[int, M] = {}  # head token -> mention
        self.person_cover: dict[int, M] = {}  # every token of a person's name -> mention
        self.role_heads: set[int] = set()
        self.places: dict[str, str] = {}  # learned place name -> country
        self.learned: dict[str, M] = {}  # learned person name -> mention template
        # noun modifiers before the head ("the army commander", "the Bush administration")
        self.modifiers_first = pack_for(self.kb.lang).facts.noun_modifiers_precede_head
        self.lab = labels_for(self.kb.lang)  # the language's prepositions of place and complement
        self.place_tokens: dict[int, str] = {}  # first token of a locative known name -> country
        self.leftover: list[tuple[Role, int, int, Token]] = []  # sector words with no country yet
        self._sent_places: dict[int, list[tuple[int, int, str]]] = {}
        self._dominant: tuple[str | None] | None = None
        self._place_ents: list[Span] | None = None
        self._name_tokens: set[int] | None = None

    # ------------------------------------------------------------ helpers
    def add(self, m: M) -> M | None:
        doc = self.doc
        if m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ in self.kb.data.manner_words:
            return None  # "a Bosnia-style war": a manner, not an actor
        if m.head < 0:
            m.head = self.doc[m.start:m.end].root.i
        if self.backer(m.end - 1) and not m.via.startswith("backer"):
            m.via = f"backer ({m.via})"  # "Syrian-backed", "UN-brokered": no party to the act
        self.mentions.append(m)
        self.token_mention.setdefault(m.head, m)
        if m.kind == "person":
            for i in range(m.start, m.end):
                self.person_cover[i] = m
        return m

    def extend_det(self, start: int) -> int:
        if start > 0 and self.doc[start - 1].text in self.co["determiners"] and \
                self.doc[start - 1].lower_ in self.lab.definite_articles:
            return start - 1
        return start

    def locative(self, start: int) -> bool:
        """A place, not an actor: after "à", "en", "in"... but not "face à", "quant à"."""
        if start == 0 or self.doc[start - 1].lower_ not in self.co["locative"]:
            return False
        return start < 2 or self.doc[start - 2].lower_ not in self.co["not_locative_after"]

    def gender_of(self, start: int) -> str | None:
        prev = self.doc[start - 1].lower_ if start > 0 else ""
        return {"la": "f", "le": "m", "du": "m", "au": "m"}.get(prev)

    def person_mention(self, entry: Entry, start: int, end: int, via: str) -> M:
        code = entry.code_at(self.day) or entry.code or "---"
        via = "user" if entry.source.startswith("user:") else via
        return M(start, end, code, via, entry.ref, entry.name or entry.id, "person", gender=entry.gender)

    # ------------------------------------------------------------ pass 1: names
    def names(self, matches: list[tuple[str, int, int]]) -> list[tuple[Role, int, int]]:
        keys = self.idx.keys
        named, roles, dems = [], [], []
        for key, s, e in matches:
            info = keys.get(key)
            if not isinstance(info, Role) and self.stance(s):
                continue  # "the pro-Iranian Hizbollah", "an anti-Syria journalist"
            if isinstance(info, NameKey):
                named.append((info, s, e))
            elif isinstance(info, Role):
                if e - s == 1 and self.doc[s].pos_ == "ADJ" and self.doc[s].dep_ == "amod":
                    continue  # "a general strike": an adjective, not the role
                roles.append((info, s, e))
            elif isinstance(info, str):
                dems.append((info, s, e))
        taken: set[int] = set()
        self.name_tokens = {i for _, s, e in named for i in range(s, e)}
        for info, s, e in sorted(named, key=lambda x: (-(x[2] - x[1]), x[1])):
            if taken & set(range(s, e)):
                continue
            taken.update(range(s, e))
            self.name_mention(info, s, e)
        # the longest demonym wins over those inside it ("Equatorial Guinean" is not "Guinean")
        kept: list[tuple[str, int, int]] = []
        dtaken: set[int] = set()
        for c, s, e in sorted(dems, key=lambda x: (-(x[2] - x[1]), x[1])):
            if not dtaken & set(range(s, e)):
                dtaken.update(range(s, e))
                kept.append((c, s, e))
        dems = sorted(kept, key=lambda x: x[1])
        self.demonym_matches = [(c, s, e) for c, s, e in dems if not taken & set(range(s, e))]
        self.demonym_at = {i: c for c, s, e in dems for i in range(s, e)}
        out, rtaken = [], set(taken)
        for role, s, e in sorted(roles, key=lambda x: (-(x[2] - x[1]), x[1])):
            if rtaken & set(range(s, e)):
                continue
            root = self.doc[s:e].root
            nominal = root.pos_ == "ADJ" and (root.dep_ in ("nsubj", "obj", "nsubj:pass", "obl:arg") or
                                              s > 0 and self.doc[s - 1].pos_ == "DET")
            if root.pos_ not in ("NOUN", "PROPN") and not nominal and \
                    not (root.pos_ in ("NUM", "ADJ") and e - s > 1):
                continue
            rtaken.update(range(s, e))
            out.append((role, s, e))
        return sorted(out, key=lambda x: x[1])

    def name_mention(self, info: NameKey, s: int, e: int) -> None:
        entry, doc = info.entry, self.doc
        if info.kind == "person":
            self.add(self.person_mention(entry, s, e, "name"))
            return
        if info.kind in ("capital", "metonym") and self.locative(s):
            if info.kind == "capital":
                self.places[doc[s:e].text] = entry.code or entry.id
                self.place_tokens[s] = (entry.code or entry.id)[:3]
            return
        if info.kind == "capital" and s > 0 and doc[s - 1].is_title and doc[s - 1].pos_ == "PROPN" \
                and doc[s - 1].lower_ not in self.co["determiners"] and s - 1 not in self.name_tokens:
            return  # George Washington
        if info.kind in ("country", "acronym") and e < len(doc) and (doc[e].text in CURRENCY_SIGNS or doc[e].is_currency):
            return  # "US $50 million", "HK$ 3 billion": a currency, not the country
        if info.kind == "country" and (region := region_around(doc, s, e, self.kb.regions)) is not None:
            a, b, country = region  # "Northern Ireland", "Irlande du Nord": a region, not the country inside it
            self.places[doc[a:b].text] = country
            return
        code = entry.code or entry.id
        kind = "actor"
        if info.kind in ("country", "capital"):
            self.places[doc[s:e].text] = code
            if self.locative(s):
                self.place_tokens[s] = code[:3]
            code, kind = code + "GOV", "country" if info.kind == "country" else "actor"
        elif info.kind == "org":
            kind = "org"
        if entry.context:
            sent = doc[s].sent
            words = {t.lower_ for t in sent if not s <= t.i < e}
            text = sent.text.lower()
            if any(w in words or (" " in w and w in text) for w in entry.context["words"]):
                code = entry.context["code"]
        start = self.extend_det(s) if info.kind != "person" else s
        via = "user" if entry.source.startswith("user:") else info.via
        self.add(M(start, e, code, via, entry.ref, entry.name, kind, head=doc[s:e].root.i,
                   gender=self.gender_of(s)))

    # ------------------------------------------------------------ pass 2: demonyms
    def demonyms(self) -> None:
        covered = {i for m in self.mentions if m.kind != "person" and m.end - m.start > 1
                   for i in range(m.start, m.end)}
        covered |= {i for _, s, e, _ in self.pending for i in range(s, e)}
        for code, s, e in self.demonym_matches:
            tok = self.doc[s:e].root
            if tok.i in covered:
                continue
            head = tok.head
            if tok.pos_ == "ADJ" or tok.dep_ in ("amod",):
                if head.pos_ == "PROPN" or head.ent_type_ in ("LOC", "GPE"):
                    self.places[head.text] = code  # "Extrême-Orient russe"
                    continue
            if code.startswith("IGO") or (tok.dep_ == "amod" and head.lemma_.lower() in self.kb.data.attribute_nouns):
                continue  # "la langue russe", "dollars américains": an attribute, not an actor
            ref = f"lang/{self.kb.data.lang}/demonyms.yaml#{code}"
            if self.ethnic(s, e):
                # "ethnic Albanians in south Serbia": civilians of the country they live in
                group = Role(id="ethnic-group", words=(), sector="CVL", person=False)
                country, why = self.sector_country(group, s, e + self.ethnic_marker_after(e), tok)
                self.add(M(s, e, f"{country or code}CVL", f"ethnic group; country from {why or 'its name'}",
                           ref, head=tok.i))
                continue
            home = self.residence(s, e, tok)
            if home is not None and home != code[:3]:
                # "the Albanians of southern Serbia", "les Albanais du sud de la Serbie": residents
                self.add(M(s, e, f"{home}CVL", "people of a place; country from the place after the name",
                           ref, head=tok.i))
                continue
            self.add(M(s, e, code, "demonym", ref, kind="country", head=tok.i))

    def residence(self, s: int, e: int, tok: Token) -> str | None:
        """The country of the place a plural demonym noun is "of" ("the Albanians of
        southern Serbia"), or None."""
        doc = self.doc
        if tok.pos_ not in ("NOUN", "PROPN") or "Plur" not in tok.morph.get("Number", []) or e >= len(doc) \
                or doc[e].lower_ not in self.lab.of_prepositions:
            return None
        place = self.place_from(e + 1)
        return place[1] if place is not None else None

    def place_from(self, k: int) -> tuple[str, str] | None:
        """(text, country) of the place named from token ``k`` on, after determiners and
        direction words ("south Serbia", "le sud de la Serbie"), or None."""
        doc, end_of_sent = self.doc, self.doc[min(k, len(self.doc) - 1)].sent.end
        while k < end_of_sent and doc[k].pos_ == "DET":
            k += 1
        if k < end_of_sent and doc[k].lower_ in self.kb.data.place_directions and doc[k].pos_ == "PROPN":
            end = self.propn_run(k, end_of_sent)  # "the West Bank", "South Ossetia": a name
            country = self.place_of(k, end) if end > k + 1 else None
            if country:
                return doc[k:end].text, country
        while k < end_of_sent and (doc[k].pos_ == "DET" or doc[k].lower_ in self.kb.data.place_directions):
            k += 1
        end = self.propn_run(k, end_of_sent) if k < end_of_sent else k
        country = self.place_of(k, end) if end > k else None
        return (doc[k:end].text, country) if country else None

    def stance(self, i: int) -> bool:
        """The name or demonym at ``i`` follows "anti-"/"pro-": what an actor stands for or
        against, not an actor or its country."""
        doc = self.doc
        return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in self.kb.data.stance_words

    def backer(self, i: int) -> bool:
        """The demonym at ``i`` names who backs the group, not its country ("Syrian-backed militias")."""
        doc = self.doc
        return i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in self.kb.data.backer_words

    def ethnic(self, s: int, e: int) -> bool:
        """The demonym at [s, e) names an ethnic group ("ethnic Albanians", "Albanais de souche")."""
        return (s > 0 and self.doc[s - 1].lower_ in self.kb.data.ethnic_before) or self.ethnic_marker_after(e) > 0

    def ethnic_marker_after(self, e: int) -> int:
        """Length of the ethnic marker right after token ``e`` ("de souche"), 0 when none."""
        return next((len(words) for words in self.kb.data.ethnic_after
                     if [t.lower_ for t in self.doc[e:e + len(words)]] == list(words)), 0)

    def titled_surnames(self, roles: list[tuple[Role, int, int]]) -> None:
        """An office title and a name not known as such ("le président dos Santos",
        "President Reagan"): the office holder whose name ends so (``Knowledge.by_surname``)."""
        doc = self.doc
        for role, _, e in roles:
            if not role.person or role.sector not in OFFICE_SECTORS:
                continue
            end = e
            while end < len(doc) and end - e < 4 and end not in self.person_cover and doc[end].is_alpha and \
                    (doc[end].is_title or len(doc[end]) <= 4 and doc[end].is_lower  # "dos", "van", "al"
                     and end + 1 < len(doc) and doc[end + 1].is_title):
                end += 1
            if end == e or not doc[end - 1].is_title or len(doc[e:end].text) < 3 or \
                    not any(t.ent_type_ in ("PER", "PERSON") for t in doc[e:end]):
                continue
            person = self.kb.by_surname(doc[e:end].text, self.day)
            if person is not None:
                self.add(self.person_mention(person, e, end, "surname after a title"))

    # ------------------------------------------------------------ pass 3: roles
    def phrase_tokens(self, s: int, e: int) -> list[Token]:
        """The role's noun phrase read linearly: left modifiers (det, adjectives,
        compounds, possessives) and right complements (adjectives, "de/of" phrases)
        up to a verb, punctuation, conjunction, locative or a person's name."""
        doc, out = self.doc, cast(list[Token], [])
        i = s - 1
        while i >= 0 and s - i <= 4:
            t = doc[i]
            led = t.lower_ == "led" and i > 0 and doc[i - 1].text == "-"  # "Vietnamese-led forces"
            if t.pos_ in ("ADJ", "NUM", "PROPN") or t.tag_ == "POS" or t.lower_ == "'s" or \
                    (t.pos_ == "NOUN" and self.modifiers_first) or led or (t.text == "-" and out and out[-1].lower_ == "led") \
                    or (t.dep_ == "amod" and t.tag_ in ("VBG", "VBN") and self.modifiers_first):  # "Algeria's leading activist"
                if t.i in self.person_cover:
                    break
                out.append(t)
            elif t.pos_ == "DET":
                out.append(t)
                break
            else:
                break
            i -= 1
        suffixes = [x.split() for x in self.co.get("phrase_suffixes", [])]
        i, prev = e, doc[e - 1]
        while i < len(doc) and i - e < 8:
            t = doc[i]
            suf = next((x for x in suffixes if [w.lower_ for w in doc[i:i + len(x)]] == x), None)
            if suf:
                out.extend(doc[i:i + len(suf)])
                i += len(suf)
                continue
            if t.i in self.person_cover or t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON", "ADV", "PART") \
                    and t.i not in self.demonym_at \
                    or (t.is_punct and t.text not in "-'’") or t.lower_ in self.co["locative"] \
                    or t.is_space or (t.pos_ == "ADP" and t.lower_ not in self.lab.complement_prepositions
                                      and not (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN"
                                               and not doc[i + 1].ent_type_ == "DATE")):
                break  # "demonstrators on Monday night": only "of"/"de" phrases belong to the role
            if t.pos_ == "NOUN" and prev.pos_ in ("NOUN", "ADJ", "PROPN") and not self.modifiers_first and \
                    t.i not in self.role_heads and t.i not in self.demonym_at:
                break  # "nord-coréenne jeudi"
            out.append(t)
            prev = t
            i += 1
        while out and max(out, key=lambda x: x.i).pos_ in ("ADP", "DET") and max(out, key=lambda x: x.i).i >= e:
            out.remove(max(out, key=lambda x: x.i))
        return sorted(out, key=lambda t: t.i)

    def roles(self, roles: list[tuple[Role, int, int]]) -> None:
        doc = self.doc
        role_at = {i: (r, s, e) for r, s, e in roles for i in range(s, e)}
        self.role_heads = set(role_at)
        consumed: set[int] = set()
        self.pending: list[tuple[Role, int, int, Token]] = []
        for role, s, e in roles:
            head = doc[s:e].root
            if head.i in consumed:
                continue
            if head.i in consumed:
                continue
            phrase = self.phrase_tokens(s, e)
            sector = role.sector
            complement = None
            for t in phrase:
                if t.i in role_at and role_at[t.i][1] >= e:
                    complement = role_at[t.i][0]
                    consumed.update(range(role_at[t.i][1], role_at[t.i][2]))
                    break
            for t in phrase:
                if t.i in role_at and role_at[t.i][2] <= s:
                    consumed.update(range(role_at[t.i][1], role_at[t.i][2]))
            if role.sector in OFFICE_SECTORS and any(t.lower_ in self.kb.data.former_words for t in phrase if t.i < s):
                role = replace(role, sector="ELI", office=None)  # "former President Ben Bella"
                sector = role.sector
            cue = self.cue(phrase, head, s, e)
            if role.generic and complement is not None and complement.generic is False:
                sector = complement.sector
            elif role.generic and cue is not None and cue.sector and cue.kind != "country":
                sector = cue.sector
            first = min([s] + [t.i for t in phrase])
            last = max([e - 1] + [t.i for t in phrase])
            if cue is None:
                # a body named after its leader: "l'administration Bush", "the Bush administration"
                leader = self.person_cover.get(last + 1) or (self.person_cover.get(first - 1) if self.modifiers_first else None)
                if leader is not None and leader.country:
                    cue = M(leader.start, leader.end, leader.country, "person", kind="country")
            if cue is None:
                self.pending.append((role, first, last + 1, head))
                continue
            if cue.country is None:
                code = cue.code
            else:
                code = cue.country + sector
            m = M(first, last + 1, code, "role", role.source, head=head.i)
            self.name_holder(m, role, head, complement)
            self.add(m)
            self.appositions(m, head, explicit=True)

    def name_holder(self, m: M, role: Role, head: Token, complement: Role | None) -> None:
        """Name the office holder a singular role denotes ("le chef du Kremlin" = Putin)."""
        office = role.office
        if complement is not None and complement.office and role.generic:
            office = complement.office
        if not office or not m.country or "Plur" in head.morph.get("Number", []) or not role.person:
            return
        if m.sector not in ("GOV", "MIL"):
            return
        person = self.kb.holder(m.country, office, self.day)
        if person is not None:
            m.name, m.entry = person.name, person.ref
            if any(x.entry == person.ref and x.start < m.start for x in self.mentions):
                m.via = "coreference"

    def cue(self, phrase: list[Token], head: Token, s: int, e: int) -> M | None:
        """The country (or body) a role phrase names: demonym, country, metonym or org."""
        best: tuple[int, M] | None = None
        for t in phrase:
            if s <= t.i < e:
                continue
            m = self.token_mention.get(t.i)
            cand = None
            if m is not None and m.kind != "person":
                cand = m
            elif t.i in self.demonym_at and not self.ethnic(t.i, t.i + 1) and not self.backer(t.i):
                cand = M(t.i, t.i + 1, self.demonym_at[t.i], "demonym", kind="country")
            if cand is not None:
                dist = abs(t.i - head.i)
                if best is None or dist < best[0]:
                    best = (dist, cand)
        if best is None:
            return None
        cue = best[1]
        if cue.kind == "country" and cue.code.endswith("GOV"):
            return replace(cue, code=cue.code[:3])
        return cue

    def appositions(self, m: M, head: Token, explicit: bool = False) -> None:
        """Role + unknown person name (or name, role): the name gets the role's code.
        With ``explicit`` (the role's phrase names its country or body), "Name, the
        role" also recodes a known person: "Kenzo Oshima, the United Nations Emergency
        Relief Coordinator" is IGOUNO, whatever his nationality."""
        doc = self.doc
        cands = []
        if m.end < len(doc) and doc[m.end].ent_type_ in ("PER", "PERSON"):
            cands.append(m.end)
        left = m.start - 1
        if left > 0 and doc[left].pos_ == "DET" and doc[left - 1].text == ",":
            left -= 1  # "Name, the role"
        comma = left > 0 and doc[left].text == ","
        if comma:
            left -= 1
        if left >= 0 and doc[left].ent_type_ in ("PER", "PERSON") and left != m.start - 1 + 1:
            cands.append(left)
        for i in cands:
            ent = next((x for x in doc.ents if x.start <= i < x.end), None)
            if ent is None:
                continue
            known = [x for x in self.mentions if x.start < ent.end and ent.start < x.end and x.kind == "person"]
            if known:
                if explicit and comma and i == left and m.code[:3] != known[0].code[:3] and \
                        (m.country is None or m.sector is not None):
                    for x in known:
                        x.code, x.via = m.code, "apposition"
                continue
            tmpl = M(ent.start, ent.end, m.code, "apposition", m.entry, ent.text, "person")
            self.learned[ent.text] = tmpl
            if len(ent) > 1:
                self.learned.setdefault(ent[-1].text, tmpl)
            self.add(replace(tmpl, head=ent.root.i))

    def learned_names(self) -> None:
        if not self.learned:
            return
        for ent in self.doc.ents:
            if ent.label_ not in ("PER", "PERSON") or ent.root.i in self.token_mention:
                continue
            tmpl = self.learned.get(ent.text) or self.learned.get(ent[-1].text)
            if tmpl is not None:
                self.add(replace(tmpl, start=ent.start, end=ent.end, head=ent.root.i))

    # ------------------------------------------------------------ pass 4: coreference
    def salient(self, n: int = 2) -> list[str]:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.mentions:
            if m.country and m.via != "coreference":
                counts[m.country] += 1
                first.setdefault(m.country, m.start)
        return sorted(counts, key=lambda c: (-counts[c], first[c]))[:n]

    def coreference(self) -> None:
        doc = self.doc
        pron = self.co["subject_pronouns"]
        counterpart = {w.lower() for w in self.co["counterpart"]}
        pairs = {k.lower(): v for k, v in self.co["pair_nouns"].items()}
        numbers = {w.lower() for w in self.co["pair_numbers"]}
        pending = {head.i: (role, s, e) for role, s, e, head in self.pending}
        dyad = self.salient()
        # only the tokens a branch below can take (pronouns, numbers, counterparts, roles)
        words = {doc.vocab.strings.add(w) for w in list(pron) + list(numbers) + list(counterpart)}
        lows = doc.to_array(LOWER).tolist()
        todo = sorted({i for i, h in enumerate(lows) if h in words} | set(pending))
        for i in todo:
            tok = doc[i]
            if tok.i in self.token_mention:
                continue
            if tok.lower_ in pron and tok.dep_.startswith("nsubj") and not self.impersonal(tok):
                ante = self.antecedent(tok, pron[tok.lower_])
                if ante is not None:
                    self.add(replace(ante, start=tok.i, end=tok.i + 1, via="pronoun", head=tok.i,
                                     gender=ante.gender or (pron[tok.lower_] if pron[tok.lower_] in ("n", "p") else None)))
            elif tok.lower_ in numbers and len(dyad) == 2:
                nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
                noun = nxt if nxt is not None and nxt.lower_ in pairs else None
                if noun is None and nxt is not None and tok.i + 3 <= len(doc):
                    two = doc[tok.i + 1:tok.i + 3].text.lower()
                    noun = doc[tok.i + 2] if two in pairs else None
                if noun is None or noun.i in self.token_mention:
                    continue
                sector = pairs.get(noun.lower_) or pairs.get(doc[tok.i + 1:noun.i + 1].text.lower(), "GOV")
                start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in self.lab.plural_determiners else tok.i
                for country in dyad:
                    m = M(start, noun.i + 1, country + sector, "coreference", kind="actor", head=noun.i)
                    if noun.lower_ not in self.lab.country_nouns:
                        holder = self.kb.holder(country, "leader", self.day)
                        if holder:
                            m.name, m.entry = holder.name, holder.ref
                    self.mentions.append(m)
                self.token_mention[noun.i] = m
                pending.pop(noun.i, None)
            elif tok.lower_ in counterpart and tok.pos_ in ("NOUN", "PROPN"):
                cp = self.counterpart(tok, dyad)
                if cp is not None:
                    self.add(cp)
                pending.pop(tok.i, None)
            elif tok.i in pending:
                role, s, e = pending.pop(tok.i)
                ana = self.anaphor(role, s, e, tok)
                if ana is not None:
                    self.add(ana)
                else:
                    self.leftover.append((role, s, e, tok))

    def impersonal(self, tok: Token) -> bool:
        verb = tok.head
        nxt = tok.nbor(1).lower_ if tok.i + 1 < len(self.doc) else ""
        lemmas = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp"}
        return nxt in ("y",) or bool(lemmas & set(self.co["impersonal"])) or tok.dep_.startswith("expl")

    def compatible(self, m: M, gender: str) -> bool:
        if m.country is None and m.kind != "org":
            return False
        if gender == "n":  # "it": a country or a body ("the teachers' union ... it has called off")
            if m.kind in ("country", "org", "metonym", "capital") or m.via == "pronoun" and m.gender == "n":
                return True
            role = self.kb.role_by_source.get(m.entry or "")
            return m.kind == "actor" and role is not None and role.office is None and \
                "Plur" not in self.doc[m.head].morph.get("Number", [])
        plural = "Plur" in self.doc[m.head].morph.get("Number", [])
        if gender == "p":  # "they", "ils": a group named in the plural
            return plural and m.kind != "person"
        return not plural and (m.gender is None or m.gender == gender)

    def topical(self, m: M) -> bool:
        """A subject, or a bare noun phrase before its sentence's first verb."""
        head = self.doc[m.head]
        if head.dep_.startswith("nsubj"):
            return True
        sent = head.sent
        first_verb = next((t.i for t in sent if t.pos_ in ("VERB", "AUX")), sent.end)
        return m.head < first_verb and not any(c.dep_ == "case" for c in head.children) and \
            not self.doc[m.start].pos_ == "ADP"

    def antecedent(self, tok: Token, gender: str) -> M | None:
        """The actor a subject pronoun stands for: a topic or subject earlier in its
        sentence, else the first subject of the closest previous sentence that has one."""
        sent = tok.sent
        first_verb = next((t.i for t in sent if t.pos_ in ("VERB", "AUX")), sent.end)
        before = [m for m in self.mentions if sent.start <= m.start and m.end <= tok.i and self.compatible(m, gender)]
        local = [m for m in before if m.head < first_verb or self.doc[m.head].dep_.startswith("nsubj")]
        if local:
            return max(local, key=lambda m: m.start)
        # "against Abbas, saying he must resign"; "a reminder to Iraq that it must cooperate"
        if gender == "n":
            named = [m for m in before if m.kind in ("country", "org", "metonym")]
        else:
            named = [m for m in before if m.kind == "person" or m.name]
        if named:
            return max(named, key=lambda m: m.start)
        prev = [m for m in self.mentions if m.end <= sent.start and self.topical(m)
                and self.compatible(m, gender) and m.via != "pronoun" or
                m.end <= sent.start and m.via == "pronoun"]
        if not prev:
            return None
        last_sent = max(self.doc[m.head].sent.start for m in prev)
        return min((m for m in prev if self.doc[m.head].sent.start == last_sent), key=lambda m: m.start)

    def subject_of(self, tok: Token) -> M | None:
        t = tok
        for _ in range(8):
            if t.head.i == t.i:
                break
            t = t.head
            if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
                for c in t.children:
                    if c.dep_.startswith("nsubj") and c.i < tok.i:
                        inner = [m for m in self.mentions if m.start <= c.i < m.end]
                        if inner:
                            return self.token_mention.get(c.i) or inner[0]
        sent = tok.sent
        topics = [m for m in self.mentions if sent.start <= m.start and m.end <= tok.i and self.topical(m)]
        return min(topics, key=lambda m: m.start) if topics else None

    def counterpart(self, tok: Token, dyad: list[str]) -> M | None:
        """"son homologue": a following name, else the other side of the salient dyad."""
        doc = self.doc
        nxt = self.token_mention.get(tok.i + 1) if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.kind == "person":
            return M(self.extend_det(tok.i), tok.i + 1, nxt.code, "coreference", nxt.entry, nxt.name,
                     "person", head=tok.i)
        subj = self.subject_of(tok)
        if subj is None or subj.country is None or len(dyad) < 2 or subj.country not in dyad:
            return None
        other = dyad[1] if subj.country == dyad[0] else dyad[0]
        start = tok.i - 1 if tok.i > 0 and tok.nbor(-1).pos_ == "DET" else tok.i
        m = M(start, tok.i + 1, other + "GOV", "coreference", kind="person", head=tok.i)
        holder = self.kb.holder(other, "leader", self.day)
        if holder:
            m.name, m.entry = holder.name, holder.ref
        return m

    def anaphor(self, role: Role, s: int, e: int, head: Token) -> M | None:
        """A role without country: the last actor of its sector, or the clause's place."""
        doc = self.doc
        words = doc[s:e].text
        det = doc[s].lower_ if s < head.i else ""
        noun = doc[head.i:e].text if head.i < e else head.text
        sector = self.co["anaphors"].get(noun) or self.co["anaphors"].get(noun.lower())
        if sector and det in self.co["definite"] and "Plur" not in head.morph.get("Number", []):
            prev = [m for m in self.mentions if m.start < s and m.sector == sector and m.country]
            if noun.lower() in ("pays", "country"):
                prev = [m for m in self.mentions if m.start < s and m.country and m.kind == "country"]
            if prev:
                ante = max(prev, key=lambda m: m.start)
                m = replace(ante, start=s, end=e, via="coreference", head=head.i)
                if role.person and role.office and ante.country and ante.kind != "person":
                    holder = self.kb.holder(ante.country, role.office, self.day)
                    m.name, m.entry = (holder.name, holder.ref) if holder else (None, role.source)
                return m
        if role.sector in ("GOV", "MIL"):
            return None
        country = self.clause_place(head)
        if country:
            return M(s, e, country + role.sector, "role", role.source, head=head.i)
        del words
        return None

    def clause_place(self, head: Token) -> str | None:
        """The country of a place the clause of ``head`` names ("en Extrême-Orient")."""
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for t in verb.subtree:
            if t.i == head.i or t.dep_ in ("acl:relcl", "ccomp", "advcl"):
                continue
            if any(c.lower_ in self.co["locative"] for c in t.children) or \
                    (t.i > 0 and t.nbor(-1).lower_ in self.co["locative"]):
                for name, country in self.places.items():
                    if t.text == name or name.endswith(t.text) and " " in name:
                        return country[:3]
        return None

    # ------------------------------------------------------------ pass 5: sector words
    def place_of(self, start: int, end: int) -> str | None:
        """The country of the place named by tokens [start, end): a country or capital of
        the article, a region (``kb/regions.yaml``), else the places gazetteer."""
        doc = self.doc
        text = doc[start:end].text
        if text in self.places:
            return self.places[text][:3]
        region = region_around(doc, start, end, self.kb.regions)  # "Irlande du Nord": the region it is part of
        code = self.kb.regions.get(text.lower()) or (region[2] if region is not None else None)
        if code:
            return code
        if any(t.ent_type_ in NAME_ENTS or t.i in self.person_cover for t in doc[start:end]):
            return None
        from veille.places import entries_named  # the gazetteer loads on first need

        hits = entries_named(text)
        if not hits:
            return None
        named = {m.country for m in self.mentions if m.country}
        return next((h.country for h in hits if h.country in named), hits[0].country)

    def propn_run(self, i: int, limit: int) -> int:
        """End of the proper-noun run starting at token ``i`` (``i`` when none)."""
        doc, j = self.doc, i
        while j < limit and (doc[j].pos_ == "PROPN" or doc[j].text == "-" and j > i) and \
                j not in self.person_cover:
            j += 1
        while j > i and doc[j - 1].text == "-":
            j -= 1
        return j

    def sentence_places(self, sent: Span) -> list[tuple[int, int, str]]:
        """(start, end, country) of the place names of a sentence that are not actors:
        location entities and proper nouns after a locative preposition."""
        cached = self._sent_places.get(sent.start)
        if cached is not None:
            return cached
        doc, out = self.doc, []
        if self._name_tokens is None:
            self._name_tokens = {i for m in self.mentions if m.via in NAME_VIAS or m.via.startswith("backer")
                                 for i in range(m.start, m.end)}
        actor = self._name_tokens
        seen: set[int] = set()
        for i, country in self.place_tokens.items():
            if sent.start <= i < sent.end:
                out.append((i, i + 1, country))
                seen.add(i)
        if self._place_ents is None:
            self._place_ents = [x for x in doc.ents if x.label_ in PLACE_ENTS]
        for ent in self._place_ents:
            if ent.start < sent.start or ent.start >= sent.end:
                continue
            if ent.label_ in PLACE_ENTS and ent.start not in seen and not actor & set(range(ent.start, ent.end)):
                found = self.place_of(ent.start, ent.end)
                if found:
                    out.append((ent.start, ent.end, found))
                seen.update(range(ent.start, ent.end))
        for t in sent:
            if t.i in seen or t.i in actor or t.pos_ != "PROPN" or t.ent_type_ in NAME_ENTS | TIME_ENTS or \
                    t.i == sent.start or doc[t.i - 1].lower_ not in self.lab.place_prepositions or \
                    doc[t.i - 1].lower_ in self.lab.not_place_prepositions:
                continue
            end = self.propn_run(t.i, sent.end)
            if not actor & set(range(t.i, end)):
                found = self.place_of(t.i, end)
                if found:
                    out.append((t.i, end, found))
            seen.update(range(t.i, end))
        self._sent_places[sent.start] = out
        return out

    def dominant(self) -> str | None:
        """The article's dominant country: at least two of its actors and places, and
        at least twice as many as the next country."""
        if self._dominant is None:
            counts: Counter[str] = Counter()
            for m in self.mentions:
                if m.country and not m.via.startswith(("sector", "coreference", "pronoun")):
                    counts[m.country] += 1
            for sent in self.doc.sents:
                for _, _, country in self.sentence_places(sent):
                    counts[country] += 1
            top = counts.most_common(2)
            ok = top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1])
            self._dominant = (top[0][0] if ok else None,)
        return self._dominant[0]

    @staticmethod
    def _modifier_of(tok: Token, head: Token) -> bool:
        """``tok`` modifies ``head`` through a chain of compounds ("Montenegro Municipality
        Association officials")."""
        while tok.i != head.i:
            if tok.dep_ not in ("compound", "nmod") or tok.head.i == tok.i:
                return False
            tok = tok.head
        return True

    def sector_country(self, role: Role, s: int, e: int, head: Token) -> tuple[str | None, str]:
        """The country of a sector word's phrase [s, e) and why (see the module docstring)."""
        doc = self.doc
        sent = head.sent
        # 0. a demonym of the noun it is in apposition with: "le guide religieux iranien,
        # l'ayatollah Khomeiny"
        nouns = ([head.head] if head.dep_ == "appos" else []) + [c for c in head.children if c.dep_ == "appos"]
        for t in (t for noun in nouns for t in noun.children):
            if t.dep_ == "amod" and t.i in self.demonym_at and not s <= t.i < e and \
                    not self.ethnic(t.i, t.i + 1) and not self.backer(t.i):
                return self.demonym_at[t.i], f"demonym '{t.text}' of the apposition"
        # ... or the country of the actor it is in apposition with: "the main Hutu rebel
        # group, Forces for Defence of Democracy"
        for noun in nouns:
            m = self.token_mention.get(noun.i)
            if m is not None and m.country and not s <= noun.i < e:
                return m.country, f"apposition to '{doc[m.start:m.end].text}'"
        # 1. a place in the phrase: "Darfur rebels", "les rebelles du Darfour"
        i = s
        while i < e:
            if doc[i].pos_ == "PROPN" and i != head.i:
                end = self.propn_run(i, e)
                end = max(end, i + 1)
                country = self.place_of(i, end)
                if country:
                    return country, f"place '{doc[i:end].text}' in the phrase"
                i = end
            else:
                i += 1
        # ... or an actor named in the modifiers before it: "Montenegro Municipality Association officials"
        for t in head.subtree:
            if t.i >= s:
                break
            m = self.token_mention.get(t.i)
            if m is not None and m.country and self._modifier_of(t, head):
                return m.country, f"'{doc[m.start:m.end].text}' in the phrase"
        # 2. a place complement: "demonstrators in Baghdad", "des manifestants à Lagos"
        if e < sent.end and doc[e].lower_ in self.lab.place_prepositions:
            place = self.place_from(e + 1)
            if place is not None:
                return place[1], f"place '{place[0]}' after the phrase"
        if not (role.office and role.person):
            # 3. a place in the sentence
            places = [(a, b, c) for a, b, c in self.sentence_places(sent) if not (s <= a < e)]
            countries = {c for _, _, c in places}
            if len(countries) == 1:
                a, b, c = places[0]
                return c, f"place '{doc[a:b].text}' in the sentence"
            if len(countries) > 1:
                return None, "places of several countries in the sentence"
            # 4. the single other country named in the sentence (domestic sectors)
            others = [m for m in self.mentions if sent.start <= m.start < sent.end and m.country
                      and (m.end <= s or m.start >= e) and not m.via.startswith("sector")
                      and not (m.via == "demonym" and doc[m.head].dep_ in ("amod", "compound"))  # "sites danois"
                      and not self.backer(m.end - 1)]
            countries = {m.country for m in others if m.country}
            if len(countries) > 1:
                return None, "several countries in the sentence"
            if countries and role.sector in DOMESTIC:
                m = others[0]
                return m.country, f"'{doc[m.start:m.end].text}' in the sentence"
            if countries:
                return None, "another country in the sentence"
        # 5. the article's dominant country
        country = self.dominant()
        if country:
            return country, "the article"
        return None, ""

    def sector_words(self) -> None:
        """Sector words left without a country are actors: country from the phrase, else
        the context, else ``---`` (see the module docstring)."""
        doc = self.doc
        if self.leftover:
            self.dominant()  # before this pass adds mentions
        for role, s, e, head in self.leftover:
            if not role.alone or any(m.start <= head.i < m.end for m in self.mentions):
                continue
            if s > 0 and doc[s - 1].lower_ in self.lab.container_prepositions:
                continue  # "in court", "dans l'armée"
            country, why = self.sector_country(role, s, e, head)
            if country is None and role.office and role.person:
                continue  # "le président du club": an office word needs a country
            via = f"sector word; country from {why}" if country else \
                f"sector word; no country ({why})" if why else "sector word; no country"
            # an NGO of no known country is CAMEO's transnational NGO, as IGO is for states' bodies
            code = country + role.sector if country else "NGO" if role.sector == "NGO" else "---" + role.sector
            m = M(s, e, code, via, role.source, head=head.i)
            self.add(m)
            self.appositions(m, head)

    # ------------------------------------------------------------ run
    def run(self, matches: list[tuple[str, int, int]]) -> list[M]:
        roles = self.names(matches)
        self.titled_surnames(roles)
        self.roles(roles)
        self.demonyms()
        self.learned_names()
        self.coreference()
        self.sector_words()
        self.titled_people()
        return self.mentions

    def titled_people(self) -> None:
        """A title right before a person's name is that person ("Ousted President Askar
        Akayev", "le Premier ministre kirghiz Nikolaï Tanaïev"): both mentions take one code, the
        title's, which says what the article says they are (former, in office, general), else
        the person's when the title has no country."""
        people = {m.start: m for m in self.mentions if m.kind == "person"}
        for r in self.mentions:
            if r.via != "role" or r.kind == "person":
                continue
            # the name starts inside the title's span or right after it
            p = next((people[i] for i in range(r.start + 1, r.end + 1) if i in people), None)
            if p is None:
                continue
            if r.country and p.country in (None, r.country):
                p.code = r.code
            elif p.country and not r.country:
                r.code = p.code


def to_records(doc: Doc, mentions: list[M]) -> list[ActorMention]:
    out = []
    for m in mentions:
        span = doc[m.start:m.end]
        country = m.country
        out.append(ActorMention(text=span.text, start=span.start_char, end=span.end_char, code=m.code,
                                country=country, sector=m.sector, name=m.name, entry=m.entry,
                                via=m.via, kind=m.kind))
    out.sort(key=lambda a: (a.start, -a.end))
    return out


def resolve(doc: Doc, idx: ActorIndex, day: date) -> list[ActorMention]:
    """Every actor mention of ``doc`` (see the module docstring)."""
    matches = doc._.veille_actor_matches
    if matches is None:
        matches = idx.match(doc)
    return to_records(doc, Resolver(doc, idx, day).run(matches))


def span_head(doc: Doc, mention: ActorMention) -> Token | None:
    span: Span | None = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None else None
