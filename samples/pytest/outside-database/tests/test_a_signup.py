import pytest

from app import outbox
from app.signup import signup


def test_signup_queues_a_welcome_mail():
    # The welcome mail stays in the outbox (a SQLite file): nothing removes it after the test.
    assert signup("Ada@example.org") == "ada@example.org"
    assert ("mail", "welcome Ada@example.org") in outbox.pending()


def test_signup_rejects_a_name_without_at():
    with pytest.raises(ValueError):
        signup("ada")
