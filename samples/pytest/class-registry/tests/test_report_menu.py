import unittest

from app.exporters import Exporter


class ReportMenuTests(unittest.TestCase):
    def test_menu_offers_the_built_in_exporters(self):
        self.assertEqual(Exporter.names(), ["csv", "json"])


if __name__ == "__main__":
    unittest.main()
