import unittest

from app.exporters import Exporter


class PdfPluginTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The plugin registers its exporter once for the class; no tearDownClass removes it from the registry.
        @Exporter.register("pdf")
        class PdfExporter(Exporter):
            def render(self, rows):
                return b"%PDF-1.7"

        cls.exporter = PdfExporter

    def test_pdf_is_registered(self):
        self.assertIs(Exporter.registry["pdf"], self.exporter)

    def test_pdf_renders_bytes(self):
        self.assertTrue(self.exporter().render([]).startswith(b"%PDF"))


if __name__ == "__main__":
    unittest.main()
