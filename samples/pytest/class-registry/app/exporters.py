"""Report exporters: each subclass registers itself on Exporter.registry under a name."""


class Exporter:
    registry = {}

    @classmethod
    def register(cls, name):
        def decorate(exporter_class):
            cls.registry[name] = exporter_class
            return exporter_class

        return decorate

    @classmethod
    def names(cls):
        return sorted(cls.registry)


@Exporter.register("csv")
class CsvExporter(Exporter):
    def render(self, rows):
        return "\n".join(",".join(map(str, row)) for row in rows)


@Exporter.register("json")
class JsonExporter(Exporter):
    def render(self, rows):
        return repr(rows)
