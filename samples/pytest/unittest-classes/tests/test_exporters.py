import unittest

from app import plugins


class RegisterTests(unittest.TestCase):
    def test_register_adds_exporter(self):
        plugins.register("xlsx")
        self.assertIn("xlsx", plugins.EXPORTERS)

    def test_register_is_idempotent(self):
        plugins.register("csv")
        self.assertEqual(plugins.EXPORTERS.count("csv"), 1)


if __name__ == "__main__":
    unittest.main()
