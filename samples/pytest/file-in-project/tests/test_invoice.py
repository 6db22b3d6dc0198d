from app import preferences


def format_total(cents):
    currency = preferences.load()["currency"]
    return f"{cents / 100:.2f} {currency}"


def test_total_is_shown_in_euros():
    assert format_total(1999) == "19.99 EUR"


def test_zero_total():
    assert format_total(0).startswith("0.00")
