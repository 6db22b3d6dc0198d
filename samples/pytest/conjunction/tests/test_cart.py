from decimal import Decimal

import pytest

from app.cart import Cart


def test_subtotal_sums_lines():
    cart = Cart()
    cart.add("mug", "12.50", 2)
    cart.add("tea", "5.00")
    assert cart.subtotal() == Decimal("30.00")


def test_quantity_must_be_positive():
    with pytest.raises(ValueError):
        Cart().add("mug", "12.50", 0)


def test_empty_cart_has_no_tax():
    assert Cart().total("DE") == Decimal("0.00")
