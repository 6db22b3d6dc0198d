"""Locale-aware money formatting."""

from decimal import ROUND_HALF_UP, Decimal

from app.settings import get_settings

# locale -> (symbol, thousands separator, decimal separator, symbol goes first)
_CONVENTIONS = {
    "en_US": ("$", ",", ".", True),
    "en_GB": ("£", ",", ".", True),
    "de_DE": ("€", ".", ",", False),
}


def to_cents(amount) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(amount) -> str:
    symbol, thousands, decimal_sep, prefix = _CONVENTIONS[get_settings().locale]
    value = to_cents(amount)
    sign = "-" if value < 0 else ""
    whole, _, cents = f"{abs(value):,.2f}".partition(".")
    number = whole.replace(",", thousands) + decimal_sep + cents
    return f"{sign}{symbol}{number}" if prefix else f"{sign}{number} {symbol}"
