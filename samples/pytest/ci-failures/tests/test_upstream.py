from app.quota import fetch_quota


def test_fetch_quota():
    assert fetch_quota() == 100
