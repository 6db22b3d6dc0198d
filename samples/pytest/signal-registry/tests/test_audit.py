from app import orders, signals


def test_nothing_listens_to_refunds():
    assert signals.send("refund_issued", order_id=1) == []


def test_audit_log_hears_every_order():
    seen = []
    # Connected for the rest of the run: nothing disconnects the receiver after the test.
    signals.connect("order_placed", lambda order_id: seen.append(order_id))
    orders.place(7)
    assert seen == [7]


def test_receivers_get_the_order_id():
    signals.RECEIVERS["order_shipped"].clear()
    signals.connect("order_shipped", lambda order_id: order_id * 10)
    try:
        assert signals.send("order_shipped", order_id=3) == [30]
    finally:
        signals.RECEIVERS["order_shipped"].clear()
