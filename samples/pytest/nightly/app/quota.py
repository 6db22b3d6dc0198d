import os
import tempfile
from pathlib import Path

# Stands in for an upstream service that throttles every other request: its state lives outside the test process.
STATE = Path(os.environ.get("QUOTA_SERVICE_STATE", Path(tempfile.gettempdir()) / "nightly-sample-quota-service"))


def fetch_quota():
    calls = int(STATE.read_text()) + 1 if STATE.exists() else 1
    STATE.write_text(str(calls))
    if calls % 2 == 1:
        raise TimeoutError("upstream throttled the request")
    return 100
