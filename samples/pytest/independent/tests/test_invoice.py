from decimal import Decimal

from app import pricing


def test_invoice_total_rounds_half_up():
    assert pricing.price("10.005") == Decimal("10.01")


def test_invoice_zero():
    assert pricing.price("0") == Decimal("0.00")
