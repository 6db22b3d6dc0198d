import os

from app.payments import charge


def test_checkout_in_sandbox():
    # Plain assignment instead of monkeypatch.setenv: the variable stays set for every later test.
    os.environ["PAYMENTS_MODE"] = "sandbox"
    assert charge(10)["url"] == "https://sandbox.pay.example"


def test_checkout_amount():
    assert charge(5)["amount"] == 5
