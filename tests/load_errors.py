"""Check that a loader refuses a broken data file with an E401 naming the file and line."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from veille.errors import VeilleError


def assert_names_file_and_line(load: Callable[[Path], Any], path: Path, text: str, line: int, words: str) -> None:
    """Write ``text`` to ``path``; ``load(path)`` must raise E401 naming the file, the
    line and ``words``."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VeilleError) as err:
        load(path)
    assert err.value.code == "E401"
    assert str(path) in err.value.message and f"line {line}" in err.value.message
    assert words in err.value.message
