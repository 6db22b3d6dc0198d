"""Shipping quotes: a rate per kilogram and process-wide settings that every quote reads."""

from decimal import Decimal

SETTINGS = {"unit": "kg", "free_shipping": False}
RATE_PER_KG = Decimal("4.50")
KG_PER_LB = Decimal("0.45359237")


def quote(weight, unit=None):
    """The price of shipping a parcel of `weight` (in `unit`, default the configured one)."""
    if SETTINGS["free_shipping"]:
        return Decimal("0.00")
    unit = unit or SETTINGS["unit"]
    kilos = Decimal(str(weight)) * (KG_PER_LB if unit == "lb" else 1)
    return (kilos * RATE_PER_KG).quantize(Decimal("0.01"))
