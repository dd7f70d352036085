"""The error catalogue.

Every error veille raises or records has a code and a message that says what went
wrong and what to do. Codes by stage: E1xx read, E2xx nlp, E3xx store, E4xx
knowledge and data files, E5xx config, E6xx eval/export, E7xx api, E8xx cluster/watch.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorSpec:
    code: str
    template: str
    hint: str
    exit_code: int = 1


CATALOGUE: dict[str, ErrorSpec] = {}


def _spec(code: str, template: str, hint: str, exit_code: int = 1) -> ErrorSpec:
    spec = ErrorSpec(code, template, hint, exit_code)
    CATALOGUE[code] = spec
    return spec


# E1xx: reading input
E101 = _spec("E101", "Input is empty: {path}", "Check the file; an article needs a body.", 3)
E102 = _spec("E102", "Input looks binary, not text: {path}", "Pass a text, HTML, JSONL or WARC file.", 3)
E103 = _spec("E103", "Input is too large ({size} bytes > {limit}): {path}",
             "Split the file or raise read.max_bytes in your config.", 3)
E104 = _spec("E104", "No article body found in HTML: {path}",
             "The page has no main text; check it is an article page, not an index.", 3)
E105 = _spec("E105", "Cannot decode text: {path} ({detail})",
             "Convert the file to UTF-8 or pass a known encoding.", 3)
E106 = _spec("E106", "Language {lang!r} is not supported (configured: {supported}): {path}",
             "Add the language to nlp.languages with a pipeline, or drop the article.", 0)
E107 = _spec("E107", "Malformed JSONL line {line} in {path}: {detail}",
             "Each line must be one JSON object with at least 'text'.", 3)
E108 = _spec("E108", "Truncated or invalid WARC file {path}: {detail}",
             "The records read before the damage were kept; re-fetch the archive.", 3)
E109 = _spec("E109", "Cannot read {path}: {detail}", "Check that the file exists and is readable.", 3)
E110 = _spec("E110", "Unknown input format for {path}",
             "Use .txt, .html, .jsonl or .warc(.gz), or pass --format.", 2)
E111 = _spec("E111", "Cannot identify the language of {path}",
             "Pass --lang or give the article more text.", 0)
E112 = _spec("E112", "No input files matched {pattern}", "Check the path or glob.", 2)
E113 = _spec("E113", "Mixed encodings in {path}: {detail}",
             "The text was kept; check the accented characters of that file, or convert it to UTF-8.", 0)
E114 = _spec("E114", "Not a regular file: {path} ({kind})",
             "Pass files or folders of files; pipes, sockets and devices are not read.", 3)
E116 = _spec("E116", "Duplicate input {path}: same article id {article} as {first}",
             "Nothing to do: the first copy is stored. Give the inputs different titles or ids if they "
             "are different articles.", 0)
E115 = _spec("E115", "Cannot list folder {path}: {detail}",
             "Check the folder's permissions; the files that could be listed were read.", 3)

# E2xx: language processing
E201 = _spec("E201", "No spaCy pipeline installed for language {lang!r} (package {package})",
             "Install the pinned model: pip install {package}. Models are never downloaded at run time.", 4)
E202 = _spec("E202", "Pipeline {package} is {found}, expected {expected}",
             "Reinstall the pinned model version (see pyproject.toml).", 4)
E203 = _spec("E203", "Stage {stage} failed on article {article}: {detail}",
             "This is a bug in veille; report it with the article.", 1)

# E3xx: store
E301 = _spec("E301", "Database {path} has schema version {found}, newer than this veille ({expected})",
             "Upgrade veille, or use another database file.", 5)
E302 = _spec("E302", "Cannot open database {path}: {detail}",
             "Check the path, permissions, and that no other process holds a write lock.", 5)
E304 = _spec("E304", "Cannot write to database {path}: {detail}",
             "Check disk space and that no other process writes to it.", 5)
E305 = _spec("E305", "Article {article} could not be stored: {detail}",
             "The rest of the batch was stored; report the input with this message.", 1)
E306 = _spec("E306", "Cannot read database {path}: {detail}",
             "The file may be damaged: restore it from a backup, or re-ingest into a new file.", 5)
E303 = _spec("E303", "Database {path} does not exist", "Run `veille ingest PATH --db {path}` first.", 5)

# E4xx: knowledge and data files
E401 = _spec("E401", "Invalid data file {path} line {line}: {detail}",
             "Fix the entry; the file's header documents its schema.", 6)
E402 = _spec("E402", "Data file not found: {path}", "Check the path passed to --actors or in the config.", 6)

# E5xx: config
E501 = _spec("E501", "Invalid config {path}: {detail}", "See docs/config.md for the settings and their types.", 2)

# E6xx: eval and export
E601 = _spec("E601", "Cannot read gold/prediction file {path}: {detail}",
             "Gold is one event per line (shared/eval/README.md); predictions are `veille extract` output.", 2)
E602 = _spec("E602", "Unknown export format {fmt!r}", "Use one of: {choices}.", 2)

# E7xx: API
E701 = _spec("E701", "Request too large ({size} bytes > {limit})", "Send smaller documents or split the batch.", 1)
E702 = _spec("E702", "Not found: {what}", "Check the id.", 1)
E704 = _spec("E704", "Internal error in the API: {detail}", "This is a bug in veille; report it with the request.", 1)
E703 = _spec("E703", "Invalid parameter {name}: {detail}", "See /docs for the accepted values.", 1)
E705 = _spec("E705", "Host {host!r} is not served here",
             "Use http://127.0.0.1:PORT/, or add the name to api.allowed_hosts in your config.", 1)
E706 = _spec("E706", "Writes need the server's token",
             "Send 'Authorization: Bearer TOKEN' with the token from the file DB.token beside the store "
             "(or api.token in the config).", 1)

# E8xx: cluster and watch
E801 = _spec("E801", "Ray is not installed", "Install the cluster extra: pip install 'veille[cluster]'.", 2)
E802 = _spec("E802", "Source {source} failed: {detail}", "The other sources go on; check the URL or path.", 1)
E803 = _spec("E803", "Item {url} not fetched: {detail}",
             "It is not fetched again. If you trust the site, raise --max-bytes or --deadline, or "
             "name a private host with --allow-host.", 1)


def one_line(exc: BaseException) -> str:
    """An exception as the detail of a coded message: its type and its first line."""
    text = str(exc)
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"


class VeilleError(Exception):
    """An error from the catalogue, with its code, message and hint."""

    def __init__(self, spec: ErrorSpec, **params: object) -> None:
        self.spec = spec
        self.code = spec.code
        self.params = params
        self.message = spec.template.format(**params)
        self.hint = spec.hint.format(**params) if "{" in spec.hint else spec.hint
        super().__init__(f"[{self.code}] {self.message}")

    @property
    def exit_code(self) -> int:
        return self.spec.exit_code

    def __str__(self) -> str:
        return f"[{self.code}] {self.message} — {self.hint}"
