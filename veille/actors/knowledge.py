"""Actor knowledge: loading and validating the data files, and one index per language.

Two families of files, both YAML with a header comment (provenance and schema):

- ``veille/kb/*.yaml`` (language-independent) and user dictionaries: a mapping with
  ``entries:``, a list of actor entries::

      - {id: vladimir-putin, kind: person, name: Vladimir Putin,
         names: [Vladimir Putin, Vladimir Poutine, Poutine],
         offices: [[RUSGOV, 2000-05-07, 2008-05-07, head_of_state], [RUSGOV, 2012-05-07, null, head_of_state]]}
      - {id: PRK, kind: country, code: PRK, names: {fr: [Corée du Nord], en: [North Korea]},
         acronyms: [RPDC, DPRK], capitals: [Pyongyang]}
      - {id: kremlin, kind: metonym, code: RUSGOV, names: [Kremlin]}
      - {id: un, kind: org, code: IGOUNO, names: {fr: [Nations unies]}, acronyms: [ONU, UN]}

  ``names`` is a list (any language) or a mapping language -> list. Entries with the
  same ``id`` in later files extend earlier ones (names are added; ``code``, ``name``
  and ``offices`` are replaced when given).
- ``veille/kb/*.tsv``, generated from the Phoenix dictionaries by ``tools/phoenix_convert.py``:
  ``people_phoenix.tsv`` (office holders) and ``orgs_phoenix.tsv`` (armed groups and
  international bodies); the header row says which.
- ``veille/lang/<code>/roles.yaml``, ``demonyms.yaml``, ``coreference.yaml``: language
  data (schemas in their headers); ``veille/kb/regions.yaml``: regions that lie in one
  country ("Darfur" -> SDN), for the country of sector words.

Every file is validated on load; a bad entry raises ``VeilleError(E401)`` naming the
file and line. Parsed knowledge is cached per process (``knowledge(lang)``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from veille.errors import E401, E402, VeilleError
from veille.lang import pack_for

if TYPE_CHECKING:
    from spacy.tokens import Doc

PACKAGE = Path(__file__).resolve().parents[1]
KB_DIR = PACKAGE / "kb"
LANG_DIR = PACKAGE / "lang"
SECTORS = frozenset("GOV MIL COP JUD LEG PTY OPP REB MED BUS CVL NGO EDU REL CRM SPY LAB REF ELI "
                    "INS AGR HLH ENV IGO UAF".split())
KINDS = frozenset({"country", "person", "org", "metonym"})
OFFICE_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister",
                          "defence_minister", "leader", None})
CODE_RE = re.compile(r"^[A-Z-]{3}[A-Z0-9]{0,9}$")
# orgs_phoenix.tsv (generated) comes before the hand-written organisation files, which
# override its entries by id
KB_FILES = ("countries.yaml", "countries_extra.yaml", "metonyms.yaml", "orgs_phoenix.tsv",
            "organisations.yaml", "institutions.yaml", "people_phoenix.tsv", "people.yaml")


@dataclass(frozen=True)
class Office:
    code: str
    start: date | None
    end: date | None
    role: str | None = None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Entry:
    """One actor: a country, person, organisation or metonym (a seat of power)."""

    id: str
    kind: str
    source: str  # e.g. kb/people.yaml
    code: str | None = None
    name: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)  # "*" = any language
    acronyms: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    gender: str | None = None
    context: dict[str, Any] | None = None  # {code: IGOEU, words: [...]}: code when a word is near
    line: int | str = "?"

    @property
    def ref(self) -> str:
        return f"{self.source}#{self.id}"

    def names_for(self, lang: str) -> list[str]:
        return self.names.get(lang, []) + self.names.get("*", [])

    def code_at(self, day: date) -> str | None:
        """The code for this entry on ``day`` (office holders by date; ELI out of office)."""
        if not self.offices:
            return self.code
        current = [o for o in self.offices if o.holds(day)]
        if current:
            ranked = sorted(current, key=lambda o: (o.role not in ("head_of_state", "leader"),
                                                   o.role != "head_of_government"))
            return ranked[0].code
        past = [o for o in self.offices if o.start is None or o.start <= day] or self.offices
        last = max(past, key=lambda o: o.start or date.min)
        return last.code[:3] + "ELI"

    def role_at(self, day: date) -> str | None:
        return next((o.role for o in self.offices if o.holds(day) and o.role), None)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase without combining accents: names converted from ASCII sources
    ("Francois Mitterrand") match the accented text."""
    low = word.lower()
    if low.isascii():
        return low
    return "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))


# ---------------------------------------------------------------- YAML with lines
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that records the line of every mapping under ``__line__``."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# dates stay strings: they are checked by _date, with the entry's line in the error
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def bad(path: str | Path, line: int | str, detail: str) -> VeilleError:
    return VeilleError(E401, path=str(path), line=line, detail=detail)


def read_yaml(path: Path) -> dict[str, Any]:
    """A data file's top-level mapping (lines recorded), or E401/E402."""
    if not path.is_file():
        raise VeilleError(E402, path=str(path))
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise bad(path, mark.line + 1 if mark else "?", str(exc.problem)) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise bad(path, "?", str(exc)) from exc
    if not isinstance(data, dict):
        raise bad(path, 1, "top level must be a mapping with 'entries:'")
    return data


def entries_of(path: Path, data: dict[str, Any]) -> list[dict[str, Any]]:
    items = data.get("entries")
    if not isinstance(items, list):
        raise bad(path, data.get("__line__", 1), "missing list 'entries:'")
    for item in items:
        if not isinstance(item, dict):
            raise bad(path, "?", f"entry is not a mapping: {item!r}")
    return items


def _str_list(path: Path, line: int, value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise bad(path, line, f"'{key}' must be a list of non-empty strings")
    return [v.strip() for v in value]


def _date(path: Path, line: int, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        for fmt in (r"^\d{4}-\d{2}-\d{2}$", r"^\d{4}-\d{2}$", r"^\d{4}$"):
            if re.match(fmt, value):
                parts = [int(p) for p in value.split("-")] + [1, 1]
                try:
                    return date(parts[0], parts[1], parts[2])
                except ValueError:
                    break
    if isinstance(value, int) and 1000 < value < 3000:
        return date(value, 1, 1)
    raise bad(path, line, f"bad date {value!r} (use YYYY-MM-DD or null)")


def check_code(path: Path, line: int, code: Any) -> str:
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise bad(path, line, f"bad actor code {code!r} (e.g. RUSGOV, PRK, IGOUNO)")
    return code


def parse_entry(path: Path, label: str, raw: dict[str, Any]) -> Entry:
    """Validate one actor entry (see the module docstring for the schema)."""
    line = raw.get("__line__", "?")
    known = {"id", "kind", "code", "name", "names", "acronyms", "offices", "capitals", "gender",
             "context", "__line__"}
    extra = set(raw) - known
    if extra:
        raise bad(path, line, f"unknown field(s) {sorted(extra)}; allowed: {sorted(known - {'__line__'})}")
    ident, kind = raw.get("id"), raw.get("kind", "org")
    if not isinstance(ident, str) or not ident:
        raise bad(path, line, "entry needs an 'id' (string)")
    if kind not in KINDS:
        raise bad(path, line, f"kind {kind!r} not one of {sorted(KINDS)}")
    names_raw = raw.get("names")
    names: dict[str, list[str]] = {}
    if isinstance(names_raw, dict):
        for lang, vals in ((key, v) for key, v in names_raw.items() if key != "__line__"):  # the loader's line mark
            names[str(lang)] = _str_list(path, line, vals, f"names.{lang}")
    else:
        names["*"] = _str_list(path, line, names_raw, "names")
    offices = []
    for off in raw.get("offices") or []:
        if not isinstance(off, list) or not 1 <= len(off) <= 4:
            raise bad(path, line, "an office is [CODE, from, to, role]")
        off = off + [None] * (4 - len(off))
        role = off[3]
        if role not in OFFICE_ROLES:
            raise bad(path, line, f"office role {role!r} not one of {sorted(r for r in OFFICE_ROLES if r)}")
        offices.append(Office(check_code(path, line, off[0]), _date(path, line, off[1]),
                              _date(path, line, off[2]), role))
    code = raw.get("code")
    if code is not None:
        check_code(path, line, code)
    context = raw.get("context")
    if context is not None:
        if not isinstance(context, dict) or "code" not in context or "words" not in context:
            raise bad(path, line, "'context' is {code: CODE, words: [...]}")
        context = {"code": check_code(path, line, context["code"]),
                   "words": [w.lower() for w in _str_list(path, line, context["words"], "context.words")]}
    gender = raw.get("gender")
    if gender not in (None, "m", "f"):
        raise bad(path, line, "gender is m or f")
    return Entry(id=ident, line=line, kind=kind, source=label, code=code, name=raw.get("name"), names=names,
                 acronyms=_str_list(path, line, raw.get("acronyms"), "acronyms"), offices=offices,
                 capitals=_str_list(path, line, raw.get("capitals"), "capitals"), gender=gender,
                 context=context)


def merge(into: dict[str, Entry], entry: Entry) -> None:
    """Add ``entry``; an existing id is extended (names) and overridden (code, offices...)."""
    old = into.get(entry.id)
    if old is None:
        into[entry.id] = entry
        return
    for lang, vals in entry.names.items():
        have = old.names.setdefault(lang, [])
        have.extend(v for v in vals if v not in have)
    old.acronyms.extend(a for a in entry.acronyms if a not in old.acronyms)
    old.capitals.extend(c for c in entry.capitals if c not in old.capitals)
    if entry.offices:
        old.offices = entry.offices
    for attr in ("code", "name", "gender", "context"):
        if getattr(entry, attr) is not None:
            setattr(old, attr, getattr(entry, attr))
    if entry.code is not None or entry.offices:
        old.source, old.line = entry.source, entry.line


def load_people_tsv(path: Path, label: str) -> list[Entry]:
    """People of a TSV file: id, name, names (|), offices (; "CODE FROM TO", - = open)."""
    out = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or not cols[0]:
            raise bad(path, n, "expected 4 tab-separated columns: id, name, names, offices")
        offices = []
        for off in filter(None, cols[3].split(";")):
            parts = off.split(" ")
            if len(parts) != 3:
                raise bad(path, n, f"office {off!r} is not 'CODE FROM TO'")
            try:
                start = None if parts[1] == "-" else date.fromisoformat(parts[1])
                end = None if parts[2] == "-" else date.fromisoformat(parts[2])
            except ValueError as exc:
                raise bad(path, n, f"bad date in {off!r} (YYYY-MM-DD or -)") from exc
            offices.append(Office(check_code(path, n, parts[0]), start, end))
        out.append(Entry(id=cols[0], kind="person", source=label, name=cols[1],
                         names={"*": [x for x in cols[2].split("|") if x]}, offices=offices, line=n))
    return out


ORG_TSV_COLUMNS = ("id", "kind", "code", "name", "names", "acronyms")
INTERNATIONAL = ("IGO", "NGO", "IMG")  # codes with no country, whose later letters are free
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_sector(path: str | Path, line: int | str, code: str) -> str:
    """A valid code whose sector (letters 4-6) is one of SECTORS, unless it is an
    IGO/NGO/IMG code (their later letters name the body, e.g. IGOUNO)."""
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise bad(path, line, f"bad actor code {code!r} (e.g. RUSGOV, PRK, IGOUNO)")
    if not code.startswith(INTERNATIONAL) and len(code) > 3 and code[3:6] not in SECTORS:
        raise bad(path, line, f"code {code!r}: sector {code[3:6]!r} not one of {sorted(SECTORS)}")
    return code


def load_orgs_tsv(path: Path, label: str) -> list[Entry]:
    """Organisations of a TSV file: id, kind, code, name, names (|), acronyms (|)."""
    out, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if tuple(cols) == ORG_TSV_COLUMNS:
            continue
        if len(cols) != len(ORG_TSV_COLUMNS):
            raise bad(path, n, f"expected {len(ORG_TSV_COLUMNS)} tab-separated columns: {', '.join(ORG_TSV_COLUMNS)}")
        ident, kind, code, name, names, acronyms = cols
        if not _SLUG.match(ident):
            raise bad(path, n, f"id {ident!r} is not a slug (a-z, 0-9, -)")
        if ident in seen:
            raise bad(path, n, f"duplicate id {ident!r}")
        seen.add(ident)
        if kind != "org":
            raise bad(path, n, f"kind {kind!r}: this file holds organisations (org)")
        check_sector(path, n, code)
        name_list = names.split("|") if names else []
        acronym_list = acronyms.split("|") if acronyms else []
        if not (name_list or acronym_list) or not all(x.strip() == x and x for x in name_list + acronym_list):
            raise bad(path, n, "names and acronyms are |-separated non-empty strings, at least one")
        out.append(Entry(id=ident, kind="org", source=label, code=code, name=name or None,
                         names={"*": name_list}, acronyms=acronym_list, line=n))
    return out


def _tsv_columns(path: Path) -> tuple[str, ...]:
    """The header row of a TSV data file (after its comment lines)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return tuple(line.rstrip("\n").split("\t"))
    return ()


def load_entries(path: Path, label: str | None = None) -> list[Entry]:
    """Actor entries of one YAML or TSV (people or organisations, told by the header row)
    file: a kb file or a user dictionary."""
    label = label or str(path)
    if path.suffix == ".tsv":
        if _tsv_columns(path) == ORG_TSV_COLUMNS:
            return load_orgs_tsv(path, label)
        return load_people_tsv(path, label)
    data = read_yaml(path)
    out, seen = [], set()
    for raw in entries_of(path, data):
        entry = parse_entry(path, label, raw)
        if entry.id in seen:
            raise bad(path, raw.get("__line__", "?"), f"duplicate id {entry.id!r}")
        seen.add(entry.id)
        out.append(entry)
    return out


# ---------------------------------------------------------------- language data
@dataclass(frozen=True)
class Role:
    id: str
    words: tuple[str, ...]
    sector: str
    office: str | None = None  # office role of the person it denotes (head_of_state ...)
    generic: bool = False  # a leader word ("chef") that takes the sector of its complement
    person: bool = True  # denotes a person (singular head) rather than a body
    source: str = ""
    alone: bool = True  # an actor mention on its own, its country from the context


@dataclass(frozen=True)
class Demonym:
    code: str
    forms: tuple[str, ...]


def load_regions(path: Path) -> dict[str, str]:
    """Region name (lowercase) -> country code, from ``kb/regions.yaml``."""
    data = read_yaml(path)
    regions = data.get("regions")
    if not isinstance(regions, dict):
        raise bad(path, data.get("__line__", 1), "missing mapping 'regions:' {CODE: [name, ...]}")
    line = regions.get("__line__", 1)
    out: dict[str, str] = {}
    for code, names in regions.items():
        if code == "__line__":
            continue
        check_code(path, line, code)
        for name in _str_list(path, line, names, f"regions.{code}"):
            out[name.lower()] = code
    return out


@dataclass
class LangData:
    lang: str
    roles: list[Role]
    demonyms: list[Demonym]
    coref: dict[str, Any]
    # words that make a demonym name an ethnic group, not a nationality ("ethnic
    # Albanians", "les Albanais de souche"): before it, or right after it
    ethnic_before: frozenset[str] = frozenset()
    ethnic_after: tuple[tuple[str, ...], ...] = ()
    backer_words: frozenset[str] = frozenset()  # "Syrian-backed": the backer, not the group's country
    manner_words: frozenset[str] = frozenset()  # "a Bosnia-style war": a manner, not an actor
    stance_words: frozenset[str] = frozenset()  # "a pro-Iranian group": a stance, not the group's country
    former_words: frozenset[str] = frozenset()  # "former president": an elite (ELI), not the office
    place_directions: frozenset[str] = frozenset()  # "in south Serbia", "dans le sud de la Serbie"
    attribute_nouns: frozenset[str] = frozenset()  # "the Russian language", "dollars américains": not actors


def _plural(word: str, lang: str) -> str:
    return pack_for(lang).plural(word)


def inflect_demonym(form: str, lang: str) -> list[str]:
    """A demonym's adjective and noun forms (masculine singular given), from the language's pack."""
    return pack_for(lang).demonym_forms(form)


def load_roles(path: Path, lang: str) -> list[Role]:
    out = []
    label = f"lang/{lang}/{path.name}"
    for raw in entries_of(path, read_yaml(path)):
        line = raw.get("__line__", "?")
        extra = set(raw) - {"id", "words", "sector", "office", "generic", "person", "alone", "__line__"}
        if extra:
            raise bad(path, line, f"unknown field(s) {sorted(extra)}")
        words = _str_list(path, line, raw.get("words"), "words")
        sector = raw.get("sector")
        if not raw.get("id") or not words or sector not in SECTORS:
            raise bad(path, line, f"a role needs id, words and a sector in {sorted(SECTORS)}")
        if raw.get("office") not in OFFICE_ROLES:
            raise bad(path, line, f"office {raw.get('office')!r} unknown")
        forms = list(dict.fromkeys(words + [_plural(w, lang) for w in words]))
        out.append(Role(id=raw["id"], words=tuple(forms), sector=sector, office=raw.get("office"),
                        generic=bool(raw.get("generic", False)), person=bool(raw.get("person", True)),
                        source=f"{label}#{raw['id']}", alone=bool(raw.get("alone", True))))
    return out


def load_demonyms(path: Path, lang: str) -> list[Demonym]:
    out = []
    for raw in entries_of(path, read_yaml(path)):
        line = raw.get("__line__", "?")
        code = check_code(path, line, raw.get("code"))
        adj = _str_list(path, line, raw.get("adj"), "adj")
        forms = _str_list(path, line, raw.get("forms"), "forms")
        if not adj and not forms:
            raise bad(path, line, "a demonym needs 'adj' (masculine singular) or 'forms'")
        allf = forms + [f for a in adj for f in inflect_demonym(a, lang)]
        out.append(Demonym(code=code, forms=tuple(dict.fromkeys(allf))))
    return out


def load_demonym_markers(path: Path) -> dict[str, Any]:
    """The optional word lists of a demonyms.yaml (``ethnic_before``, ``ethnic_after``,
    ``backer_words``, ``manner_words``, ``stance_words``, ``former_words``, ``place_directions``,
    ``attribute_nouns``), as LangData fields."""
    data = read_yaml(path)
    line = data.get("__line__", 1)
    before, after, backer, manner, stance, former, directions, attribute = (
        _str_list(path, line, data.get(k), k)
        for k in ("ethnic_before", "ethnic_after", "backer_words", "manner_words", "stance_words",
                  "former_words", "place_directions", "attribute_nouns"))
    return {"ethnic_before": frozenset(w.lower() for w in before),
            "ethnic_after": tuple(tuple(w.lower().split()) for w in after),
            "backer_words": frozenset(w.lower() for w in backer),
            "manner_words": frozenset(w.lower() for w in manner),
            "stance_words": frozenset(w.lower() for w in stance),
            "former_words": frozenset(w.lower() for w in former),
            "place_directions": frozenset(w.lower() for w in directions),
            "attribute_nouns": frozenset(w.lower() for w in attribute)}


COREF_KEYS = {"subject_pronouns": dict, "counterpart": list, "pair_numbers": list,
              "pair_nouns": dict, "determiners": list, "locative": list, "impersonal": list,
              "definite": list, "anaphors": dict, "phrase_suffixes": list,
              "not_locative_after": list}


def load_coref(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    out: dict[str, Any] = {}
    for key, typ in COREF_KEYS.items():
        val = data.get(key)
        if not isinstance(val, typ):
            raise bad(path, data.get("__line__", 1), f"'{key}' must be a {typ.__name__}")
        if isinstance(val, dict):
            val = {k: v for k, v in val.items() if k != "__line__"}
        out[key] = val
    return out


# ---------------------------------------------------------------- the knowledge base
@dataclass
class Knowledge:
    """Everything actor resolution needs for one language (built once per process)."""

    lang: str
    entries: dict[str, Entry]
    data: LangData
    user_files: tuple[str, ...] = ()
    regions: dict[str, str] = field(default_factory=dict)  # region name (lower) -> country

    def entry(self, ident: str) -> Entry | None:
        return self.entries.get(ident)

    @cached_property
    def holders(self) -> dict[tuple[str, str], list[tuple[Office, Entry]]]:
        """(country, office role) -> [(office, person)]: who held an office when."""
        out: dict[tuple[str, str], list[tuple[Office, Entry]]] = {}
        for e in self.entries.values():
            for o in e.offices:
                if o.role:
                    out.setdefault((o.code[:3], o.role), []).append((o, e))
        return out

    @cached_property
    def surnames(self) -> dict[str, list[Entry]]:
        """Office holders by the last one to three words of their names, and by the first
        word (a family name put first, "Kim Jong Il", makes "Kim" ambiguous)."""
        out: dict[str, list[Entry]] = {}
        for e in self.entries.values():
            if e.kind != "person" or not e.offices:
                continue
            for name in {n for n in e.names_for(self.lang) + [e.name or ""] if n}:
                parts = fold(name).split()
                for key in {" ".join(parts[-k:]) for k in range(1, min(3, len(parts) - 1) + 1)} | {parts[0]}:
                    out.setdefault(key, []).append(e)
        return out

    def by_surname(self, words: str, day: date) -> Entry | None:
        """The person a title's surname names ("le président dos Santos", "President
        Reagan"): among people whose name ends with ``words``, the one in office on ``day``,
        else the only country's; None when people of several countries share it."""
        people = self.surnames.get(fold(words), [])
        current = [e for e in people if any(o.holds(day) for o in e.offices)]
        for group in (current, people):
            if len({code[:3] for e in group if (code := e.code_at(day))}) == 1:
                return group[0]
        return None

    @cached_property
    def role_by_source(self) -> dict[str, Role]:
        """Role by its ``source`` (the entry of a role or sector-word mention)."""
        return {r.source: r for r in self.data.roles}

    def holder(self, country: str, role: str, day: date) -> Entry | None:
        """The person holding ``role`` (head_of_state ...) for ``country`` on ``day``."""
        roles = [role] if role != "leader" else ["leader", "head_of_state"]
        for r in roles:
            for office, person in self.holders.get((country, r), []):
                if office.holds(day):
                    return person
        return None


def check_complete(entries: dict[str, Entry], where: dict[str, str]) -> None:
    """After merging: every entry has a code or dated offices (E401 otherwise)."""
    for e in entries.values():
        if e.code is None and not e.offices:
            raise bad(where.get(e.source, e.source), e.line, f"entry {e.id!r} needs a 'code' or 'offices'")


def kb_entries() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    where = {}
    for name in KB_FILES:
        path = KB_DIR / name
        if path.is_file():
            where[f"kb/{name}"] = str(path)
            for e in load_entries(path, f"kb/{name}"):
                merge(entries, e)
    check_complete(entries, where)
    return entries


@lru_cache(maxsize=8)
def knowledge(lang: str, user_files: tuple[str, ...] = ()) -> Knowledge:
    """The parsed knowledge for ``lang`` plus user dictionaries (cached per process)."""
    from veille.actors.phoenix import load_user_file

    entries = dict(_base_entries())
    entries = {k: _copy(v) for k, v in entries.items()} if user_files else entries
    for f in user_files:
        for e in load_user_file(Path(f)):
            merge(entries, e)
    check_complete(entries, {f"user:{Path(f).name}": f for f in user_files})
    pack = pack_for(lang)  # a language without a pack reads the fallback pack's words
    data = LangData(lang=lang,
                    roles=load_roles(pack.path("roles.yaml"), pack.code),
                    demonyms=load_demonyms(pack.path("demonyms.yaml"), pack.code),
                    coref=load_coref(pack.path("coreference.yaml")),
                    **load_demonym_markers(pack.path("demonyms.yaml")))
    return Knowledge(lang=lang, entries=entries, data=data, user_files=user_files,
                     regions=kb_regions())


@lru_cache(maxsize=1)
def kb_regions() -> dict[str, str]:
    """Region name (lowercase) -> country code of ``kb/regions.yaml`` (loaded once)."""
    return load_regions(KB_DIR / "regions.yaml")


def region_around(doc: Doc, start: int, end: int, regions: dict[str, str]) -> tuple[int, int, str] | None:
    """(start, end, country) of the region of one country whose name holds tokens [start,
    end) and one or two words more ("Ireland" in "Northern Ireland", "Irlande" in "Irlande du
    Nord"), or None."""
    for k in (1, 2):
        for a, b in ((start - k, end), (start, end + k)):
            if 0 <= a and b <= len(doc) and (code := regions.get(doc[a:b].text.lower())):
                return a, b, code
    return None


@lru_cache(maxsize=1)
def _base_entries() -> dict[str, Entry]:
    return kb_entries()


def _copy(e: Entry) -> Entry:
    return Entry(id=e.id, kind=e.kind, source=e.source, code=e.code, name=e.name,
                 names={k: list(v) for k, v in e.names.items()}, acronyms=list(e.acronyms),
                 offices=list(e.offices), capitals=list(e.capitals), gender=e.gender, context=e.context,
                 line=e.line)
