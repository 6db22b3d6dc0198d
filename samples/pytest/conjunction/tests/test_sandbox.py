import pytest

from app import settings


def test_endpoint_for_live():
    assert settings.endpoint_for("live") == settings.LIVE_URL


def test_unknown_mode_rejected():
    with pytest.raises(ValueError):
        settings.endpoint_for("staging")


def test_sandbox_mode_uses_sandbox_endpoint():
    settings.MODE = "sandbox"
    assert settings.endpoint().startswith("https://sandbox.")
