"""Offline: convert the PETRARCH / Phoenix actor dictionaries into veille's knowledge files.

    python tools/phoenix_convert.py            # veille/kb/people_phoenix.tsv (dated office holders)
    python tools/phoenix_convert.py orgs       # veille/kb/orgs_phoenix.tsv (armed groups, IGOs, NGOs)

Reads ``../shared/data/petrarch/phoenix_dictionaries/`` (MIT, Open Event Data Alliance).
Not part of the package: veille never imports it at run time; the reader of users'
Phoenix ``.actors`` files is ``veille.actors.phoenix``.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from veille.actors.knowledge import (INTERNATIONAL, KB_DIR, KB_FILES, LANG_DIR, SECTORS, Office, check_sector,
                                     load_demonyms, load_entries, load_roles, read_yaml)
from veille.errors import VeilleError

from veille.actors.phoenix import LINE_CODE, parse_code, read_actors, slug


HEADER = """\
# People with dated offices, converted from the Phoenix actor dictionary
# (shared/data/petrarch/phoenix_dictionaries/Phoenix.Countries.actors.txt, CountryInfo
# 2014-01-30, (c) 2014 Open Event Data Alliance, MIT licence) by tools/phoenix_convert.py.
# GENERATED: do not edit; people.yaml (hand-made, to 2026) overrides entries by id.
# Kept: people with an office other than ELI ending in 1970 or later (archives name them). Codes cut to
# country + sector; ELI (out of office) is computed by veille from the dates.
# Schema (tab-separated): id, name, names (|-separated), offices (;-separated
# "CODE FROM TO", dates YYYY-MM-DD or - when open).
"""


def _iso_country(code: str) -> str:
    """A Phoenix code with its legacy CAMEO country ("TMPGOV") in ISO 3166 ("TLSGOV")."""
    return LEGACY_COUNTRIES.get(code[:3], code[:3]) + code[3:]


def write_people(source: Path, out: Path, since: date = date(1970, 1, 1)) -> int:
    """Convert a Phoenix actor file to ``people_phoenix.tsv``; returns the count."""
    entries = read_actors(source, since=since, strict=False)
    lines = [HEADER.rstrip("\n"), "id\tname\tnames\toffices"]
    for e in entries:
        names = "|".join(n for n in e.names["*"] if len(n) > 2 and "\t" not in n and "|" not in n)
        offices = ";".join(f"{_iso_country(o.code)} {o.start.isoformat() if o.start else '-'} "
                           f"{o.end.isoformat() if o.end else '-'}" for o in e.offices)
        lines.append(f"{e.id}\t{e.name or e.id}\t{names}\t{offices}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


# ---------------------------------------------------------------- organisations
ORG_SOURCES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")
ORG_FILE = "orgs_phoenix.tsv"
# legacy CAMEO country codes found in the Phoenix files -> ISO 3166 alpha-3
LEGACY_COUNTRIES = {"ANG": "AGO", "JAP": "JPN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BRM": "MMR",
                    "PAL": "PSE"}
# written in lower case inside a name: "Front for the Liberation of", "Jaish-e-Mohammed"
SMALL_WORDS = frozenset("""of the for and in on at to by with a an de du des la le les d l al el e i ul ut
    y o del di da do dos das et pour sur en contre sans avec entre von van der den und il della para por con
    sin contra no""".split())
# a name with one of these words is an organisation's, never a person's
ORG_WORDS = frozenset("""ARMY FRONT MOVEMENT ORGANIZATION ORGANISATION PARTY GROUP GROUPS BRIGADE BRIGADES
    COMMANDO COMMANDOS CELL CELLS COUNCIL COMMITTEE UNION LEAGUE ASSOCIATION FOUNDATION INSTITUTE INSTITUTION
    CENTER CENTRE FEDERATION SOCIETY FUND BANK AGENCY COMMISSION NETWORK ALLIANCE INTERNATIONAL TRUST PROJECT
    CAMPAIGN FORCES FORCE LIBERATION REVOLUTIONARY NATIONAL PEOPLE'S PEOPLES POPULAR JIHAD MUJAHIDEEN TIGERS
    COMMUNITY CONFERENCE CONGRESS COALITION FORUM PROGRAM PROGRAMME MISSION SERVICE SERVICES RELIEF AID CORPS
    GUARD GUARDS DEFENSE DEFENCE RESISTANCE BOARD OFFICE SECRETARIAT TRIBUNAL COURT COMPANY CORPORATION INC
    LTD FELLOWSHIP ACADEMY CLUB ACTION RIGHTS WATCH PEACE YOUTH WOMEN CHILDREN FAMILY ORDER ISLAMIC MUSLIM
    CHRISTIAN UNITED WORLD GLOBAL DEVELOPMENT INITIATIVE PARTNERSHIP COOPERATION AUTHORITY ASSEMBLY PARLIAMENT
    COMMAND UNIT UNITS SQUAD BATTALION FACTION NUCLEI STRUGGLE VANGUARD MARTYRS FIGHTERS WARRIORS RADIO NEWS
    PRESS MEDIA NGO NGOS TEAM FEDERACION FUNDACION INSTITUTO ASOCIACION CENTRO COMITE ASSOCIAZIONE FONDATION
    MOVIMIENTO EJERCITO FRENTE ARMEE ARMED ANARCHIST COMMUNIST SOCIALIST GUERRILLA CONFEDERATION
    COOPERACION COOPERACAO INTERNATIONALE INTERNACIONAL""".split())
# first words that make a name a person's: "SHEIKH_...", "LORD_CARRINGTON_"
TITLES = frozenset("""MR MRS MS DR SIR LORD LADY DAME BARON BARONESS SHEIKH SHAIKH SHEIK MULLAH MAULANA
    MAWLAWI IMAM AYATOLLAH GENERAL COLONEL COMMANDER CAPTAIN PRESIDENT PRINCE PRINCESS KING QUEEN JUDGE
    JUSTICE MINISTER AMBASSADOR SECRETARY-GENERAL SECRETARY FATHER BISHOP REVEREND ACHARYA JONKHEER SAYYID
    SAYYED SAYED""".split())
ACRONYM_LETTERS = 6  # a one-word name of at most this many letters is kept as an acronym
# acronyms that are English words or stand for a better-known body in news text
# ("ANA": the Afghan National Army; "EPA": the US Environmental Protection Agency)
AMBIGUOUS_ACRONYMS = frozenset("ANA EPA ZERO LET HUM ERG ELF".split())


@dataclass
class Block:
    """One actor of a Phoenix actor file: its names (the first is the actor's, then
    synonyms) and its codes, full length, with their dates."""

    line: int
    names: list[str]
    offices: list[Office] = field(default_factory=list)


def read_blocks(path: Path) -> list[Block]:
    """The actors of a Phoenix actor file, read leniently: several codes on a name line,
    spaces inside names, unreadable codes skipped (the IGO/NGO file has all of these)."""
    blocks: list[Block] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        text = raw.strip()
        if not text or text.startswith(("#", "<!--", "Source:")):
            continue
        body = text.split("#")[0]
        offices = []
        for code in LINE_CODE.findall(body):
            try:
                office = parse_code(code, path, n, width=None)
            except VeilleError:
                continue
            if office:
                offices.append(office)
        name = re.sub(r"\s+", "_", body.split("[")[0].strip())
        current = blocks[-1] if blocks else None
        if text.startswith("+") or (raw[:1].isspace() and not text.startswith("[")):
            if current is not None:
                current.names += [x for x in name.lstrip("+").split("+") if x.strip("_")]
                current.offices += offices
        elif text.startswith("["):
            if current is not None:
                current.offices += offices
        elif name.strip("_"):
            blocks.append(Block(n, [name], offices))
    return blocks


def _current(offices: list[Office]) -> Office:
    """The code in force now: an open one (undated, or the latest start), else the last."""
    live = [o for o in offices if o.end is None]
    if live:
        return max(live, key=lambda o: o.start or date.min)
    return max(offices, key=lambda o: o.end or date.min)


def _triples(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def org_code(raw: str, countries: frozenset[str]) -> tuple[str | None, str]:
    """A Phoenix code as a veille code: ``(code, "")`` or ``(None, why)``. IGO/NGO/IMG
    codes keep up to four letter triples; a country code keeps country + sector; a
    region (or religion) code becomes ``---`` + sector ("WAFREB" -> "---REB")."""
    raw = raw.upper()
    if raw.startswith("MNC"):
        return None, "corporation (MNC)"
    triples = _triples(raw)
    if raw[:3] in INTERNATIONAL:
        kept = []
        for t in triples[1:4]:
            if not re.fullmatch(r"[A-Z]{3}", t):
                break
            kept.append(LEGACY_COUNTRIES.get(t, t))
        return raw[:3] + "".join(kept), ""
    country = LEGACY_COUNTRIES.get(triples[0], triples[0])
    if country in countries:
        sector = next((t for t in triples[1:] if t in SECTORS and t != "ELI"), None)
        return (country + sector, "") if sector else (None, "country code without a sector")
    sector = next((t for t in triples if t in SECTORS and t != "ELI"), None)
    return ("---" + sector, "") if sector else (None, "region code without a sector")


def _cap(word: str) -> str:
    if len(word) > 1 and word[1] == "'" and word[0] in "DL":  # D'AIDE -> d'Aide
        return word[0].lower() + "'" + word[2:3].upper() + word[3:].lower()
    if len(word) > 3 and word.startswith("MC"):  # MCCLATCHY -> McClatchy
        return "Mc" + word[2].upper() + word[3:].lower()
    return word[:1].upper() + word[1:].lower()


class OrgNamer:
    """Turns Phoenix names into veille names and acronyms, and tells generic words,
    person names and acronyms apart (word lists given by the caller)."""

    def __init__(self, common: frozenset[str], vague: frozenset[str], given: frozenset[str],
                 acronyms: frozenset[str]) -> None:
        self.common = common  # upper-case English (and French) words: stop words, dictionary words
        self.vague = vague  # upper-case words no name is made of alone: stop words, roles, demonyms
        self.given = given  # upper-case given names
        self.acronyms = acronyms  # upper-case acronyms kept upper inside names ("UN", "USA")
        self.org_starts: set[tuple[str, ...]] = set()  # first words of organisation names

    @staticmethod
    def words(raw: str) -> list[str]:
        return [w.strip(",") for w in re.sub(r"[()_]", " ", raw.upper()).split()]

    def learn(self, raws: list[str]) -> None:
        """Remember the beginnings of names with an organisation word."""
        for raw in raws:
            words = self.words(raw)
            if any({w, w[:-1]} & ORG_WORDS for w in words):
                self.org_starts.update(tuple(words[:i]) for i in range(2, len(words)))

    def generic(self, word: str, words: frozenset[str] | None = None) -> bool:
        """A common word (or the plural of one): too vague to stand for an organisation."""
        w = word.upper()
        forms = {w, w[:-1] if w.endswith("S") else w, w[:-2] if w.endswith("ES") else w,
                 w[:-3] + "Y" if w.endswith("IES") else w}
        return bool(forms & (self.common if words is None else words))

    def person(self, raw: str) -> bool:
        """A person's name ("ABDULLAH_SUNGKAR_", "E._SLACK_"), unless an organisation word
        shows or the name starts an organisation's ("ABU_SAYYAF" of "ABU_SAYYAF_GROUP")."""
        words = self.words(raw)
        if not words or any({w, w[:-1]} & ORG_WORDS for w in words) or tuple(words) in self.org_starts:
            return False
        if words[0] in TITLES:
            return True
        initial = any(re.fullmatch(r"[A-Z]\.", w) or len(w) == 1 and w.lower() not in SMALL_WORDS
                      for w in words[:-1])
        if 2 <= len(words) <= 4 and initial and re.fullmatch(r"[A-Z][A-Z'-]+", words[-1]):
            return True
        return 2 <= len(words) <= 5 and words[0] in self.given

    def word(self, word: str, first: bool) -> str:
        parts = re.split(r"([-/])", word)
        out = []
        for i, part in enumerate(parts):
            if part in "-/":
                out.append(part)
            elif re.fullmatch(r"([A-Z]\.)+", part) or part in self.acronyms:
                out.append(part)
            elif (i > 0 or not first) and part.lower() in SMALL_WORDS:
                out.append(part.lower())
            else:
                out.append(_cap(part))
        return "".join(out)

    def convert(self, raw: str) -> tuple[str, str, list[str], str]:
        """``(form, kind, acronyms, hint)``: the name written as veille keeps it, its kind
        (``name``, ``acronym`` or, when dropped, the reason), acronyms given in brackets
        ("ARMY_(AAIA)") and bracketed words that are not acronyms ("(COLOMBIA)")."""
        raw = raw.replace(",_THE_", "_").strip("_, ")
        inner = [x.strip("_ ") for x in re.findall(r"\(([^)]*)\)", raw)]
        raw = re.sub(r"\([^)]*\)|[()]", "_", raw)
        words = [w for w in raw.split("_") if w]
        if words and words[0] == "THE" and (len(words) > 2 or len(words) == 2 and words[1].isupper()
                                             and len(words[1]) <= ACRONYM_LETTERS):
            words = words[1:]  # "THE_UN" -> "UN"; "THE_GUARDIAN" keeps it: "Guardian" alone is a word
        acronyms = [x for x in inner if x and "_" not in x and len(re.sub(r"[^A-Z]", "", x)) <= ACRONYM_LETTERS
                    and not self.generic(x)]
        hint = " ".join(x.replace("_", " ") for x in inner if x not in acronyms)
        if not words:
            return "", "empty", acronyms, hint
        if len(words) == 1:
            w = words[0]
            letters = re.sub(r"[^A-Za-z]", "", w)
            named = "-" in w and w.split("-")[0].lower() in SMALL_WORDS  # AL-BADR: a name
            if self.generic(letters) or len(letters) < 2:
                return _cap(w), "common word", acronyms, hint
            if len(letters) <= ACRONYM_LETTERS and not named:
                return w, "acronym", acronyms, hint
            return self.word(w, True), "name", acronyms, hint
        form = " ".join(self.word(w, i == 0) for i, w in enumerate(words))
        if all(self.generic(re.sub(r"[^A-Za-z]", "", w), self.vague) for w in words):
            return form, "common words", acronyms, hint
        return form, "name", acronyms, hint


HEADER_ORGS = """\
# Non-state armed groups, international organisations and NGOs converted from the Phoenix
# actor dictionaries (shared/data/petrarch/phoenix_dictionaries/Phoenix.MilNonState.actors.txt
# and Phoenix.International.actors.txt, (c) Open Event Data Alliance, MIT licence) by
# tools/phoenix_convert.py (python tools/phoenix_convert.py orgs).
# GENERATED: do not edit. Loaded before organisations.yaml and institutions.yaml, which
# override entries by id; names and acronyms those hand-written files (or any other kb
# file, role word or demonym) already have are left out here.
# Kept: the code in force (undated or latest); country codes in ISO alpha-3 (legacy CAMEO
# codes mapped); region codes (WAF, MEA...) become the one country its names give (by a
# country name, demonym or region of kb/regions.yaml: "Free Aceh Movement" -> IDN), else
# "---" + sector; IGO/NGO/IMG codes up to 12 letters. Left out: corporations (MNC), people,
# codes without a sector, names shorter than 3 letters, common words, names that groups
# of two countries share.
# Schema (tab-separated): id, kind (org), code, name, names (|-separated, matched with
# their case), acronyms (|-separated, one-word names of at most 6 letters, upper case).
"""


def _kb_names() -> tuple[set[str], dict[str, str], dict[str, str], frozenset[str]]:
    """From the kb files other than the generated org file: every name (lower case), every
    id with its kind, English country names -> code, and upper-case acronyms."""
    taken: set[str] = set()
    ids: dict[str, str] = {}
    country_names: dict[str, str] = {}
    acronyms: set[str] = set()
    for name in KB_FILES:
        if name == ORG_FILE or not (KB_DIR / name).is_file():
            continue
        for e in load_entries(KB_DIR / name, f"kb/{name}"):
            ids[e.id] = e.kind
            forms = [n for vals in e.names.values() for n in vals] + e.acronyms + e.capitals
            taken.update(f.lower() for f in forms)
            acronyms.update(f for f in forms if f.isupper() and " " not in f and len(f) <= ACRONYM_LETTERS)
            if e.kind == "country" and e.code:
                for n in e.names_for("en"):
                    if len(n) > 3 and not n.isupper():
                        country_names[n] = e.code
    return taken, ids, country_names, frozenset(acronyms)


def _region_names() -> dict[str, str]:
    """Regions that lie in one country (kb/regions.yaml), as written -> code."""
    regions = read_yaml(KB_DIR / "regions.yaml").get("regions") or {}
    return {name: code for code, names in regions.items() if code != "__line__" for name in names}


def _lang_words() -> set[str]:
    """Role words and demonym forms of every language (lower case)."""
    out: set[str] = set()
    for lang_dir in sorted(p for p in LANG_DIR.iterdir() if (p / "roles.yaml").is_file()):
        out.update(w.lower() for r in load_roles(lang_dir / "roles.yaml", lang_dir.name) for w in r.words)
        out.update(f.lower() for d in load_demonyms(lang_dir / "demonyms.yaml", lang_dir.name) for f in d.forms)
    return out


def _dictionary_words(folder: Path, files: tuple[str, ...] = ("CAMEO.2.0.txt", "Phoenix.agents.txt",
                                                              "Phoenix.discards.txt")) -> set[str]:
    """Upper-case words of the Phoenix verb, agent and discard dictionaries: the common
    words of political news, for telling a group's name from a word."""
    out: set[str] = set()
    for name in files:
        if (folder / name).is_file():
            for line in (folder / name).read_text(encoding="utf-8", errors="replace").splitlines():
                out.update(re.findall(r"[A-Z][A-Z']+", line.split("#")[0].upper()))
    return out


def _country_finder(country_names: dict[str, str]) -> Callable[[list[str]], str | None]:
    """A function giving the one country some names name ("... of Angola" -> AGO,
    "Eritrean ..." -> ERI), the longest name winning where they overlap; "Latin
    American", "Pan-Turkish" name none."""
    names = "|".join(re.escape(n) for n in sorted(country_names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?<!Latin )(?<!Pan-)({names})(?![\w-])")

    def find(texts: list[str]) -> str | None:
        found = {country_names[m.group(1)] for text in texts for m in pattern.finditer(text)}
        return found.pop() if len(found) == 1 else None

    return find


@dataclass
class OrgRow:
    id: str
    code: str
    name: str
    names: list[str]
    acronyms: list[str]
    line: str  # source file and line, for the report


def convert_orgs(sources: list[Path], log: list[tuple[str, str, str]] | None = None,
                 dictionaries: Path | None = None) -> tuple[list[OrgRow], Counter[str]]:
    """Organisations of Phoenix actor files as org rows, and counts of what was dropped or
    changed, by reason ("row: ...", "name: ...", "code: ..."); ``log`` receives each
    (reason, file:line, text). The verb, agent, discard and country dictionaries that tell
    words and people from names are read from ``dictionaries`` (default: the sources'
    folder)."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

    folder = dictionaries or sources[0].parent
    taken, kb_ids, country_names, kb_acronyms = _kb_names()
    reserved = _lang_words()
    iso = frozenset(country_names.values())
    demonyms = {f: d.code for d in load_demonyms(LANG_DIR / "en" / "demonyms.yaml", "en") for f in d.forms
                if d.code in iso and f[:1].isupper()}
    country_in = _country_finder({**_region_names(), **demonyms, **country_names})
    stop = {w.upper() for w in EN_STOP | FR_STOP} | {w.upper() for w in SMALL_WORDS}
    common = frozenset(_dictionary_words(folder) | stop)
    vague = frozenset(stop | {w.upper() for w in reserved if " " not in w})
    given: frozenset[str] = frozenset()
    countries_file = folder / "Phoenix.Countries.actors.txt"
    if countries_file.is_file():
        firsts = Counter(e.name.split()[0].upper() for e in read_actors(countries_file, strict=False)
                         if e.kind == "person" and e.name)
        given = frozenset(w for w, c in firsts.items() if c > 1 and w not in common and w not in ORG_WORDS
                          and w.lower() not in SMALL_WORDS)
    blocks = [(src, b) for src in sources for b in read_blocks(src)]
    # acronyms used alone somewhere stay upper case inside longer names ("UN Peacekeeper")
    namer = OrgNamer(common, vague, given, kb_acronyms)
    solo = {b.names[0].strip("_") for _, b in blocks if "_" not in b.names[0].strip("_")}
    namer.acronyms = frozenset(kb_acronyms | {w for w in solo if w.isupper() and
                                              len(re.sub(r"[^A-Z]", "", w)) <= ACRONYM_LETTERS
                                              and not namer.generic(w)})
    namer.learn([n for _, b in blocks for n in b.names])
    stats: Counter[str] = Counter()

    def note(reason: str, where: str, text: str) -> None:
        stats[reason] += 1
        if log is not None:
            log.append((reason, where, text))

    rows: list[OrgRow] = []
    for src, block in blocks:
        where = f"{src.name}:{block.line}"
        if not block.offices:
            note("row: no code", where, block.names[0])
            continue
        if any(o.code.startswith("MNC") for o in block.offices):
            note("row: corporation (MNC)", where, block.names[0])
            continue
        if any(o.code.endswith("ELI") for o in block.offices) or all(o.start or o.end for o in block.offices) \
                or namer.person(block.names[0]):
            note("row: a person", where, block.names[0])
            continue
        code, why = org_code(_current(block.offices).code, iso)
        if code is None:
            note(f"row: {why}", where, block.names[0])
            continue
        names: list[str] = []
        acronyms: list[str] = []
        hints: list[str] = []
        display = ""
        for i, raw in enumerate(block.names):
            if i and namer.person(raw):
                note("name: a person's (synonym of a group)", where, raw)
                continue
            form, kind, inner, hint = namer.convert(raw)
            display = display or form
            acronyms += inner
            hints += [form, hint]
            if kind == "name":
                names.append(form)
            elif kind == "acronym":
                acronyms.append(form)
            elif form:
                note(f"name: {kind}", where, raw)
        if code.startswith("---"):
            country = country_in(hints)
            note("code: region -> country from the name" if country else "code: region -> ---", where,
                 f"{display} {code} -> {country or '---'}")
            code = (country or "---") + code[3:]
        try:
            check_sector(where, block.line, code)
        except VeilleError:
            note("row: invalid code", where, code)
            continue
        rows.append(OrgRow(slug(display) or f"line-{block.line}", code, display,
                           list(dict.fromkeys(names)), list(dict.fromkeys(acronyms)), where))
    # a name rows of two countries share is ambiguous ("National Liberation Army"): none
    # keeps it; otherwise the first row keeps it (the MilNonState file comes first)
    countries_of: dict[str, set[str]] = {}
    for row in rows:
        for n in row.names + row.acronyms:
            countries_of.setdefault(n.lower(), set()).update(
                {row.code[:3]} if row.code[:3] in iso else set())
    seen: set[str] = set()
    out: list[OrgRow] = []
    by_id: dict[str, OrgRow] = {}
    for row in rows:
        keep: dict[str, list[str]] = {"names": [], "acronyms": []}
        repeated = 0
        for field_name in keep:
            for n in getattr(row, field_name):
                low = n.lower()
                reason = ("too short" if len(re.sub(r"[^\w]", "", n)) < 3 else
                          "an ambiguous acronym" if n in AMBIGUOUS_ACRONYMS else
                          "already in another kb file" if low in taken else
                          "a role word or demonym" if low in reserved else
                          "shared by entries of different countries" if len(countries_of[low]) > 1 else "")
                if reason:
                    note(f"name: {reason}", row.line, n)
                elif low in seen:
                    repeated += 1  # an earlier row keeps it
                else:
                    seen.add(low)
                    keep[field_name].append(n)
        row.names, row.acronyms = keep["names"], keep["acronyms"]
        if not row.names and not row.acronyms:
            note("row: a repeat of an earlier row" if repeated else "row: no usable name left", row.line, row.name)
            continue
        other = by_id.get(row.id)
        if other is not None and other.code == row.code:
            other.names += row.names
            other.acronyms += row.acronyms
            continue
        if other is not None or kb_ids.get(row.id, "org") != "org":
            # another row's, or a person's or country's (people_phoenix.tsv dates some groups)
            row.id = f"{row.id}-{row.code.lower().replace('-', '')}"
            if row.id in by_id or row.id in kb_ids:
                note("row: id taken twice", row.line, row.name)
                continue
        if row.id in kb_ids:
            # the hand-written entry keeps its code and name and gains these names
            note("kept: id of a hand-written entry, which overrides it", row.line, row.id)
            row.name = ""
        by_id[row.id] = row
        out.append(row)
    return out, stats


def write_orgs(sources: list[Path], out: Path, dictionaries: Path | None = None) -> tuple[int, Counter[str]]:
    """Convert Phoenix MilNonState/International actor files to ``orgs_phoenix.tsv``;
    returns the number of rows and what was dropped or changed, by reason."""
    rows, stats = convert_orgs(sources, dictionaries=dictionaries)
    lines = [HEADER_ORGS.rstrip("\n"), "id\tkind\tcode\tname\tnames\tacronyms"]
    for r in rows:
        lines.append("\t".join([r.id, "org", r.code, r.name, "|".join(r.names), "|".join(r.acronyms)]))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows), stats


if __name__ == "__main__":
    phoenix_dir = Path(__file__).resolve().parents[2] / "shared/data/petrarch/phoenix_dictionaries"
    kb = Path(__file__).resolve().parents[1] / "veille" / "kb"
    if sys.argv[1:2] == ["orgs"]:
        srcs = [Path(a) for a in sys.argv[2:]] or [phoenix_dir / name for name in ORG_SOURCES]
        count, why = write_orgs(srcs, kb / ORG_FILE)
        print(f"wrote {kb / ORG_FILE}: {count} organisations")
        for reason, n in sorted(why.items()):
            print(f"  {reason}: {n}")
    else:
        src = Path(sys.argv[1]) if len(sys.argv) > 1 else phoenix_dir / "Phoenix.Countries.actors.txt"
        print(f"wrote {kb / 'people_phoenix.tsv'}: {write_people(src, kb / 'people_phoenix.tsv')} people")
