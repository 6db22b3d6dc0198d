import fcntl
import os
import tempfile
from pathlib import Path

# Stands in for an upstream service that throttles every other request: its state lives outside the test process.
STATE = Path(os.environ.get("QUOTA_SERVICE_STATE", Path(tempfile.gettempdir()) / "ci-failures-sample-quota-service"))


def fetch_quota():
    # Locked: runs alone side by side must count their calls one by one.
    with open(STATE, "a+") as state:
        fcntl.flock(state, fcntl.LOCK_EX)
        state.seek(0)
        calls = int(state.read() or 0) + 1
        state.seek(0)
        state.truncate()
        state.write(str(calls))
    if calls % 2 == 1:
        raise TimeoutError("upstream throttled the request")
    return 100
