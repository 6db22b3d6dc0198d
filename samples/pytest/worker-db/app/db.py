import os
import sqlite3
import tempfile
from pathlib import Path


def database_path():
    # One database per pytest-xdist worker, as suites that run with -n do: gw0 and gw1 never share rows.
    folder = Path(os.environ.get("WORKER_DB_DIR", Path(tempfile.gettempdir()) / "worker-db-sample"))
    return folder / ("%s.sqlite" % os.environ.get("PYTEST_XDIST_WORKER", "gw0"))


def connect():
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY)")
    return connection
