"""The checkout: the steps a customer goes through."""

from app import flags


def steps():
    if flags.enabled("express_checkout"):
        return ["pay"]
    return ["address", "shipping", "pay"]
