"""Configuration: defaults in ``defaults.yaml``, a user file overrides what it sets."""
from __future__ import annotations

import copy
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from veille.errors import E501, VeilleError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PipelineSpec(_Strict):
    package: str
    expect_name: str | None = None
    expect_version: str | None = None


class ReadConfig(_Strict):
    timezone: str = "Europe/Paris"
    max_bytes: int = 10_000_000
    default_language: str | None = None


class NlpConfig(_Strict):
    languages: list[str]
    pipelines: dict[str, PipelineSpec]
    batch_size: int = 16
    max_piece_chars: int = Field(100_000, ge=1000)


class ActorsConfig(_Strict):
    user_dictionaries: list[str] = []


class StoreConfig(_Strict):
    batch_articles: int = 50


class IngestConfig(_Strict):
    workers: int | None = None


class ApiConfig(_Strict):
    max_request_bytes: int = 5_000_000
    page_size: int = 50
    max_page_size: int = 1000
    token: str | None = None  # writes need it; None = made at start, written to DB.token
    allowed_hosts: list[str] = []  # Host names served besides loopback and the bound address


class Config(_Strict):
    read: ReadConfig
    nlp: NlpConfig
    actors: ActorsConfig = ActorsConfig()
    store: StoreConfig = StoreConfig()
    ingest: IngestConfig = IngestConfig()
    api: ApiConfig = ApiConfig()


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _defaults() -> dict[str, Any]:
    text = resources.files("veille").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_config(path: str | os.PathLike[str] | None = None,
                overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then the user file (``path`` or ``$VEILLE_CONFIG``), then ``overrides``."""
    data = _defaults()
    path = path or os.environ.get("VEILLE_CONFIG")
    if path:
        try:
            user = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise VeilleError(E501, path=path, detail=str(exc)) from exc
        if not isinstance(user, dict):
            raise VeilleError(E501, path=path, detail="top level must be a mapping")
        data = _merge(data, user)
    if overrides:
        data = _merge(data, overrides)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise VeilleError(E501, path=path or "defaults.yaml", detail=str(exc)) from exc


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The process-wide config (defaults + $VEILLE_CONFIG)."""
    return load_config()
