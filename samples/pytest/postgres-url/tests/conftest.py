import pytest

from app.db import create_pool


@pytest.fixture(scope="session")
def pool():
    # One database for the whole suite, the one DATABASE_URL names, as many projects' test settings do.
    with create_pool() as pool:
        yield pool


@pytest.fixture
def db(pool):
    """A pool connection in a transaction rolled back after the test: what a test adds, no other test sees."""
    with pool.connection() as conn, conn.transaction(force_rollback=True):
        yield conn
