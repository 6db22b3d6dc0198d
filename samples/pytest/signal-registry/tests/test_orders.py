from app import orders


def test_placing_an_order_notifies_no_one_by_default():
    assert orders.place(1) == {"order": 1, "notified": 0}


def test_order_id_is_kept():
    assert orders.place(2)["order"] == 2
