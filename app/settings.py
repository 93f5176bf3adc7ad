"""Runtime settings: defaults below, overridden by `UNROLLED_<NAME>` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import Depends
from pydantic import BaseModel, ConfigDict, Field, field_validator

from app import ROOT

ENV_PREFIX = "UNROLLED_"


def default_user_models_dir() -> Path:
    """Where `unrolled import` puts the user's own models: $XDG_DATA_HOME/unrolled/models,
    else ~/.local/share/unrolled/models."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "unrolled" / "models"


class Settings(BaseModel):
    """Everything the app reads at start-up; immutable once built."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_tokens: int = Field(200, ge=1, le=10_000, description="longest input sequence accepted")
    max_body_bytes: int = Field(
        256_000, ge=1_024, le=100_000_000, description="largest request body accepted (413 over)"
    )
    allowed_hosts: tuple[str, ...] = Field(
        (), description="names the server answers to besides localhost and --host (comma list)"
    )
    models_dir: Path = ROOT / "engine" / "models" / "bundled"
    user_models_dir: Path = Field(
        default_factory=default_user_models_dir,
        description="the user's imported models, served after the bundled ones",
    )
    max_import_bytes: int = Field(
        50_000_000, ge=1_024, description="largest model, vocabulary or labels file imported"
    )
    engine_threads: int = Field(
        4, ge=1, le=64,
        description="requests computed at once per worker process; more wait their turn, so "
        "the event loop (health, cached answers, files) keeps the interpreter between them",
    )
    train_max_runs: int = Field(
        32, ge=1, le=1_000, description="live training runs (/train) at once in this process"
    )
    train_runs_per_client: int = Field(
        2, ge=1, le=1_000, description="live training runs at once per client address"
    )
    train_time_limit_s: float = Field(
        600.0, gt=0, le=86_400, description="seconds a live training run may last"
    )
    train_max_steps: int = Field(
        5_000, ge=1, le=1_000_000, description="batches a live training run may take"
    )
    templates_dir: Path = ROOT / "templates"
    static_dir: Path = ROOT / "static"
    node_modules_dir: Path = ROOT / "node_modules"

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        """UNROLLED_ALLOWED_HOSTS="a.example,10.0.0.5" -> ("a.example", "10.0.0.5")."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    def check_token_count(self, count: int) -> None:
        """ValueError (answered 400) when a run of `count` tokens is over `max_tokens`."""
        if count > self.max_tokens:
            raise ValueError(
                f"text: {count} tokens is over the limit of {self.max_tokens}; shorten the text"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults overridden by `UNROLLED_HOST`, `UNROLLED_MAX_TOKENS`, ... when set."""
        env = os.environ if environ is None else environ
        values = {
            name: env[ENV_PREFIX + name.upper()]
            for name in cls.model_fields
            if ENV_PREFIX + name.upper() in env
        }
        return cls.model_validate(values)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings.from_env()


SettingsDep = Annotated[Settings, Depends(get_settings)]
