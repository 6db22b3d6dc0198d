"""User repository."""

import re
from dataclasses import dataclass

from app import db

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str


def normalize_email(email):
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise ValueError(f"invalid email address: {email!r}")
    return email


class UserRepository:
    def add(self, email, name):
        conn = db.get_connection()
        with conn:
            cur = conn.execute(
                "INSERT INTO users (email, name) VALUES (?, ?)", (normalize_email(email), name.strip())
            )
        return User(cur.lastrowid, normalize_email(email), name.strip())

    def find_by_email(self, email):
        row = db.get_connection().execute(
            "SELECT id, email, name FROM users WHERE email = ?", (normalize_email(email),)
        ).fetchone()
        return User(row["id"], row["email"], row["name"]) if row else None
