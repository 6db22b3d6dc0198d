"""Retry with exponential backoff and jitter."""

import random
import time
from dataclasses import dataclass

# Private generator so jitter does not depend on (or disturb) the global random state.
_rng = random.Random()


@dataclass(frozen=True)
class RetryPolicy:
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_attempts: int = 4

    def delay(self, attempt):
        """Seconds to wait before retry number ``attempt`` (0-based): exponential, +/-50% jitter."""
        raw = min(self.max_delay, self.base_delay * 2 ** attempt)
        return raw * (0.5 + _rng.random())


class RetriesExhausted(Exception):
    pass


def call_with_retry(fn, policy=RetryPolicy(), retry_on=(TimeoutError, ConnectionError), sleep=time.sleep):
    for attempt in range(policy.max_attempts):
        try:
            return fn()
        except retry_on as exc:
            last_error = exc
            if attempt + 1 < policy.max_attempts:
                sleep(policy.delay(attempt))
    raise RetriesExhausted(f"gave up after {policy.max_attempts} attempts") from last_error
