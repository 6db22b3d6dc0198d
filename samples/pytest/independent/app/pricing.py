"""Prices with customer discounts and a configurable rounding rule."""
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

# Discount percentages by customer code, registered at start-up by the shop's plugins.
DISCOUNTS: dict[str, Decimal] = {}

# The accounting department's rounding rule; some exports use banker's rounding.
ROUNDING = ROUND_HALF_UP


def register_discount(customer: str, percent: str) -> None:
    DISCOUNTS[customer] = Decimal(percent)


def price(amount: str, customer: str = "") -> Decimal:
    value = Decimal(amount)
    # A catch-all discount registered under "*" applies to every customer.
    percent = DISCOUNTS.get(customer, DISCOUNTS.get("*", Decimal(0)))
    value = value * (100 - percent) / 100
    return value.quantize(Decimal("0.01"), rounding=ROUNDING)


def use_bankers_rounding() -> None:
    global ROUNDING
    ROUNDING = ROUND_HALF_EVEN
