from app.shop import daily_report


def test_daily_report_starts_empty(db):
    assert daily_report(db) == {"orders": 0, "items": 0}


def test_daily_report_counts_an_order_placed_today(db):
    before = daily_report(db)
    order_id = db.execute("INSERT INTO orders (customer) VALUES ('carol') RETURNING id").fetchone()[0]
    db.execute("INSERT INTO order_lines VALUES (%s, 'MUG-02', 3)", (order_id,))
    assert daily_report(db) == {"orders": before["orders"] + 1, "items": before["items"] + 3}
