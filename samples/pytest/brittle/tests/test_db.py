import pytest

from app import db


def test_parse_url_file():
    assert db.parse_url("sqlite:///data/app.db") == "data/app.db"


def test_parse_url_memory():
    assert db.parse_url("sqlite:///") == ":memory:"


def test_parse_url_rejects_other_schemes():
    with pytest.raises(ValueError):
        db.parse_url("postgresql://localhost/app")


def test_connect_applies_schema():
    conn = db.connect()
    tables = {row["name"] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "users" in tables
