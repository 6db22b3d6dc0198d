from app.settings import get_settings


def test_us_customers_see_us_region(monkeypatch):
    # monkeypatch restores APP_REGION afterwards, but get_settings() has already cached "us".
    monkeypatch.setenv("APP_REGION", "us")
    assert get_settings()["region"] == "us"


def test_region_list():
    assert sorted(["us", "eu"]) == ["eu", "us"]
