import logging

from app.payments import charge


def test_debug_logging_of_charges():
    # Leaves the logger at DEBUG: a leak too, but not one the victim reads.
    logging.getLogger("app.payments").setLevel(logging.DEBUG)
    assert charge(1)["amount"] == 1
