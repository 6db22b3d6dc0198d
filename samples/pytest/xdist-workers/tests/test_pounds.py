from decimal import Decimal

from app.shipping import KG_PER_LB


def test_pound_is_less_than_a_kilo():
    assert KG_PER_LB < 1


def test_pound_has_eight_decimals():
    assert KG_PER_LB.as_tuple().exponent == -8


def test_ten_pounds_in_kilos():
    assert 10 * KG_PER_LB == Decimal("4.5359237")
