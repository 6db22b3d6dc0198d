from app import flags


def test_admin_can_turn_on_express_checkout():
    flags.turn_on("express_checkout")
    assert flags.enabled("express_checkout")


def test_unknown_flags_are_refused():
    try:
        flags.turn_on("teleport")
    except KeyError:
        return
    raise AssertionError("an unknown flag was accepted")
