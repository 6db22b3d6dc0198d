"""The shop's PostgreSQL access: DATABASE_URL names the database (created once by `python3 -m app.db`)."""
import os

from psycopg import connect
from psycopg_pool import ConnectionPool

SCHEMA = """
CREATE TABLE products (
    sku text PRIMARY KEY,
    name text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0)
);
CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer text NOT NULL,
    placed_on date NOT NULL DEFAULT current_date
);
CREATE TABLE order_lines (
    order_id integer NOT NULL REFERENCES orders (id),
    sku text NOT NULL REFERENCES products (sku),
    quantity integer NOT NULL CHECK (quantity > 0)
);
INSERT INTO products VALUES ('TEA-01', 'Green tea', 450), ('MUG-02', 'Stoneware mug', 1200);
"""


def create_pool():
    # Two connections, the size the app runs with: a test may hold one while the code under test takes the other.
    return ConnectionPool(os.environ["DATABASE_URL"], min_size=2, max_size=2, open=False, name="shop")


def create_schema():
    """Loads the schema and catalogue into the (empty) database DATABASE_URL names."""
    with connect(os.environ["DATABASE_URL"]) as conn:
        conn.execute(SCHEMA)


if __name__ == "__main__":
    create_schema()
