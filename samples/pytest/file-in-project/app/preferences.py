"""User preferences: built-in defaults, overridden by a `.preferences.json` saved in the working directory."""
import json
from pathlib import Path

DEFAULTS = {"currency": "EUR", "theme": "light", "page_size": 20}
SAVED = Path(".preferences.json")


def load():
    prefs = dict(DEFAULTS)
    if SAVED.exists():
        prefs.update(json.loads(SAVED.read_text()))
    return prefs


def save(**changes):
    prefs = load()
    prefs.update(changes)
    SAVED.write_text(json.dumps(prefs))
    return prefs
