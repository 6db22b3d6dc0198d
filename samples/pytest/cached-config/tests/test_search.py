import pytest

from app import search


def test_tokenize_lowercases():
    assert search.tokenize("Vector Search") == ["vector", "search"]


def test_tokenize_drops_punctuation():
    assert search.tokenize("k-NN, ANN & HNSW!") == ["k", "nn", "ann", "hnsw"]


def test_default_extension():
    assert search.default_extension() == "pgvector"
    assert search.create_extension_sql() == "CREATE EXTENSION IF NOT EXISTS vector"


def test_nearest_sql_limit():
    assert search.nearest_sql("documents", k=5).endswith("LIMIT 5")


def test_nearest_sql_rejects_non_positive_k():
    with pytest.raises(ValueError):
        search.nearest_sql("documents", k=0)
