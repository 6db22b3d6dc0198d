from app import units


def test_user_can_switch_to_miles():
    units.DISPLAY_UNIT = "mi"
    assert units.show_distance(10) == "6.2 mi"


def test_known_units():
    assert set(units._PER_KM) == {"km", "mi"}
