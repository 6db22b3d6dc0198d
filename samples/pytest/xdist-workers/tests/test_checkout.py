from app import shipping
from app.shipping import quote


def test_checkout_shows_the_quote():
    assert quote(3) == quote(3, unit="kg")


def test_weekend_promo_ships_free():
    shipping.SETTINGS["free_shipping"] = True  # the promo is switched on and never off again
    assert quote(12) == 0
