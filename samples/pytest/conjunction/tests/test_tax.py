from decimal import Decimal

import pytest

from app import tax
from app.cart import Cart


def test_unknown_region_rejected():
    with pytest.raises(LookupError):
        tax.rate_for("XX")


def test_total_includes_vat():
    cart = Cart()
    cart.add("kettle", "80.00")
    cart.add("filter", "10.00", 2)
    assert cart.total("DE") == Decimal("119.00")


def test_local_rates_are_fractions():
    assert all(Decimal("0") < rate < Decimal("1") for rate in tax.LOCAL_RATES.values())
