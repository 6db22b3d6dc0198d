import pytest

from app.retry import RetriesExhausted, RetryPolicy, call_with_retry


def flaky_fn(failures, exc=TimeoutError):
    calls = []

    def fn():
        calls.append(1)
        if len(calls) <= failures:
            raise exc("upstream timed out")
        return "ok"

    return fn, calls


def test_returns_after_transient_failures():
    fn, calls = flaky_fn(2)
    sleeps = []
    assert call_with_retry(fn, RetryPolicy(max_attempts=3), sleep=sleeps.append) == "ok"
    assert len(calls) == 3 and len(sleeps) == 2


def test_gives_up_after_max_attempts():
    fn, calls = flaky_fn(10)
    with pytest.raises(RetriesExhausted):
        call_with_retry(fn, RetryPolicy(max_attempts=4), sleep=lambda s: None)
    assert len(calls) == 4


def test_non_retryable_errors_propagate():
    fn, calls = flaky_fn(1, exc=KeyError)
    with pytest.raises(KeyError):
        call_with_retry(fn, sleep=lambda s: None)
    assert len(calls) == 1
