from app import outbox


def test_purge_empties_the_outbox():
    outbox.enqueue("mail", "stale")
    assert outbox.pending()
    outbox.purge()
    assert outbox.pending() == []
