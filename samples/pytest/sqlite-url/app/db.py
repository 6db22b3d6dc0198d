"""The notebook's SQLite file, wherever DATABASE_URL (sqlite:///path) puts it; `python3 -m app.db` creates it."""
import os
import sqlite3


def database_path():
    url = os.environ["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        raise ValueError("DATABASE_URL must be sqlite:///path, not %r" % url)
    return "/" + url[len("sqlite:///"):].lstrip("/")


def connect():
    return sqlite3.connect(database_path())


def create():
    with connect() as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")


if __name__ == "__main__":
    create()
