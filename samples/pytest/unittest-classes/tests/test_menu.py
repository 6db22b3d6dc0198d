import unittest

from app import plugins


class MenuTests(unittest.TestCase):
    def test_menu_lists_builtin_exporters(self):
        self.assertEqual(plugins.menu(), "csv, json")

    def test_menu_is_sorted(self):
        items = plugins.menu().split(", ")
        self.assertEqual(items, sorted(items))


if __name__ == "__main__":
    unittest.main()
