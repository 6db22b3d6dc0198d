"""Outgoing mail: the SMTP host comes from SMTP_HOST, read on every send."""

import os


def smtp_host():
    return os.environ.get("SMTP_HOST", "smtp.example.com")


def send(to, subject):
    return {"host": smtp_host(), "to": to, "subject": subject}
