import pytest

from app.cli import export

ROWS = [{"id": 1, "name": "alpha"}, {"id": 2, "name": "beta"}]


def test_export_defaults_to_json():
    assert export(ROWS) == '[{"id": 1, "name": "alpha"}, {"id": 2, "name": "beta"}]'


def test_export_csv():
    assert export(ROWS, "CSV") == "id,name\n1,alpha\n2,beta\n"


def test_export_empty_csv():
    assert export([], "csv") == ""


def test_unknown_format():
    with pytest.raises(LookupError, match="unknown export format"):
        export(ROWS, "xlsx")
