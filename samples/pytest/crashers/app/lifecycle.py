"""Process lifecycle helpers for the mail worker."""

import logging
import os
import sys

log = logging.getLogger(__name__)

EXIT_FATAL = 3


def fatal(reason):
    """Log, flush and terminate immediately, skipping atexit handlers (used when the queue is corrupt)."""
    log.critical("fatal: %s", reason)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_FATAL)
