import pytest

from app.shipping import quote


class TestRounding:
    @pytest.mark.parametrize("weight, unit", [(1, "kg"), ("0.333", "kg"), (2, "lb")])
    def test_rounds_to_cents(self, weight, unit):
        assert quote(weight, unit=unit).as_tuple().exponent == -2


def test_two_kilo_parcel_costs_nine_euros():
    assert quote(2) == 9
