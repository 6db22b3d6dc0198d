from app import units


def test_summary_in_kilometres():
    assert units.show_distance(42.195) == "42.2 km"


def test_zero_distance():
    assert units.show_distance(0).startswith("0.0 ")
