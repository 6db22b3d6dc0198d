"""Application configuration, read from the environment once per process."""

import functools
import os
from dataclasses import dataclass
from typing import Mapping

SUPPORTED_EXTENSIONS = ("pgvector", "vchord")


@dataclass(frozen=True)
class Config:
    vector_extension: str = "pgvector"
    embedding_dim: int = 384
    database_url: str = "postgresql://localhost:5432/search"


def load_config(environ: Mapping[str, str]) -> Config:
    extension = environ.get("APP_VECTOR_EXTENSION", Config.vector_extension).strip().lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise ValueError(f"unsupported vector extension: {extension!r}")

    dim = int(environ.get("APP_EMBEDDING_DIM", Config.embedding_dim))
    if dim <= 0:
        raise ValueError("APP_EMBEDDING_DIM must be a positive integer")

    url = environ.get("APP_DATABASE_URL", Config.database_url)
    return Config(vector_extension=extension, embedding_dim=dim, database_url=url)


@functools.lru_cache(maxsize=1)
def get_config() -> Config:
    return load_config(os.environ)
