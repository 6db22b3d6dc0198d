import time

from app import metrics


def test_heartbeat_is_recorded():
    metrics.start_heartbeat(0.01)  # the stop event it returns is dropped: the thread beats until the process ends
    give_up = time.monotonic() + 2
    while "heartbeat" not in metrics.RECORDER.samples and time.monotonic() < give_up:
        time.sleep(0.005)
    assert "heartbeat" in metrics.RECORDER.samples


def test_flush_sends_what_was_recorded():
    metrics.RECORDER.flush(linger=0)  # starts from an empty batch
    metrics.RECORDER.record("login")
    assert metrics.RECORDER.flush() == ["login"]
