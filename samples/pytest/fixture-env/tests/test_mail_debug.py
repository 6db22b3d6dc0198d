import os

import pytest

from app import mailer


@pytest.fixture(scope="module")
def debug_smtp():
    # monkeypatch is function-scoped, so a module-scoped fixture sets the variable by hand, and never puts it back.
    os.environ["SMTP_HOST"] = "localhost:1025"
    yield "localhost:1025"


def test_send_goes_to_the_debug_server(debug_smtp):
    assert mailer.send("a@example.com", "hi")["host"] == debug_smtp


def test_subject_is_kept(debug_smtp):
    assert mailer.send("a@example.com", "hello")["subject"] == "hello"
