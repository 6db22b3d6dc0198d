from decimal import Decimal

from app import settings
from app.money import format_money, to_cents


def test_to_cents_rounds_half_up():
    assert to_cents("0.005") == Decimal("0.01")
    assert to_cents("2.675") == Decimal("2.68")


def test_format_money_german(monkeypatch):
    monkeypatch.setenv("APP_LOCALE", "de_DE")
    settings.reload()
    assert format_money(Decimal("1234.5")) == "1.234,50 €"


def test_format_money_negative():
    assert format_money("-3").startswith("-")
