import unittest

from app import storage


class UploadTests(unittest.TestCase):
    def test_upload_goes_to_local_disk(self):
        self.assertEqual(storage.location("b.pdf"), "/var/lib/documents/b.pdf")


if __name__ == "__main__":
    unittest.main()
