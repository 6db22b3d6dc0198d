from app import outbox


def signup(email: str) -> str:
    if "@" not in email:
        raise ValueError(f"not an email address: {email!r}")
    outbox.enqueue("mail", f"welcome {email}")
    return email.lower()
