from app.settings import get_settings


def test_default_region_is_eu():
    assert get_settings()["region"] == "eu"


def test_currency():
    assert get_settings()["currency"] == "EUR"
