"""Command-line front end for exporting reports."""

from app import formats

USAGE = "usage: export-report [--format FORMAT] REPORT"


def help_text():
    return "\n".join([USAGE, "", "formats: " + ", ".join(formats.available())])


def export(rows, fmt=None):
    return formats.get(fmt)(rows)
