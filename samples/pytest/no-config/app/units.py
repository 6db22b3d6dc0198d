"""Distances for the trip summary, in the unit the user chose."""

DISPLAY_UNIT = "km"
_PER_KM = {"km": 1.0, "mi": 0.621371}


def show_distance(km):
    return f"{km * _PER_KM[DISPLAY_UNIT]:.1f} {DISPLAY_UNIT}"
