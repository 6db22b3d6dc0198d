import os

import pytest

from app.db import create_database, create_pool


def worker_database():
    # One database per pytest-xdist worker, as suites that run with -n keep them: shop_gw0 and shop_gw1 never
    # share rows; shop_main without xdist.
    return "shop_%s" % os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def pool():
    name = worker_database()
    create_database(name)  # kept between runs (as with --reuse-db): reset_db.py starts it afresh
    with create_pool(name) as pool:
        yield pool


@pytest.fixture
def db(pool):
    """A pool connection in a transaction rolled back after the test: what a test adds, no other test sees."""
    with pool.connection() as conn, conn.transaction(force_rollback=True):
        yield conn
