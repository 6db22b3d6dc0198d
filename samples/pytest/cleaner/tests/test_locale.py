import pytest

from app import settings


def test_load_defaults():
    assert settings.load({}).locale == "en_US"


def test_load_accepts_british_english():
    assert settings.load({"APP_LOCALE": "en_GB"}).locale == "en_GB"


def test_load_rejects_unknown_locale():
    with pytest.raises(ValueError):
        settings.load({"APP_LOCALE": "xx_XX"})


def test_reload_rereads_environment(monkeypatch):
    monkeypatch.delenv("APP_LOCALE", raising=False)
    assert settings.reload().locale == "en_US"
    assert settings.get_settings() is settings.get_settings()
