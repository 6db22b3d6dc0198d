_exporters = {}


def register(kind, exporter):
    _exporters[kind] = exporter


def export(kind, rows):
    exporter = _exporters.get(kind, default_exporter)
    return exporter(rows)


def default_exporter(rows):
    return ",".join(str(row) for row in rows)
