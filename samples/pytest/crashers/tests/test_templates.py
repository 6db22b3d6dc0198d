import pytest

from app import templates


def test_placeholders():
    assert templates.placeholders("reset") == ["link", "name"]


def test_render_welcome():
    assert templates.render("welcome", name="Ada") == "Hello, Ada! Thanks for signing up."


def test_missing_value_is_reported():
    with pytest.raises(KeyError, match="order"):
        templates.render("receipt", name="Ada")


def test_unknown_template():
    with pytest.raises(LookupError):
        templates.render("newsletter", name="Ada")
