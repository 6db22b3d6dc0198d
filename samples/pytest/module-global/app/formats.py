"""Registry of export formats, looked up by (case- and accent-insensitive) name."""

import csv
import io
import json
import unicodedata


def to_json(rows):
    return json.dumps(rows, sort_keys=True)


def to_csv(rows):
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=sorted(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


FORMATTERS = {"csv": to_csv, "json": to_json}
DEFAULT_FORMAT = "json"


def normalize_name(name):
    """Fold a user-supplied format name to its registry key ("CSV" -> "csv", "Jsön" -> "json")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return folded.strip().lower()


def register(name, formatter):
    key = normalize_name(name)
    if not key:
        raise ValueError(f"invalid format name: {name!r}")
    FORMATTERS[key] = formatter
    return key


def get(name=None):
    key = normalize_name(name or DEFAULT_FORMAT)
    try:
        return FORMATTERS[key]
    except KeyError:
        raise LookupError(f"unknown export format: {name!r}") from None


def available():
    return sorted(FORMATTERS)
