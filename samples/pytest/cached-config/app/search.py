"""Query building for semantic search."""

import re

from app.config import get_config

_WORD = re.compile(r"[a-z0-9]+")

# Name passed to CREATE EXTENSION for each supported backend.
_EXTENSION_NAMES = {"pgvector": "vector", "vchord": "vchord"}


def tokenize(text: str) -> list:
    return _WORD.findall(text.lower())


def default_extension() -> str:
    return get_config().vector_extension


def create_extension_sql() -> str:
    return f"CREATE EXTENSION IF NOT EXISTS {_EXTENSION_NAMES[default_extension()]}"


def nearest_sql(table: str, k: int = 10) -> str:
    if k <= 0:
        raise ValueError("k must be positive")
    return f"SELECT id FROM {table} ORDER BY embedding <=> %(query)s LIMIT {k}"
