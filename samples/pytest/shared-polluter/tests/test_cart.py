from app import cart


def test_total_adds_every_line():
    assert cart.total([(2, 5), (1, 3)]) == 13


def test_only_standard_shipping_by_default():
    assert cart.shipping_options() == ["standard"]
