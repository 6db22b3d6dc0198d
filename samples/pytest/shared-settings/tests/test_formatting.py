from app import report, units


def test_distance_is_labelled():
    assert report.distance(1).endswith(units.unit())


def test_unit_is_short():
    assert len(units.unit()) <= 3
