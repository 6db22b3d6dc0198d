import pytest

from app.users import normalize_email


def test_normalize_lowercases_and_strips():
    assert normalize_email("  Ada@Example.COM ") == "ada@example.com"


@pytest.mark.parametrize("bad", ["", "ada", "ada@", "ada@example", "a da@example.com"])
def test_rejects_invalid(bad):
    with pytest.raises(ValueError):
        normalize_email(bad)
