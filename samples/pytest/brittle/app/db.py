"""Process-wide database connection.

The web app calls ``connect()`` once at start-up; everything else uses ``get_connection()``.
"""

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
"""

_connection = None


def parse_url(url):
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise ValueError(f"only sqlite URLs are supported, got {url!r}")
    return url[len(prefix):] or ":memory:"


def connect(url="sqlite:///:memory:"):
    global _connection
    _connection = sqlite3.connect(parse_url(url))
    _connection.row_factory = sqlite3.Row
    _connection.executescript(SCHEMA)
    return _connection


def get_connection():
    if _connection is None:
        raise RuntimeError("database not initialised; call app.db.connect() at start-up")
    return _connection
