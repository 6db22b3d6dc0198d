from app.pricing import with_vat


def test_vat_on_round_amount():
    assert with_vat(100) == 119.0


def test_vat_rounds_half_up():
    assert with_vat(10.05) == 11.96
