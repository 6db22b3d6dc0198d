from decimal import Decimal

from app import pricing


def test_export_line_format():
    assert f"{pricing.price('3.50'):>8}" == "    3.50"


def test_bankers_rounding_for_export():
    pricing.use_bankers_rounding()
    assert pricing.price("0.125") == Decimal("0.12")
