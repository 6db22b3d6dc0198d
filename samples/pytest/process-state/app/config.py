"""Settings from a dict. Renamed keys still work, with a DeprecationWarning."""
import warnings

RENAMED = {"colour": "color"}


def read(raw):
    settings = {}
    for key, value in raw.items():
        if key in RENAMED:
            warnings.warn(f"'{key}' is deprecated, use '{RENAMED[key]}'", DeprecationWarning, stacklevel=2)
            key = RENAMED[key]
        settings[key] = value
    return settings
