import warnings

from app import config


def test_current_keys_raise_no_warning():
    # Meant for this test only (warnings.catch_warnings() would scope it): every later warning is now an error.
    warnings.simplefilter("error")
    assert config.read({"color": "red"}) == {"color": "red"}


def test_renamed_key_still_works():
    assert config.read({"colour": "red"}) == {"color": "red"}
