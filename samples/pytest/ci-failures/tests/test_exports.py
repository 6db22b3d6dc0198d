from app import exporters


def test_export_rows_as_csv():
    assert exporters.export("csv", [1, 2, 3]) == "1,2,3"


def test_export_empty():
    assert exporters.default_exporter([]) == ""
