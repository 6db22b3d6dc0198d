import pytest

from app.http import Client


@pytest.fixture
def client():
    return Client("https://api.example.test")
