"""Encoding detection (bytes -> text, never blindly UTF-8) and language identification.

Decoding order: BOM, strict UTF-8, then charset-normalizer restricted to the Western
single-byte encodings French and English news come in (cp1252 / latin-1 / latin-9;
short texts are otherwise often mistaken for cp1250 or mac_latin2), then
charset-normalizer over every encoding.

Language identification uses lingua on a small fixed set of languages (the
configured ones plus common neighbours), so a German article is identified as
``de`` and skipped rather than parsed with the French model. The detector is built
once per process.
"""
from __future__ import annotations

import codecs
import os
import re
from functools import lru_cache

from charset_normalizer import from_bytes
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from veille.config import Config, default_config
from veille.errors import E101, E102, E103, E105, E109, E113, VeilleError
from veille.records import ErrorRecord

WESTERN = ["cp1252", "latin_1", "iso8859_15"]
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\x0b") + b"\x7f"
BINARY_CONTROL_SHARE = 0.05  # more control bytes than this in the head = binary
HEAD = 8192

# Languages the identifier chooses among: configured ones are added to these. Kept
# small on purpose (speed, and fewer look-alike confusions on short texts).
COMMON_LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "nl", "pl", "ru", "ar")
MIN_LETTERS = 20  # below this, a language guess is noise
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 1000  # ~150 words: enough for lingua, and 3x faster than 3000
_LETTERS = re.compile(r"[^\W\d_]")


def read_limited(path: str, max_bytes: int, source: str | None = None) -> bytes:
    """The bytes of ``path``, refusing files over ``max_bytes`` (E103) before reading them.

    ``source`` is how errors name the file (default: ``path``)."""
    source = source or path
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise VeilleError(E103, size=size, limit=max_bytes, path=source)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise VeilleError(E109, path=source, detail=_os_detail(exc)) from exc
    if len(data) > max_bytes:  # grew since stat
        raise VeilleError(E103, size=len(data), limit=max_bytes, path=source)
    return data


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control bytes in the first bytes (after any BOM check)."""
    head = head[:HEAD]
    if not head:
        return False
    if b"\x00" in head:
        return True
    return sum(head.count(c) for c in _CONTROL) / len(head) > BINARY_CONTROL_SHARE


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Bytes to text with a detected encoding (see ``decode_noted``)."""
    return decode_noted(data, source, declared)[0]


def decode_noted(data: bytes, source: str, declared: str | None = None) -> tuple[str, list[ErrorRecord]]:
    """Bytes to text with a detected encoding, and the warnings a reader should keep.

    ``declared`` (an HTTP or HTML charset) is tried right after a BOM. UTF-16 without
    a BOM is recognised by its zero bytes. Mostly-UTF-8 bytes with a few bytes of
    another encoding (a latin-1 paragraph pasted into a UTF-8 file) are decoded part
    by part, with a warning (E113). Raises ``VeilleError`` E101 (empty), E102
    (binary) or E105 (no encoding fits).
    """
    if not data.strip():
        raise VeilleError(E101, path=source)
    for bom, enc in BOMS:
        if data.startswith(bom):
            return _nonempty(data.decode(enc, errors="replace"), source), []
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _nonempty(utf16, source), []
    if looks_binary(data):
        raise VeilleError(E102, path=source)
    candidates = [_whatwg(declared)] if declared else []
    for enc in candidates + ["utf-8"]:
        try:
            return _nonempty(data.decode(enc), source), []
        except (UnicodeDecodeError, LookupError):
            continue
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte:
        text = data.decode("utf-8", errors=_MIXED_HANDLER)
        warning = VeilleError(E113, path=source, detail=f"{multibyte} UTF-8 sequences beside bytes of "
                                                      "another encoding, read as Windows-1252")
        return _nonempty(text, source), [ErrorRecord(code=E113.code, message=warning.message, stage="read")]
    best = from_bytes(data, cp_isolation=WESTERN).best() or from_bytes(data).best()
    if best is None:
        raise VeilleError(E105, path=source, detail="no encoding fits the bytes")
    return _nonempty(str(best), source), []


# A valid UTF-8 sequence of two to four bytes: in a file that is not UTF-8 throughout,
# these show the UTF-8 parts (single-byte encodings almost never produce them).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_MIXED_HANDLER = "veille-mixed-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes that are not UTF-8 are read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_MIXED_HANDLER, _cp1252_fallback)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte order mark, told by the zero high bytes of its Latin
    characters (every other byte); None when the bytes are not that."""
    sample = data[:HEAD - HEAD % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) / len(zeros) >= 0.4 and other.count(0) / len(other) < 0.05:
            try:
                text = data[:len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                return None
            head = text[:HEAD]
            controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f\x0b")
            return text if controls / max(len(head), 1) <= BINARY_CONTROL_SHARE else None
    return None


def _whatwg(encoding: str) -> str:
    """Browsers read a declared latin-1 or ASCII page as cp1252 (its superset); so do we."""
    name = encoding.strip().lower().replace("_", "-")
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name


def _nonempty(text: str, source: str) -> str:
    if not text.strip():
        raise VeilleError(E101, path=source)
    return text


def _os_detail(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"{type(exc).__name__}: {exc}"


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    languages = []
    for code in codes:
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is not None:
            languages.append(Language.from_iso_code_639_1(iso))
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detector_languages(config: Config) -> tuple[str, ...]:
    """The languages the identifier chooses among: common ones plus the configured ones."""
    return tuple(sorted(set(COMMON_LANGUAGES) | set(config.nlp.languages)))


def identify_language(text: str, config: Config | None = None) -> str | None:
    """ISO 639-1 code of ``text``'s language, else ``read.default_language`` (may be None).

    Too little text (fewer than MIN_LETTERS letters) or a low-confidence guess gives
    the configured default.
    """
    config = config or default_config()
    sample = text[:SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < MIN_LETTERS:
        return config.read.default_language
    values = _detector(detector_languages(config)).compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return config.read.default_language
    return values[0].language.iso_code_639_1.name.lower()
