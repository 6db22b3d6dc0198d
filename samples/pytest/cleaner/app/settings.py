"""Locale settings, read from the environment and cached for the life of the process."""

import functools
import os
from dataclasses import dataclass
from typing import Mapping

SUPPORTED_LOCALES = ("en_US", "en_GB", "de_DE")


@dataclass(frozen=True)
class Settings:
    locale: str = "en_US"


def load(environ: Mapping[str, str]) -> Settings:
    locale = environ.get("APP_LOCALE", Settings.locale)
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale: {locale!r}")
    return Settings(locale=locale)


@functools.lru_cache(maxsize=None)
def get_settings() -> Settings:
    return load(os.environ)


def reload() -> Settings:
    """Drop the cached settings and re-read them (used by the SIGHUP handler)."""
    get_settings.cache_clear()
    return get_settings()
