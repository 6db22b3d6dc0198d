import pytest

from app.retry import RetryPolicy


def test_delay_grows_exponentially():
    policy = RetryPolicy(base_delay=1.0)
    assert 4.0 <= policy.delay(3) <= 12.0


def test_delay_is_capped():
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0)
    assert policy.delay(10) <= 7.5


def test_first_retry_waits_at_most_base_delay():
    policy = RetryPolicy(base_delay=0.2)
    assert policy.delay(0) <= policy.base_delay


@pytest.mark.parametrize("attempt", [0, 1, 2])
def test_delay_is_positive(attempt):
    assert RetryPolicy().delay(attempt) > 0
