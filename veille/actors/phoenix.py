"""Import PETRARCH / Phoenix (TABARI-format) actor and agent dictionaries.

Actor file (``Phoenix.Countries.actors.txt``, ``PETR.Validate.actors.txt``)::

    VLADIMIR_PUTIN_  # CountryInfo.txt      <- a new actor (the name, _ for spaces)
    +PRESIDENT_PUTIN_                        <- a synonym
    	[RUSGOV 991231-080507]               <- code with dates (YYMMDD or YYYYMMDD)
    	[RUSGOV >080508]                     <- from a date on;  <date = until a date
    HAMAS [PSEREBHMS]                        <- a name with its code on one line

Agent file (``Phoenix.agents.txt``): ``WORD_WORD [~GOV]`` lines, with ``!MACRO! = A, B``
substitutions. Actors become veille entries (kind person when dated, else org);
agents become role words. ``load_user_file`` reads a user dictionary in YAML or in
this format (``.txt``). The offline conversion of the Phoenix dictionaries into
``veille/kb/people_phoenix.tsv`` and ``orgs_phoenix.tsv`` is ``tools/phoenix_convert.py``,
never imported at run time.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from veille.actors.knowledge import Entry, Office, bad, load_entries
from veille.errors import VeilleError

LINE_CODE = re.compile(r"\[([^\]]*)\]")
NAME_LINE = re.compile(r"^([^\s#\[+<!][^#\[]*?)\s*(\[[^\]]*\])?\s*(#.*)?$")


def slug(name: str) -> str:
    """``Vladimir Putin`` -> ``vladimir-putin`` (entry ids)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def phrase(raw: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``Vladimir V. Putin``."""
    words = [w for w in raw.strip().strip("_").split("_") if w]
    return " ".join(w if len(w) <= 3 and w.isupper() and len(words) == 1 else
                    "-".join(p.capitalize() for p in w.lower().split("-")) for w in words)


def parse_date(text: str, path: Path, line: int) -> date:
    text = text.strip()
    try:
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            yy = int(text[:2])
            return date((2000 if yy < 40 else 1900) + yy, int(text[2:4]), int(text[4:]))
    except ValueError:
        pass
    raise bad(path, line, f"bad Phoenix date {text!r} (YYMMDD or YYYYMMDD)")


def parse_code(body: str, path: Path, line: int, width: int | None = 6) -> Office | None:
    """``RUSGOV 991231-080507`` -> Office; codes are cut to ``width`` letters (country +
    sector) unless it is None."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].upper().replace("~", "")
    if not re.match(r"^[A-Z0-9+/_-]{3,}$", code):
        raise bad(path, line, f"bad Phoenix code {parts[0]!r}")
    code = code[:width] if width else code
    start = end = None
    if len(parts) > 1:
        span = "".join(parts[1:])  # "< 950601", "19950601 - 19990815"
        if span.startswith(">"):
            start = parse_date(span[1:], path, line)
        elif span.startswith("<"):
            end = parse_date(span[1:], path, line)
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = parse_date(a, path, line), parse_date(b, path, line)
        else:
            raise bad(path, line, f"bad Phoenix date range {span!r}")
    return Office(code, start, end)


def read_actors(path: Path, label: str | None = None, since: date | None = None,
                strict: bool = True) -> list[Entry]:
    """Entries of a PETRARCH/Phoenix actor file. ``since`` keeps only people with an
    office (other than ELI) ending on or after that date; undated names are kept as
    organisations (or countries for 3-letter codes) unless ``since`` is given.
    ``strict=False`` skips unreadable code lines (the bulk import of a known file)."""
    label = label or str(path)
    entries: list[Entry] = []
    current: Entry | None = None
    text = path.read_text(encoding="utf-8", errors="replace")
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith(("#", "<!--", "<", "!")) and not line.lstrip().startswith("<<"):
            if line.lstrip().startswith("<") and not line.lstrip().startswith("<!--"):
                pass
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                raise bad(path, n, "synonym '+' before any actor name")
            name = phrase(stripped[1:].split("#")[0])
            if name:
                current.names.setdefault("*", []).append(name)
            continue
        if stripped.startswith("["):
            if current is None:
                raise bad(path, n, "code line before any actor name")
            for body in LINE_CODE.findall(stripped):
                try:
                    office = parse_code(body, path, n)
                except VeilleError:
                    if strict:
                        raise
                    continue
                if office:
                    current.offices.append(office)
            continue
        if raw[:1].isspace():  # indented synonym without '+'
            if current is not None:
                current.names.setdefault("*", []).append(phrase(stripped.split("#")[0]))
            continue
        m = NAME_LINE.match(stripped)
        if not m:
            raise bad(path, n, f"cannot read actor line {stripped!r}")
        name = phrase(m.group(1))
        current = Entry(id=slug(name) or f"line-{n}", kind="org", source=label, name=name,
                        names={"*": [name]})
        if m.group(2):
            office = parse_code(m.group(2)[1:-1], path, n)
            if office:
                current.offices.append(office)
        entries.append(current)
    out: dict[str, Entry] = {}
    for e in entries:
        dated = [o for o in e.offices if o.start or o.end]
        undated = [o for o in e.offices if not (o.start or o.end) and not o.code.endswith("ELI")]
        if dated and undated:
            continue  # a country block with dated regimes, not a person
        if dated and " " not in (e.name or ""):
            continue  # one-word "people" are places or groups with dated codes
        if dated:
            e.kind = "person"
            e.offices = [o for o in dated if not o.code.endswith("ELI")]
            if not e.offices:
                continue
            if since and not any(o.end is None or o.end >= since for o in e.offices):
                continue
        elif since:
            continue
        else:
            if not e.offices:
                continue
            e.code = e.offices[0].code
            e.offices = []
            e.kind = "country" if len(e.code) == 3 else "org"
        e.names["*"] = list(dict.fromkeys(e.names["*"]))
        if e.id in out:
            out[e.id].names["*"] += [x for x in e.names["*"] if x not in out[e.id].names["*"]]
            out[e.id].offices += e.offices
        else:
            out[e.id] = e
    return list(out.values())


def read_agents(path: Path, strict: bool = False) -> list[tuple[str, str]]:
    """(phrase, sector) pairs of a PETRARCH/Phoenix agents file (macros expanded).
    Unreadable lines raise E401 when ``strict``, else are skipped."""
    macros: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.split("#")[0].strip()
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("!") and "=" in line:
            key, vals = line.split("=", 1)
            macros[key.strip()] = [v.strip() for v in vals.split(",") if v.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})[A-Z]*[\]}]", line)
        if not m:
            if strict:
                raise bad(path, n, f"cannot read agent line {line!r}")
            continue
        words, sector = m.group(1), m.group(3)
        forms = [words]
        for macro, values in macros.items():
            if macro in words:
                forms = [f.replace(macro, v) for f in forms for v in values]
        out += [(phrase(f).lower(), sector) for f in forms]
    return out


def load_user_file(path: Path) -> list[Entry]:
    """A user dictionary: veille YAML, or a PETRARCH/Phoenix ``.txt`` actor file."""
    if path.suffix.lower() == ".txt":
        if not path.is_file():
            from veille.errors import E402, VeilleError

            raise VeilleError(E402, path=str(path))
        return read_actors(path, f"user:{path.name}")
    return load_entries(path, f"user:{path.name}")
