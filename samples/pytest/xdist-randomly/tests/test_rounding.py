from decimal import Decimal

import pytest

from app.invoice import round_amount


@pytest.mark.parametrize(
    "raw, expected",
    [("0.125", "0.12"), ("0.135", "0.14"), ("2.5", "2.50"), ("-1.005", "-1.00")],
)
def test_round_amount_is_bankers(raw, expected):
    assert round_amount(raw) == Decimal(expected)
