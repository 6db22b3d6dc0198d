from app import shipping
from app.shipping import quote


def test_audit_lists_the_quote_in_kilos():
    assert f"{quote(1, unit='kg')} EUR" == "4.50 EUR"


def test_export_for_us_customers_uses_pounds():
    shipping.SETTINGS["unit"] = "lb"  # never put back: every later quote is read in pounds
    assert quote(10) == quote(4.5359237, unit="kg")
