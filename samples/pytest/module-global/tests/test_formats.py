import pytest

from app import formats


def shout(rows):
    return formats.to_json(rows).upper()


def test_normalize_name_folds_case_and_accents():
    assert formats.normalize_name("  JSÖN ") == "json"


def test_register_rejects_empty_name():
    with pytest.raises(ValueError):
        formats.register("   ", shout)


@pytest.mark.parametrize("label", ["plain", "with space", "ünïcode, v2"])
def test_lookup_is_normalized(label):
    formats.FORMATTERS[formats.normalize_name(label)] = shout
    try:
        assert formats.get(label.upper()) is shout
    finally:
        formats.FORMATTERS.pop(label, None)


def test_get_without_name_returns_default():
    assert formats.get() is formats.to_json
