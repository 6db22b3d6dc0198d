import psycopg
import pytest

from app.shop import add_product, price_of


def test_price_of_unknown_product_raises(db):
    with pytest.raises(KeyError):
        price_of(db, "NOPE-99")


def test_new_product_is_priced(db):
    add_product(db, "POT-03", "Teapot", 2500)
    assert price_of(db, "POT-03") == 2500


def test_negative_price_is_refused(db):
    with pytest.raises(psycopg.errors.CheckViolation):
        add_product(db, "BAD-00", "Refund voucher", -100)
