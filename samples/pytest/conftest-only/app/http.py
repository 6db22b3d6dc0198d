"""A tiny HTTP client whose defaults come from a module-level dict."""

DEFAULTS = {"timeout": 30, "retries": 2}


class Client:
    def __init__(self, base_url, **overrides):
        self.base_url = base_url
        self.options = {**DEFAULTS, **overrides}

    def describe(self):
        return f"{self.base_url} (timeout {self.options['timeout']} s, {self.options['retries']} retries)"
