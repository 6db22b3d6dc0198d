from app import outbox


def summary() -> str:
    messages = outbox.pending()
    if not messages:
        return "outbox: nothing pending"
    return f"outbox: {len(messages)} pending ({', '.join(topic for topic, _ in messages)})"
