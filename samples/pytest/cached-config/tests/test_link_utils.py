import pytest

from app.link_utils import ann_index_sql, index_name, link_table_sql


def test_index_name():
    assert index_name("documents", "embedding") == "documents_embedding_ann_idx"


def test_ann_vchord(monkeypatch):
    monkeypatch.setenv("APP_VECTOR_EXTENSION", "vchord")
    sql = ann_index_sql("documents")
    assert "USING vchordrq (embedding vector_cosine_ops)" in sql


def test_link_table_sql():
    sql = link_table_sql("documents", "tags")
    assert sql.startswith("CREATE TABLE IF NOT EXISTS documents_tags_links (")
    assert "PRIMARY KEY (documents_id, tags_id)" in sql


def test_link_table_to_itself_is_rejected():
    with pytest.raises(ValueError):
        link_table_sql("documents", "documents")
