"""SQL helpers for the tables that link documents to their embeddings."""

from app.config import get_config

# Approximate-nearest-neighbour index access method per extension.
_ANN_METHODS = {"pgvector": "hnsw", "vchord": "vchordrq"}


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_ann_idx"


def link_table_sql(source: str, target: str) -> str:
    if source == target:
        raise ValueError("cannot link a table to itself")
    return (
        f"CREATE TABLE IF NOT EXISTS {source}_{target}_links ("
        f"{source}_id BIGINT NOT NULL REFERENCES {source}(id), "
        f"{target}_id BIGINT NOT NULL REFERENCES {target}(id), "
        f"PRIMARY KEY ({source}_id, {target}_id))"
    )


def ann_index_sql(table: str, column: str = "embedding") -> str:
    method = _ANN_METHODS[get_config().vector_extension]
    return (
        f"CREATE INDEX IF NOT EXISTS {index_name(table, column)} "
        f"ON {table} USING {method} ({column} vector_cosine_ops)"
    )
