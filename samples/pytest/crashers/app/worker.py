"""Sends queued e-mails one by one."""


def run(jobs):
    """Run each job; a failing job is recorded and the worker carries on."""
    sent, failed = [], []
    for job in jobs:
        try:
            sent.append(job())
        except Exception as exc:
            failed.append(repr(exc))
    return sent, failed
