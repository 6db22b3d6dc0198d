from app import signals


def place(order_id):
    notified = signals.send("order_placed", order_id=order_id)
    return {"order": order_id, "notified": len(notified)}
