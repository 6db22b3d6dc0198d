import pytest

from app.shop import cart_total, place_order


def test_empty_order_is_refused(pool):
    with pytest.raises(ValueError):
        place_order(pool, "bob", {})


def test_checkout_places_order(pool):
    # Goes through the real checkout, which commits: the order it saves stays in the database.
    order_id = place_order(pool, "alice", {"TEA-01": 2})
    with pool.connection() as conn:
        assert conn.execute("SELECT customer FROM orders WHERE id = %s", (order_id,)).fetchone() == ("alice",)


def test_cart_total_adds_quantities(db):
    assert cart_total(db, {"TEA-01": 2, "MUG-02": 1}) == 2100
