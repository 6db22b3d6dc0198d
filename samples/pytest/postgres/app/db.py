"""The shop's PostgreSQL access: one connection pool per process.

Where the server is comes from libpq's own environment (PGHOST: a host or a socket directory, PGPORT, PGUSER);
the database name is the caller's.
"""
from psycopg import connect, sql
from psycopg.conninfo import make_conninfo
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


def create_pool(dbname):
    # Two connections, the size the app runs with: a test may hold one while the code under test takes the other.
    return ConnectionPool(make_conninfo(dbname=dbname), min_size=2, max_size=2, open=False, name="shop")


def create_database(dbname, replace=False):
    """Creates the database with its schema and catalogue; an existing one is kept unless `replace`."""
    # CREATE and DROP DATABASE cannot run in a transaction, nor while connected to the database itself.
    with connect(dbname="postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if exists and not replace:
            return
        name = sql.Identifier(dbname)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    with connect(dbname=dbname) as conn:
        conn.execute(SCHEMA)
