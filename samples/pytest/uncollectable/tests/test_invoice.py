from app import currencies


def test_unknown_currency_is_spelled_out():
    assert currencies.format_amount("CHF", 2) == "CHF 2.00"
