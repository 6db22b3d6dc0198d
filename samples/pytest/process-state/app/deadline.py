"""A time limit on a block of code, with SIGALRM. One at a time: it refuses to start while SIGALRM has a handler."""
import signal
from contextlib import contextmanager


class DeadlineExceeded(Exception):
    pass


@contextmanager
def deadline(seconds):
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None):
        raise RuntimeError("SIGALRM already has a handler: another deadline or watchdog is active")

    def expire(signum, frame):
        raise DeadlineExceeded(f"took longer than {seconds} s")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
