import pytest

from app.db import connect


@pytest.fixture
def db():
    connection = connect()
    yield connection
    connection.close()
