"""Resolution in context: names, metonyms, demonyms, roles, appositions, coreference.

Order of the passes over one document:

1. known names (countries, capitals and seats of power, organisations, people by date);
2. demonyms (an adjective on a place name teaches the place's country; a bare
   nationality noun or adjective is a country mention);
3. role phrases: a role noun with the country it takes from a demonym, a country,
   metonym or organisation in its phrase ("le chef du Kremlin", "la marine militaire
   russe"); generic leader words take the sector of their complement ("le chef du
   parti ... au pouvoir" = PTY); appositions teach unknown people;
4. coreference in text order: subject pronouns, "son homologue", anaphoric roles
   ("l'agence"), and "les deux dirigeants" / "les deux pays" (the article's two most
   salient countries, one mention per member).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from veille.actors.knowledge import Entry, Knowledge, Role
from veille.actors.match import ActorIndex, NameKey
from veille.records import ActorMention

STOP_DEPS = {"acl:relcl", "acl", "conj", "cc", "appos", "parataxis", "punct", "advcl", "ccomp",
             "xcomp", "nsubj", "nsubj:pass", "csubj", "relcl", "cop", "aux", "aux:pass", "aux:tense",
             "mark", "obj", "iobj", "dep", "flat:name", "nummod", "advmod", "compound:prt", "expl",
             "obl:mod", "obl", "npadvmod", "prep_pobj_time"}
HEAD_POS = {"NOUN", "PROPN", "PRON", "ADJ", "X"}


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
        return self.code[3:6] or None if self.country else None


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
        self.is_en = self.kb.lang == "en"

    # ------------------------------------------------------------ helpers
    def add(self, m: M) -> M:
        if m.head < 0:
            m.head = self.doc[m.start:m.end].root.i
        self.mentions.append(m)
        self.token_mention.setdefault(m.head, m)
        if m.kind == "person":
            for i in range(m.start, m.end):
                self.person_cover[i] = m
        return m

    def extend_det(self, start: int) -> int:
        if start > 0 and self.doc[start - 1].text in self.co["determiners"] and \
                self.doc[start - 1].lower_ in ("le", "la", "l'", "les", "the"):
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
            if isinstance(info, NameKey):
                named.append((info, s, e))
            elif isinstance(info, Role):
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
            return
        if info.kind == "capital" and s > 0 and doc[s - 1].is_title and doc[s - 1].pos_ == "PROPN" \
                and doc[s - 1].lower_ not in self.co["determiners"] and s - 1 not in self.name_tokens:
            return  # George Washington
        code = entry.code or entry.id
        kind = "actor"
        if info.kind in ("country", "capital"):
            self.places[doc[s:e].text] = code
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
            if code.startswith("IGO"):
                continue
            self.add(M(s, e, code, "demonym", f"lang/{self.kb.data.lang}/demonyms.yaml#{code}",
                       kind="country", head=tok.i))

    # ------------------------------------------------------------ pass 3: roles
    def phrase_tokens(self, s: int, e: int) -> list[Token]:
        """The role's noun phrase read linearly: left modifiers (det, adjectives,
        compounds, possessives) and right complements (adjectives, "de/of" phrases)
        up to a verb, punctuation, conjunction, locative or a person's name."""
        doc, out = self.doc, []
        i = s - 1
        while i >= 0 and s - i <= 4:
            t = doc[i]
            if t.pos_ in ("ADJ", "NUM", "PROPN") or t.tag_ == "POS" or t.lower_ == "'s" or \
                    (t.pos_ == "NOUN" and self.is_en):
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
            if t.i in self.person_cover or t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON", "ADV") \
                    or (t.is_punct and t.text not in "-'’") or t.lower_ in self.co["locative"] \
                    or t.is_space:
                break
            if t.pos_ == "NOUN" and prev.pos_ in ("NOUN", "ADJ", "PROPN") and not self.is_en and \
                    t.i not in self.role_heads:
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
            cue = self.cue(phrase, head, s, e)
            if role.generic and complement is not None and complement.generic is False:
                sector = complement.sector
            elif role.generic and cue is not None and cue.sector and cue.kind != "country":
                sector = cue.sector
            first = min([s] + [t.i for t in phrase])
            last = max([e - 1] + [t.i for t in phrase])
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
            self.appositions(m, head)

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
            elif t.i in self.demonym_at:
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

    def appositions(self, m: M, head: Token) -> None:
        """Role + unknown person name (or name, role): the name gets the role's code."""
        doc = self.doc
        cands = []
        if m.end < len(doc) and doc[m.end].ent_type_ in ("PER", "PERSON"):
            cands.append(m.end)
        left = m.start - 1
        if left > 0 and doc[left].text == ",":
            left -= 1
        if left >= 0 and doc[left].ent_type_ in ("PER", "PERSON") and left != m.start - 1 + 1:
            cands.append(left)
        for i in cands:
            ent = next((x for x in doc.ents if x.start <= i < x.end), None)
            if ent is None or any(x.start < ent.end and ent.start < x.end and x.kind == "person"
                                  for x in self.mentions):
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
        for tok in doc:
            if tok.i in self.token_mention:
                continue
            if tok.lower_ in pron and tok.dep_.startswith("nsubj") and not self.impersonal(tok):
                ante = self.antecedent(tok, pron[tok.lower_])
                if ante is not None:
                    self.add(replace(ante, start=tok.i, end=tok.i + 1, via="pronoun", head=tok.i))
            elif tok.lower_ in numbers and len(dyad) == 2:
                nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
                noun = nxt if nxt is not None and nxt.lower_ in pairs else None
                if noun is None and nxt is not None and tok.i + 3 <= len(doc):
                    two = doc[tok.i + 1:tok.i + 3].text.lower()
                    noun = doc[tok.i + 2] if two in pairs else None
                if noun is None or noun.i in self.token_mention:
                    continue
                sector = pairs.get(noun.lower_) or pairs.get(doc[tok.i + 1:noun.i + 1].text.lower(), "GOV")
                start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in ("les", "des", "ces", "the", "both") else tok.i
                for country in dyad:
                    m = M(start, noun.i + 1, country + sector, "coreference", kind="actor", head=noun.i)
                    if noun.lower_ not in ("pays", "countries", "nations", "states", "capitals", "capitales"):
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

    def impersonal(self, tok: Token) -> bool:
        verb = tok.head
        nxt = tok.nbor(1).lower_ if tok.i + 1 < len(self.doc) else ""
        lemmas = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp"}
        return nxt in ("y",) or bool(lemmas & set(self.co["impersonal"])) or tok.dep_.startswith("expl")

    def compatible(self, m: M, gender: str) -> bool:
        if m.country is None and m.kind != "org":
            return False
        return m.gender is None or m.gender == gender

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
        local = [m for m in self.mentions if sent.start <= m.start and m.end <= tok.i
                 and (m.head < first_verb or self.doc[m.head].dep_.startswith("nsubj"))
                 and self.compatible(m, gender)]
        if local:
            return max(local, key=lambda m: m.start)
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

    # ------------------------------------------------------------ run
    def run(self, matches: list[tuple[str, int, int]]) -> list[M]:
        roles = self.names(matches)
        self.roles(roles)
        self.demonyms()
        self.learned_names()
        self.coreference()
        return self.mentions


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
