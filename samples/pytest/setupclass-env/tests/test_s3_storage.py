import os
import unittest

from app import storage


class S3StorageTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Set once for the class by assignment, and never put back in a tearDownClass.
        os.environ["STORAGE_BACKEND"] = "s3"

    def test_location_is_a_bucket_key(self):
        self.assertEqual(storage.location("a.pdf"), "s3://documents/a.pdf")

    def test_backend_name(self):
        self.assertEqual(storage.backend(), "s3")


if __name__ == "__main__":
    unittest.main()
