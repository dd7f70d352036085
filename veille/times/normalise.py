"""Rule matching and TIMEX3 normalisation of temporal expressions.

Every rule of ``lang/<lang>/times.yaml`` is a regex run over the text; overlapping
matches are resolved longest first (then rule order). Each match is normalised by
the function named in its ``norm`` against the publication date, the tense of the
clause it attaches to (weekdays) and the expressions before it (``la veille``,
clock times, anaphors).
"""
from __future__ import annotations

from bisect import bisect_left

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc

from veille.lang import pack_for
from veille.records import TimeExpr
from veille.times.lexicon import Lexicon, Rule, fold
from veille.times.syntax import attachment, clause_tense, span_of

DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
VAGUE = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
DEFERRED = {"clock", "part"}  # need the day of the expressions around them
ROMAN = {"I": 1, "V": 5, "X": 10}
Result = tuple[str, str, str | None, str | None] | None  # type, value, mod, anchor


@dataclass
class Context:
    lex: Lexicon
    doc: Doc
    pub: date | None
    found: list[TimeExpr] = field(default_factory=list)
    _breaks: list[int] | None = None

    def tense_at(self, start: int, end: int) -> str | None:
        span = span_of(self.doc, start, end)
        if span is None or len(span) == 0:
            return None
        head = attachment(span)
        return clause_tense(head if head is not None else span.root)

    def line_of(self, pos: int) -> int:
        """The number of line breaks before ``pos`` (their offsets found once per document)."""
        if self._breaks is None:
            self._breaks = [i for i, ch in enumerate(self.doc.text) if ch == "\n"]
        return bisect_left(self._breaks, pos)

    def day_before(self, pos: int) -> date | None:
        """The last day-precise date before ``pos`` on the same line (paragraph)."""
        line = self.line_of(pos)
        for t in reversed(self.found):
            if t.start < pos and DAY_RE.match(t.value) and self.line_of(t.start) == line:
                return date.fromisoformat(t.value[:10])
        return None

    def day_near(self, start: int) -> date | None:
        """A day-precise date in the same sentence (nearest), else the paragraph's last one."""
        span = span_of(self.doc, start, start + 1)
        if span is not None:
            sent = span[0].sent
            same = [t for t in self.found if sent.start_char <= t.start < sent.end_char
                    and DAY_RE.match(t.value) and t.start != start]
            if same:
                best = min(same, key=lambda t: abs(t.start - start))
                return date.fromisoformat(best.value[:10])
        return self.day_before(start)


def _num(lex: Lexicon, text: str | None) -> float | None:
    if text is None:
        return None
    text = text.strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return float(text.replace(",", "."))
    value = lex.get("numbers", text)
    return float(value) if value is not None else None


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _year(lex: Lexicon, text: str | None, pub: date | None) -> int | None:
    if not text:
        return None
    digits = text.strip("'’")
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    base = pub.year if pub else 2000
    return 2000 + yy if 2000 + yy <= base + 10 else 1900 + yy


def _nearest_year(pub: date, month: int, day: int | None, rel: int | None) -> int:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append((y, date(y, month, day or 15)))
        except ValueError:
            continue
    if day is None:  # month precision: compare months
        key = lambda c: (c[0] - pub.year) * 12 + month - pub.month  # noqa: E731
    else:
        key = lambda c: (c[1] - pub).days  # noqa: E731
    if rel in (-1, -2):  # "dernier" (strictly past), or a past-tense clause (today allowed)
        past = [c for c in cands if key(c) < 0 or (rel == -2 and key(c) == 0)]
        return max(past, key=key)[0] if past else pub.year
    if rel in (1, 2):
        fut = [c for c in cands if key(c) > 0 or (rel == 2 and key(c) == 0)]
        return min(fut, key=key)[0] if fut else pub.year
    if rel == 0:
        return pub.year
    return min(cands, key=lambda c: (abs(key(c)), key(c) > 0))[0]


def _weekday(pub: date, wd: int, rel: int | None, tense: str | None) -> date:
    off = wd - pub.isoweekday()
    if rel == -1:
        off = off - 7 if off >= 0 else off
    elif rel == 1:
        off = off + 7 if off <= 0 else off
    elif tense in ("past", "pluperfect"):
        off = off - 7 if off > 0 else off
    elif tense in ("future", "conditional"):
        off = off + 7 if off < 0 else off
    else:
        off = min((off, off - 7, off + 7), key=lambda o: (abs(o), o > 0))
    return pub + timedelta(days=off)


def _part(lex: Lexicon, word: str | None) -> str | None:
    code = lex.get("parts_of_day", word)
    if code == "NOON":
        return "T12:00"
    if code == "MIDNIGHT":
        return "T24:00"
    return "T" + code if code else None


def _mod(lex: Lexicon, g: dict[str, str | None]) -> str | None:
    for key in ("mod",):
        if g.get(key):
            word = re.sub(r"[-\s]+$", "", g[key] or "")
            return lex.get("mods", word) or None
    if g.get("qmod"):
        return lex.get("quantity_mods", g["qmod"]) or None
    return None


def _rel(lex: Lexicon, g: dict[str, str | None], *keys: str) -> int | None:
    for key in keys:
        if g.get(key):
            val = lex.get("relatives", g[key])
            return int(val) if val is not None else 0
    return None


def _vague(off: int) -> str:
    return "PAST_REF" if off < 0 else "FUTURE_REF" if off > 0 else "PRESENT_REF"


# --- normalisers: (ctx, match groups, rule, start, end) -> (type, value, mod, anchor) | None

def n_date(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    lex, pub = c.lex, c.pub
    month = lex.get("months", g.get("month")) if g.get("month") else (
        int(g["monthnum"]) if g.get("monthnum") else None)
    if not month or month > 12:
        return None
    day_txt = g.get("day")
    day = None
    if day_txt:
        day = 1 if fold(day_txt) in ("1er", "premier") else int(day_txt)
    mod = _mod(lex, g)
    rel = _rel(lex, g, "rel")
    year = _year(lex, g.get("year"), pub)
    month_txt = g.get("month") or ""
    bare = not (day or year or mod or rel is not None or "mois" in (c.doc.text[s:e].lower()))
    if bare and (month_txt.endswith(".") or month_txt[:1].isupper() != pack_for(lex.lang).facts.month_names_capitalised):
        return None  # months written as the language writes them: "mai", "May" (and "may" is a verb)
    if year is None:
        if pub is None:
            return ("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), mod, None)
        if rel is None:
            tense = c.tense_at(s, e)
            rel = -2 if tense in ("past", "pluperfect") else 2 if tense in ("future", "conditional") else None
        year = _nearest_year(pub, month, day, rel)
    if day:
        try:
            return ("DATE", date(year, month, day).isoformat(), mod, None)
        except ValueError:
            return None
    return ("DATE", f"{year}-{month:02d}", mod, None)


def n_dayword(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    off = int(c.lex.get("day_words", g["dayword"]))
    if c.pub is None:
        return ("DATE", _vague(off), None, None)
    d = c.pub + timedelta(days=off)
    if g.get("hour"):
        return ("TIME", f"{d.isoformat()}T{int(g['hour']):02d}:{int(g.get('minute') or 0):02d}", None, None)
    part = _part(c.lex, g.get("part"))
    return ("TIME", d.isoformat() + part, None, None) if part else ("DATE", d.isoformat(), None, None)


def n_part(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    part = _part(c.lex, g["part"])
    if part is None:
        return None
    if g.get("rel") or c.pub is None:
        d = c.pub
    else:
        d = c.day_near(s) or c.pub
    return ("TIME", (d.isoformat() if d else "XXXX-XX-XX") + part, None, None)


def n_refday(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    off = int(c.lex.get("ref_days", g["refday"]))
    ref = c.day_before(s) or c.pub
    if ref is None:
        return ("DATE", _vague(off), None, None)
    d = ref + timedelta(days=off)
    part = _part(c.lex, g.get("part")) or next(
        (_part(c.lex, w) for w in fold(g["refday"]).split() if c.lex.get("parts_of_day", w)), None)
    return ("TIME", d.isoformat() + part, None, None) if part else ("DATE", d.isoformat(), None, None)


def n_frame(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    return ("DATE", c.pub.isoformat() if c.pub else "PRESENT_REF", None, None)


def n_weekday(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    wd = int(c.lex.get("weekdays", g["weekday"]))
    part = _part(c.lex, g.get("part"))
    if c.pub is None:
        return ("TIME" if part else "DATE", f"XXXX-WXX-{wd}" + (part or ""), None, None)
    rel = _rel(c.lex, g, "rel")
    d = _weekday(c.pub, wd, rel, c.tense_at(s, e))
    return ("TIME", d.isoformat() + part, None, None) if part else ("DATE", d.isoformat(), None, None)


def n_weekday_set(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    day = c.lex.get("weekdays", g.get("weekday") or g.get("weekday2"))
    return ("SET", f"XXXX-WXX-{day}", None, None)


def _calendar(pub: date, unit: str, shift: int) -> str | None:
    if unit == "Y":
        return str(pub.year + shift)
    if unit == "M":
        d = pub + relativedelta(months=shift)
        return f"{d.year}-{d.month:02d}"
    if unit in ("W", "WE"):
        y, w, _ = (pub + timedelta(weeks=shift)).isocalendar()
        return f"{y}-W{w:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (pub + timedelta(days=shift)).isoformat()
    if unit == "Q":
        q = (pub.month - 1) // 3 + shift
        return f"{pub.year + q // 4}-Q{q % 4 + 1}"
    if unit == "HALF":
        h = (pub.month - 1) // 6 + shift
        return f"{pub.year + h // 2}-H{h % 2 + 1}"
    if unit == "DE":
        return str(pub.year // 10 + shift)
    if unit == "CE":
        return str(pub.year // 100 + shift)
    return None


def n_relunit(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    unit = c.lex.get("units", g["unit"])
    rel = _rel(c.lex, g, "rel") or 0
    if c.pub is None:
        return ("DATE", _vague(rel), _mod(c.lex, g), None)
    value = _calendar(c.pub, unit, rel)
    return ("DATE", value, _mod(c.lex, g), None) if value else None


def _duration_value(n: float, unit: str, half: bool) -> str | None:
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "HALF": (6, "M"), "Q": (3, "M")}
    if unit in scale:
        k, unit = scale[unit]
        n *= k
    if not float(n).is_integer():
        down = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"),
                "MIN": (60, "S")}
        if unit in down and float(n * down[unit][0]).is_integer():
            n, unit = n * down[unit][0], down[unit][1]
    timed = {"H": "H", "MIN": "M", "S": "S"}
    body = f"T{_fmt(n)}{timed[unit]}" if unit in timed else f"{_fmt(n)}{unit}"
    if half:
        extra = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "W": "3DT12H"}.get(unit)
        if extra is None:
            return None
        body += extra
    return "P" + body


def _subtract(pub: date, n: float, unit: str, half: bool) -> str | None:
    months = {"Y": 12, "M": 1, "Q": 3, "HALF": 6, "DE": 120, "CE": 1200}
    if unit in months:
        d = pub - relativedelta(months=int(n * months[unit] + (months[unit] // 2 if half else 0)))
        return str(d.year) if unit in ("Y", "DE", "CE") else f"{d.year}-{d.month:02d}"
    days = {"W": 7, "D": 1, "WE": 7}
    if unit in days:
        return (pub - timedelta(days=int(n * days[unit] + (days[unit] / 2 if half else 0)))).isoformat()
    if unit in ("H", "MIN", "S"):
        return pub.isoformat()
    return None


def n_duration(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    n = _num(c.lex, g["num"])
    unit = c.lex.get("units", g["unit"])
    if n is None or unit is None or unit == "WE":
        return None
    half = bool(g.get("half") or g.get("half2"))
    before = c.doc.text[max(0, s - 12):s].lower()
    if unit == "Y" and not g.get("qmod") and not g.get("since") and g["num"][:1].isdigit() \
            and re.search(r"(?:\bde|,|\(|\baged)\s*$", before):
        return None  # an age: "un homme de 38 ans", "Jean, 30 ans"
    value = _duration_value(n, unit, half)
    if value is None:
        return None
    anchor = None
    if g.get("since") and c.pub and c.tense_at(s, e) not in ("future", "conditional"):
        anchor = _subtract(c.pub, n, unit, half)
    return ("DURATION", value, _mod(c.lex, g), anchor)


def n_vague_duration(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    unit = c.lex.get("units", g["unit"])
    if unit is None:
        return None
    unit = {"DE": "DE", "CE": "CE"}.get(unit, unit)
    value = f"PTX{ {'H': 'H', 'MIN': 'M', 'S': 'S'}[unit]}" if unit in ("H", "MIN", "S") else f"PX{unit}"
    return ("DURATION", value.replace(" ", ""), None, None)


def n_ago(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    n = _num(c.lex, g["num"])
    unit = c.lex.get("units", g["unit"])
    if n is None or unit is None:
        return None
    if c.pub is None:
        return ("DATE", "PAST_REF", _mod(c.lex, g), None)
    half = bool(g.get("half"))
    week = _calendar(c.pub, "W", -int(n)) if unit == "W" and not half and float(n).is_integer() else None
    if week:
        return ("DATE", week, _mod(c.lex, g), None)
    value = _subtract(c.pub, n, unit, half)
    if not value:
        return None
    return ("DATE", value, _mod(c.lex, g), None)


def n_decade(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    d = g["decade"]
    if len(d) == 2:
        d = ("20" if d == "00" or d == "10" else "19") + d
    return ("DATE", d[:3], None, None)


def n_century(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    if g.get("ord"):
        return ("DATE", f"{int(g['ord']) - 1:02d}", _mod(c.lex, g), None)
    roman = g["century"].upper()
    total = 0
    for i, ch in enumerate(roman):
        v = ROMAN[ch]
        total += -v if i + 1 < len(roman) and ROMAN[roman[i + 1]] > v else v
    return ("DATE", f"{total - 1:02d}", _mod(c.lex, g), None) if 0 < total < 30 else None


def n_quarter(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    n = int(c.lex.get("ordinals", g["ord"]) or 0)
    unit = c.lex.get("units", g["unit"])
    if not n or (unit == "Q" and n > 4) or (unit == "HALF" and n > 2):
        return None
    year = _year(c.lex, g.get("year"), c.pub)
    if year is None:
        year = (c.pub.year + (_rel(c.lex, g, "rel") or 0)) if c.pub else None
    prefix = str(year) if year else "XXXX"
    return ("DATE", f"{prefix}-{'Q' if unit == 'Q' else 'H'}{n}", None, None)


def n_year(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    year = int(g["year"])
    text = c.doc.text
    bare = not g.get("mod") and e - s == 4
    if bare:
        span = span_of(c.doc, s, e)
        if span is not None and span.root.dep_ == "nummod" and span.root.head.lower_ not in c.lex.words["units"]:
            return None
        before = text[max(0, s - 12):s].lower()
        if re.search(r"(n°|no|article|numéro|de|à|et|sur|contre)\s*$", before) and not re.search(
                r"(?:\ben|\bdepuis|\bdès|\bavant|\baprès|\bjusqu'en|\bde l'année|\bd'ici|\bin|\bsince|\bby)\s*$", before):
            if re.search(r"\b(?:de|à|et|sur|contre)\s*$", before) and not (1900 <= year <= 2100):
                return None
        if not (1800 <= year <= 2100) and not re.search(r"\b(?:en|in|depuis|since)\s*$", before):
            return None
        if re.match(r"\s*(?:-|à|et)\s*\d{4}", text[e:e + 8]) is None and re.match(r"\s+[a-zé]", text[e:e + 3]) and \
                span is not None and span.root.pos_ == "NUM" and span.root.dep_ in ("nummod", "det"):
            return None
    return ("DATE", str(year), _mod(c.lex, g), None)


def n_holiday(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    spec = c.lex.get("holidays", g["holiday"])
    year = _year(c.lex, g.get("year"), c.pub)
    if spec.startswith("easter"):
        off = int(spec[6:])
        if year is None and c.pub is None:
            return ("DATE", "XXXX-XX-XX", None, None)
        y = year or (c.pub.year if c.pub else 0)  # one of them is known here
        d = easter(y) + timedelta(days=off)
        if year is None and c.pub is not None and abs((d - c.pub).days) > 183:
            d = easter(y + (1 if d < c.pub else -1)) + timedelta(days=off)
        return ("DATE", d.isoformat(), None, None)
    month, day = (int(x) for x in spec.split("-"))
    if year is None:
        if c.pub is None:
            return ("DATE", f"XXXX-{spec}", None, None)
        year = _nearest_year(c.pub, month, day, None)
    return ("DATE", f"{year}-{spec}", None, None)


def n_season(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    code = c.lex.get("seasons", g.get("season") or g.get("season2"))
    if code is None:
        return None
    year = _year(c.lex, g.get("year") or g.get("year2"), c.pub)
    rel = _rel(c.lex, g, "rel0", "rel")
    if year is None and rel is not None and c.pub is not None:
        year = c.pub.year + rel
    return ("DATE", f"{year if year else 'XXXX'}-{code}", None, None)


def n_clock(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    if g.get("noon"):
        hh, mm = (12, 0) if fold(g["noon"]) in ("midi", "noon") else (24, 0)
    else:
        hh, mm = int(g["hour"]), int(g.get("minute") or 0)
        if g.get("ampm"):
            pm = g["ampm"].lower().startswith("p")
            hh = hh % 12 + (12 if pm else 0)
        if hh > 24 or mm > 59:
            return None
    if g.get("dayword"):
        off = int(c.lex.get("day_words", g["dayword"]))
        d = c.pub + timedelta(days=off) if c.pub else None
    else:
        d = c.day_near(s) or c.pub
    mod = "APPROX" if g.get("qmod") and c.lex.get("quantity_mods", g["qmod"]) == "APPROX" else None
    return ("TIME", f"{d.isoformat() if d else 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}", mod, None)


def n_setword(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    value = c.lex.get("set_words", g["setword"])
    if fold(g["setword"]).startswith(("quotidien", "mensuel", "hebdomadaire", "daily", "weekly", "monthly")):
        span = span_of(c.doc, s, e)
        if span is not None and span.root.pos_ in ("NOUN", "PROPN"):  # the noun: a newspaper
            return None
    if value.startswith("T"):
        value = "XXXX-XX-XX" + value
    return ("SET", value, None, None)


def n_anaphor(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    for t in reversed(c.found):
        if t.start < s and t.type in ("DATE", "TIME") and t.value not in VAGUE and "X" not in t.value:
            return (t.type, t.value, t.mod, None)
    return None


def n_refword(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    return (c.lex.ref_type, c.lex.get("ref_words", g["refword"]), None, None)


def n_period(c: Context, g: dict, r: Rule, s: int, e: int) -> Result:
    return ("DURATION", c.lex.get("period_words", g["period"]), None, None)


NORMALISERS: dict[str, Callable[[Context, dict, Rule, int, int], Result]] = {
    "date": n_date, "dayword": n_dayword, "part": n_part, "refday": n_refday, "frame": n_frame,
    "weekday": n_weekday, "weekday_set": n_weekday_set, "relunit": n_relunit,
    "vague_duration": n_vague_duration, "ago": n_ago, "decade": n_decade, "century": n_century,
    "quarter": n_quarter, "year": n_year, "holiday": n_holiday, "season": n_season,
    "clock": n_clock, "duration": n_duration, "setword": n_setword, "anaphor": n_anaphor,
    "refword": n_refword, "period": n_period,
}


def _trimmed_start(m: re.Match[str]) -> int:
    start = m.start()
    for name in ("pre", "since"):
        if name in m.re.groupindex and m.group(name) and m.start(name) == start:
            start = m.end(name)
            while start < m.end() and m.string[start].isspace():
                start += 1
    return start


def find_times(doc: Doc, lex: Lexicon, pub: date | None) -> list[TimeExpr]:
    """Match every rule over ``doc.text``, keep the longest non-overlapping matches, normalise."""
    text = doc.text
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    for idx, rule in enumerate(lex.rules):
        for m in rule.regex.finditer(text):
            if m.end() > m.start():
                cands.append((m.end() - m.start(), idx, m.start(), m))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, Rule, re.Match[str]]] = []
    for _, idx, start, m in cands:
        if any(start < e and m.end() > s for s, e in taken):
            continue
        taken.append((start, m.end()))
        chosen.append((_trimmed_start(m), m.end(), lex.rules[idx], m))
    chosen.sort(key=lambda c: c[0])
    ctx = Context(lex=lex, doc=doc, pub=pub)
    results: dict[int, TimeExpr] = {}
    for phase in (0, 1):
        for start, end, rule, m in chosen:
            if (rule.norm in DEFERRED) != bool(phase):
                continue
            res = NORMALISERS[rule.norm](ctx, m.groupdict(), rule, start, end)
            if res is None or res[1] is None:
                continue
            typ, value, mod, anchor = res
            results[start] = TimeExpr(text=text[start:end], start=start, end=end, type=typ,  # type: ignore[arg-type]
                                      value=value, mod=mod, anchor=anchor,
                                      rule=f"{lex.lang}/times.yaml#{rule.id}")
            ctx.found = sorted(results.values(), key=lambda t: t.start)
    return sorted(results.values(), key=lambda t: t.start)
