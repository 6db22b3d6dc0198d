from app import http
from app.http import Settings


def test_default_timeout_is_thirty_seconds():
    assert http.request_options("https://pay.example/api")["timeout"] == 30


def test_settings_describe_themselves():
    assert Settings.describe().startswith("timeout=")
