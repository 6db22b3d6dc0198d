"""A tiny JSON API client built on an injectable transport."""

import json

from app.retry import RetryPolicy, call_with_retry


class ApiClient:
    def __init__(self, transport, policy=RetryPolicy(), sleep=None):
        self.transport = transport
        self.policy = policy
        self.sleep = sleep

    def get_json(self, path):
        kwargs = {"sleep": self.sleep} if self.sleep else {}
        body = call_with_retry(lambda: self.transport(path), self.policy, **kwargs)
        return json.loads(body)
