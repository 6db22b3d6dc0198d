from app import currencies


def test_format_euro():
    assert currencies.format_amount("EUR", 3) == "€3.00"


def test_register_swiss_franc():
    # Registers for good: nothing takes the symbol out again.
    currencies.register("CHF", "Fr.")
    assert currencies.format_amount("CHF", 2) == "Fr.2.00"
