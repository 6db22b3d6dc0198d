"""A registry of exporters that plugins add themselves to."""

EXPORTERS = ["csv", "json"]


def register(name):
    if name not in EXPORTERS:
        EXPORTERS.append(name)


def menu():
    return ", ".join(sorted(EXPORTERS))
