import pytest

from app import flags


def test_defaults():
    assert flags.is_enabled("express_shipping")
    assert not flags.is_enabled("new_cart_ui")


def test_unknown_flag_raises():
    with pytest.raises(KeyError):
        flags.is_enabled("dark_mode")


def test_enable_remote_tax():
    flags.enable("remote_tax")
    assert flags.is_enabled("remote_tax")


def test_enable_unknown_flag_raises():
    with pytest.raises(KeyError):
        flags.enable("dark_mode")
