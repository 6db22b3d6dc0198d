"""The cart: line totals, and the shipping options shown under them."""

from app import flags


def shipping_options():
    options = ["standard"]
    if flags.enabled("express_checkout"):
        options.append("express")
    return options


def total(lines):
    return sum(quantity * price for quantity, price in lines)
