"""What every reader shares: read options, coded failures, and the last step of
turning a parsed document into an ``Article`` (id and language)."""
from __future__ import annotations

from dataclasses import dataclass, field

from veille.config import Config, default_config
from veille.errors import E106, E111, E116, ErrorSpec, VeilleError
from veille.read.detect import identify_language
from veille.records import Article, Failure

SKIP_CODES = frozenset({E106.code, E111.code, E116.code})  # deliberate skips, not errors of the input


@dataclass(frozen=True)
class ReadOptions:
    """Caller's choices for one read: forced language, forced id, config."""

    config: Config = field(default_factory=default_config)
    lang: str | None = None
    article_id: str | None = None

    @property
    def tz(self) -> str:
        return self.config.read.timezone

    @property
    def max_bytes(self) -> int:
        return self.config.read.max_bytes


def failure(spec: ErrorSpec, source: str, article_id: str | None = None, **params: object) -> Failure:
    """A ``Failure`` whose message is the catalogue template filled with ``params``."""
    return to_failure(VeilleError(spec, **params), source, article_id)


def to_failure(exc: VeilleError, source: str, article_id: str | None = None) -> Failure:
    """Turn a raised catalogue error into a recorded ``Failure`` for one input."""
    return Failure(source=source, code=exc.code, message=exc.message, article_id=article_id,
                   stage="read", skipped=exc.code in SKIP_CODES)


def normalise_lang(value: object) -> str | None:
    """'fr-FR', 'FR', 'en_GB' -> 'fr', 'fr', 'en'; empty -> None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower()


def finish(article: Article, opts: ReadOptions, lang: str | None = None) -> Article | Failure:
    """Set the article's language (given, else detected) and check it is configured.

    ``lang`` is the document's own declaration (a JSONL ``lang`` field); ``opts.lang``
    the caller's. An unsupported or unidentifiable language gives a skipped
    ``Failure`` (E106/E111): the article is never parsed with the wrong model.
    """
    source = article.source_path or article.id
    chosen = normalise_lang(lang) or normalise_lang(opts.lang)
    if chosen is None:
        sample = f"{article.title}\n{article.text}" if article.title else article.text
        chosen = identify_language(sample, opts.config)
    if chosen is None:
        return failure(E111, source, article.id, path=source)
    article.language = chosen
    supported = opts.config.nlp.languages
    if chosen not in supported:
        return failure(E106, source, article.id, lang=chosen, supported=", ".join(supported), path=source)
    return article
