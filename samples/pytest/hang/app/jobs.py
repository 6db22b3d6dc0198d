"""A tiny job queue with a worker process and a module-level default priority."""
import subprocess
import sys
import time

DEFAULT_PRIORITY = 5


def start_worker(marker: str) -> subprocess.Popen:
    # The worker outlives a test that forgets to stop it; the marker lets anyone find it in `ps`.
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)", marker])


def wait_for_empty_queue(poll_seconds: float = 0.5) -> None:
    # The queue is never drained in tests: this waits forever.
    while True:
        time.sleep(poll_seconds)


def enqueue(name: str, priority: int | None = None) -> tuple[str, int]:
    return (name, DEFAULT_PRIORITY if priority is None else priority)
