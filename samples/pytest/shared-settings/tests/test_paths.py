from app import export, report, units


def test_exports_go_to_the_exports_folder():
    assert export.export_path("b.csv") == "exports/b.csv"


def test_distance_in_km():
    assert report.distance(3) == "3 km" and units.unit() == "km"
