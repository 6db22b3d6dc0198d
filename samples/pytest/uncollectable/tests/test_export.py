# Left behind by a rename (parse_amount became currencies.parse in another branch): this file no longer imports.
from app.currencies import parse_amount


def test_parse_amount():
    assert parse_amount("€3.00") == ("EUR", 3.0)
