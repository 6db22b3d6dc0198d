from app import digest


def test_digest_of_an_empty_outbox():
    assert digest.summary() == "outbox: nothing pending"
