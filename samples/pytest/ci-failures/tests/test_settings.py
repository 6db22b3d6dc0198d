import pytest

from app.settings import get_settings


# The parameter gives the test an id with a space, a quote and brackets, as CI reports print it.
@pytest.mark.parametrize("customer", ["new customer's [eu] cart"])
def test_default_region_is_eu(customer):
    assert get_settings()["region"] == "eu", customer


def test_currency():
    assert get_settings()["currency"] == "EUR"
