from app import http
from app.http import Settings


def test_slow_partner_gets_more_time():
    # Changed on the class itself instead of with monkeypatch.setattr: every later test sees 120 s.
    Settings.timeout = 120
    assert http.request_options("https://slow.example/api")["timeout"] == 120


def test_retries_are_kept():
    assert http.request_options("https://slow.example/api")["retries"] == 3
