import logging
import os

log = logging.getLogger("app.payments")


def gateway_url():
    # Read on every call: whoever set PAYMENTS_MODE last decides.
    if os.environ.get("PAYMENTS_MODE") == "sandbox":
        return "https://sandbox.pay.example"
    return "https://pay.example"


def charge(amount):
    log.debug("charging %s", amount)
    return {"url": gateway_url(), "amount": amount}
