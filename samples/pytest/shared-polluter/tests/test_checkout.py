from app import checkout


def test_checkout_asks_for_the_address_first():
    assert checkout.steps()[0] == "address"


def test_checkout_ends_with_payment():
    assert checkout.steps()[-1] == "pay"
