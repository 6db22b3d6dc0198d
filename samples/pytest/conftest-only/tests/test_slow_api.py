from app import http


def test_slow_endpoint_gets_a_longer_timeout():
    http.DEFAULTS["timeout"] = 120
    assert http.Client("https://slow.example.test").options["timeout"] == 120


def test_retries_are_limited():
    assert http.DEFAULTS["retries"] <= 3
