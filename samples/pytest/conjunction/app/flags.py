"""In-process feature flags with per-process overrides."""

DEFAULTS = {
    "remote_tax": False,
    "express_shipping": True,
    "new_cart_ui": False,
}

_overrides = {}


def is_enabled(name):
    if name not in DEFAULTS:
        raise KeyError(f"unknown feature flag: {name!r}")
    return _overrides.get(name, DEFAULTS[name])


def enable(name):
    is_enabled(name)  # validates the name
    _overrides[name] = True


def disable(name):
    is_enabled(name)
    _overrides[name] = False


def reset():
    _overrides.clear()
