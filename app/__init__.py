"""Unrolled's web app: a thin FastAPI layer over the NumPy engine."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _version() -> str:
    try:
        return version("unrolled")
    except PackageNotFoundError:  # running from a checkout that was never pip-installed
        with open(ROOT / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])


__version__ = _version()
