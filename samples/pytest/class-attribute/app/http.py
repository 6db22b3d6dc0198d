"""The HTTP client the shop uses to call its partners: its defaults are class attributes of Settings."""


class Settings:
    timeout = 30
    retries = 3

    @classmethod
    def describe(cls):
        return f"timeout={cls.timeout}s retries={cls.retries}"


def request_options(url):
    return {"url": url, "timeout": Settings.timeout, "retries": Settings.retries}
