"""The shop's operations. Most take a connection and leave committing to the caller; `place_order` owns its
transaction, as a request handler does."""


def price_of(conn, sku):
    row = conn.execute("SELECT price_cents FROM products WHERE sku = %s", (sku,)).fetchone()
    if row is None:
        raise KeyError(sku)
    return row[0]


def add_product(conn, sku, name, price_cents):
    conn.execute("INSERT INTO products VALUES (%s, %s, %s)", (sku, name, price_cents))


def cart_total(conn, lines):
    """Cents for {sku: quantity}."""
    return sum(price_of(conn, sku) * quantity for sku, quantity in lines.items())


def place_order(pool, customer, lines):
    """Saves an order and its lines in one transaction, committed when the pool hands the connection back."""
    if not lines:
        raise ValueError("an order needs at least one line")
    with pool.connection() as conn:
        order_id = conn.execute("INSERT INTO orders (customer) VALUES (%s) RETURNING id", (customer,)).fetchone()[0]
        for sku, quantity in lines.items():
            conn.execute("INSERT INTO order_lines VALUES (%s, %s, %s)", (order_id, sku, quantity))
    return order_id


def daily_report(conn):
    orders, items = conn.execute(
        "SELECT count(DISTINCT o.id), coalesce(sum(l.quantity), 0) FROM orders o"
        " LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.placed_on = current_date"
    ).fetchone()
    return {"orders": orders, "items": items}
