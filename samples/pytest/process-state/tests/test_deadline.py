import signal
import time

import pytest

from app.deadline import DeadlineExceeded, deadline


def test_watchdog_alarm_fires():
    fired = []

    def on_alarm(signum, frame):
        fired.append(signum)

    signal.signal(signal.SIGALRM, on_alarm)  # the previous handler (SIG_DFL) is never put back
    signal.setitimer(signal.ITIMER_REAL, 0.01)
    give_up = time.monotonic() + 2
    while not fired and time.monotonic() < give_up:
        time.sleep(0.005)
    assert fired == [signal.SIGALRM]


def test_slow_query_is_cut_short():
    with pytest.raises(DeadlineExceeded):
        with deadline(0.05):
            time.sleep(1)
