"""Where uploaded documents are stored: the backend comes from STORAGE_BACKEND, read on every call."""

import os


def backend():
    return os.environ.get("STORAGE_BACKEND", "local")


def location(name):
    if backend() == "s3":
        return "s3://documents/" + name
    return "/var/lib/documents/" + name
