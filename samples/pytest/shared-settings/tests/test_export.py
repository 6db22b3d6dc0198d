import tempfile

from app import export
from app.settings import SETTINGS


def test_export_into_a_scratch_dir():
    SETTINGS["export_dir"] = tempfile.gettempdir()
    assert export.export_path("a.csv").endswith("a.csv")
