import os
import shutil
import tempfile

# The outbox is a SQLite file outside the project, in a fresh folder for each pytest run: runs never share it.
_FOLDER = tempfile.mkdtemp(prefix="outbox-sample-")
os.environ["OUTBOX_DB"] = os.path.join(_FOLDER, "outbox.sqlite")


def pytest_unconfigure(config):
    shutil.rmtree(_FOLDER, ignore_errors=True)
