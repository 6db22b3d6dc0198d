"""Messages waiting to be sent, kept in a SQLite file whose path comes from OUTBOX_DB (outside the project)."""

import os
import sqlite3
from contextlib import closing


def _connect() -> sqlite3.Connection:
    connection = sqlite3.connect(os.environ["OUTBOX_DB"])
    connection.execute("CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, topic TEXT, body TEXT)")
    return connection


def enqueue(topic: str, body: str) -> None:
    with closing(_connect()) as connection, connection:
        connection.execute("INSERT INTO outbox (topic, body) VALUES (?, ?)", (topic, body))


def pending() -> list:
    with closing(_connect()) as connection:
        return connection.execute("SELECT topic, body FROM outbox ORDER BY id").fetchall()


def purge() -> None:
    """Drops every message not sent yet (the admin's "empty the outbox")."""
    with closing(_connect()) as connection, connection:
        connection.execute("DELETE FROM outbox")
